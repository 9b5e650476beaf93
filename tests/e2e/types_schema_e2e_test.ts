/**
 * The hand-written types against the API server's own schema: for every
 * kind of issue 19, every property path of its OpenAPI v3 schema must exist
 * on the TypeScript type, every object on the way must be closed, and the
 * type checker says so. When Kubernetes adds a field, this test names it.
 *
 * For each kind a file is generated with one line per check: an indexed
 * access type per property path (`T["spec"]`, then `[number]` into arrays
 * and `[string]` into maps), which fails to compile when the field is
 * missing; a closedness check per object (`string extends keyof T`); a
 * check that the schema's `required` and the type's optionality agree; and
 * that int-or-string and Quantity fields take both a number and a string.
 * `deno check` runs over all files at once and its diagnostics are mapped
 * back to the paths by line.
 *
 * @module
 */

import assert from "node:assert/strict";
import { adminClient } from "./_cluster.ts";
import { type Diagnostic, MOD_URL, typeCheck } from "../support/type_check.ts";

/** The 37 kinds of issue 19, by group-version; each type is exported as the kind and `${kind}List`. */
const KINDS: Record<string, string[]> = {
  v1: [
    "Pod",
    "Service",
    "ConfigMap",
    "Secret",
    "Namespace",
    "ServiceAccount",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "ReplicationController",
    "Endpoints",
    "LimitRange",
    "ResourceQuota",
    "Node",
  ],
  "apps/v1": ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"],
  "batch/v1": ["Job", "CronJob"],
  "networking.k8s.io/v1": ["Ingress", "IngressClass", "NetworkPolicy"],
  "discovery.k8s.io/v1": ["EndpointSlice"],
  "rbac.authorization.k8s.io/v1": ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"],
  "policy/v1": ["PodDisruptionBudget"],
  "autoscaling/v2": ["HorizontalPodAutoscaler"],
  "storage.k8s.io/v1": ["StorageClass"],
  "scheduling.k8s.io/v1": ["PriorityClass"],
  "coordination.k8s.io/v1": ["Lease"],
  "apiextensions.k8s.io/v1": ["CustomResourceDefinition"],
  "admissionregistration.k8s.io/v1": [
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
  ],
};

/** The parts of an OpenAPI v3 schema the walk reads. */
interface Schema {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-group-version-kind"?: { group: string; version: string; kind: string }[];
}

interface OpenApiDocument {
  components: { schemas: Record<string, Schema> };
}

/** What one generated line checks, and which path it is about. */
type CheckKind =
  | "missing" // the property is not on the type
  | "never" // the property is typed `never`: nothing can be set
  | "open" // the object has an index signature: typos compile
  | "extra" // the type has fields the schema does not
  | "required" // the schema requires it, the type makes it optional
  | "optional" // the type requires it, the schema does not
  | "array" // the schema has an array, the type cannot be indexed by number
  | "map" // the schema has a map, the type has no string index
  | "scalar" // an int-or-string or Quantity that refuses a number or a string
  | "list"; // the kind or its List type is not exported, or its items are not the kind

interface Check {
  kind: CheckKind;
  path: string;
}

const HELPERS = `
type Is<T extends true> = T;
type None<T extends never> = T;
type Extra<X, Known extends PropertyKey> = {
  [P in Exclude<keyof X, Known>]-?: [NonNullable<X[P]>] extends [never] ? never : P;
}[Exclude<keyof X, Known>];
`;

/** One kind's generated file: aliases and assertions, one a line, and what each line checks. */
class CheckFile {
  lines: string[];
  checks = new Map<number, Check>();
  /** Every property path of the schema, in order. */
  paths: string[] = [];
  #next = 0;

  constructor() {
    this.lines = [`import type * as K from "${MOD_URL}";`, ...HELPERS.trim().split("\n")];
  }

  /** A type alias for `expr`; the line is the check `check`, if given. */
  alias(expr: string, check?: Check): string {
    const name = `T${this.#next++}`;
    this.#line(`type ${name} = ${expr};`, check);
    return name;
  }

  /** `expr` must be `true` (or `never`, with `None`). */
  assert(expr: string, check: Check): void {
    this.#line(`type A${this.#next++} = ${expr};`, check);
  }

  #line(text: string, check?: Check): void {
    this.lines.push(text);
    if (check) this.checks.set(this.lines.length, check);
  }
}

const OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

/** The schema behind a `$ref` (also when wrapped as `allOf: [{ $ref }]`), and the ref. */
function resolve(
  schema: Schema,
  schemas: Record<string, Schema>,
): { schema: Schema; ref?: string } {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  if (!ref) return { schema };
  const name = ref.replace("#/components/schemas/", "");
  const target = schemas[name];
  if (!target) throw new Error(`the schema refers to ${name}, which it does not define`);
  return { schema: target, ref: name };
}

