/**
 * Dynamic objects: objects of a kind learnt at run time, kept whole, and the
 * `Api` handle for them.
 *
 * @module
 */

import type { Client } from "../http/client.ts";
import type { KubeObject } from "../types/meta.ts";
import { Api } from "./api.ts";
import type { Resource } from "./resource.ts";

/**
 * An object of any kind, with every top-level field it came with (`spec`,
 * `status`, `data`, `rules`, ...): what a manifest or a resource found by
 * discovery gives when no type is declared for it.
 *
 * @example
 * ```ts
 * import type { DynamicObject } from "./dynamic.ts";
 * const cm: DynamicObject = {
 *   apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { mode: "fast" },
 * };
 * ```
 */
export interface DynamicObject extends KubeObject {
  /** Every other top-level field, as the server or the manifest holds it. */
  [field: string]: unknown;
}

/**
 * An `Api` of dynamic objects for a resource known only at run time (from
 * {@linkcode Discovery}, say): every verb works, and Reflector, Informer and
 * Controller take it like any other handle.
 *
 * @param client The client.
 * @param resource The resource, e.g. from `Discovery.find`.
 * @param namespace The namespace, for a namespaced resource; all if omitted.
 * @returns The handle.
 *
 * @example
 * ```ts ignore
 * import { Client, Discovery, dynamicApi, Reflector } from "../../mod.ts";
 * const client = await Client.load();
 * const discovery = await Discovery.load(client);
 * const foos = dynamicApi(client, await discovery.find("clux.dev/v1", "Foo"), "default");
 * const rf = new Reflector(foos);
 * await rf.poll();
 * ```
 */
export function dynamicApi(
  client: Client,
  resource: Resource,
  namespace?: string,
): Api<DynamicObject> {
  // Keep the handle's resource to the five fields Resource names.
  const { group, version, kind, plural, namespaced } = resource;
  return new Api<DynamicObject>(client, { group, version, kind, plural, namespaced }, namespace);
}
