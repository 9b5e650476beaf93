/**
 * What identifies a resource on the API server, and the paths it lives at.
 *
 * @module
 */

import { KubeError } from "../errors.ts";

/**
 * A resource type as the API server serves it: its group, version, kind,
 * plural (the word in its URL) and whether its objects live in namespaces.
 *
 * @example A custom resource
 * ```ts
 * import type { Resource } from "./resource.ts";
 * const foos: Resource = { group: "clux.dev", version: "v1", kind: "Foo", plural: "foos", namespaced: true };
 * ```
 */
export interface Resource {
  /** API group; `""` for the core group (pods, nodes, ...). */
  group: string;
  /** API version within the group, e.g. `v1`. */
  version: string;
  /** CamelCase kind, e.g. `Pod`. */
  kind: string;
  /** Lower-case plural used in URLs, e.g. `pods`. */
  plural: string;
  /** Whether objects live in namespaces (true) or in the cluster (false). */
  namespaced: boolean;
}

/**
 * Where in a resource a path points: a namespace, an object, a subresource.
 *
 * @example
 * ```ts
 * import type { PathParts } from "./resource.ts";
 * const status: PathParts = { namespace: "default", name: "web", subresource: "status" };
 * ```
 */
export interface PathParts {
  /** The namespace; omit for all namespaces or a cluster-scoped resource. */
  namespace?: string;
  /** The object's name; omit for the collection. */
  name?: string;
  /** A subresource of the object, e.g. `status`. */
  subresource?: string;
}

/**
 * The `apiVersion` of a resource's objects: `group/version`, or `version`
 * for the core group.
 *
 * @param resource The resource.
 * @returns E.g. `apps/v1` or `v1`.
 *
 * @example
 * ```ts
 * import { apiVersionOf } from "./resource.ts";
 * apiVersionOf({ group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true }); // "apps/v1"
 * ```
 */
export function apiVersionOf(resource: Resource): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/**
 * The URL path of a resource's collection, object or subresource: `/api/v1`
 * for the core group, `/apis/GROUP/VERSION` for named groups, then
 * `namespaces/NS` for namespaced resources scoped to a namespace.
 *
 * @param resource The resource.
 * @param parts Namespace, name and subresource.
 * @returns The path, with every segment URL-escaped.
 * @throws {KubeError} When the namespace, name or subresource is `.` or `..`
 * or holds `/` or `%`: URL parsing would turn the path into another one
 * (`delete(".")` into a DELETE of the whole collection), so client-go
 * refuses them too.
 *
 * @example
 * ```ts
 * import { resourcePath } from "./resource.ts";
 * const pods = { group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true };
 * resourcePath(pods, { namespace: "kube-system", name: "coredns", subresource: "status" });
 * // "/api/v1/namespaces/kube-system/pods/coredns/status"
 * ```
 */
export function resourcePath(
  resource: Resource,
  parts: PathParts = {},
): string {
  const segments = resource.group
    ? ["apis", resource.group, resource.version]
    : ["api", resource.version];
  if (resource.namespaced && parts.namespace) {
    segments.push("namespaces", pathSegment(resource, "namespace", parts.namespace));
  }
  segments.push(resource.plural);
  if (parts.name !== undefined) segments.push(pathSegment(resource, "name", parts.name));
  if (parts.subresource) {
    segments.push(pathSegment(resource, "subresource", parts.subresource));
  }
  return "/" + segments.map(encodeURIComponent).join("/");
}

/** A namespace, name or subresource, refused when URL parsing would change what it points at. */
function pathSegment(resource: Resource, what: string, value: string): string {
  if (value === "." || value === ".." || /[/%]/.test(value)) {
    throw new KubeError(
      `${resource.kind}: the ${what} ${JSON.stringify(value)} cannot be used in a URL path ` +
        `(it must not be "." or ".." nor contain "/" or "%")`,
    );
  }
  return value;
}
