/**
 * The schema builder `s`: one definition gives a TypeScript type
 * ({@linkcode Infer}), a structural `openAPIV3Schema` for a CRD, and a
 * runtime check, with the Standard Schema interface on every schema.
 *
 * @module
 */

import { KubeError } from "../errors.ts";
import type { JSONSchemaProps, ValidationRule } from "../types/apiextensions_v1.ts";
import type { IntOrString, JsonValue, Quantity } from "../types/meta.ts";
import {
  applyDefaults,
  type CheckOptions,
  checkSchema,
  formatPath,
  type SchemaIssue,
} from "./check.ts";
import type { StandardResult, StandardSchemaProps, StandardSchemaV1 } from "./standard_schema.ts";

/**
 * Whether an object field must be present: `required`, `optional`, or
 * `defaulted` (optional when written, since the API server fills it in, and
 * so present in every object read back).
 *
 * @example
 * ```ts
 * import type { Presence } from "./schema.ts";
 * const p: Presence = "defaulted";
 * ```
 */
export type Presence = "required" | "optional" | "defaulted";

/** A CEL rule of `x-kubernetes-validations`, beside the rule itself. */
export interface RuleOptions {
  /** What the API server says when the rule fails; else the rule is quoted. */
  message?: string;
  /** A CEL expression that makes the message, e.g. `"'x is ' + string(self.x)"`. */
  messageExpression?: string;
  /** The reason the server gives: `FieldValueInvalid` (its default), `FieldValueForbidden`, ... */
  reason?:
    | "FieldValueInvalid"
    | "FieldValueForbidden"
    | "FieldValueRequired"
    | "FieldValueDuplicate";
  /** The field the failure is reported on, relative to this node, e.g. `.spec.max`. */
  fieldPath?: string;
  /** Run a transition rule (one using `oldSelf`) also when there is no old value. */
  optionalOldSelf?: boolean;
}

/** The JSON types and extension markers a node may carry. */
type Node = JSONSchemaProps;

/**
 * A schema built with {@linkcode s}. It is immutable: `.optional()`,
 * `.default()`, `.nullable()`, `.describe()` and `.rule()` return new
 * schemas. It carries its type (see {@linkcode Infer}), gives its
 * `openAPIV3Schema` node ({@linkcode Schema.toJSONSchema}) and checks values
 * ({@linkcode Schema.check}); it is a Standard Schema (`~standard`).
 *
 * @typeParam Out The type of a value the API server hands back (defaults applied).
 * @typeParam In The type of a value one may write (defaulted fields optional).
 * @typeParam P Whether, as an object field, it is required, optional or defaulted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { s } from "./schema.ts";
 * const replicas = s.integer({ minimum: 0 }).default(1).describe("How many copies run.");
 * assert.deepEqual(replicas.toJSONSchema(), {
 *   type: "integer", minimum: 0, default: 1, description: "How many copies run.",
 * });
 * assert.equal(replicas.check(-1)[0].message, "must be greater than or equal to 0");
 * ```
 */
