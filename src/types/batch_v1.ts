/**
 * batch/v1 Job: the fields an operator reads to know whether a job is done.
 *
 * @module
 */

import type { Condition, KubeObject, LabelSelector } from "./meta.ts";
import type { PodTemplateSpec } from "./core_v1.ts";

/**
 * What a Job should run, and how often it may fail.
 *
 * @example
 * ```ts
 * import type { JobSpec } from "./batch_v1.ts";
 * const spec: JobSpec = {
 *   backoffLimit: 2,
 *   template: { spec: { restartPolicy: "Never", containers: [{ name: "migrate", image: "busybox" }] } },
 * };
 * ```
 */
export interface JobSpec {
  /** The pods to run; `restartPolicy` must be `Never` or `OnFailure`. */
  template: PodTemplateSpec;
  /** Pods that must succeed; 1 if unset (with `parallelism` unset too). */
  completions?: number;
  /** Pods that may run at once; 1 if unset. */
  parallelism?: number;
  /** Retries before the Job is marked failed; 6 if unset. */
  backoffLimit?: number;
  /** Seconds the Job may run before it is terminated and marked failed. */
  activeDeadlineSeconds?: number;
  /** Seconds after finishing before the Job is deleted; never if unset. */
  ttlSecondsAfterFinished?: number;
  /** `NonIndexed` (default) or `Indexed`: each pod gets a completion index. */
  completionMode?: "NonIndexed" | "Indexed" | string;
  /** While true, no pods are created and running ones are terminated. */
  suspend?: boolean;
  /** Which pods belong to it; set by the server unless `manualSelector`. */
  selector?: LabelSelector;
  /** Let the caller set `selector`. */
  manualSelector?: boolean;
}

/**
 * What a Job has done so far, as the job controller last observed.
 *
 * @example
 * ```ts
 * import type { JobStatus } from "./batch_v1.ts";
 * const s: JobStatus = { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] };
 * ```
 */
export interface JobStatus {
  /** `Complete`, `Failed`, `Suspended`, `FailureTarget`, `SuccessCriteriaMet`. */
  conditions?: Condition[];
  /** When the job controller started the Job (RFC 3339). */
  startTime?: string;
  /** When the Job completed; unset if it failed (RFC 3339). */
  completionTime?: string;
  /** Pods running or pending. */
  active?: number;
  /** Pods that succeeded. */
  succeeded?: number;
  /** Pods that failed. */
  failed?: number;
  /** Pods that are ready. */
  ready?: number;
  /** Pods terminating. */
  terminating?: number;
  /** Completed indexes of an `Indexed` Job, e.g. `1,3-5`. */
  completedIndexes?: string;
  /** Failed indexes of an `Indexed` Job with a per-index backoff limit. */
  failedIndexes?: string;
}

/**
 * A Job: pods that run to completion.
 *
 * @example
 * ```ts
 * import type { Job } from "./batch_v1.ts";
 * const job: Job = {
 *   apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate" },
 *   spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "migrate", image: "busybox" }] } } },
 * };
 * ```
 */
export type Job = KubeObject<JobSpec, JobStatus>;
