/**
 * coordination.k8s.io/v1 Lease, with every field of Kubernetes 1.37: the
 * record that leader election is built on.
 *
 * @module
 */

import type { KubeList, KubeObject, MicroTime } from "./meta.ts";

/**
 * Who holds a Lease, and for how long. Times are MicroTime strings
 * (RFC 3339 with six fractional digits, e.g. `2025-01-01T12:00:00.000000Z`).
 *
 * Candidates do not compare `renewTime` with their own clock: a candidate
 * treats the Lease as expired once `leaseDurationSeconds` have passed, by
 * its own clock, since it last saw the record change.
 *
 * @example
 * ```ts
 * import type { LeaseSpec } from "./coordination_v1.ts";
 * const spec: LeaseSpec = {
 *   holderIdentity: "web-0_4b1c",
 *   leaseDurationSeconds: 15,
 *   acquireTime: "2025-01-01T12:00:00.000000Z",
 *   renewTime: "2025-01-01T12:00:08.000000Z",
 *   leaseTransitions: 3,
 * };
 * ```
 */
export interface LeaseSpec {
  /**
   * The current holder; empty or absent when nobody holds it. Under
   * coordinated leader election, the name of the elected LeaseCandidate.
   */
  holderIdentity?: string;
  /**
   * Seconds a candidate must wait, after the last `renewTime` it saw,
   * before it may take the Lease over.
   */
  leaseDurationSeconds?: number;
  /** When the current holder acquired it. */
  acquireTime?: MicroTime;
  /** When the current holder last renewed it. */
  renewTime?: MicroTime;
  /** How many times it changed hands. */
  leaseTransitions?: number;
  /**
   * Coordinated leader election (alpha, `CoordinatedLeaderElection`
   * feature gate): how the leader is picked, e.g.
   * `OldestEmulationVersion`; no coordination if unset.
   */
  strategy?: string;
  /**
   * Coordinated leader election: a better holder that the current one
   * should give the Lease up to; only with `strategy`.
   */
  preferredHolder?: string;
}

/**
 * A Lease (coordination.k8s.io/v1): a named, namespaced claim that one
 * holder renews; used for leader election and node heartbeats.
 *
 * @example
 * ```ts
 * import type { Lease } from "./coordination_v1.ts";
 * const lease: Lease = {
 *   apiVersion: "coordination.k8s.io/v1",
 *   kind: "Lease",
 *   metadata: { name: "my-controller", namespace: "default" },
 *   spec: { holderIdentity: "web-0_4b1c", leaseDurationSeconds: 15 },
 * };
 * ```
 */
export type Lease = KubeObject<LeaseSpec, never>;

/** A page of Leases, as `list` returns it. */
export type LeaseList = KubeList<Lease>;