/** A field that holds either a number or a string: IntOrString, Quantity. */
function isNumberOrString(schema: Schema): boolean {
  if (schema.format === "int-or-string" || schema["x-kubernetes-int-or-string"]) return true;
  const types = new Set(schema.oneOf?.map((s) => s.type));
  return types.has("string") && (types.has("number") || types.has("integer"));
}

/**
 * Writes the checks of `schema` on the type `alias` at `path`, and of
 * everything under it. `stack` holds the schemas on the way down: a schema
 * met again (JSONSchemaProps in JSONSchemaProps) is checked as a field but
 * not entered twice.
 */
function walk(
  file: CheckFile,
  node: Schema,
  alias: string,
  path: string,
  schemas: Record<string, Schema>,
  stack: string[],
): void {
  const { schema, ref } = resolve(node, schemas);
  if (ref && stack.includes(ref)) return;
  const below = ref ? [...stack, ref] : stack;
  if (isNumberOrString(schema)) {
    file.assert(
      `Is<number extends ${alias} ? string extends ${alias} ? true : false : false>`,
      { kind: "scalar", path },
    );
    return;
  }
  if (schema.properties) {
    const names = Object.keys(schema.properties);
    file.assert(`Is<string extends keyof ${alias} ? false : true>`, { kind: "open", path });
    file.assert(
      `None<Extra<${alias}, ${names.map((n) => JSON.stringify(n)).join(" | ")}>>`,
      { kind: "extra", path },
    );
    const required = new Set(schema.required ?? []);
    for (const name of names) {
      const child = `${path}.${name}`;
      file.paths.push(child);
      const key = JSON.stringify(name);
      const type = file.alias(`NonNullable<${alias}[${key}]>`, { kind: "missing", path: child });
      file.assert(`Is<[${type}] extends [never] ? false : true>`, { kind: "never", path: child });
      const optional = `{} extends Pick<${alias}, ${key}>`;
      if (required.has(name)) {
        file.assert(`Is<${optional} ? false : true>`, { kind: "required", path: child });
      } else if (resolve(schema.properties[name], schemas).ref !== OBJECT_META) {
        // kube's KubeObject requires metadata, wherever an object is whole
        // (a StatefulSet's claim templates too); the schema does not.
        file.assert(`Is<${optional} ? true : false>`, { kind: "optional", path: child });
      }
      walk(file, schema.properties[name], type, child, schemas, below);
    }
    return;
  }
  if (schema.type === "array" && schema.items) {
    const item = file.alias(`${alias}[number]`, { kind: "array", path: `${path}[]` });
    walk(file, schema.items, item, `${path}[]`, schemas, below);
    return;
  }
  if (schema.type === "object" && typeof schema.additionalProperties === "object") {
    const value = file.alias(`${alias}[string]`, { kind: "map", path: `${path}{}` });
    walk(file, schema.additionalProperties, value, `${path}{}`, schemas, below);
  }
}

/** The schema of `kind` in a group-version's document, found by its group-version-kind. */
function kindSchema(document: OpenApiDocument, groupVersion: string, kind: string): Schema {
  const [group, version] = groupVersion.includes("/")
    ? groupVersion.split("/")
    : ["", groupVersion];
  const found = Object.values(document.components.schemas).find((s) =>
    s["x-kubernetes-group-version-kind"]?.some((gvk) =>
      gvk.group === group && gvk.version === version && gvk.kind === kind
    )
  );
  if (!found) throw new Error(`${groupVersion} serves no schema for ${kind}`);
  return found;
}

interface Problem {
  kind: CheckKind;
  path: string;
  detail?: string;
}

/** The problems the diagnostics stand for, without those under a missing field (they follow from it). */
function problemsOf(
  files: Map<string, CheckFile>,
  diagnostics: Diagnostic[],
): Problem[] {
  const problems: Problem[] = [];
  for (const d of diagnostics) {
    const check = files.get(d.file)?.checks.get(d.line);
    if (!check) continue;
    const extra = check.kind === "extra"
      ? [...d.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]).join(", ")
      : undefined;
    problems.push({ ...check, ...(extra ? { detail: extra } : {}) });
  }
  const missing = problems.filter((p) => p.kind === "missing").map((p) => p.path);
  const under = (path: string, parent: string) =>
    path !== parent && (path.startsWith(`${parent}.`) || path.startsWith(`${parent}[]`) ||
      path.startsWith(`${parent}{}`));
  return problems.filter((p) =>
    !missing.some((m) => under(p.path, m) || (p.path === m && p.kind !== "missing"))
  );
}

