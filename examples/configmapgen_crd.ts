/**
 * The ConfigMapGenerator custom resource of examples/configmapgen_controller.ts,
 * defined once with `customResource`: its type, its check and its CRD
 * (examples/configmapgen.yaml holds the same CRD for `kubectl apply`).
 * Run it to print the CRD as JSON:
 *
 *     deno run examples/configmapgen_crd.ts | kubectl apply -f -
 *
 * @module
 */

import { customResource, type InferResource, s } from "../mod.ts";

/** ConfigMapGenerators: each asks for a ConfigMap whose `data.content` is its `spec.content`. */
export const ConfigMapGenerator = customResource({
  group: "kube.example",
  version: "v1",
  kind: "ConfigMapGenerator",
  scope: "Namespaced",
  shortNames: ["cmg"],
  spec: s.object({ content: s.string() }).optional(),
  status: s.object({ observedGeneration: s.integer().optional() }).optional(),
  subresources: { status: true },
});

/** A ConfigMapGenerator object. */
export type ConfigMapGenerator = InferResource<typeof ConfigMapGenerator>;

if (import.meta.main) console.log(JSON.stringify(ConfigMapGenerator.definition, null, 2));
