/**
 * `waitFor()`: waits until one object meets a condition (a pod running, a
 * Deployment rolled out, an object deleted), by watching just that object.
 * After kube-rs's `await_condition` and kubectl's `wait` and `rollout status`.
 *
 * @module
 */

import type { CallOptions } from "../http/request.ts";
import type { Api } from "../api/api.ts";
import { KubeError } from "../errors.ts";
import { afterMs, LinkedAbort } from "../util/abort.ts";
import { type Clock, realClock } from "../util/clock.ts";
import type { CustomResourceDefinition } from "../types/apiextensions_v1.ts";
import type { Deployment } from "../types/apps_v1.ts";
import type { Job } from "../types/batch_v1.ts";
import type { Pod } from "../types/core_v1.ts";
import type { KubeObject } from "../types/meta.ts";
import { Watcher } from "../watch/watcher.ts";

/**
 * A test of one object's state, given `undefined` while the object does not
 * exist. Its `description` (else the function's name) names it in errors.
 *
 * @typeParam T The object type.
 *
 * @example
 * ```ts
 * import type { WaitCondition } from "./wait.ts";
 * import type { ConfigMap } from "../types/mod.ts";
 * const hasMode: WaitCondition<ConfigMap> = (cm) => cm?.data?.mode !== undefined;
 * ```
 */
export interface WaitCondition<T> {
  /** True once the object (or its absence) is what the caller waits for. */
  (object: T | undefined): boolean;
  /** What it tests, for error messages: `pod running`. */
  readonly description?: string;
}

/**
 * Options of {@linkcode waitFor}.
 *
 * @example
 * ```ts
 * import type { WaitOptions } from "./wait.ts";
 * const options: WaitOptions = { timeoutMs: 60_000, signal: AbortSignal.timeout(120_000) };
 * ```
 */
export interface WaitOptions extends CallOptions {
  /** Gives up waiting. */
  signal?: AbortSignal;
  /** Gives up after this many milliseconds; none if unset (or `Infinity`). */
  timeoutMs?: number;
  /** The clock the timeout runs on; the real one by default. */
  clock?: Clock;
}

/**
 * {@linkcode waitFor} gave up: its timeout passed or its signal aborted
 * before the condition held. The message names the object, the condition,
 * and what was last seen of the object.
 *
 * @example
 * ```ts
 * import { WaitError } from "./wait.ts";
 * const e = new WaitError("Pod default/web", "pod running", "timeout", "timed out after 5000 ms");
 * if (e.reason === "timeout") console.log(e.message);
 * ```
 */
export class WaitError extends KubeError {
  /** The object waited for, as `Kind namespace/name`. */
  readonly object: string;
  /** The condition's description. */
  readonly condition: string;
  /** `timeout`, or `aborted` by the caller's signal. */
  readonly reason: "timeout" | "aborted";

  /**
   * Creates a WaitError.
   *
   * @param object The object, as `Kind namespace/name`.
   * @param condition The condition's description.
   * @param reason Timeout or abort.
   * @param detail How long it waited and what it last saw.
   * @param options `cause`: the signal's reason.
   */
  constructor(
    object: string,
    condition: string,
    reason: "timeout" | "aborted",
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`waiting for ${object} (condition: ${condition}): ${detail}`, options);
    this.name = "WaitError";
    this.object = object;
    this.condition = condition;
    this.reason = reason;
  }
}