Deno.test({
  name:
    "e2e types: every property path of the 37 kinds' OpenAPI v3 schemas exists on kube's types, and every object is closed",
  sanitizeResources: false,
  async fn() {
    using client = await adminClient();
    const index = await client.json<{ paths: Record<string, unknown> }>({ path: "/openapi/v3" });
    const dir = await Deno.makeTempDir({ prefix: "kube-types-schema-" });
    const files = new Map<string, CheckFile>();
    try {
      for (const [groupVersion, kinds] of Object.entries(KINDS)) {
        const at = groupVersion === "v1" ? "api/v1" : `apis/${groupVersion}`;
        assert.ok(at in index.paths, `/openapi/v3 lists ${at}`);
        const document = await client.json<OpenApiDocument>({ path: `/openapi/v3/${at}` });
        for (const kind of kinds) {
          const file = new CheckFile();
          const root = file.alias(`K.${kind}`, { kind: "list", path: kind });
          file.assert(`Is<K.${kind}List["items"][number] extends K.${kind} ? true : false>`, {
            kind: "list",
            path: `${kind}List`,
          });
          walk(
            file,
            kindSchema(document, groupVersion, kind),
            root,
            kind,
            document.components
              .schemas,
            [],
          );
          const name = `${dir}/${kind}.ts`;
          await Deno.writeTextFile(name, file.lines.join("\n") + "\n");
          files.set(name, file);
        }
      }
      // A control: a Deployment type with a field left out, an open status
      // and a string-only IntOrString, which the checks must catch.
      const control = new CheckFile();
      const narrow = control.alias(
        `K.KubeObject<Omit<K.DeploymentSpec, "selector" | "strategy"> & { strategy?: { type?: string; rollingUpdate?: { maxSurge?: string; maxUnavailable?: K.IntOrString } } }, Record<string, unknown>>`,
      );
      const apps = await client.json<OpenApiDocument>({ path: "/openapi/v3/apis/apps/v1" });
      walk(
        control,
        kindSchema(apps, "apps/v1", "Deployment"),
        narrow,
        "Deployment",
        apps.components
          .schemas,
        [],
      );
      const controlName = `${dir}/control.ts`;
      await Deno.writeTextFile(controlName, control.lines.join("\n") + "\n");

      const { diagnostics } = await typeCheck([...files.keys(), controlName]);
      const caught = problemsOf(new Map([[controlName, control]]), diagnostics)
        .map((p) => `${p.kind}: ${p.path}`);
      for (
        const expected of [
          "missing: Deployment.spec.selector",
          "open: Deployment.status",
          "scalar: Deployment.spec.strategy.rollingUpdate.maxSurge",
        ]
      ) {
        assert.ok(caught.includes(expected), `the control is caught: ${expected}`);
      }
      assert.ok(!caught.includes("scalar: Deployment.spec.strategy.rollingUpdate.maxUnavailable"));
      const elsewhere = diagnostics.filter((d) => !files.has(d.file) && d.file !== controlName);
      assert.deepEqual(elsewhere, [], "the project's own sources type-check");
      const problems = problemsOf(files, diagnostics);

      let total = 0;
      let absent = 0;
      const rows: string[] = [];
      for (const [name, file] of files) {
        const kind = name.slice(dir.length + 1, -3);
        const missing = problems.filter((p) =>
          p.kind === "missing" && p.path.startsWith(`${kind}.`)
        );
        const gone = file.paths.filter((path) =>
          missing.some((m) =>
            path === m.path || path.startsWith(`${m.path}.`) ||
            path.startsWith(`${m.path}[]`) || path.startsWith(`${m.path}{}`)
          )
        ).length;
        total += file.paths.length;
        absent += gone;
        const open = problems.filter((p) =>
          p.kind === "open" && (p.path === kind || p.path.startsWith(`${kind}.`))
        ).length;
        rows.push(
          `  ${kind}: ${file.paths.length - gone}/${file.paths.length} paths, ${open} open`,
        );
      }
      const open = problems.filter((p) => p.kind === "open").length;
      const objects = [...files.values()].reduce(
        (n, f) => n + [...f.checks.values()].filter((c) => c.kind === "open").length,
        0,
      );
      console.log(
        `schema coverage: ${total - absent}/${total} property paths of ${files.size} kinds ` +
          `(${(100 * (total - absent) / total).toFixed(1)} %), ${open} open of ${objects} ` +
          `objects\n` +
          rows.join("\n"),
      );
      const report = problems.map((p) => `${p.kind}: ${p.path}${p.detail ? ` (${p.detail})` : ""}`);
      assert.deepEqual(report, [], `${problems.length} disagreements with the schema`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
