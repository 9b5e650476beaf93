/**
 * batch/v1: Job and CronJob, with every field of Kubernetes 1.37.
 *
 * @module
 */

import type { KubeList, KubeObject, LabelSelector, ObjectMeta, Time } from "./meta.ts";
import type { ConditionStatus, ObjectReference, PodTemplateSpec } from "./core_v1.ts";
import type {
  WorkloadPodGroupDisruptionMode,
  WorkloadPodGroupResourceClaim,
  WorkloadPodGroupSchedulingConstraints,
  WorkloadPodGroupSchedulingPolicy,
} from "./scheduling_v1alpha3.ts";

// ---------------------------------------------------------------------------
// Job
// ---------------------------------------------------------------------------

/**
 * Matches a failed pod by the exit codes of its containers (those that
 * exited 0 are left out).
 *
 * @example
 * ```ts
 * import type { PodFailurePolicyOnExitCodesRequirement } from "./batch_v1.ts";
 * const r: PodFailurePolicyOnExitCodesRequirement = { containerName: "main", operator: "In", values: [42] };
 * ```
 */
export interface PodFailurePolicyOnExitCodesRequirement {
  /** Only this container's (or init container's) exit code counts; all of them if unset. */
  containerName?: string;
  /**
   * `In`: some exit code is in `values`; `NotIn`: some exit code is not.
   * Operators may be added: an unknown one never matches.
   */
  operator: string;
  /** Exit codes, sorted, without duplicates, 1 to 255 of them; 0 is not allowed with `In`. */
  values: number[];
}

/**
 * Matches a failed pod by one of its conditions.
 *
 * @example
 * ```ts
 * import type { PodFailurePolicyOnPodConditionsPattern } from "./batch_v1.ts";
 * const p: PodFailurePolicyOnPodConditionsPattern = { type: "DisruptionTarget" };
 * ```
 */
export interface PodFailurePolicyOnPodConditionsPattern {
  /** The pod condition's type, e.g. `DisruptionTarget`. */
  type: string;
  /** The status it must have; `True` if unset. */
  status?: ConditionStatus;
}

/**
 * One rule of a {@linkcode PodFailurePolicy}: a match on exit codes or on
 * pod conditions (not both), and what to do on a match.
 *
 * @example
 * ```ts
 * import type { PodFailurePolicyRule } from "./batch_v1.ts";
 * const r: PodFailurePolicyRule = { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] };
 * ```
 */
export interface PodFailurePolicyRule {
  /**
   * `FailJob` (fail the Job, stop its pods), `FailIndex` (fail the pod's
   * index, no retry), `Ignore` (retry without counting towards
   * `backoffLimit`) or `Count` (the default handling). Actions may be
   * added: a rule with an unknown one is skipped.
   */
  action: string;
  /** Matches by container exit codes. */
  onExitCodes?: PodFailurePolicyOnExitCodesRequirement;
  /** Matches if any pattern matches a condition of the pod; at most 20. */
  onPodConditions?: PodFailurePolicyOnPodConditionsPattern[];
}

/**
 * How failed pods of a Job count: its rules are tried in order and the
 * first match decides; a failure no rule matches counts towards
 * `backoffLimit`. Not allowed with `restartPolicy: OnFailure`.
 *
 * @example
 * ```ts
 * import type { PodFailurePolicy } from "./batch_v1.ts";
 * const p: PodFailurePolicy = {
 *   rules: [
 *     { action: "FailJob", onExitCodes: { operator: "In", values: [42] } },
 *     { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] },
 *   ],
 * };
 * ```
 */
export interface PodFailurePolicy {
  /** The rules, at most 20. */
  rules: PodFailurePolicyRule[];
}

/**
 * One way for an Indexed Job to succeed early: some indexes, or a count of
 * them, or both (at least one).
 *
 * @example
 * ```ts
 * import type { SuccessPolicyRule } from "./batch_v1.ts";
 * const leaderDone: SuccessPolicyRule = { succeededIndexes: "0" };
 * ```
 */