/**
 * Waits until the object `name` meets `condition`, and resolves with it (or
 * with `undefined`, for a condition met by the object's absence). The
 * current state is checked first; then every change is, through a watch on
 * that one object (a `metadata.name` field selector), resumed after errors
 * as a Reflector's is. Conditions are in {@linkcode conditions}.
 *
 * @typeParam T The object type.
 * @param api The resource; a namespaced one within its namespace (else the
 * client's default namespace).
 * @param name The object's name.
 * @param condition What to wait for.
 * @param options A signal and a timeout; without either it waits for ever.
 * @returns The object as it was when the condition first held.
 * @throws {WaitError} When the timeout passes or the signal aborts first.
 * Whatever `condition` throws passes through.
 *
 * @example Wait for a rollout, then for a pod's deletion
 * ```ts ignore
 * import { Api, Client, conditions, waitFor } from "jsr:@denokube/kube";
 * const client = await Client.load();
 * const web = Api.v1Deployment(client).within("default");
 * await waitFor(web, "web", conditions.isDeploymentRolledOut(), { timeoutMs: 120_000 });
 *
 * const pods = Api.v1Pod(client).within("default");
 * const { metadata } = await pods.get("web-0");
 * await pods.delete("web-0");
 * await waitFor(pods, "web-0", conditions.isDeleted(metadata.uid!), { timeoutMs: 60_000 });
 * ```
 */
export async function waitFor<T extends KubeObject>(
  api: Api<T>,
  name: string,
  condition: WaitCondition<T>,
  options: WaitOptions = {},
): Promise<T | undefined> {
  if (!name) throw new KubeError(`${api.resource.kind}: waitFor needs a name`);
  // Without a namespace, a name selector would match that name in every
  // namespace: wait where `get(name)` would look.
  const scoped = api.resource.namespaced && !api.namespace ? api.within(api.client.namespace) : api;
  const object = `${api.resource.kind} ${scoped.namespace ? `${scoped.namespace}/` : ""}${name}`;
  const description = describe(condition);
  const { signal, timeoutMs, clock = realClock } = options;
  using stop = new LinkedAbort(signal);
  let timedOut = false;
  using _deadline = timeoutMs === undefined ? undefined : afterMs(clock, timeoutMs, () => {
    timedOut = true;
    stop.abort();
  });
  const watcher = new Watcher(scoped, { fieldSelector: `metadata.name=${escapeFieldValue(name)}` });
  let current: T | undefined;
  let listed = false;
  let lastError: KubeError | undefined;
  try {
    // The watcher's first event is the list: the state now, before any change.
    for await (const event of watcher.run(stop.signal)) {
      switch (event.type) {
        case "RESTARTED":
          current = event.objects.find((o) => o.metadata.name === name);
          listed = true;
          break;
        case "ADDED":
        case "MODIFIED":
          current = event.object;
          break;
        case "DELETED":
          current = undefined;
          break;
        case "ERROR":
        case "INVALID":
          lastError = event.error;
          continue;
        default:
          continue;
      }
      if (condition(current)) return current;
    }
  } finally {
    stop.abort();
  }
  const seen = !listed
    ? `never listed${lastError ? ` (last error: ${lastError.message})` : ""}`
    : current
    ? `last seen at resourceVersion ${current.metadata.resourceVersion}`
    : "it does not exist";
  if (timedOut) {
    throw new WaitError(object, description, "timeout", `timed out after ${timeoutMs} ms; ${seen}`);
  }
  throw new WaitError(object, description, "aborted", `aborted; ${seen}`, {
    cause: signal?.reason,
  });
}

/**
 * The conditions {@linkcode waitFor} knows, and how to combine them.
 *
 * @example
 * ```ts
 * import type { Conditions } from "./wait.ts";
 * function running(c: Conditions) {
 *   return c.isPodRunning();
 * }
 * ```
 */
export interface Conditions {
  /**
   * The object with this UID is gone: deleted, or replaced by a new object
   * of the same name (which has another UID).
   *
   * @param uid The UID of the object that must go.
   */
  isDeleted(uid: string): WaitCondition<KubeObject>;
  /** The pod's `status.phase` is `Running`. */
  isPodRunning(): WaitCondition<Pod>;
  /** The CRD's `Established` condition is `True`: its resource is served. */
  isCrdEstablished(): WaitCondition<CustomResourceDefinition>;
  /**
   * The Deployment's latest spec is rolled out, as `kubectl rollout status`
   * judges it: the controller has observed the latest generation, and the
   * updated, available, ready and total replicas all equal `spec.replicas`
   * (no old pods left).
   */
  isDeploymentRolledOut(): WaitCondition<Deployment>;
  /** The Job's `Complete` condition is `True`. */
  isJobCompleted(): WaitCondition<Job>;
  /**
   * Every one of `conditions` holds.
   *
   * @param conditions The conditions.
   */
  and<T>(...conditions: WaitCondition<T>[]): WaitCondition<T>;
  /**
   * At least one of `conditions` holds.
   *
   * @param conditions The conditions.
   */
  or<T>(...conditions: WaitCondition<T>[]): WaitCondition<T>;
  /**
   * `condition` does not hold.
   *
   * @param condition The condition.
   */
  not<T>(condition: WaitCondition<T>): WaitCondition<T>;
  /**
   * A condition of the caller's, with a description for error messages.
   *
   * @param description What it tests, e.g. `labelled ready`.
   * @param test The test.
   */
  named<T>(description: string, test: (object: T | undefined) => boolean): WaitCondition<T>;
}

