import assert from "node:assert/strict";
import {
  customResource,
  type InferResource,
  KubeError,
  type KubeObject,
  pluralOf,
  s,
} from "../../../mod.ts";
import { structuralProblems } from "./_structural.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true
  : false;
function assertType<_T extends true>() {}

const Widget = customResource({
  group: "example.com",
  version: "v1",
  kind: "Widget",
  scope: "Namespaced",
  shortNames: ["wd"],
  categories: ["all"],
  spec: s.object({
    size: s.integer({ minimum: 1 }),
    color: s.enum(["red", "blue"]).default("red"),
  }),
  status: s.object({ ready: s.boolean(), replicas: s.integer().optional() }).optional(),
  printerColumns: [{ name: "Size", type: "integer", jsonPath: ".spec.size" }],
  subresources: {
    status: true,
    scale: { specReplicasPath: ".spec.size", statusReplicasPath: ".status.replicas" },
  },
});

Deno.test("customResource: the CRD names, scope, version, schema, columns and subresources", () => {
  assert.deepEqual(Widget.definition, {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      names: {
        kind: "Widget",
        plural: "widgets",
        singular: "widget",
        shortNames: ["wd"],
        categories: ["all"],
      },
      scope: "Namespaced",
      versions: [{
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                properties: {
                  size: { type: "integer", minimum: 1 },
                  color: { type: "string", enum: ["red", "blue"], default: "red" },
                },
                required: ["size", "color"],
              },
              status: {
                type: "object",
                properties: { ready: { type: "boolean" }, replicas: { type: "integer" } },
                required: ["ready"],
              },
            },
            required: ["spec"],
          },
        },
        subresources: {
          status: {},
          scale: { specReplicasPath: ".spec.size", statusReplicasPath: ".status.replicas" },
        },
        additionalPrinterColumns: [{ name: "Size", type: "integer", jsonPath: ".spec.size" }],
      }],
    },
  });
  assert.deepEqual(
    structuralProblems(Widget.definition.spec.versions[0].schema!.openAPIV3Schema!),
    [],
  );
  assert.deepEqual(Widget.resource, {
    group: "example.com",
    version: "v1",
    kind: "Widget",
    plural: "widgets",
    namespaced: true,
  });
});

Deno.test("customResource: the object type has spec as its schema reads, status optional; the input type leaves defaults out", () => {
  type Widget = InferResource<typeof Widget>;
  assertType<Equal<Widget["spec"], { size: number; color: "red" | "blue" }>>();
  assertType<
    Equal<Widget["status"], { ready: boolean; replicas?: number } | undefined>
  >();
  assertType<Equal<typeof Widget.Type, Widget>>();
  const ok: Widget = { metadata: { name: "a" }, spec: { size: 1, color: "blue" } };
  const asKubeObject: KubeObject = ok;
  const input: typeof Widget.Input = { metadata: { name: "a" }, spec: { size: 1 } };
  // @ts-expect-error: spec is required
  const _noSpec: Widget = { metadata: { name: "a" } };
  // @ts-expect-error: size must be a number
  const _badSize: Widget = { metadata: {}, spec: { size: "1", color: "red" } };
  // @ts-expect-error: a misspelt field
  const _typo: typeof Widget.Input = { metadata: {}, spec: { size: 1, colour: "red" } };
  assert.ok(asKubeObject && input);
});

Deno.test("validate: every violation with its path from the object's root, apiVersion and kind included", () => {
  assert.deepEqual(
    Widget.validate({
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "a" },
      spec: { size: 2 },
    }),
    [],
  );
  assert.deepEqual(
    Widget.validate({
      apiVersion: "example.com/v2",
      kind: "Gadget",
      metadata: { name: "a" },
      spec: { size: 0, color: "green" },
      status: { replicas: "1" },
    }),
    [
      { message: "must be example.com/v1", path: ["apiVersion"] },
      { message: "must be Widget", path: ["kind"] },
      { message: "must be greater than or equal to 1", path: ["spec", "size"] },
      { message: 'must be one of "red", "blue"', path: ["spec", "color"] },
      { message: "Required value", path: ["status", "ready"] },
      { message: "must be of type integer, not string", path: ["status", "replicas"] },
    ],
  );
  assert.deepEqual(Widget.validate({ metadata: {} }), [{
    message: "Required value",
    path: ["spec"],
  }]);
  assert.deepEqual(Widget.validate("x"), [{ message: "must be of type object", path: [] }]);
  // metadata belongs to the API machinery: its fields are not pruned, not reported.
  assert.deepEqual(
    Widget.validate({ metadata: { name: "a", labels: { x: "y" } }, spec: { size: 1 } }, {
      unknownFields: "report",
    }),
    [],
  );
  const validate = Widget.validate;
  assert.equal(validate({ metadata: {}, spec: {} }).length, 1, "validate is bound to its handle");
});