export interface SuccessPolicyRule {
  /**
   * Indexes that must all have succeeded, as intervals (`0,2-4`) within
   * 0 to `completions - 1`, without duplicates.
   */
  succeededIndexes?: string;
  /**
   * How many indexes must have succeeded (positive); with
   * `succeededIndexes`, only those indexes count.
   */
  succeededCount?: number;
}

/**
 * When an Indexed Job counts as succeeded before all its indexes have: once
 * any rule holds, it gets `SuccessCriteriaMet`, its remaining pods are
 * stopped, and it ends `Complete`.
 *
 * @example
 * ```ts
 * import type { SuccessPolicy } from "./batch_v1.ts";
 * const p: SuccessPolicy = { rules: [{ succeededIndexes: "0" }, { succeededCount: 3 }] };
 * ```
 */
export interface SuccessPolicy {
  /** Alternative rules, tried in order; at most 20. */
  rules: SuccessPolicyRule[];
}

/**
 * Workload-aware scheduling for a Job's pods (alpha, `WorkloadWithJob`
 * feature gate). Fixed once set, except the gang's `minCount`.
 *
 * @example
 * ```ts
 * import type { JobSchedulingConfiguration } from "./batch_v1.ts";
 * const s: JobSchedulingConfiguration = {
 *   schedulingPolicy: { gang: { minCount: 4 } },
 *   schedulingConstraints: { topology: [{ key: "topology.kubernetes.io/rack" }] },
 * };
 * ```
 */
export interface JobSchedulingConfiguration {
  /** Pod-by-pod (`basic`, the default) or all-or-nothing (`gang`); exactly one. */
  schedulingPolicy?: WorkloadPodGroupSchedulingPolicy;
  /** Where the pods must be placed, e.g. all in one rack. */
  schedulingConstraints?: WorkloadPodGroupSchedulingConstraints;
  /** Whether the pods may be disrupted one by one (`single`) or only together (`all`). */
  disruptionMode?: WorkloadPodGroupDisruptionMode;
  /** Resource claims the pods share; at most 4. */
  resourceClaims?: WorkloadPodGroupResourceClaim[];
}

/**
 * What a Job should run, how many times, and how its failures count.
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
  /** Pods that may run at once; 1 if unset. Fewer run when less work is left. */
  parallelism?: number;
  /**
   * Pods that must succeed. Unset: the first success ends the Job, and any
   * `parallelism` is allowed; 1: one pod at a time until one succeeds.
   */
  completions?: number;
  /**
   * Seconds the Job may be active (from `startTime`) before it is stopped
   * and failed; suspending it stops and resets the clock.
   */
  activeDeadlineSeconds?: number;
  /** How failed pods count, rule by rule. */
  podFailurePolicy?: PodFailurePolicy;
  /** When an Indexed Job succeeds before every index has. */
  successPolicy?: SuccessPolicy;
  /**
   * Retries before the Job fails; 6 if unset, or no limit (2147483647)
   * when `backoffLimitPerIndex` is set.
   */
  backoffLimit?: number;
  /**
   * Retries per index of an Indexed Job whose pods restart `Never`;
   * failures are counted in the pod annotation
   * `batch.kubernetes.io/job-index-failure-count`. Immutable.
   */
  backoffLimitPerIndex?: number;
  /**
   * Failed indexes after which the whole Job fails (only with
   * `backoffLimitPerIndex`); unset runs every index and completes.
   */
  maxFailedIndexes?: number;
  /** Which pods belong to it; the server sets it unless `manualSelector`. */
  selector?: LabelSelector;
  /**
   * Lets the caller choose labels and `selector` instead of the server's
   * unique ones (seen on Jobs from extensions/v1beta1); rarely wanted.
   */
  manualSelector?: boolean;
  /** The pods to run; `restartPolicy` must be `Never` or `OnFailure`. */
  template: PodTemplateSpec;
  /**
   * Seconds after the Job finishes (`Complete` or `Failed`) before it may
   * be deleted; 0 at once; never if unset.
   */
  ttlSecondsAfterFinished?: number;
  /**
   * `NonIndexed` (the default: any `completions` successes) or `Indexed`:
   * each pod gets an index from 0 to `completions - 1` (annotation
   * `batch.kubernetes.io/job-completion-index`, hostname `JOB-INDEX`) and
   * each index must succeed once. Modes may be added.
   */
  completionMode?: string;
  /**
   * While true, no pods are made and running ones are deleted; resuming
   * resets `startTime`. False if unset.
   */
  suspend?: boolean;
  /**
   * When a replacement pod is made: `TerminatingOrFailed` (as soon as the
   * old one is terminating) or `Failed` (once it has fully stopped, the
   * only choice with `podFailurePolicy`).
   */
  podReplacementPolicy?: "TerminatingOrFailed" | "Failed";
  /**
   * The controller that manages the Job, a domain-prefixed path of at most
   * 63 characters; the built-in controller skips Jobs whose value is not
   * `kubernetes.io/job-controller`. Immutable.
   */
  managedBy?: string;
  /** Workload-aware scheduling (alpha, `WorkloadWithJob` feature gate); immutable. */
  scheduling?: JobSchedulingConfiguration;
}