export class Schema<Out, In = Out, P extends Presence = "required">
  implements StandardSchemaV1<In, Out> {
  readonly #node: Node;
  /** Whether, as an object field, this one is required, optional or defaulted. */
  readonly presence: P;
  /** The Standard Schema interface: vendor `kube`, version 1. */
  readonly "~standard": StandardSchemaProps<In, Out>;

  /**
   * Wraps a schema node; {@linkcode s}'s functions are the way to make one.
   *
   * @param node The `openAPIV3Schema` node.
   * @param presence Whether it is required, optional or defaulted.
   */
  constructor(node: Node, presence: P) {
    this.#node = node;
    this.presence = presence;
    this["~standard"] = { version: 1, vendor: "kube", validate: (value) => this.validate(value) };
  }

  /**
   * The same schema as an optional object field (`?:` in the type; left
   * out of the parent's `required`).
   *
   * @returns A new schema.
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * const spec = s.object({ note: s.string().optional() }); // { note?: string }
   * ```
   */
  optional(): Schema<Out, In, "optional"> {
    return new Schema(this.#node, "optional");
  }

  /**
   * The same schema with a default that the API server fills in when the
   * field is missing (or null and not nullable). The field is optional in
   * what one writes ({@linkcode InferInput}) and present in what one reads
   * ({@linkcode Infer}); it stays in the parent's `required` list, which a
   * defaulted field always satisfies.
   *
   * @param value The default; it must pass this schema.
   * @returns A new schema.
   * @throws {KubeError} When the default does not pass the schema (the API
   * server would refuse the CRD).
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * const mode = s.enum(["Fast", "Safe"]).default("Safe");
   * ```
   */
  default(value: In): Schema<Out, In, "defaulted"> {
    const issues = checkSchema(this.#node, value);
    if (issues.length > 0) {
      throw new KubeError(
        `the default does not pass its own schema: ${formatPath(issues[0].path)}: ${
          issues[0].message
        }`,
      );
    }
    return new Schema({ ...this.#node, default: structuredClone(value) }, "defaulted");
  }

  /**
   * The same schema that also takes `null` (`nullable: true`). Without it,
   * the API server drops a null object field (or defaults it).
   *
   * @returns A new schema.
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * const deadline = s.string({ format: "date-time" }).nullable(); // string | null
   * ```
   */
  nullable(): Schema<Out | null, In | null, P> {
    return new Schema<Out | null, In | null, P>({ ...this.#node, nullable: true }, this.presence);
  }

  /**
   * The same schema with a description, which `kubectl explain` shows and
   * the code generator turns into doc comments.
   *
   * @param text The description.
   * @returns A new schema.
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * const image = s.string().describe("The container image to run.");
   * ```
   */
  describe(text: string): Schema<Out, In, P> {
    return new Schema<Out, In, P>({ ...this.#node, description: text }, this.presence);
  }

  /**
   * The same schema with a CEL validation rule (`x-kubernetes-validations`),
   * which the API server evaluates on create and update; `self` is this
   * node's value, `oldSelf` the stored one (a transition rule). The runtime
   * check does not evaluate CEL.
   *
   * @param rule The CEL expression that must hold.
   * @param options The message, reason and field path reported when it fails.
   * @returns A new schema.
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * const range = s.object({ min: s.integer(), max: s.integer() })
   *   .rule("self.min <= self.max", { message: "min must not exceed max" });
   * ```
   */
  rule(rule: string, options: RuleOptions = {}): Schema<Out, In, P> {
    const rules: ValidationRule[] = [...(this.#node["x-kubernetes-validations"] ?? [])];
    rules.push({ rule, ...options });
    return new Schema<Out, In, P>(
      { ...this.#node, "x-kubernetes-validations": rules },
      this.presence,
    );
  }

  /**
   * The structural `openAPIV3Schema` node, as a CRD carries it.
   *
   * @returns A fresh copy, safe to change.
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * s.map(s.string()).toJSONSchema(); // { type: "object", additionalProperties: { type: "string" } }
   * ```
   */
  toJSONSchema(): JSONSchemaProps {
    return structuredClone(this.#node);
  }

  /**
   * Every violation of the schema in `value`, with its path (CEL rules
   * aside). A missing value is a violation unless the schema is optional or
   * defaulted.
   *
   * @param value The value.
   * @param options Whether to report fields the schema does not name (the
   * API server prunes them, so by default they are not reported).
   * @returns The violations; empty when `value` passes.
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * s.object({ port: s.integer() }).check({ port: "80" }); // [{ message: "must be of type integer, not string", path: ["port"] }]
   * ```
   */
  check(value: unknown, options?: CheckOptions): SchemaIssue[] {
    if (value === undefined) {
      return this.presence === "required" ? [{ message: "Required value", path: [] }] : [];
    }
    return checkSchema(this.#node, value, options);
  }

  /**
   * Whether `value` passes the schema, as a type guard.
   *
   * @param value The value.
   * @returns True when {@linkcode Schema.check} finds nothing.
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * const port = s.integer({ minimum: 1, maximum: 65535 });
   * const value: unknown = 8080;
   * if (port.is(value)) console.log(value + 1);
   * ```
   */
  is(value: unknown): value is Out {
    return this.check(value).length === 0;
  }

  /**
   * Validates as the Standard Schema does: the value with the API server's
   * defaults applied, or the issues.
   *
   * @param value The value.
   * @returns `{ value }` or `{ issues }`.
   *
   * @example
   * ```ts
   * import { s } from "./schema.ts";
   * s.object({ replicas: s.integer().default(1) }).validate({}); // { value: { replicas: 1 } }
   * ```
   */
  validate(value: unknown): StandardResult<Out> {
    const issues = this.check(value);
    if (issues.length > 0) return { issues };
    if (value === undefined && this.#node.default !== undefined) {
      return { value: applyDefaults(this.#node, structuredClone(this.#node.default)) as Out };
    }
    return { value: applyDefaults(this.#node, value) as Out };
  }
}

/**
 * The type of values a schema promises when read from the API server
 * (defaults applied).
 *
 * @typeParam S The schema (any Standard Schema).
 *
 * @example
 * ```ts
 * import { type Infer, s } from "./schema.ts";
 * const spec = s.object({ name: s.string(), replicas: s.integer().default(1), note: s.string().optional() });
 * type Spec = Infer<typeof spec>; // { name: string; replicas: number; note?: string }
 * ```
 */
export type Infer<S extends StandardSchemaV1> = NonNullable<S["~standard"]["types"]>["output"];

/**
 * The type of values one may write through a schema: defaulted fields may
 * be left out.
 *
 * @typeParam S The schema (any Standard Schema).
 *
 * @example
 * ```ts
 * import { type InferInput, s } from "./schema.ts";
 * const spec = s.object({ replicas: s.integer().default(1) });
 * const written: InferInput<typeof spec> = {};
 * ```
 */
export type InferInput<S extends StandardSchemaV1> = NonNullable<
  S["~standard"]["types"]
>["input"];

/**
 * Any schema of {@linkcode s}, whatever its types.
 *
 * @example
 * ```ts
 * import { type AnySchema, s } from "./schema.ts";
 * const fields: Record<string, AnySchema> = { name: s.string() };
 * ```
 */
export type AnySchema = Schema<unknown, unknown, Presence>;

/**
 * The fields of an object schema.
 *
 * @example
 * ```ts
 * import { type Shape, s } from "./schema.ts";
 * const shape: Shape = { name: s.string(), port: s.integer().optional() };
 * ```
 */
export type Shape = { readonly [field: string]: AnySchema };

/**
 * An intersection of object types flattened into one, so that editors show
 * the fields rather than the operands.
 *
 * @typeParam T The type.
 *
 * @example
 * ```ts
 * import type { Simplify } from "./schema.ts";
 * type T = Simplify<{ a: string } & { b?: number }>; // { a: string; b?: number }
 * ```
 */
export type Simplify<T> = { [K in keyof T]: T[K] } & unknown;

/**
 * The fields of a shape whose presence is `P`.
 *
 * @typeParam S The fields.
 * @typeParam P The presence.
 *
 * @example
 * ```ts
 * import { type KeysWhere, s } from "./schema.ts";
 * const shape = { a: s.string(), b: s.string().optional() };
 * type Optional = KeysWhere<typeof shape, "optional">; // "b"
 * ```
 */
export type KeysWhere<S extends Shape, P extends Presence> = {
  [K in keyof S]: S[K]["presence"] extends P ? K : never;
}[keyof S];

/**
 * The type an object schema reads as: required and defaulted fields
 * present, optional ones `?:`.
 *
 * @typeParam S The fields.
 *
 * @example
 * ```ts
 * import { type ObjectOutput, s } from "./schema.ts";
 * type T = ObjectOutput<{ a: ReturnType<typeof s.string> }>; // { a: string }
 * ```
 */
export type ObjectOutput<S extends Shape> = Simplify<
  & { [K in Exclude<keyof S, KeysWhere<S, "optional">>]: Infer<S[K]> }
  & { [K in KeysWhere<S, "optional">]?: Infer<S[K]> }
>;

/**
 * The type an object schema is written as: required fields present,
 * optional and defaulted ones `?:`.
 *
 * @typeParam S The fields.
 *
 * @example
 * ```ts
 * import { type ObjectInput, s } from "./schema.ts";
 * type T = ObjectInput<{ a: ReturnType<typeof s.string> }>; // { a: string }
 * ```
 */
export type ObjectInput<S extends Shape> = Simplify<
  & { [K in KeysWhere<S, "required">]: InferInput<S[K]> }
  & { [K in Exclude<keyof S, KeysWhere<S, "required">>]?: InferInput<S[K]> }
>;

/**
 * Formats the API server knows for strings; others are accepted and
 * ignored by it.
 *
 * @example
 * ```ts
 * import type { StringFormat } from "./schema.ts";
 * const f: StringFormat = "date-time";
 * ```
 */
export type StringFormat =
  | "date-time"
  | "date"
  | "duration"
  | "byte"
  | "uuid"
  | "uri"
  | "email"
  | "hostname"
  | "ipv4"
  | "ipv6"
  | "cidr"
  | "mac"
  | "password"
  | "k8s-short-name"
  | "k8s-long-name";

/**
 * Constraints of a string schema.
 *
 * @example
 * ```ts
 * import type { StringOptions } from "./schema.ts";
 * const name: StringOptions = { pattern: "^[a-z]+$", minLength: 1, maxLength: 63 };
 * ```
 */
export interface StringOptions {
  /** A regular expression (RE2 syntax) the string must match somewhere; anchor it with `^...$`. */
  pattern?: string;
  /** A format the server checks, e.g. `date-time`. */
  format?: StringFormat;
  /** The fewest characters. */
  minLength?: number;
  /** The most characters (bounding it keeps CEL rules on the string cheap). */
  maxLength?: number;
}

/**
 * Constraints of an integer or number schema.
 *
 * @example
 * ```ts
 * import type { NumberOptions } from "./schema.ts";
 * const port: NumberOptions = { minimum: 1, maximum: 65535 };
 * ```
 */
export interface NumberOptions {
  /** The lowest value. */
  minimum?: number;
  /** The highest value. */
  maximum?: number;
  /** Excludes `minimum` itself. */
  exclusiveMinimum?: boolean;
  /** Excludes `maximum` itself. */
  exclusiveMaximum?: boolean;
  /** The value must be a multiple of this. */
  multipleOf?: number;
}

/**
 * Constraints of an integer schema.
 *
 * @example
 * ```ts
 * import type { IntegerOptions } from "./schema.ts";
 * const replicas: IntegerOptions = { minimum: 0, format: "int32" };
 * ```
 */
export interface IntegerOptions extends NumberOptions {
  /** `int32` (checked against its range) or `int64`. */
  format?: "int32" | "int64";
}

/**
 * Constraints of an array schema and how server-side apply merges it.
 *
 * @typeParam K The item fields that may key a `map` list.
 *
 * @example
 * ```ts
 * import type { ArrayOptions } from "./schema.ts";
 * const ports: ArrayOptions<"name"> = { listType: "map", listMapKeys: ["name"], maxItems: 16 };
 * ```
 */
export interface ArrayOptions<K extends string = string> {
  /** The fewest items. */
  minItems?: number;
  /** The most items. */
  maxItems?: number;
  /**
   * `x-kubernetes-list-type`: `atomic` (replaced whole on apply), `set`
   * (scalar items, unique, merged) or `map` (object items keyed by
   * `listMapKeys`, merged per key).
   */
  listType?: "atomic" | "set" | "map";
  /** The item fields that identify an item of a `map` list (each required or defaulted). */
  listMapKeys?: readonly K[];
}

/**
 * Constraints of an object or map schema.
 *
 * @example
 * ```ts
 * import type { ObjectOptions } from "./schema.ts";
 * const options: ObjectOptions = { maxProperties: 10 };
 * ```
 */
export interface ObjectOptions {
  /** The fewest fields. */
  minProperties?: number;
  /** The most fields. */
  maxProperties?: number;
}

/** Copies the constraints given (and only those) into a node. */
function withOptions(node: Node, options: object | undefined): Node {
  const out: Record<string, unknown> = { ...node };
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) out[key] = value;
  }
  return out as Node;
}

function required<Out, In = Out>(node: Node): Schema<Out, In, "required"> {
  return new Schema<Out, In, "required">(node, "required");
}

function string<const E extends readonly [string, ...string[]]>(
  options: StringOptions & { enum: E },
): Schema<E[number]>;
function string(options?: StringOptions): Schema<string>;
function string(options?: StringOptions & { enum?: readonly string[] }): Schema<string> {
  const { enum: values, ...rest } = options ?? {};
  const node = withOptions({ type: "string" }, rest);
  if (values) node.enum = [...values];
  return required(node);
}

function enumeration<const E extends readonly [string, ...string[]]>(
  values: E,
  options?: StringOptions,
): Schema<E[number]> {
  return required(withOptions({ type: "string", enum: [...values] }, options));
}

function literal<const V extends string>(value: V): Schema<V> {
  return required({ type: "string", enum: [value] });
}

function integer(options?: IntegerOptions): Schema<number> {
  return required(withOptions({ type: "integer" }, options));
}

function number(options?: NumberOptions & { format?: "float" | "double" }): Schema<number> {
  return required(withOptions({ type: "number" }, options));
}

function boolean(): Schema<boolean> {
  return required({ type: "boolean" });
}

function object<const S extends Shape>(
  shape: S,
  options?: ObjectOptions,
): Schema<ObjectOutput<S>, ObjectInput<S>> {
  const properties: Record<string, Node> = {};
  const names: string[] = [];
  for (const [name, field] of Object.entries(shape)) {
    properties[name] = field.toJSONSchema();
    if (field.presence !== "optional") names.push(name);
  }
  const node: Node = { type: "object", properties };
  if (names.length > 0) node.required = names;
  return required(withOptions(node, options));
}

function openObject<const S extends Shape>(
  shape: S,
  options?: ObjectOptions,
): Schema<ObjectOutput<S> & Record<string, unknown>, ObjectInput<S> & Record<string, unknown>> {
  const node = object(shape, options).toJSONSchema();
  node["x-kubernetes-preserve-unknown-fields"] = true;
  return required(node);
}

function array<const I extends AnySchema, const K extends string = never>(
  item: I,
  options?: ArrayOptions<K & keyof Infer<I>>,
): Schema<Infer<I>[], InferInput<I>[]> {
  const items = item.toJSONSchema();
  const { listType, listMapKeys, ...bounds } = options ?? {};
  const node = withOptions({ type: "array", items }, bounds);
  if (listType) node["x-kubernetes-list-type"] = listType;
  if (listMapKeys) {
    if (listType !== "map") {
      throw new KubeError('listMapKeys are only for an array with listType: "map"');
    }
    node["x-kubernetes-list-map-keys"] = [...listMapKeys];
  }
  if (listType === "map") {
    const keys = listMapKeys ?? [];
    const fields = items.properties ?? {};
    if (items.type !== "object" || keys.length === 0) {
      throw new KubeError('a listType "map" array needs object items and listMapKeys');
    }
    for (const key of keys) {
      const field = fields[key];
      const present = items.required?.includes(key) || field?.default !== undefined;
      if (!field || !present || !["string", "integer", "number", "boolean"].includes(field.type!)) {
        throw new KubeError(
          `the list map key "${key}" must be a required (or defaulted) scalar field of the items`,
        );
      }
    }
  }
  if (listType === "set" && (items.type === "object" || items.type === "array")) {
    throw new KubeError('a listType "set" array needs scalar items');
  }
  return required(node);
}

function map<const V extends AnySchema>(
  value: V,
  options?: ObjectOptions,
): Schema<Record<string, Infer<V>>, Record<string, InferInput<V>>> {
  return required(
    withOptions({ type: "object", additionalProperties: value.toJSONSchema() }, options),
  );
}

function intOrString(options?: { pattern?: string; maxLength?: number }): Schema<IntOrString> {
  return required(withOptions({ "x-kubernetes-int-or-string": true }, options));
}

// The pattern controller-gen gives resource.Quantity: a number with an
// optional binary (Ki..Ei), decimal (n..E) or exponent suffix.
const QUANTITY =
  "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

function quantity(): Schema<Quantity> {
  return required({
    anyOf: [{ type: "integer" }, { type: "string" }],
    pattern: QUANTITY,
    "x-kubernetes-int-or-string": true,
  });
}

function preserveUnknown(): Schema<JsonValue> {
  return required({ "x-kubernetes-preserve-unknown-fields": true });
}

/**
 * The schema builder. Each function makes a {@linkcode Schema} for one kind
 * of value; modifiers (`.optional()`, `.default(v)`, `.nullable()`,
 * `.describe(text)`, `.rule(cel)`) refine it.
 *
 * - `s.string({ pattern, format, minLength, maxLength })`, `s.enum([...])`, `s.literal(v)`
 * - `s.integer({ minimum, maximum, format })`, `s.number(...)`, `s.boolean()`
 * - `s.object({ ... })` (closed: fields it does not name are pruned by the
 *   server), `s.openObject({ ... })` (keeps unknown fields)
 * - `s.array(item, { minItems, maxItems, listType, listMapKeys })`
 * - `s.map(value)`: string keys, `Record<string, V>`
 * - `s.intOrString()`, `s.quantity()` (`"500m"`, `"1Gi"`, `2`)
 * - `s.preserveUnknown()`: any JSON, kept as it is
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Infer, s } from "./schema.ts";
 * const spec = s.object({
 *   image: s.string({ minLength: 1 }),
 *   replicas: s.integer({ minimum: 0 }).default(1),
 *   ports: s.array(s.object({ name: s.string(), port: s.integer() }), {
 *     listType: "map", listMapKeys: ["name"],
 *   }).optional(),
 * });
 * type Spec = Infer<typeof spec>;
 * const ok: Spec = { image: "nginx", replicas: 2 };
 * assert.deepEqual(spec.check(ok), []);
 * assert.deepEqual(spec.check({ replicas: -1 }).map((i) => i.path.join(".")), ["image", "replicas"]);
 * ```
 */
export const s = {
  /**
   * A string.
   *
   * @param options Pattern, format, lengths, and `enum` (then typed as the union of its values).
   * @returns The schema.
   */
  string,
  /**
   * A string out of a fixed set.
   *
   * @param values The allowed values.
   * @param options Other string constraints.
   * @returns The schema, typed as the union of the values.
   */
  enum: enumeration,
  /**
   * One fixed string.
   *
   * @param value The value.
   * @returns The schema, typed as that value.
   */
  literal,
  /**
   * An integer.
   *
   * @param options Bounds and format.
   * @returns The schema.
   */
  integer,
  /**
   * A number (integers too).
   *
   * @param options Bounds and format.
   * @returns The schema.
   */
  number,
  /**
   * A boolean.
   *
   * @returns The schema.
   */
  boolean,
  /**
   * An object with named fields; fields it does not name are pruned.
   *
   * @param shape The fields.
   * @param options Property counts.
   * @returns The schema.
   */
  object,
  /**
   * An object with named fields that also keeps other fields
   * (`x-kubernetes-preserve-unknown-fields`).
   *
   * @param shape The fields.
   * @param options Property counts.
   * @returns The schema, typed with a string index of `unknown`.
   */
  openObject,
  /**
   * A list of items.
   *
   * @param item The items' schema.
   * @param options Counts and list type.
   * @returns The schema.
   * @throws {KubeError} When the list type does not fit the items.
   */
  array,
  /**
   * A map from strings to values (`additionalProperties`).
   *
   * @param value The values' schema.
   * @param options Property counts.
   * @returns The schema.
   */
  map,
  /**
   * An integer or a string (`x-kubernetes-int-or-string`).
   *
   * @param options A pattern or length for the string form.
   * @returns The schema.
   */
  intOrString,
  /**
   * A resource quantity: an integer or a string such as `500m` or `1Gi`.
   *
   * @returns The schema.
   */
  quantity,
  /**
   * Any JSON value, kept as it is (`x-kubernetes-preserve-unknown-fields`).
   *
   * @returns The schema, typed `unknown`.
   */
  preserveUnknown,
};
