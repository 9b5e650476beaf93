/**
 * events.k8s.io/v1 Event: what a controller reports about an object, as
 * `kubectl describe` and `kubectl events` show it.
 *
 * @module
 */

import type { KubeObject } from "./meta.ts";
import type { ObjectReference } from "./core_v1.ts";

/**
 * Repeats of one event: how many, and when the last was seen. The API
 * server accepts a series only with `count` of at least 2.
 *
 * @example
 * ```ts
 * import type { EventSeries } from "./events_v1.ts";
 * const series: EventSeries = { count: 4, lastObservedTime: "2025-01-01T12:03:00.000000Z" };
 * ```
 */
export interface EventSeries {
  /** How many times the event happened, the first included. */
  count: number;
  /** When it last happened (MicroTime). */
  lastObservedTime: string;
}

/**
 * Where a core/v1 Event came from; set only on Events written through the
 * old core/v1 API.
 *
 * @example
 * ```ts
 * import type { EventSource } from "./events_v1.ts";
 * const source: EventSource = { component: "kubelet", host: "node-1" };
 * ```
 */
export interface EventSource {
  /** The component that reported it. */
  component?: string;
  /** The node it was reported on. */
  host?: string;
}

/**
 * An Event (events.k8s.io/v1): something that happened to an object,
 * reported by a controller. It lives in the object's namespace (`default`
 * for cluster-scoped objects) and is deleted by the API server after an
 * hour (its `--event-ttl`). Its fields are top-level: it has no spec.
 *
 * The `deprecated*` fields mirror the core/v1 Event's; the API server
 * refuses them on Events created through events.k8s.io/v1.
 *
 * @example
 * ```ts
 * import type { Event } from "./events_v1.ts";
 * const event: Event = {
 *   apiVersion: "events.k8s.io/v1",
 *   kind: "Event",
 *   metadata: { name: "web.17f3a2b4c5d6e7f8", namespace: "default" },
 *   eventTime: "2025-01-01T12:00:00.000000Z",
 *   reportingController: "example.com/web-operator",
 *   reportingInstance: "web-operator-0",
 *   type: "Normal",
 *   reason: "Scaled",
 *   action: "Scale",
 *   note: "scaled from 1 to 3 replicas",
 *   regarding: { apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "default" },
 * };
 * ```
 */
export interface Event extends KubeObject<never, never> {
  /** When the event first happened (MicroTime); required. */
  eventTime: string;
  /** Its repeats, when it happened more than once. */
  series?: EventSeries;
  /** The controller that reported it, e.g. `example.com/web-operator`; required. */
  reportingController?: string;
  /** Which instance of that controller, e.g. a pod name; required. */
  reportingInstance?: string;
  /** What was done or failed, e.g. `Scale` (at most 128 characters); required. */
  action?: string;
  /** Why, in UpperCamelCase, e.g. `Scaled` (at most 128 characters); required. */
  reason?: string;
  /** The object the event is about. */
  regarding?: ObjectReference;
  /** A second object involved, e.g. the pod a ReplicaSet created. */
  related?: ObjectReference;
  /** A human-readable description, at most 1 kB. */
  note?: string;
  /** `Normal` or `Warning`. */
  type?: "Normal" | "Warning" | string;
  /** The core/v1 `source`. */
  deprecatedSource?: EventSource;
  /** The core/v1 `firstTimestamp`. */
  deprecatedFirstTimestamp?: string;
  /** The core/v1 `lastTimestamp`. */
  deprecatedLastTimestamp?: string;
  /** The core/v1 `count`. */
  deprecatedCount?: number;
}