/**
 * Ready-made conditions for {@linkcode waitFor}, and `and`, `or`, `not` to
 * combine them (with each other, or with functions of the caller's).
 *
 * @example
 * ```ts
 * import { conditions } from "./wait.ts";
 * import type { Pod } from "../types/mod.ts";
 * const { and, isPodRunning, named } = conditions;
 * const ready = and(isPodRunning(), named<Pod>("ready", (pod) =>
 *   pod?.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false));
 * ready({ metadata: { name: "web" }, status: { phase: "Running" } }); // false: not Ready
 * ready.description; // "pod running and ready"
 * ```
 */
export const conditions: Conditions = {
  isDeleted: (uid) => named(`deleted (uid ${uid})`, (o) => !o || o.metadata.uid !== uid),
  isPodRunning: () => named("pod running", (pod) => pod?.status?.phase === "Running"),
  isCrdEstablished: () =>
    named("CRD established", (crd) => hasCondition(crd?.status?.conditions, "Established")),
  isDeploymentRolledOut: () => named("deployment rolled out", rolledOut),
  isJobCompleted: () =>
    named("job completed", (job) => hasCondition(job?.status?.conditions, "Complete")),
  and: (...all) => named(all.map((c) => grouped(c)).join(" and "), (o) => all.every((c) => c(o))),
  or: (...any) => named(any.map((c) => grouped(c)).join(" or "), (o) => any.some((c) => c(o))),
  not: (condition) => named(`not ${grouped(condition)}`, (o) => !condition(o)),
  named,
};

/**
 * A value as a field selector must carry it: `\`, `,` and `=` escaped with
 * a backslash, as apimachinery's `fields.EscapeValue` (and so `kubectl
 * wait`) does; names of some kinds (a ClusterRole `edit,view`) hold them.
 */
function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

function named<T>(
  description: string,
  test: (object: T | undefined) => boolean,
): WaitCondition<T> {
  return Object.assign((object: T | undefined) => test(object), { description });
}

function describe<T>(condition: WaitCondition<T>): string {
  return condition.description ?? (condition.name || "a condition");
}

/** A description in parentheses if it combines others, so `and` and `or` read unambiguously. */
function grouped<T>(condition: WaitCondition<T>): string {
  const text = describe(condition);
  return / (and|or) /.test(text) ? `(${text})` : text;
}

function hasCondition(list: { type: string; status: string }[] | undefined, type: string): boolean {
  return list?.some((c) => c.type === type && c.status === "True") ?? false;
}

/**
 * kubectl's rollout check: the Deployment controller has seen the latest
 * spec (`observedGeneration`), every replica runs it (`updatedReplicas`),
 * none of the old ones is left (`replicas`, which counts old and new), and
 * all are ready and available. `spec.replicas` defaults to 1.
 */
function rolledOut(deployment: Deployment | undefined): boolean {
  if (!deployment?.status) return false;
  const { status, metadata, spec } = deployment;
  if ((status.observedGeneration ?? 0) < (metadata.generation ?? 0)) return false;
  const want = spec?.replicas ?? 1;
  return (status.updatedReplicas ?? 0) === want &&
    (status.replicas ?? 0) === want &&
    (status.availableReplicas ?? 0) === want &&
    (status.readyReplicas ?? 0) === want;
}
