/**
 * discovery.k8s.io/v1 EndpointSlice, with every field of Kubernetes 1.37:
 * the addresses behind a Service, in slices of up to 1,000 endpoints.
 *
 * @module
 */

import type { KubeList, KubeObject } from "./meta.ts";
import type { ObjectReference, Protocol } from "./core_v1.ts";

/**
 * What an endpoint can do now. Each flag may be unset, and then reads as
 * its default.
 *
 * @example
 * ```ts
 * import type { EndpointConditions } from "./discovery_v1.ts";
 * const draining: EndpointConditions = { ready: false, serving: true, terminating: true };
 * ```
 */
export interface EndpointConditions {
  /**
   * Ready for traffic, as its manager judges; usually serving and not
   * terminating (unless the Service publishes not-ready addresses). True
   * if unset.
   */
  ready?: boolean;
  /**
   * Able to take traffic, even while terminating (for a pod: its `Ready`
   * condition is true). True if unset.
   */
  serving?: boolean;
  /** Shutting down. False if unset. */
  terminating?: boolean;
}

/**
 * A zone that should use an endpoint, for topology-aware routing.
 *
 * @example
 * ```ts
 * import type { ForZone } from "./discovery_v1.ts";
 * const z: ForZone = { name: "europe-west1-b" };
 * ```
 */
export interface ForZone {
  /** The zone's name. */
  name: string;
}

/**
 * A node that should use an endpoint, for topology-aware routing.
 *
 * @example
 * ```ts
 * import type { ForNode } from "./discovery_v1.ts";
 * const n: ForNode = { name: "worker-1" };
 * ```
 */
export interface ForNode {
  /** The node's name. */
  name: string;
}

/**
 * Who should use an endpoint, for topology-aware routing.
 *
 * @example
 * ```ts
 * import type { EndpointHints } from "./discovery_v1.ts";
 * const h: EndpointHints = { forZones: [{ name: "europe-west1-b" }] };
 * ```
 */
export interface EndpointHints {
  /** The zones that should use it; at most 8. */
  forZones?: ForZone[];
  /** The nodes that should use it; at most 8. */
  forNodes?: ForNode[];
}

/**
 * One backend of a Service, usually a pod.
 *
 * @example
 * ```ts
 * import type { Endpoint } from "./discovery_v1.ts";
 * const e: Endpoint = {
 *   addresses: ["10.244.1.7"], conditions: { ready: true }, nodeName: "worker-1", zone: "europe-west1-b",
 *   targetRef: { kind: "Pod", name: "web-5d8-abcde", namespace: "default" },
 * };
 * ```
 */
export interface Endpoint {
  /**
   * Its addresses, 1 to 100: canonical IPs for the `IPv4` and `IPv6`
   * address types. The controller writes exactly one, and kube-proxy reads
   * only the first.
   */
  addresses: string[];
  /** Whether it is ready, serving, terminating. */
  conditions?: EndpointConditions;
  /**
   * A lower-case DNS label that tells it apart, e.g. in DNS names;
   * endpoints with the same hostname are interchangeable.
   */
  hostname?: string;
  /** The object it stands for, usually a Pod. */
  targetRef?: ObjectReference;
  /**
   * Topology labels from the v1beta1 API: not writable through v1 (writes
   * are dropped).
   *
   * @deprecated Read `zone` and `nodeName` instead.
   */
  deprecatedTopology?: Record<string, string>;
  /** The node it runs on. */
  nodeName?: string;
  /** The zone it runs in. */
  zone?: string;
  /** Who should use it, for topology-aware routing. */
  hints?: EndpointHints;
}

/**
 * A port that every endpoint of an EndpointSlice serves.
 *
 * This is discovery.k8s.io/v1 `EndpointPort`, renamed because core/v1 has
 * an `EndpointPort` of its own (for Endpoints).
 *
 * @example
 * ```ts
 * import type { EndpointSlicePort } from "./discovery_v1.ts";
 * const p: EndpointSlicePort = { name: "http", port: 8080, protocol: "TCP", appProtocol: "kubernetes.io/h2c" };
 * ```
 */
export interface EndpointSlicePort {
  /**
   * The port's name, unique in the slice: empty or a DNS label. For a
   * Service's slice, the Service port's name. Empty if unset.
   */
  name?: string;
  /** `TCP` (the default), `UDP` or `SCTP`. */
  protocol?: Protocol;
  /** The port number on the endpoints (a Service's target port); may be unset outside Services. */
  port?: number;
  /**
   * The application protocol, a hint for implementations: an IANA service
   * name (`https`), `kubernetes.io/h2c`, `kubernetes.io/ws`,
   * `kubernetes.io/wss`, or a prefixed name of one's own
   * (`example.com/my-protocol`).
   */
  appProtocol?: string;
}

/**
 * The kind of the addresses in an EndpointSlice: `IPv4`, `IPv6`, or
 * `FQDN` (deprecated, with no defined meaning; neither the controller nor
 * kube-proxy handle it).
 */
export type AddressType = "IPv4" | "IPv6" | "FQDN";

/**
 * An EndpointSlice: some of the endpoints of a Service (or of anything
 * else). A Service's slices carry the label `kubernetes.io/service-name`;
 * together they hold all its endpoints.
 *
 * @example
 * ```ts
 * import type { EndpointSlice } from "./discovery_v1.ts";
 * const slice: EndpointSlice = {
 *   apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice",
 *   metadata: { name: "web-abc12", namespace: "default", labels: { "kubernetes.io/service-name": "web" } },
 *   addressType: "IPv4",
 *   ports: [{ name: "http", port: 8080, protocol: "TCP" }],
 *   endpoints: [
 *     { addresses: ["10.244.1.7"], conditions: { ready: true, serving: true, terminating: false }, nodeName: "worker-1" },
 *   ],
 * };
 * ```
 */
export interface EndpointSlice extends KubeObject<never, never> {
  /** The kind of every address in the slice. Immutable. */
  addressType: AddressType;
  /** The endpoints, unique, at most 1,000. */
  endpoints?: Endpoint[];
  /**
   * The ports every endpoint serves, with unique names, at most 100. A
   * Service's slices have at least one; others may have none.
   */
  ports?: EndpointSlicePort[];
}

/** A page of EndpointSlices, as `list` returns it. */
export type EndpointSliceList = KubeList<EndpointSlice>;