/**
 * One condition of a Job: `Complete`, `Failed`, `Suspended`,
 * `FailureTarget`, `SuccessCriteriaMet`.
 *
 * @example
 * ```ts
 * import type { JobCondition } from "./batch_v1.ts";
 * const done: JobCondition = { type: "Complete", status: "True", lastTransitionTime: "2026-01-02T03:04:05Z" };
 * ```
 */
export interface JobCondition {
  /** The condition's type, e.g. `Complete` or `Failed`. */
  type: string;
  /** Whether the condition holds. */
  status: ConditionStatus;
  /** When the condition was last checked. */
  lastProbeTime?: Time;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause, e.g. `BackoffLimitExceeded`. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * Pods that have finished but that the Job's counters do not include yet.
 * The controller adds a pod's UID here, removes the pod's finalizer, then
 * moves the UID into the counter.
 *
 * @example
 * ```ts
 * import type { UncountedTerminatedPods } from "./batch_v1.ts";
 * const u: UncountedTerminatedPods = { succeeded: ["8f0c2b1e-..."], failed: [] };
 * ```
 */
export interface UncountedTerminatedPods {
  /** UIDs of pods that succeeded. */
  succeeded?: string[];
  /** UIDs of pods that failed. */
  failed?: string[];
}

/**
 * What a Job has done so far, as the job controller last observed. It is
 * finished once `Complete` or `Failed` is true.
 *
 * @example
 * ```ts
 * import type { JobStatus } from "./batch_v1.ts";
 * const s: JobStatus = { succeeded: 1, conditions: [{ type: "Complete", status: "True" }] };
 * ```
 */
export interface JobStatus {
  /**
   * The Job's conditions; never both `Complete` and `Failed`, nor
   * `Complete` and `FailureTarget`.
   */
  conditions?: JobCondition[];
  /**
   * When the controller started on the Job (or last resumed it); unset
   * while it was created suspended.
   */
  startTime?: Time;
  /** When the Job succeeded; only ever set on success, then fixed. */
  completionTime?: Time;
  /** Pods pending or running and not terminating; 0 once finished. */
  active?: number;
  /** Pods that reached `Succeeded`; only grows, but for elastic Indexed Jobs scaled down. */
  succeeded?: number;
  /** Pods that reached `Failed`; only grows. */
  failed?: number;
  /** Pods pending or running with a `deletionTimestamp`. */
  terminating?: number;
  /**
   * Indexes of an Indexed Job that succeeded, ascending, runs of three or
   * more written as a range: `1,3-5,7`.
   */
  completedIndexes?: string;
  /** Indexes that failed (with `backoffLimitPerIndex`), in the same form. */
  failedIndexes?: string;
  /** Finished pods not yet in the counters. */
  uncountedTerminatedPods?: UncountedTerminatedPods;
  /** Active pods with a `Ready` condition, not terminating. */
  ready?: number;
}

/**
 * A Job: pods that run until enough of them succeed.
 *
 * @example
 * ```ts
 * import type { Job } from "./batch_v1.ts";
 * const job: Job = {
 *   apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate" },
 *   spec: {
 *     backoffLimit: 2,
 *     ttlSecondsAfterFinished: 3600,
 *     podFailurePolicy: { rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }] },
 *     template: {
 *       spec: { restartPolicy: "Never", containers: [{ name: "migrate", image: "busybox", command: ["sh", "-c", "echo done"] }] },
 *     },
 *   },
 * };
 * ```
 */
export type Job = KubeObject<JobSpec, JobStatus>;

/** A page of Jobs, as `list` returns it. */
export type JobList = KubeList<Job>;

// ---------------------------------------------------------------------------
// CronJob
// ---------------------------------------------------------------------------

/**
 * The Job a CronJob makes on each run.
 *
 * @example
 * ```ts
 * import type { JobTemplateSpec } from "./batch_v1.ts";
 * const t: JobTemplateSpec = {
 *   metadata: { labels: { app: "report" } },
 *   spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "report", image: "busybox" }] } } },
 * };
 * ```
 */
export interface JobTemplateSpec {
  /** Labels and annotations of the Jobs made from it. */
  metadata?: ObjectMeta;
  /** The Jobs' spec. */
  spec?: JobSpec;
}

/**
 * When a CronJob runs, and what it does with overlapping and finished
 * runs.
 *
 * @example
 * ```ts
 * import type { CronJobSpec } from "./batch_v1.ts";
 * const spec: CronJobSpec = {
 *   schedule: "0 3 * * *",
 *   jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "backup", image: "busybox" }] } } } },
 * };
 * ```
 */
export interface CronJobSpec {
  /** When to run, in cron syntax (`MIN HOUR DAY MONTH WEEKDAY`, or `@daily` and the like). */
  schedule: string;
  /**
   * The tz database name of the schedule's time zone, e.g.
   * `Europe/Berlin`; the controller manager's own if unset. A name that
   * becomes invalid stops new runs (event `UnknownTimeZone`).
   */
  timeZone?: string;
  /**
   * Seconds after a missed run's time within which it may still start;
   * runs missed for longer count as failed.
   */
  startingDeadlineSeconds?: number;
  /**
   * What to do when a run is due while the previous one still runs:
   * `Allow` (the default) runs both, `Forbid` skips the new one, `Replace`
   * stops the old one.
   */
  concurrencyPolicy?: "Allow" | "Forbid" | "Replace";
  /** While true, no new runs start (running ones go on); false if unset. */
  suspend?: boolean;
  /** The Job to make on each run. */
  jobTemplate: JobTemplateSpec;
  /** Succeeded Jobs to keep; 3 if unset. */
  successfulJobsHistoryLimit?: number;
  /** Failed Jobs to keep; 1 if unset. */
  failedJobsHistoryLimit?: number;
}

/**
 * What a CronJob has done, as its controller last observed.
 *
 * @example
 * ```ts
 * import type { CronJobStatus } from "./batch_v1.ts";
 * const s: CronJobStatus = { lastScheduleTime: "2026-01-02T03:00:00Z", lastSuccessfulTime: "2026-01-02T03:00:41Z" };
 * ```
 */
export interface CronJobStatus {
  /** The Jobs running now. */
  active?: ObjectReference[];
  /** When a Job was last started on schedule. */
  lastScheduleTime?: Time;
  /** When a Job last succeeded. */
  lastSuccessfulTime?: Time;
}

/**
 * A CronJob: a Job made again and again on a schedule.
 *
 * @example
 * ```ts
 * import type { CronJob } from "./batch_v1.ts";
 * const backup: CronJob = {
 *   apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "nightly-backup" },
 *   spec: {
 *     schedule: "0 3 * * *",
 *     timeZone: "Etc/UTC",
 *     concurrencyPolicy: "Forbid",
 *     jobTemplate: {
 *       spec: {
 *         backoffLimit: 1,
 *         template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "backup", image: "busybox", args: ["sh", "-c", "date"] }] } },
 *       },
 *     },
 *   },
 * };
 * ```
 */
export interface CronJob extends KubeObject<CronJobSpec, CronJobStatus> {
  /** The schedule and the Job to make. */
  spec: CronJobSpec;
}

/** A page of CronJobs, as `list` returns it. */
export type CronJobList = KubeList<CronJob>;
