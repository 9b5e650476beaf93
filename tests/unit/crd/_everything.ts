/**
 * A custom resource that uses every schema builder, for the codegen round
 * trip and the e2e tests.
 *
 * @module
 */

import { customResource, s } from "../../../mod.ts";

/** Everything: one field per builder and modifier. */
export const Everything = customResource({
  group: "kube-test.example.com",
  version: "v1",
  kind: "Everything",
  scope: "Namespaced",
  spec: s.object({
    name: s.string({ pattern: "^[a-z]+$", minLength: 1, maxLength: 20 }).describe("The name."),
    mode: s.enum(["Fast", "Safe"]).default("Safe"),
    version: s.literal("v1"),
    replicas: s.integer({ minimum: 0, maximum: 100, format: "int32" }),
    ratio: s.number({ minimum: 0 }).optional(),
    enabled: s.boolean(),
    deadline: s.string({ format: "date-time" }).nullable().optional(),
    ports: s.array(s.object({ name: s.string(), port: s.intOrString() }), {
      listType: "map",
      listMapKeys: ["name"],
      maxItems: 8,
    }).optional(),
    tags: s.array(s.string({ maxLength: 10 }), { listType: "set", maxItems: 4 }).optional(),
    labels: s.map(s.string()).optional(),
    memory: s.quantity().optional(),
    raw: s.preserveUnknown().optional(),
    extra: s.openObject({ kind: s.string() }).optional(),
    range: s.object({ min: s.integer(), max: s.integer() })
      .rule("self.min <= self.max", { message: "min must not exceed max" })
      .optional(),
  }),
  status: s.object({
    ready: s.boolean().optional(),
    replicas: s.integer().optional(),
  }).optional(),
  subresources: {
    status: true,
    scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" },
  },
});
