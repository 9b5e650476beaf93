/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition: the fields an operator
 * reads and writes.
 *
 * @module
 */

import type { Condition, KubeObject } from "./meta.ts";

/**
 * A CRD's names: how its resources are addressed and printed.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionNames } from "./apiextensions_v1.ts";
 * const names: CustomResourceDefinitionNames = { plural: "foos", singular: "foo", kind: "Foo", shortNames: ["f"] };
 * ```
 */
export interface CustomResourceDefinitionNames {
  /** Used in URLs: `/apis/GROUP/VERSION/.../PLURAL`. */
  plural: string;
  /** Singular name; the lower-cased kind if unset. */
  singular?: string;
  /** CamelCase kind of the objects. */
  kind: string;
  /** Kind of the list, `KindList` if unset. */
  listKind?: string;
  /** Short names for kubectl. */
  shortNames?: string[];
  /** Groups of resources this one belongs to, e.g. `all`. */
  categories?: string[];
}

/**
 * An OpenAPI v3 schema, as far as kube reads it; other keys pass through.
 *
 * @example
 * ```ts
 * import type { JSONSchemaProps } from "./apiextensions_v1.ts";
 * const s: JSONSchemaProps = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };
 * ```
 */
export interface JSONSchemaProps {
  /** JSON type: `object`, `string`, `integer`, ... */
  type?: string;
  /** Description for people. */
  description?: string;
  /** Properties of an object. */
  properties?: Record<string, JSONSchemaProps>;
  /** Required property names. */
  required?: string[];
  /** Schema of array items. */
  items?: JSONSchemaProps;
  /** Keep unknown fields instead of pruning them. */
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  /** Other schema keywords. */
  [keyword: string]: unknown;
}

/**
 * One served version of a CRD.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionVersion } from "./apiextensions_v1.ts";
 * const v: CustomResourceDefinitionVersion = { name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } };
 * ```
 */
export interface CustomResourceDefinitionVersion {
  /** The version name, e.g. `v1`. */
  name: string;
  /** Served through the REST API. */
  served: boolean;
  /** The one version objects are stored as. */
  storage: boolean;
  /** Validation schema. */
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  /** Enabled subresources: `status` and `scale`. */
  subresources?: {
    status?: Record<string, never>;
    scale?: {
      specReplicasPath: string;
      statusReplicasPath: string;
      labelSelectorPath?: string;
    };
  };
  /** Extra columns for `kubectl get`. */
  additionalPrinterColumns?: {
    name: string;
    type: string;
    jsonPath: string;
    description?: string;
    format?: string;
    priority?: number;
  }[];
  /** Whether the version is deprecated. */
  deprecated?: boolean;
  /** Warning returned to clients of a deprecated version. */
  deprecationWarning?: string;
}

/**
 * What a CRD defines.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionSpec } from "./apiextensions_v1.ts";
 * const spec: CustomResourceDefinitionSpec = {
 *   group: "clux.dev", scope: "Namespaced",
 *   names: { plural: "foos", kind: "Foo" },
 *   versions: [{ name: "v1", served: true, storage: true }],
 * };
 * ```
 */
export interface CustomResourceDefinitionSpec {
  /** The API group, e.g. `clux.dev`. */
  group: string;
  /** Names of the resource. */
  names: CustomResourceDefinitionNames;
  /** `Namespaced` or `Cluster`. */
  scope: "Namespaced" | "Cluster";
  /** Served versions; exactly one is the storage version. */
  versions: CustomResourceDefinitionVersion[];
  /** How versions are converted. */
  conversion?: { strategy: "None" | "Webhook"; webhook?: unknown };
  /** Keep fields the schema does not name (v1 only allows false). */
  preserveUnknownFields?: boolean;
}

/**
 * What the API server has made of a CRD: conditions (`Established`,
 * `NamesAccepted`) and the names it accepted.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinitionStatus } from "./apiextensions_v1.ts";
 * const s: CustomResourceDefinitionStatus = { conditions: [{ type: "Established", status: "True" }] };
 * ```
 */
export interface CustomResourceDefinitionStatus {
  /** `Established`, `NamesAccepted`, `Terminating`, ... */
  conditions?: Condition[];
  /** Names as the server accepted them. */
  acceptedNames?: CustomResourceDefinitionNames;
  /** Versions that objects have ever been stored as. */
  storedVersions?: string[];
}

/**
 * A CustomResourceDefinition: a new resource type served by the API server.
 *
 * @example
 * ```ts
 * import type { CustomResourceDefinition } from "./apiextensions_v1.ts";
 * const crd: CustomResourceDefinition = {
 *   apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition",
 *   metadata: { name: "foos.clux.dev" },
 *   spec: { group: "clux.dev", scope: "Namespaced", names: { plural: "foos", kind: "Foo" }, versions: [{ name: "v1", served: true, storage: true }] },
 * };
 * ```
 */
export type CustomResourceDefinition = KubeObject<
  CustomResourceDefinitionSpec,
  CustomResourceDefinitionStatus
>;
