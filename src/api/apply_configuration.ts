/**
 * The shape of a server-side apply body: the fields a manager wants to own,
 * and only those, checked against the kind's type at every depth.
 *
 * @module
 */

import type { KubeObject, ObjectMeta } from "../types/meta.ts";

/**
 * `T` with every field optional, at every depth: objects stay closed (a
 * field `T` does not have is still a compile error), arrays hold deep
 * partials of their items, and free-form values (`unknown`) stay free-form.
 *
 * @typeParam T The type to loosen.
 *
 * @example
 * ```ts
 * import type { DeepPartial } from "./apply_configuration.ts";
 * import type { DeploymentSpec } from "../types/mod.ts";
 * const replicasOnly: DeepPartial<DeploymentSpec> = { replicas: 3 };
 * const image: DeepPartial<DeploymentSpec> = {
 *   template: { spec: { containers: [{ name: "web", image: "nginx:1.29" }] } },
 * };
 * ```
 */
export type DeepPartial<T> = T extends readonly (infer Item)[] ? DeepPartial<Item>[]
  : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> }
  : T;

/**
 * A server-side apply body for objects of type `T`: what the manager means
 * to own. Everything is optional but what identifies the object:
 * `apiVersion`, `kind` and `metadata.name` (as client-go's apply
 * configurations and a manifest for `kubectl apply --server-side` carry
 * them). The fields left out are not touched, and the server takes away
 * from the manager the fields it owned and no longer sends. Unknown fields
 * are compile errors here, as the server refuses them under apply whatever
 * `fieldValidation` says.
 *
 * Items of a list keyed by a field (containers by `name`, ports by
 * `containerPort`) must carry their key for the server to merge them,
 * which the type does not enforce.
 *
 * @typeParam T The object type, e.g. `Deployment`.
 *
 * @example
 * ```ts
 * import type { ApplyConfiguration } from "./apply_configuration.ts";
 * import type { Deployment } from "../types/mod.ts";
 * const scale: ApplyConfiguration<Deployment> = {
 *   apiVersion: "apps/v1",
 *   kind: "Deployment",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { replicas: 3 },
 * };
 * ```
 */
export type ApplyConfiguration<T extends KubeObject> =
  & { [K in Exclude<keyof T, "apiVersion" | "kind" | "metadata">]?: DeepPartial<T[K]> }
  & {
    /** `group/version`, or `v1` for the core group. */
    apiVersion: string;
    /** The kind, e.g. `Deployment`. */
    kind: string;
    /** The object's metadata; the name is required, the rest optional. */
    metadata: ApplyMetadata;
  };

/**
 * The metadata of an {@linkcode ApplyConfiguration}: a name, and any other
 * {@linkcode ObjectMeta} field the manager sets (labels, annotations,
 * namespace, ...).
 *
 * @example
 * ```ts
 * import type { ApplyMetadata } from "./apply_configuration.ts";
 * const meta: ApplyMetadata = { name: "web", labels: { app: "web" } };
 * ```
 */
export type ApplyMetadata = DeepPartial<ObjectMeta> & {
  /** The object's name. */
  name: string;
};
