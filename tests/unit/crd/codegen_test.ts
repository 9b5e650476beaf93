import assert from "node:assert/strict";
import { CodegenError, crdsOf, generateModule } from "../../../src/crd/codegen_cli.ts";
import type { CustomResourceDefinition, JSONSchemaProps } from "../../../mod.ts";
import { codegen, CONFIG, deno, docLintProblems, MOD_URL } from "./_deno.ts";
import { Everything } from "./_everything.ts";

function crd(schema: JSONSchemaProps, extra: Partial<CustomResourceDefinition["spec"]> = {}) {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced" as const,
      names: { kind: "Widget", plural: "widgets" },
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: schema } }],
      ...extra,
    },
  } satisfies CustomResourceDefinition;
}

Deno.test("codegen: types per node kind, required honoured, descriptions as doc comments", () => {
  const { source, fileName } = generateModule(crd({
    type: "object",
    description: "A widget.",
    properties: {
      spec: {
        type: "object",
        required: ["size"],
        properties: {
          size: { type: "integer", description: "How big." },
          color: { type: "string", enum: ["red", "blue"] },
          port: { "x-kubernetes-int-or-string": true },
          raw: { "x-kubernetes-preserve-unknown-fields": true },
          labels: { type: "object", additionalProperties: { type: "string" } },
          items: {
            type: "array",
            items: { type: "object", properties: { n: { type: "number" } } },
          },
          when: { type: "string", nullable: true },
          "odd-name": { type: "boolean" },
        },
      },
    },
  }));
  assert.equal(fileName, "widgets.example.com.ts");
  for (
    const line of [
      "/** A widget. */\nexport interface WidgetV1 {",
      "  metadata: ObjectMeta;",
      "  spec?: WidgetV1Spec;",
      "  /** How big. */\n  size: number;",
      '  color?: "red" | "blue";',
      "  port?: IntOrString;",
      "  raw?: JsonValue;",
      "  labels?: Record<string, string>;",
      "  items?: WidgetV1SpecItems[];",
      "  when?: string | null;",
      '  "odd-name"?: boolean;',
      "export type Widget = WidgetV1;",
      "export const WidgetV1: CustomResourceHandle<WidgetV1> = customResourceHandle<WidgetV1>(",
      "export const Widget: CustomResourceHandle<Widget> = WidgetV1;",
    ]
  ) assert.ok(source.includes(line), `missing:\n${line}\nin:\n${source}`);
});

Deno.test("codegen: a type per served version, the kind's name for the storage one", () => {
  const two = crd({ type: "object" }, {
    versions: [
      {
        name: "v1alpha2",
        served: true,
        storage: false,
        schema: { openAPIV3Schema: { type: "object" } },
      },
      { name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } },
      {
        name: "v1alpha1",
        served: false,
        storage: false,
        schema: { openAPIV3Schema: { type: "object" } },
      },
    ],
  });
  const { source } = generateModule(two);
  assert.ok(source.includes("export interface WidgetV1alpha2 {"));
  assert.ok(source.includes("export interface WidgetV1 {"));
  assert.ok(!source.includes("WidgetV1alpha1"), "an unserved version gets no type");
  assert.ok(source.includes("export type Widget = WidgetV1;"));
});

Deno.test("codegen: what it cannot translate fails naming the CRD, the version and the schema path", () => {
  const cases: [JSONSchemaProps, string][] = [
    [
      {
        type: "object",
        properties: { spec: { type: "object", properties: { a: { $ref: "#/x" } } } },
      },
      "widgets.example.com v1: cannot translate spec.a: $ref is not allowed in a CRD schema",
    ],
    [
      {
        type: "object",
        properties: { spec: { type: "object", properties: { b: { description: "?" } } } },
      },
      "widgets.example.com v1: cannot translate spec.b: the node has no type",
    ],
    [
      {
        type: "object",
        properties: {
          spec: {
            type: "object",
            properties: { c: { type: "string" } },
            additionalProperties: { type: "string" },
          },
        },
      },
      "widgets.example.com v1: cannot translate spec: additionalProperties beside properties is not structural",
    ],
    [
      { type: "object", properties: { spec: { type: "array", items: [{ type: "string" }] } } },
      "widgets.example.com v1: cannot translate spec: a list of item schemas is not structural",
    ],
  ];
  for (const [schema, message] of cases) {
    assert.throws(
      () => generateModule(crd(schema)),
      (e) =>
        e instanceof CodegenError && e.message.startsWith(message) &&
        e.crd === "widgets.example.com",
      message,
    );
  }
});

Deno.test("crdsOf: CRDs and lists of them, other documents skipped", () => {
  const one = crd({ type: "object" });
  assert.equal(crdsOf([one, { apiVersion: "v1", kind: "ConfigMap" }, null, "text"]).length, 1);
  assert.equal(crdsOf([{ apiVersion: "v1", kind: "List", items: [one, one] }]).length, 2);
});

