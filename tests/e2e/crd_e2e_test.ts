/**
 * Custom resources made with `customResource`, against the real API server:
 * it accepts every CRD they make, it refuses what their check refuses, and
 * the code generator reads CRDs from the cluster.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Api,
  type ApiError,
  type Client,
  customResource,
  type CustomResourceDefinition,
  formatPath,
  isInvalid,
  Reflector,
  s,
} from "../../mod.ts";
import { cluster, eventually, withNamespace } from "./_cluster.ts";
import { Everything } from "../unit/crd/_everything.ts";
import { CONFIG, deno, MOD_URL } from "../unit/crd/_deno.ts";
import { matchesFormat } from "../../src/crd/formats.ts";

const MANAGER = "kube-e2e-crd";

/** Applies a CRD, waits until it is Established and its resource is served. */
async function install(client: Client, crd: CustomResourceDefinition): Promise<void> {
  const crds = Api.v1CustomResourceDefinition(client);
  await crds.patch(crd.metadata.name!, {
    type: "apply",
    fieldManager: MANAGER,
    force: true,
    body: crd,
  });
  await eventually(`${crd.metadata.name} to be Established`, async () => {
    const got = await crds.get(crd.metadata.name!);
    return got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
  });
}

async function uninstall(client: Client, name: string): Promise<void> {
  await Api.v1CustomResourceDefinition(client).delete(name).catch(() => {});
}

