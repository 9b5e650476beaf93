/**
 * storage.k8s.io/v1 StorageClass, with every field of Kubernetes 1.37: how
 * PersistentVolumes of a class are provisioned.
 *
 * @module
 */

import type { KubeList, KubeObject } from "./meta.ts";
import type { TopologySelectorTerm } from "./core_v1.ts";

/**
 * When a claim of the class gets its volume: `Immediate` (the default: as
 * soon as the claim is made) or `WaitForFirstConsumer` (once a pod that
 * uses it is scheduled, so that the volume lands where the pod can reach
 * it).
 */
export type VolumeBindingMode = "Immediate" | "WaitForFirstConsumer";

/**
 * A StorageClass (cluster-scoped): a kind of storage that a provisioner
 * makes PersistentVolumes of on demand. A claim names it in
 * `storageClassName`; the annotation
 * `storageclass.kubernetes.io/is-default-class: "true"` makes it the class
 * of claims that name none.
 *
 * @example
 * ```ts
 * import type { StorageClass } from "./storage_v1.ts";
 * const fast: StorageClass = {
 *   apiVersion: "storage.k8s.io/v1", kind: "StorageClass",
 *   metadata: { name: "fast", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
 *   provisioner: "ebs.csi.aws.com",
 *   parameters: { type: "gp3", encrypted: "true" },
 *   reclaimPolicy: "Delete",
 *   volumeBindingMode: "WaitForFirstConsumer",
 *   allowVolumeExpansion: true,
 *   allowedTopologies: [{ matchLabelExpressions: [{ key: "topology.kubernetes.io/zone", values: ["eu-west-1a"] }] }],
 * };
 * ```
 */
export interface StorageClass extends KubeObject<never, never> {
  /** The provisioner (usually a CSI driver's name), e.g. `ebs.csi.aws.com`. */
  provisioner: string;
  /** Settings passed to the provisioner for each volume; their meaning is the provisioner's. */
  parameters?: Record<string, string>;
  /**
   * What happens to a provisioned volume when its claim is deleted:
   * `Delete` (the default) or `Retain`.
   */
  reclaimPolicy?: "Delete" | "Retain";
  /**
   * Mount options of the provisioned volumes, e.g. `["ro", "soft"]`; not
   * checked, so a bad one fails the mount.
   */
  mountOptions?: string[];
  /** Whether claims of the class may be grown. */
  allowVolumeExpansion?: boolean;
  /** When claims get their volumes; `Immediate` if unset. */
  volumeBindingMode?: VolumeBindingMode;
  /**
   * Where volumes may be provisioned, in the labels each volume plugin
   * defines; anywhere if empty.
   */
  allowedTopologies?: TopologySelectorTerm[];
}

/** A page of StorageClasses, as `list` returns it. */
export type StorageClassList = KubeList<StorageClass>;
