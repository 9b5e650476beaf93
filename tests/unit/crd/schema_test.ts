import assert from "node:assert/strict";
import {
  type Infer,
  type InferInput,
  KubeError,
  s,
  type SchemaIssue,
  type StandardSchemaV1,
} from "../../../mod.ts";
import { structuralProblems } from "./_structural.ts";

const at = (issues: SchemaIssue[]) => issues.map((i) => `${i.path.join(".")}: ${i.message}`);

/** Compile-time equality: true only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;
function assertType<_T extends true>() {}

Deno.test("s.string: schema with its constraints, type string, check of type, pattern and lengths", () => {
  const name = s.string({ pattern: "^[a-z]+$", minLength: 2, maxLength: 4 });
  assertType<Equal<Infer<typeof name>, string>>();
  assert.deepEqual(name.toJSONSchema(), {
    type: "string",
    pattern: "^[a-z]+$",
    minLength: 2,
    maxLength: 4,
  });
  assert.deepEqual(name.check("abc"), []);
  assert.deepEqual(at(name.check(7)), [": must be of type string, not integer"]);
  assert.deepEqual(at(name.check("ABCDE")), [
    ": must match the pattern ^[a-z]+$",
    ": must be at most 4 characters long",
  ]);
  assert.deepEqual(at(name.check("a")), [": must be at least 2 characters long"]);
  // Lengths count characters, as the server does, not UTF-16 units.
  assert.deepEqual(s.string({ maxLength: 2 }).check("😀😀"), []);
});

Deno.test("s.string format: the cheap formats are checked, unknown ones pass", () => {
  const when = s.string({ format: "date-time" });
  assert.deepEqual(when.check("2026-12-02T15:00:00Z"), []);
  assert.deepEqual(at(when.check("yesterday")), [": must be in the format date-time"]);
  assert.deepEqual(at(s.string({ format: "uuid" }).check("nope")), [
    ": must be in the format uuid",
  ]);
  assert.deepEqual(s.string({ format: "uuid" }).check("0c1e7c32-9b6f-4f61-8d5e-2e4b3f1c9a10"), []);
  assert.deepEqual(at(s.string({ format: "byte" }).check("not base64!")), [
    ": must be in the format byte",
  ]);
  assert.deepEqual(s.string({ format: "date" }).check("2024-02-29"), []);
  assert.deepEqual(at(s.string({ format: "date" }).check("2023-02-29")), [
    ": must be in the format date",
  ]);
  assert.deepEqual(s.string({ format: "password" }).check("anything"), []);
});

Deno.test("s.enum and s.literal: union types, enum in the schema, other values refused", () => {
  const mode = s.enum(["Fast", "Safe"]);
  const only = s.literal("v1");
  assertType<Equal<Infer<typeof mode>, "Fast" | "Safe">>();
  assertType<Equal<Infer<typeof only>, "v1">>();
  assert.deepEqual(mode.toJSONSchema(), { type: "string", enum: ["Fast", "Safe"] });
  assert.deepEqual(mode.check("Safe"), []);
  assert.deepEqual(at(mode.check("Slow")), [': must be one of "Fast", "Safe"']);
  const level = s.string({ enum: ["low", "high"], maxLength: 4 });
  assertType<Equal<Infer<typeof level>, "low" | "high">>();
  assert.deepEqual(level.toJSONSchema(), { type: "string", maxLength: 4, enum: ["low", "high"] });
  // @ts-expect-error: "Slow" is not one of the values
  const _bad: Infer<typeof mode> = "Slow";
});

Deno.test("s.integer and s.number: bounds, exclusive bounds, multipleOf, int32 range", () => {
  const replicas = s.integer({ minimum: 0, maximum: 10, format: "int32" });
  assertType<Equal<Infer<typeof replicas>, number>>();
  assert.deepEqual(replicas.toJSONSchema(), {
    type: "integer",
    minimum: 0,
    maximum: 10,
    format: "int32",
  });
  assert.deepEqual(at(replicas.check(1.5)), [": must be of type integer, not number"]);
  assert.deepEqual(at(replicas.check(-1)), [": must be greater than or equal to 0"]);
  assert.deepEqual(at(replicas.check(11)), [": must be less than or equal to 10"]);
  assert.deepEqual(at(s.integer({ format: "int32" }).check(2 ** 31)), [
    ": must fit in a 32-bit integer (format int32)",
  ]);
  const ratio = s.number({ minimum: 0, exclusiveMinimum: true, multipleOf: 0.5 });
  assert.deepEqual(ratio.check(1.5), []);
  assert.deepEqual(ratio.check(2), [], "an integer is a number");
  assert.deepEqual(at(ratio.check(0)), [": must be greater than 0"]);
  assert.deepEqual(at(ratio.check(0.7)), [": must be a multiple of 0.5"]);
  assert.deepEqual(at(ratio.check("1")), [": must be of type number, not string"]);
});

Deno.test("s.boolean: type boolean", () => {
  const on = s.boolean();
  assertType<Equal<Infer<typeof on>, boolean>>();
  assert.deepEqual(on.toJSONSchema(), { type: "boolean" });
  assert.deepEqual(at(on.check("true")), [": must be of type boolean, not string"]);
});

Deno.test("s.object: required unless optional, defaulted fields required on read and optional on write", () => {
  const spec = s.object({
    image: s.string(),
    replicas: s.integer().default(1),
    note: s.string().optional(),
  });
  assertType<Equal<Infer<typeof spec>, { image: string; replicas: number; note?: string }>>();
  assertType<
    Equal<InferInput<typeof spec>, { image: string; replicas?: number; note?: string }>
  >();
  assert.deepEqual(spec.toJSONSchema(), {
    type: "object",
    properties: {
      image: { type: "string" },
      replicas: { type: "integer", default: 1 },
      note: { type: "string" },
    },
    required: ["image", "replicas"],
  });
  assert.deepEqual(spec.check({ image: "nginx" }), [], "a defaulted field may be missing");
  assert.deepEqual(at(spec.check({})), ["image: Required value"]);
  assert.deepEqual(at(spec.check([])), [": must be of type object, not array"]);
  assert.deepEqual(spec.validate({ image: "nginx" }), { value: { image: "nginx", replicas: 1 } });
  // @ts-expect-error: image is required
  const _noImage: Infer<typeof spec> = { replicas: 1 };
  // @ts-expect-error: replicas is present on every object read back
  const _noReplicas: Infer<typeof spec> = { image: "x" };
  // @ts-expect-error: a misspelt field
  const _typo: InferInput<typeof spec> = { image: "x", replica: 2 };
});

Deno.test("s.object: unknown fields are ignored as the server prunes them, or reported on request", () => {
  const spec = s.object({ a: s.string() });
  assert.deepEqual(spec.check({ a: "x", b: 1 }), []);
  assert.deepEqual(at(spec.check({ a: "x", b: 1 }, { unknownFields: "report" })), [
    "b: unknown field",
  ]);
  const open = s.openObject({ a: s.string() });
  assertType<Equal<Infer<typeof open>, { a: string } & Record<string, unknown>>>();
  assert.equal(open.toJSONSchema()["x-kubernetes-preserve-unknown-fields"], true);
  assert.deepEqual(open.check({ a: "x", b: 1 }, { unknownFields: "report" }), []);
});

Deno.test("null: refused unless nullable; a null field that may not be null is dropped (or defaulted) as the server does", () => {
  const spec = s.object({
    deadline: s.string().nullable(),
    note: s.string().optional(),
    mode: s.string().default("Safe"),
    name: s.string(),
  });
  assertType<Equal<Infer<typeof spec>["deadline"], string | null>>();
  assert.equal(spec.toJSONSchema().properties!.deadline.nullable, true);
  assert.deepEqual(spec.check({ deadline: null, note: null, mode: null, name: "a" }), []);
  assert.deepEqual(at(spec.check({ deadline: null, name: null })), ["name: Required value"]);
  assert.deepEqual(spec.validate({ deadline: null, note: null, mode: null, name: "a" }), {
    value: { deadline: null, mode: "Safe", name: "a" },
  });
  assert.deepEqual(at(s.array(s.string()).check(["a", null])), [
    "1: must be of type string, not null",
  ]);
});

Deno.test("s.array: items checked with their index, counts, list types", () => {
  const tags = s.array(s.string(), { minItems: 1, maxItems: 2, listType: "set" });
  assertType<Equal<Infer<typeof tags>, string[]>>();
  assert.deepEqual(tags.toJSONSchema(), {
    type: "array",
    items: { type: "string" },
    minItems: 1,
    maxItems: 2,
    "x-kubernetes-list-type": "set",
  });
  assert.deepEqual(at(tags.check([])), [": must have at least 1 items"]);
  assert.deepEqual(at(tags.check(["a", 1, "c"])), [
    ": must have at most 2 items",
    "1: must be of type string, not integer",
  ]);
  assert.deepEqual(at(tags.check(["a", "a"])), ["1: Duplicate value: the list is a set"]);
  const ports = s.array(s.object({ name: s.string(), port: s.integer() }), {
    listType: "map",
    listMapKeys: ["name"],
  });
  assert.deepEqual(ports.toJSONSchema()["x-kubernetes-list-map-keys"], ["name"]);
  assert.deepEqual(at(ports.check([{ name: "a", port: 1 }, { name: "a", port: 2 }])), [
    "1: Duplicate value: another item has the same name",
  ]);
  assert.deepEqual(at(ports.check([{ name: "a", port: "x" }])), [
    "0.port: must be of type integer, not string",
  ]);
  const _misspelt = () =>
    // @ts-expect-error: a list map key must be a field of the items
    s.array(s.object({ name: s.string() }), { listType: "map", listMapKeys: ["nam"] });
});

Deno.test("s.array: list types the server would refuse are refused when built", () => {
  const item = s.object({ name: s.string().optional(), port: s.integer() });
  assert.throws(
    () => s.array(item, { listType: "map", listMapKeys: ["name"] }),
    (e) => e instanceof KubeError && /list map key "name" must be a required/.test(e.message),
  );
  assert.throws(() => s.array(item, { listType: "set" }), /needs scalar items/);
  assert.throws(
    () => s.array(s.string(), { listMapKeys: [] as never[] }),
    /only for an array with listType: "map"/,
  );
  // A defaulted key will do.
  s.array(s.object({ name: s.string().default("main") }), {
    listType: "map",
    listMapKeys: ["name"],
  });
});

Deno.test("s.map: additionalProperties, Record type, values checked under their key", () => {
  const labels = s.map(s.string({ maxLength: 3 }), { maxProperties: 2 });
  assertType<Equal<Infer<typeof labels>, Record<string, string>>>();
  assert.deepEqual(labels.toJSONSchema(), {
    type: "object",
    additionalProperties: { type: "string", maxLength: 3 },
    maxProperties: 2,
  });
  assert.deepEqual(at(labels.check({ a: "x", b: "long!", c: "y" })), [
    "b: must be at most 3 characters long",
    ": must have at most 2 properties",
  ]);
});

Deno.test("s.intOrString and s.quantity: integers or strings; quantities by pattern", () => {
  const port = s.intOrString();
  assertType<Equal<Infer<typeof port>, string | number>>();
  assert.deepEqual(port.toJSONSchema(), { "x-kubernetes-int-or-string": true });
  assert.deepEqual(port.check("http"), []);
  assert.deepEqual(port.check(80), []);
  assert.deepEqual(at(port.check(1.5)), [": must be of type integer or string, not number"]);
  assert.deepEqual(at(port.check(true)), [": must be of type integer or string, not boolean"]);
  const memory = s.quantity();
  assert.equal(memory.toJSONSchema()["x-kubernetes-int-or-string"], true);
  for (const ok of ["1Gi", "500m", "1.5", "2e3", 2]) {
    assert.deepEqual(memory.check(ok), [], `${ok}`);
  }
  assert.deepEqual(at(memory.check("lots")), [
    `: must match the pattern ${memory.toJSONSchema().pattern}`,
  ]);
});

Deno.test("s.preserveUnknown: any JSON value, typed unknown", () => {
  const raw = s.preserveUnknown();
  assertType<Equal<Infer<typeof raw>, unknown>>();
  assert.deepEqual(raw.toJSONSchema(), { "x-kubernetes-preserve-unknown-fields": true });
  for (const v of [null, 1, "x", [1], { a: { b: 1 } }]) assert.deepEqual(raw.check(v), []);
});

Deno.test("modifiers: describe, rule, default and nullable return new schemas and keep the original", () => {
  const base = s.integer();
  const described = base.describe("How many.").rule("self >= 0", {
    message: "must not be negative",
  });
  assert.deepEqual(base.toJSONSchema(), { type: "integer" });
  assert.deepEqual(described.toJSONSchema(), {
    type: "integer",
    description: "How many.",
    "x-kubernetes-validations": [{ rule: "self >= 0", message: "must not be negative" }],
  });
  const two = described.rule("self < 100");
  assert.equal(two.toJSONSchema()["x-kubernetes-validations"]!.length, 2);
  assert.deepEqual(described.check(-1), [], "CEL rules are left to the server");
  assert.throws(() => s.integer({ minimum: 1 }).default(0), /default does not pass.*greater than/);
  const copy = base.toJSONSchema();
  copy.type = "string";
  assert.equal(base.toJSONSchema().type, "integer", "toJSONSchema hands out copies");
});

Deno.test("Standard Schema: ~standard is version 1 of vendor kube, validate gives value or issues with paths", async () => {
  const spec = s.object({ size: s.integer({ minimum: 1 }), color: s.string().default("red") });
  const standard: StandardSchemaV1<InferInput<typeof spec>, Infer<typeof spec>> = spec;
  assert.equal(standard["~standard"].version, 1);
  assert.equal(standard["~standard"].vendor, "kube");
  assert.deepEqual(await standard["~standard"].validate({ size: 2 }), {
    value: { size: 2, color: "red" },
  });
  const failed = await standard["~standard"].validate({ size: 0, color: 3 });
  assert.deepEqual(failed.issues, [
    { message: "must be greater than or equal to 1", path: ["size"] },
    { message: "must be of type string, not integer", path: ["color"] },
  ]);
  assert.deepEqual(s.string().optional().validate(undefined), { value: undefined });
  assert.deepEqual(s.string().default("x").validate(undefined), { value: "x" });
  assert.deepEqual(s.string().validate(undefined).issues, [{
    message: "Required value",
    path: [],
  }]);
});

Deno.test("messages never quote the value checked", () => {
  const secret = "hunter2-very-secret";
  const spec = s.object({
    a: s.integer(),
    b: s.enum(["x"]),
    c: s.string({ pattern: "^z", maxLength: 3 }),
  });
  const issues = spec.check({ a: secret, b: secret, c: secret });
  assert.equal(issues.length, 4);
  for (const issue of issues) assert.ok(!issue.message.includes(secret), issue.message);
});

Deno.test("every builder's schema is structural", () => {
  const all = s.object({
    a: s.string({ format: "date-time" }),
    b: s.enum(["x", "y"]).default("x"),
    c: s.integer().nullable().optional(),
    d: s.number(),
    e: s.boolean(),
    f: s.array(s.object({ k: s.string(), v: s.intOrString() }), {
      listType: "map",
      listMapKeys: ["k"],
    }),
    g: s.map(s.array(s.string())),
    h: s.quantity(),
    i: s.preserveUnknown(),
    j: s.openObject({ z: s.literal("z") }),
  }).rule("has(self.a)");
  assert.deepEqual(structuralProblems(all.toJSONSchema()), []);
});