const Gadget = customResource({
  group: "kube-test.example.com",
  kind: "Gadget",
  scope: "Cluster",
  shortNames: ["gdg"],
  categories: ["kube-test"],
  storage: "v1",
  versions: {
    v1: {
      spec: s.object({ size: s.integer({ minimum: 1 }), color: s.string().optional() }),
      status: s.object({ seen: s.boolean() }).optional(),
      printerColumns: [
        { name: "Size", type: "integer", jsonPath: ".spec.size" },
        { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
      ],
      subresources: { status: true },
      selectableFields: [".spec.color"],
    },
    v1beta1: {
      spec: s.object({ size: s.integer().optional(), color: s.string().optional() }),
      deprecated: true,
      deprecationWarning: "kube-test.example.com/v1beta1 Gadget is deprecated",
    },
  },
});

Deno.test("the API server accepts the CRDs customResource makes: CEL rules, defaults, scale, two versions", async () => {
  await withNamespace(async (namespace, client) => {
    try {
      await install(client, Everything.definition);
      await install(client, Gadget.definition);
      const everything = Everything.api(client).within(namespace);
      await eventually("everythings to be served", () => everything.list().then(() => true));

      // Defaults: the server's equal the ones make() fills in.
      const written = {
        metadata: { name: "one" },
        spec: {
          name: "one",
          version: "v1" as const,
          replicas: 1,
          enabled: true,
          ports: [{ name: "http", port: 80 }],
        },
      };
      const created = await everything.create(written as typeof Everything.Type);
      assert.equal(created.spec.mode, "Safe");
      assert.deepEqual(created.spec, Everything.make(written).spec);
      assert.deepEqual(
        Everything.validate(created),
        [],
        "what the server hands back passes the check",
      );

      // The scale subresource reads and writes spec.replicas.
      const scale = await everything.getScale("one");
      assert.equal(scale.spec?.replicas, 1);
      await everything.patchScale("one", { type: "merge", body: { spec: { replicas: 3 } } });
      assert.equal((await everything.get("one")).spec.replicas, 3);

      // The CEL rule is the server's to check: the runtime check lets it through.
      const inverted = Everything.make({
        metadata: { name: "inverted" },
        spec: { ...written.spec, range: { min: 2, max: 1 } },
      });
      const refused = await everything.create(inverted).then(() => undefined, (e) => e);
      assert.ok(isInvalid(refused), String(refused));
      assert.match((refused as ApiError).message, /min must not exceed max/);

      // Two versions of one kind: written through v1beta1, read through v1.
      await eventually("gadgets to be served", () => Gadget.api(client).list().then(() => true));
      const old = Gadget.versions.v1beta1.api(client);
      await old.create(
        Gadget.versions.v1beta1.make({ metadata: { name: `g-${namespace}` }, spec: { size: 2 } }),
      );
      const current = await Gadget.api(client).get(`g-${namespace}`);
      assert.equal(current.apiVersion, "kube-test.example.com/v1");
      assert.equal(current.spec.size, 2);
      await Gadget.api(client).delete(`g-${namespace}`);

      // What the server made of the names.
      const stored = await Api.v1CustomResourceDefinition(client).get(
        Gadget.definition.metadata.name!,
      );
      assert.deepEqual(stored.status?.acceptedNames?.shortNames, ["gdg"]);
      assert.deepEqual(stored.status?.acceptedNames?.categories, ["kube-test"]);
    } finally {
      await uninstall(client, Gadget.definition.metadata.name!);
    }
  });
});

/** A valid Everything spec, changed by each case. */
const base =
  () => ({ name: "abc", mode: "Safe", version: "v1", replicas: 1, enabled: true } as Record<
    string,
    unknown
  >);

/** Specs the check refuses: the server must refuse each too, naming the same field. */
const refusedCases: [string, Record<string, unknown>][] = [
  ["wrong type", { ...base(), replicas: "1" }],
  ["pattern", { ...base(), name: "ABC" }],
  ["enum", { ...base(), mode: "Slow" }],
  ["literal", { ...base(), version: "v2" }],
  ["minimum", { ...base(), replicas: -1 }],
  ["maximum", { ...base(), replicas: 101 }],
  ["int32 range", { ...base(), replicas: 2 ** 31 }],
  [
    "required",
    (() => {
      const spec = base();
      delete spec.name;
      return spec;
    })(),
  ],
  ["required in an item", { ...base(), ports: [{ port: 1 }] }],
  ["minLength", { ...base(), name: "" }],
  ["maxLength", { ...base(), name: "a".repeat(21) }],
  ["maxItems", { ...base(), tags: ["a", "b", "c", "d", "e"] }],
  ["set duplicate", { ...base(), tags: ["a", "a"] }],
  ["map-list duplicate", { ...base(), ports: [{ name: "a", port: 1 }, { name: "a", port: 2 }] }],
  ["int-or-string", { ...base(), ports: [{ name: "a", port: true }] }],
  ["quantity", { ...base(), memory: "lots" }],
  ["date-time", { ...base(), deadline: "tomorrow" }],
  ["number type", { ...base(), ratio: "half" }],
  ["minimum of a number", { ...base(), ratio: -0.5 }],
  ["map value type", { ...base(), labels: { a: 1 } }],
  ["null item", { ...base(), tags: [null] }],
];

/** Specs the check accepts, some only because the server prunes or defaults: the server must accept them. */
const acceptedCases: [string, Record<string, unknown>][] = [
  ["a valid spec", base()],
  [
    "a missing defaulted field",
    (() => {
      const spec = base();
      delete spec.mode;
      return spec;
    })(),
  ],
  ["null for a defaulted field", { ...base(), mode: null }],
  ["null for an optional field", { ...base(), ratio: null }],
  ["null for a nullable field", { ...base(), deadline: null }],
  ["an unknown field (pruned)", { ...base(), unknown: 1 }],
  ["quantity as a number", { ...base(), memory: 2 }],
  ["anything where unknown fields are kept", {
    ...base(),
    raw: [1, { a: null }],
    extra: { kind: "k", x: 1 },
  }],
];

Deno.test("what the check refuses, the server refuses, naming the same field; what it accepts, the server accepts", async () => {
  await withNamespace(async (namespace, client) => {
    await install(client, Everything.definition);
    const everything = Everything.api(client).within(namespace);
    await eventually("everythings to be served", () => everything.list().then(() => true));
    const object = (spec: Record<string, unknown>, i: number) =>
      ({
        apiVersion: Everything.apiVersion,
        kind: "Everything",
        metadata: { name: `case-${i}` },
        spec,
      }) as unknown as typeof Everything.Type;
    const disagreements: string[] = [];
    for (const [i, [name, spec]] of refusedCases.entries()) {
      const issues = Everything.validate(object(spec, i));
      const answer = await everything.create(object(spec, i), { dryRun: true }).then(
        () => undefined,
        (e) => e,
      );
      if (issues.length === 0) disagreements.push(`${name}: the check accepts it`);
      if (!isInvalid(answer)) {
        disagreements.push(`${name}: the server answered ${answer ?? "201 Created"}`);
        continue;
      }
      const fields = ((answer as ApiError).status.details?.causes ?? []).map((c) => c.field ?? "");
      const ours = issues.map((issue) => formatPath(issue.path));
      if (!ours.some((path) => fields.includes(path))) {
        disagreements.push(`${name}: we name ${ours.join(", ")}, the server ${fields.join(", ")}`);
      }
    }
    for (const [i, [name, spec]] of acceptedCases.entries()) {
      const issues = Everything.validate(object(spec, 100 + i));
      if (issues.length > 0) {
        disagreements.push(`${name}: the check refuses it: ${issues[0].message}`);
      }
      const answer = await everything.create(object(spec, 100 + i), { dryRun: true }).then(
        () => undefined,
        (e) => e,
      );
      if (answer) disagreements.push(`${name}: the server refused it: ${answer}`);
    }
    assert.deepEqual(disagreements, []);
  });
});

/** Strings the format check takes or refuses: the server must agree on each. */
const formatCases: Record<string, string[]> = {
  date: ["2024-02-29", "2023-02-29", "2024-1-01"],
  "date-time": [
    "2026-12-02T15:00:00Z",
    "2026-12-02t15:00:00.123+01:00",
    "2026-12-02T15:00:00,5Z",
    "2026-12-02 15:00:00Z",
    "2026-12-02T24:00:00Z",
    "2026-12-02T15:00:00",
  ],
  uuid: ["0c1e7c32-9b6f-4f61-8d5e-2e4b3f1c9a10", "0C1E7C329B6F4F618D5E2E4B3F1C9A10", "x"],
  byte: ["aGVsbG8=", "aGVsbG8h", "", "aGVs\nbG8=", "hello!", "aGVsbG8"],
  ipv4: ["1.2.3.4", "010.1.1.1", "::ffff:1.2.3.4", "1.2.3", "256.1.1.1", "::1"],
  ipv6: ["::1", "fe80::1", "1.2.3.4", "fe80::g"],
  cidr: ["10.0.0.0/8", "fd00::/64", "10.0.0.0", "10.0.0.0/33"],
  mac: ["00:1a:2b:3c:4d:5e", "001a.2b3c.4d5e", "00:1a:2b:3c:4d:5e:6f:70", "00:1a:2b"],
  hexcolor: ["#fff", "A0B1C2", "#ffff"],
  duration: ["1h30m", "-1.5s", "3 seconds", "1 hr", "2weeks", "soon", "1x"],
};

Deno.test("the format check takes and refuses what the API server does", async () => {
  const fields = Object.fromEntries(
    Object.keys(formatCases).map((format) => [
      format.replace("-", ""),
      s.string({ format: format as "date" }).optional(),
    ]),
  );
  const Formatted = customResource({
    group: "kube-test.example.com",
    version: "v1",
    kind: "Formatted",
    scope: "Namespaced",
    spec: s.object(fields),
  });
  await withNamespace(async (namespace, client) => {
    try {
      await install(client, Formatted.definition);
      const api = Formatted.api(client).within(namespace);
      await eventually("formatteds to be served", () => api.list().then(() => true));
      const disagreements: string[] = [];
      for (const [format, texts] of Object.entries(formatCases)) {
        for (const text of texts) {
          const object = { metadata: { name: "f" }, spec: { [format.replace("-", "")]: text } };
          const answer = await api.create(object as never, { dryRun: true }).then(
            () => undefined,
            (e) => e,
          );
          const server = answer === undefined;
          if (answer !== undefined && !isInvalid(answer)) throw answer;
          if (server !== matchesFormat(format, text)) {
            disagreements.push(
              `${format} ${JSON.stringify(text)}: the server ${server ? "takes" : "refuses"} it`,
            );
          }
        }
      }
      assert.deepEqual(disagreements, []);
    } finally {
      await uninstall(client, Formatted.definition.metadata.name!);
    }
  });
});

/** RE2 patterns and strings: the check must match each as the server's Go regexp does. */
const patternCases: [string, string[]][] = [
  ["(?i)^[a-z]+$", ["AbC", "a-b"]],
  ["\\Aab\\z", ["ab", "ab\n", "xab"]],
  ["^[[:alpha:]_][[:alnum:]_]*$", ["_a1", "1a", "a-b"]],
  ["^\\Qa.b\\E$", ["a.b", "axb"]],
  ["^\\p{L}+$", ["héllo", "h1"]],
  ["^[]a]+$", ["]a", "b"]],
  ["^(?P<n>[0-9]+)$", ["42", "x"]],
];

Deno.test("the pattern check matches what the API server's RE2 matches, and lengths count characters", async () => {
  const fields = Object.fromEntries(
    patternCases.map(([pattern], i) => [`p${i}`, s.string({ pattern }).optional()]),
  );
  const Patterned = customResource({
    group: "kube-test.example.com",
    version: "v1",
    kind: "Patterned",
    scope: "Namespaced",
    spec: s.object({ ...fields, short: s.string({ maxLength: 2 }).optional() }),
  });
  await withNamespace(async (namespace, client) => {
    try {
      await install(client, Patterned.definition);
      const api = Patterned.api(client).within(namespace);
      await eventually("patterneds to be served", () => api.list().then(() => true));
      const cases = [
        ...patternCases.flatMap(([, texts], i) => texts.map((text) => ({ [`p${i}`]: text }))),
        { short: "😀😀" },
        { short: "😀😀😀" },
      ];
      const disagreements: string[] = [];
      for (const spec of cases) {
        const object = { metadata: { name: "p" }, spec };
        const answer = await api.create(object as never, { dryRun: true }).then(
          () => undefined,
          (e) => e,
        );
        if (answer !== undefined && !isInvalid(answer)) throw answer;
        const ours = Patterned.validate(object).length === 0;
        if ((answer === undefined) !== ours) {
          disagreements.push(
            `${JSON.stringify(spec)}: the server ${answer ? "refuses" : "takes"} it`,
          );
        }
      }
      assert.deepEqual(disagreements, []);
    } finally {
      await uninstall(client, Patterned.definition.metadata.name!);
    }
  });
});

Deno.test("codegen --cluster: a module from the cluster's CRD passes deno check", async () => {
  const { kubeconfig, context } = await cluster();
  const client = await (await import("./_cluster.ts")).adminClient();
  const dir = await Deno.makeTempDir({ prefix: "kube-codegen-cluster-" });
  try {
    await install(client, Everything.definition);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        new URL("../../src/crd/codegen_cli.ts", import.meta.url).pathname,
        "--cluster",
        Everything.definition.metadata.name!,
        "--context",
        context,
        "--out",
        dir,
        "--import",
        MOD_URL,
      ],
      env: { KUBECONFIG: kubeconfig.join(":"), NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, text);
    const file = `${dir}/everythings.kube-test.example.com.ts`;
    await Deno.writeTextFile(
      `${dir}/use.ts`,
      `import type { Everything } from "./everythings.kube-test.example.com.ts";\n` +
        `export const e: Everything = { metadata: { name: "a" }, spec: { name: "a", mode: "Safe", version: "v1", replicas: 1, enabled: true } };\n` +
        `// @ts-expect-error: mode is not one of the enum's values\n` +
        `export const bad: Everything = { metadata: { name: "a" }, spec: { name: "a", mode: "Slow", version: "v1", replicas: 1, enabled: true } };\n`,
    );
    const checked = await deno("check", "--config", CONFIG, file, `${dir}/use.ts`);
    assert.equal(checked.code, 0, checked.output);
  } finally {
    client.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a Reflector with the check skips an object the schema refuses (written before the schema tightened, with kubectl) and keeps the valid ones", async () => {
  const Loose = customResource({
    group: "kube-test.example.com",
    version: "v1",
    kind: "Sprocket",
    scope: "Namespaced",
    spec: s.object({ teeth: s.intOrString() }),
  });
  const Strict = customResource({
    group: "kube-test.example.com",
    version: "v1",
    kind: "Sprocket",
    scope: "Namespaced",
    spec: s.object({ teeth: s.integer({ minimum: 1 }) }),
  });
  const { kubeconfig, context } = await cluster();
  await withNamespace(async (namespace, client) => {
    try {
      await install(client, Loose.definition);
      await eventually("sprockets to be served", () => Loose.api(client).list().then(() => true));
      const manifest = JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: ["good", "bad"].map((name) => ({
          apiVersion: Loose.apiVersion,
          kind: "Sprocket",
          metadata: { name, namespace },
          spec: { teeth: name === "good" ? 12 : "many" },
        })),
      });
      const kubectl = new Deno.Command("kubectl", {
        args: ["--context", context, "apply", "-f", "-"],
        env: { KUBECONFIG: kubeconfig.join(":") },
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const writer = kubectl.stdin.getWriter();
      await writer.write(new TextEncoder().encode(manifest));
      await writer.close();
      const applied = await kubectl.output();
      assert.ok(applied.success, new TextDecoder().decode(applied.stderr));
      // The schema tightens; what is stored stays as it was written.
      await install(client, Strict.definition);

      const errors: string[] = [];
      const rf = new Reflector(Strict.api(client).within(namespace), {
        validate: Strict.validate,
        onError: (e) => errors.push(e.message),
      });
      await rf.poll();
      assert.deepEqual([...rf.read().keys()], [`${namespace}/good`]);
      assert.equal(rf.get(`${namespace}/good`)?.spec.teeth, 12);
      assert.deepEqual(errors, [
        `sprockets ${namespace}/bad does not pass its check and is left out of the cache: spec.teeth: must be of type integer, not string`,
      ]);
    } finally {
      await uninstall(client, Strict.definition.metadata.name!);
    }
  });
});