Deno.test("the command writes PLURAL.GROUP.ts formatted, and exits 1 naming the CRD and path it cannot translate", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kube-codegen-" });
  try {
    const good = `${dir}/good.yaml`;
    await Deno.writeTextFile(good, JSON.stringify(crd({ type: "object" })));
    const ok = await codegen(good, "--out", `${dir}/out`, "--import", MOD_URL);
    assert.equal(ok.code, 0, ok.output);
    assert.match(ok.output, /widgets\.example\.com -> .*\/out\/widgets\.example\.com\.ts/);
    const fmt = await deno("fmt", "--check", `${dir}/out/widgets.example.com.ts`);
    assert.equal(fmt.code, 0, fmt.output);

    const bad = `${dir}/bad.yaml`;
    await Deno.writeTextFile(
      bad,
      "---\n" + JSON.stringify(crd({ type: "object", properties: { spec: { properties: {} } } })),
    );
    const failed = await codegen(bad, "--out", `${dir}/bad-out`);
    assert.equal(failed.code, 1);
    assert.match(
      failed.output,
      /codegen: widgets\.example\.com v1: cannot translate spec: the node has no type/,
    );
    const usage = await codegen();
    assert.equal(usage.code, 1);
    assert.match(usage.output, /usage: codegen/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the command reads CRDs from a URL", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kube-codegen-url-" });
  const body = "# two documents\n" + JSON.stringify(crd({ type: "object" })) +
    "\n---\nkind: Note\n";
  await using server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    (req) =>
      new URL(req.url).pathname === "/crds.yaml"
        ? new Response(body)
        : new Response("no", { status: 404 }),
  );
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    const ok = await codegen(`${base}/crds.yaml`, "--out", dir, "--no-fmt");
    assert.equal(ok.code, 0, ok.output);
    assert.ok(
      (await Deno.readTextFile(`${dir}/widgets.example.com.ts`)).includes(
        "export interface WidgetV1 {",
      ),
    );
    const missing = await codegen(`${base}/none.yaml`, "--out", dir);
    assert.equal(missing.code, 1);
    assert.match(missing.output, /none\.yaml: HTTP 404/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Objects both types must accept, and objects both must refuse (each with one mistake). */
const accepted = [
  `{ metadata: { name: "a" }, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true } }`,
  `{ apiVersion: "kube-test.example.com/v1", kind: "Everything", metadata: { name: "a", labels: { x: "y" } },
     spec: { name: "a", mode: "Fast", version: "v1", replicas: 0, enabled: false, ratio: 0.5, deadline: null,
       ports: [{ name: "http", port: 80 }, { name: "metrics", port: "metrics" }], tags: ["a"], labels: { k: "v" },
       memory: "1Gi", raw: { anything: [1, "x"] }, extra: { kind: "k", more: 1 }, range: { min: 1, max: 2 } },
     status: { ready: true, replicas: 1 } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true, memory: 2, raw: "x" } }`,
];
const refused = [
  `{ metadata: {} }`,
  `{ metadata: {}, spec: { mode: "Safe", version: "v1", replicas: 1, enabled: true } }`,
  `{ metadata: {}, spec: { name: "a", version: "v1", replicas: 1, enabled: true } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Slow", version: "v1", replicas: 1, enabled: true } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v2", replicas: 1, enabled: true } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: "1", enabled: true } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true, replica: 1 } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: null, enabled: true } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true, ports: [{ port: 1 }] } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true, ports: [{ name: "a", port: true }] } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true, labels: { k: 1 } } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true, extra: {} } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true, range: { min: 1 } } }`,
  `{ metadata: {}, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true }, status: { ready: "yes" } }`,
];

Deno.test("round trip: the CRD customResource makes, generated back, types the same objects as Infer", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kube-roundtrip-" });
  try {
    const module = generateModule(Everything.definition, { importFrom: MOD_URL });
    await Deno.writeTextFile(`${dir}/${module.fileName}`, module.source);
    const fixture = new URL("./_everything.ts", import.meta.url).href;
    let test = `import type { InferResource } from "${MOD_URL}";\n` +
      `import type { EverythingV1 as Generated } from "./${module.fileName}";\n` +
      `import type { Everything } from "${fixture}";\n` +
      `type Inferred = InferResource<typeof Everything>;\n` +
      `export const toGenerated = (x: Inferred): Generated => x;\n` +
      `export const toInferred = (x: Generated): Inferred => x;\n`;
    accepted.forEach((object, i) => {
      test += `export const inferred${i}: Inferred = ${object};\n`;
      test += `export const generated${i}: Generated = ${object};\n`;
    });
    refused.forEach((object, i) => {
      test +=
        `// @ts-expect-error: refused by Infer\nexport const badInferred${i}: Inferred = ${object};\n`;
      test +=
        `// @ts-expect-error: refused by the generated type\nexport const badGenerated${i}: Generated = ${object};\n`;
    });
    await Deno.writeTextFile(`${dir}/roundtrip.ts`, test);
    const checked = await deno("check", "--config", CONFIG, `${dir}/roundtrip.ts`);
    assert.equal(checked.code, 0, checked.output);
    assert.deepEqual(await docLintProblems([`${dir}/${module.fileName}`]), []);
    // The check agrees: what the types accept, the schema accepts.
    for (const object of accepted) {
      const value = new Function(`return (${object});`)();
      assert.deepEqual(Everything.validate(value), [], object);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
