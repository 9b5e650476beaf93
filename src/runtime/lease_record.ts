/**
 * The Lease records a leader election writes: created by a new holder,
 * renewed, taken over, released; and the record compared to tell when a
 * holder last renewed.
 *
 * @module
 */

import type { Lease, LeaseSpec } from "../types/mod.ts";

/**
 * Who writes a Lease: the candidate's identity, how long its claim lasts,
 * and the time it writes (a MicroTime).
 *
 * @example
 * ```ts
 * import type { LeaseHolder } from "./lease_record.ts";
 * const holder: LeaseHolder = { identity: "web-0_1f2e", leaseDurationSeconds: 15, now: "2026-01-02T03:04:05.000000Z" };
 * ```
 */
export interface LeaseHolder {
  /** The candidate's identity. */
  identity: string;
  /** How long its claim lasts without renewal. */
  leaseDurationSeconds: number;
  /** The time of the write, as a MicroTime. */
  now: string;
}

/**
 * A new Lease, held by `holder` from now.
 *
 * @param name The Lease's name.
 * @param holder Who holds it.
 * @returns The Lease to create.
 *
 * @example
 * ```ts
 * import { createdLease } from "./lease_record.ts";
 * const lease = createdLease("my-operator", { identity: "a", leaseDurationSeconds: 15, now: "2026-01-02T03:04:05.000000Z" });
 * ```
 */
export function createdLease(name: string, holder: LeaseHolder): Lease {
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name },
    spec: {
      holderIdentity: holder.identity,
      leaseDurationSeconds: holder.leaseDurationSeconds,
      acquireTime: holder.now,
      renewTime: holder.now,
      leaseTransitions: 0,
    },
  };
}

/**
 * The Lease renewed by its holder: a new renewTime.
 *
 * @param lease The Lease as last read.
 * @param holder Who renews it.
 * @returns The Lease to write.
 *
 * @example
 * ```ts ignore
 * await leases.replace(name, renewedLease(lease, holder));
 * ```
 */
export function renewedLease(lease: Lease, holder: LeaseHolder): Lease {
  return {
    ...lease,
    spec: {
      ...lease.spec,
      holderIdentity: holder.identity,
      leaseDurationSeconds: holder.leaseDurationSeconds,
      renewTime: holder.now,
    },
  };
}

/**
 * The Lease taken over by a new holder: acquired now, one more transition.
 *
 * @param lease The Lease as last read, held by another candidate (or none).
 * @param holder Who takes it.
 * @returns The Lease to write.
 *
 * @example
 * ```ts ignore
 * await leases.replace(name, takenOverLease(lease, holder));
 * ```
 */
export function takenOverLease(lease: Lease, holder: LeaseHolder): Lease {
  const renewed = renewedLease(lease, holder);
  return {
    ...renewed,
    spec: {
      ...renewed.spec,
      acquireTime: holder.now,
      leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + 1,
    },
  };
}

/**
 * The Lease given up by its holder, as client-go releases it: no holder,
 * and a duration of 1 s for candidates that do not check the holder.
 *
 * @param lease The Lease as last read.
 * @param now The time, as a MicroTime.
 * @returns The Lease to write.
 *
 * @example
 * ```ts ignore
 * await leases.replace(name, releasedLease(lease, microTime(Date.now())));
 * ```
 */
export function releasedLease(lease: Lease, now: string): Lease {
  return {
    ...lease,
    spec: {
      ...lease.spec,
      holderIdentity: "",
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
    },
  };
}

/**
 * The record's fields in a fixed order, to tell when it changed: the
 * record, not the resourceVersion, for a label changed on the Lease does
 * not renew anyone's claim.
 *
 * @param spec The Lease's spec.
 * @returns A string that changes exactly when the record does.
 *
 * @example
 * ```ts
 * import { recordOf } from "./lease_record.ts";
 * recordOf({ holderIdentity: "a" }) === recordOf({ holderIdentity: "b" }); // false
 * ```
 */
export function recordOf(spec: LeaseSpec | undefined): string {
  return JSON.stringify([
    spec?.holderIdentity ?? "",
    spec?.leaseDurationSeconds ?? 0,
    spec?.acquireTime ?? "",
    spec?.renewTime ?? "",
    spec?.leaseTransitions ?? 0,
    spec?.strategy ?? "",
    spec?.preferredHolder ?? "",
  ]);
}