Deno.test("make: fills in apiVersion, kind and defaults, and refuses what does not pass", () => {
  const w = Widget.make({ metadata: { name: "a" }, spec: { size: 3 } });
  // Before the assertion below, which narrows w.
  assertType<Equal<typeof w, InferResource<typeof Widget>>>();
  assert.deepEqual(w, {
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "a" },
    spec: { size: 3, color: "red" },
  });
  assert.throws(
    () => Widget.make({ metadata: { name: "a" }, spec: { size: 0 } }),
    (e) =>
      e instanceof KubeError &&
      e.message === "Widget spec.size: must be greater than or equal to 1",
  );
});

Deno.test("the custom resource is a Standard Schema of whole objects", async () => {
  const result = await Widget["~standard"].validate({ metadata: { name: "a" }, spec: { size: 1 } });
  assert.deepEqual(result, { value: { metadata: { name: "a" }, spec: { size: 1, color: "red" } } });
  const failed = await Widget["~standard"].validate({ metadata: {}, spec: { size: 0 } });
  assert.deepEqual(failed.issues?.map((i) => i.path), [["spec", "size"]]);
});

const Policy = customResource({
  group: "example.com",
  kind: "Policy",
  scope: "Cluster",
  storage: "v1",
  versions: {
    v1: {
      spec: s.object({ level: s.integer({ minimum: 0 }) }),
      status: s.object({ seen: s.boolean() }).optional(),
    },
    v1beta1: {
      spec: s.object({ level: s.string().optional() }).optional(),
      deprecated: true,
      deprecationWarning: "example.com/v1beta1 Policy is deprecated; use v1",
    },
    v1alpha1: { spec: s.object({}), served: false },
  },
});

Deno.test("several versions: one CRD, one storage version, served flags, a handle per version", () => {
  const versions = Policy.definition.spec.versions;
  assert.deepEqual(versions.map((v) => [v.name, v.served, v.storage, v.deprecated]), [
    ["v1", true, true, undefined],
    ["v1beta1", true, false, true],
    ["v1alpha1", false, false, undefined],
  ]);
  assert.equal(versions[1].deprecationWarning, "example.com/v1beta1 Policy is deprecated; use v1");
  assert.equal(versions[1].schema?.openAPIV3Schema?.required, undefined, "an optional spec");
  assert.equal(Policy.definition.metadata.name, "policies.example.com");
  assert.equal(Policy.resource.namespaced, false);
  assert.equal(Policy.versions.v1, Policy);
  assert.equal(Policy.versions.v1beta1.resource.version, "v1beta1");
  assert.deepEqual(Policy.versions.v1beta1.validate({ metadata: {}, spec: { level: 1 } }), [
    { message: "must be of type string, not integer", path: ["spec", "level"] },
  ]);
  type Old = typeof Policy.versions.v1beta1.Type;
  assertType<Equal<Old["spec"], { level?: string } | undefined>>();
  assertType<Equal<typeof Policy.Type["spec"], { level: number }>>();
  // @ts-expect-error: no such version
  Policy.versions.v2;
});

Deno.test("names and versions the server would refuse are refused when defined", () => {
  const spec = s.object({});
  assert.throws(
    () => customResource({ group: "local", version: "v1", kind: "A", scope: "Cluster", spec }),
    /group "local" must contain a dot/,
  );
  assert.throws(
    () => customResource({ group: "a.b", version: "V1", kind: "A", scope: "Cluster", spec }),
    /version "V1" is not a DNS label/,
  );
  assert.throws(
    () =>
      customResource({
        group: "a.b",
        kind: "A",
        scope: "Cluster",
        storage: "v2" as "v1",
        versions: { v1: { spec } },
      }),
    /storage version "v2" is not among its versions/,
  );
});

Deno.test("pluralOf: kubectl's cheap English plurals", () => {
  const cases: [string, string][] = [
    ["Widget", "widgets"],
    ["NetworkPolicy", "networkpolicies"],
    ["Gateway", "gateways"],
    ["Ingress", "ingresses"],
    ["Box", "boxes"],
    ["Match", "matches"],
    ["Mesh", "meshes"],
    ["ConfigMapGenerator", "configmapgenerators"],
  ];
  for (const [kind, plural] of cases) assert.equal(pluralOf(kind), plural, kind);
});
