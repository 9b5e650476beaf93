/**
 * The Controller: shared watch caches feeding a reconcile queue, after
 * kube-rs's `Controller` and client-go's workqueue.
 *
 * @module
 */

import { Api } from "../api/api.ts";
import { type Clock, realClock } from "../util/clock.ts";
import { aborted, LinkedAbort } from "../util/abort.ts";
import { Wakeup } from "../util/wakeup.ts";
import { KubeError } from "../errors.ts";
import { type CacheOptions, Reflector } from "../cache/reflector.ts";
import { apiVersionOf } from "../api/resource.ts";
import type { Change } from "../cache/store.ts";
import type { KubeObject } from "../types/meta.ts";
import { Action, isAction } from "./action.ts";
import { ControllerMetrics, MetricsRegistry } from "./metrics.ts";
import { RateLimiter, type RateLimiterOptions, WorkQueue } from "./queue.ts";

/**
 * Which object a change maps to: a name, and a namespace for namespaced
 * primary resources.
 *
 * @example
 * ```ts
 * import type { ObjectRef } from "./controller.ts";
 * const ref: ObjectRef = { name: "web", namespace: "default" };
 * ```
 */
export interface ObjectRef {
  /** The object's name. */
  name: string;
  /** Its namespace, for namespaced resources. */
  namespace?: string;
}

/**
 * A predicate value of an object: a change to the primary resource wakes
 * the controller only when this value differs from the last one seen for
 * that key. `undefined` lets every change through.
 *
 * @typeParam T The object type.
 *
 * @example
 * ```ts
 * import type { Predicate } from "./controller.ts";
 * import type { KubeObject } from "../types/mod.ts";
 * const byTeam: Predicate<KubeObject> = (o) => o.metadata.labels?.team;
 * ```
 */
export type Predicate<T> = (object: T) => string | undefined;

/**
 * Ready-made predicates: `generation` (the API server bumps
 * `metadata.generation` on spec changes only, so status-only updates do not
 * wake the controller; objects without a generation always pass),
 * `labels`, `annotations`, and `any(...)`, which passes a change when any
 * of its predicates sees one.
 *
 * @example
 * ```ts ignore
 * new Controller(api, { predicate: predicates.any(predicates.generation, predicates.labels) });
 * ```
 */
export const predicates = {
  generation: (o: KubeObject): string | undefined =>
    o.metadata.generation === undefined ? undefined : String(o.metadata.generation),
  labels: (o: KubeObject): string => canonical(o.metadata.labels),
  annotations: (o: KubeObject): string => canonical(o.metadata.annotations),
  any: <T>(...all: Predicate<T>[]): Predicate<T> => (o: T) => {
    const values = all.map((p) => p(o));
    return values.includes(undefined) ? undefined : JSON.stringify(values);
  },
};

function canonical(map: Record<string, string> | undefined): string {
  return JSON.stringify(Object.entries(map ?? {}).sort(([a], [b]) => a < b ? -1 : 1));
}

/**
 * What a reconcile is told besides the object.
 *
 * @example
 * ```ts
 * import type { ReconcileContext } from "./controller.ts";
 * const ctx: ReconcileContext = { key: "default/web", signal: new AbortController().signal };
 * ```
 */
export interface ReconcileContext {
  /** The object's key: `namespace/name`, or `name` when cluster-scoped. */
  key: string;
  /** Aborts when the controller's shutdown deadline passes. */
  signal: AbortSignal;
}

/**
 * Brings the world in line with one object; returns when to look again.
 *
 * @typeParam T The primary object type.
 *
 * @example
 * ```ts ignore
 * const reconcile: Reconciler<ConfigMap> = async (cm, ctx) => {
 *   console.log(`reconciling ${ctx.key}`);
 *   return Action.requeue(300_000);
 * };
 * ```
 */
export type Reconciler<T> = (object: T, ctx: ReconcileContext) => Promise<Action>;

/**
 * What to do after a reconcile threw. The default requeues with the rate
 * limiter's delay (5 ms doubling to 1000 s per key, at most 10 retries a
 * second overall), reset by a success.
 *
 * @typeParam T The primary object type.
 *
 * @example
 * ```ts ignore
 * const errorPolicy: ErrorPolicy<ConfigMap> = (error, cm) => {
 *   console.error(`${cm.metadata.name}: ${error}`);
 *   return Action.requeue(5_000);
 * };
 * ```
 */
export type ErrorPolicy<T> = (error: unknown, object: T, ctx: ReconcileContext) => Action;

/**
 * One finished reconcile, as {@linkcode Controller.run} reports it.
 *
 * @typeParam T The primary object type.
 *
 * @example
 * ```ts
 * import type { ReconcileOutcome } from "./controller.ts";
 * function log(o: ReconcileOutcome<unknown>) {
 *   console.log(o.key, o.error ? `failed: ${o.error}` : "ok", `${o.durationMs} ms`);
 * }
 * ```
 */
export interface ReconcileOutcome<T> {
  /** The key reconciled. */
  key: string;
  /** The object it was given. */
  object: T;
  /** What comes next for the key. */
  action: Action;
  /** What the reconcile threw, if it did. */
  error?: unknown;
  /** How long it took. */
  durationMs: number;
}

/**
 * Where a {@linkcode ControllerError} arose: the primary resource's
 * `predicate`, an `owns()` or `watches()` mapper, a watch of a source, or
 * an error policy.
 *
 * @example
 * ```ts
 * import type { ControllerStage } from "./controller.ts";
 * const stage: ControllerStage = "mapper";
 * ```
 */
export type ControllerStage = "predicate" | "mapper" | "watch" | "errorPolicy";

/**
 * A failure inside a running {@linkcode Controller} that is not a reconcile's
 * own: a predicate or mapper that threw on one object, a watch error, a
 * broken error policy. Per-object failures go to {@linkcode RunOptions.onError}
 * while the other keys keep flowing; a source whose watch cannot go on ends
 * the run, which throws this error once everything has stopped.
 *
 * @example
 * ```ts
 * import { ControllerError } from "./controller.ts";
 * const e = new ControllerError("the watches() mapper threw", {
 *   controller: "web", stage: "mapper", resource: "secrets", key: "default/db",
 * });
 * console.log(e.stage, e.key); // mapper default/db
 * ```
 */
export class ControllerError extends KubeError {
  /** The controller's name (its metrics' `controller` label). */
  readonly controller: string;
  /** Where it arose. */
  readonly stage: ControllerStage;
  /** The plural of the resource concerned: the source watched, or the primary. */
  readonly resource: string;
  /** The key of the object concerned, when one is. */
  readonly key: string | undefined;

  /**
   * Creates a ControllerError.
   *
   * @param what What went wrong (the message, after the controller's name).
   * @param where Controller, stage, resource and key; `cause`: the error thrown.
   */
  constructor(
    what: string,
    where: {
      controller: string;
      stage: ControllerStage;
      resource: string;
      key?: string;
      cause?: unknown;
    },
  ) {
    super(`controller ${where.controller}: ${what}`, { cause: where.cause });
    this.name = "ControllerError";
    this.controller = where.controller;
    this.stage = where.stage;
    this.resource = where.resource;
    this.key = where.key;
  }
}

/**
 * Options of {@linkcode Controller}.
 *
 * @typeParam T The primary object type.
 *
 * @example
 * ```ts ignore
 * const options: ControllerOptions<Deployment> = { name: "scaler", predicate: predicates.generation };
 * ```
 */
export interface ControllerOptions<T> {
  /** The `controller` label of its metrics; the primary resource's plural by default. */
  name?: string;
  /** Skips changes to the primary resource that do not change this value. */
  predicate?: Predicate<T>;
  /** The rate limiter of the default error policy. */
  rateLimiter?: RateLimiterOptions;
  /** Time, for requeues, backoff and the shutdown deadline; the real clock. */
  clock?: Clock;
  /**
   * Checks each primary object before the cache keeps it (a custom
   * resource's `validate`): one that fails is never reconciled, and is
   * reported (see the Reflector's `validate`). For a Reflector given in
   * place of an Api, set it on the Reflector.
   */
  validate?: CacheOptions<T>["validate"];
  /**
   * The registry its metrics go into; {@linkcode MetricsRegistry.default}.
   * Two controllers of one name cannot run at once in one registry.
   */
  metrics?: MetricsRegistry;
}

/**
 * Options of {@linkcode Controller.run}.
 *
 * @typeParam T The primary object type.
 *
 * @example
 * ```ts ignore
 * const options: RunOptions<ConfigMap> = { concurrency: 4, signal: AbortSignal.timeout(60_000) };
 * ```
 */
export interface RunOptions<T> {
  /** How many reconciles may run at once (never two of one key); 1. */
  concurrency?: number;
  /** What to do when a reconcile throws; backoff by the rate limiter by default. */
  errorPolicy?: ErrorPolicy<T>;
  /** Stops the controller gracefully. */
  signal?: AbortSignal;
  /** How long reconciles in flight may take to finish after the signal; 30 s. */
  shutdownTimeoutMs?: number;
  /**
   * Hears of each failure that does not end the run: a predicate that threw
   * on an object (the change is let through, as if it passed), an `owns()`
   * or `watches()` mapper that threw (that change schedules nothing), a watch
   * error the controller's own caches retry, an error policy that threw.
   * By default each is written to `console.error`.
   */
  onError?: (error: ControllerError) => void;
}

interface Source {
  reflector: Reflector<KubeObject>;
  /** Made by the controller from an Api, so the controller runs it. */
  own: boolean;
  /** Which mapper gives its keys, for error messages: `the owns() mapper`. */
  mapper: string;
  keys: (change: Change<KubeObject>) => string[];
}

/**
 * A reconcile loop over one primary resource. Changes to the primary
 * objects, to objects they own ({@linkcode Controller.owns}) and to
 * anything mapped to them ({@linkcode Controller.watches}) schedule the
 * primary object's key; workers take keys and reconcile the latest object
 * in the cache.
 *
 * Guarantees: a key waits in the queue once however many changes arrive;
 * no key is reconciled by two workers at once, and a change during its
 * reconcile queues it again for after; an object gone from the cache is not
 * reconciled (finalizers are for cleanup); `Action.requeue(ms)` schedules
 * the key again unless something earlier does; failures back off per key.
 *
 * Pass a {@linkcode Reflector} instead of an Api to share one watch between
 * controllers and readers (start it yourself with `reflector.start()`); an
 * Api gets a Reflector that the controller runs and stops.
 *
 * @typeParam T The primary object type.
 *
 * @example
 * ```ts ignore
 * import { Action, Api, Client, Controller } from "../../mod.ts";
 * const client = await Client.load();
 * const controller = new Controller(Api.v1Deployment(client))
 *   .owns(Api.v1ConfigMap(client));
 * for await (const outcome of controller.run(async (deployment) => {
 *   console.log("reconcile", deployment.metadata.name);
 *   return Action.requeue(300_000);
 * }, { concurrency: 4, signal: AbortSignal.timeout(60_000) })) {
 *   if (outcome.error) console.error(outcome.key, outcome.error);
 * }
 * ```
 */
export class Controller<T extends KubeObject> {
  #primary: Source;
  #sources: Source[] = [];
  #predicate: Predicate<T> | undefined;
  #clock: Clock;
  #queue: WorkQueue;
  #limiter: RateLimiter;
  #metrics: ControllerMetrics;
  #name: string;
  #running = false;
  /** The running run's `onError`. */
  #onRunError: ((error: ControllerError) => void) | undefined;

  /**
   * Creates a Controller.
   *
   * @param primary The resource it reconciles, as an Api or a shared Reflector.
   * @param options Name, predicate, rate limiter and clock.
   */
  constructor(primary: Api<T> | Reflector<T>, options: ControllerOptions<T> = {}) {
    const name = options.name ??
      (primary instanceof Api ? primary : primary.api).resource.plural;
    this.#name = name;
    this.#primary = this.#source(
      primary,
      "the primary resource",
      (change) => [change.key],
      options.validate,
    );
    this.#predicate = options.predicate;
    this.#clock = options.clock ?? realClock;
    this.#queue = new WorkQueue(this.#clock, {
      onTake: (_key, waitedMs) => this.#metrics.observeQueueLatency(waitedMs / 1000),
    });
    this.#limiter = new RateLimiter(() => this.#clock.now(), options.rateLimiter);
    this.#metrics = new ControllerMetrics(
      name,
      () => ({ depth: this.#queue.depth, active: this.#queue.active }),
      () =>
        [this.#primary, ...this.#sources].map(({ reflector }) => ({
          resource: reflector.api.resource.plural,
          health: reflector.health(),
        })),
      options.metrics ?? MetricsRegistry.default,
    );
  }

  /** The primary resource's cache: read it, or look objects up by key. */
  get reflector(): Reflector<T> {
    return this.#primary.reflector as unknown as Reflector<T>;
  }

  /**
   * Reconciles, failures, queue depth and latency, durations, reported
   * errors, watch restarts and relists, in its metrics registry.
   */
  get metrics(): ControllerMetrics {
    return this.#metrics;
  }

  /**
   * Also reconciles a primary object when an object it controls changes:
   * one whose controller ownerReference (the one with `controller: true`;
   * an object has at most one) names it, with the primary's kind and
   * apiVersion, in the owned object's namespace. Other owner references
   * (garbage-collection owners that do not manage the object) are not
   * followed, as controller-runtime's `Owns` and client-go's controllers do.
   *
   * @typeParam C The owned object type.
   * @param owned The owned resource, as an Api or a shared Reflector.
   * @returns This controller.
   *
   * @example
   * ```ts ignore
   * controller.owns(Api.v1ConfigMap(client));
   * ```
   */
  owns<C extends KubeObject>(owned: Api<C> | Reflector<C>): this {
    const resource = this.#primary.reflector.api.resource;
    const apiVersion = apiVersionOf(resource);
    this.#sources.push(
      this.#source(
        owned,
        "the owns() mapper",
        ({ object }) =>
          (object.metadata.ownerReferences ?? [])
            .filter((ref) =>
              ref.controller === true && ref.kind === resource.kind &&
              ref.apiVersion === apiVersion
            )
            .map((ref) => this.#keyOf({ name: ref.name, namespace: object.metadata.namespace })),
      ),
    );
    this.#metrics.track({ replace: this.#running });
    return this;
  }

  /**
   * Also reconciles the primary objects that `mapper` names when an object
   * of another resource changes.
   *
   * @typeParam O The other object type.
   * @param other The other resource, as an Api or a shared Reflector.
   * @param mapper The primary objects a changed object concerns.
   * @returns This controller.
   *
   * @example
   * ```ts ignore
   * controller.watches(Api.v1Secret(client), (secret) =>
   *   secret.metadata.labels?.app ? [{ name: secret.metadata.labels.app, namespace: secret.metadata.namespace }] : []);
   * ```
   */
  watches<O extends KubeObject>(
    other: Api<O> | Reflector<O>,
    mapper: (object: O) => ObjectRef[],
  ): this {
    this.#sources.push(this.#source(other, "the watches() mapper", ({ object }) => {
      const refs: unknown = mapper(object as O);
      if (!Array.isArray(refs)) {
        throw new TypeError(`it returned ${kindOf(refs)}, not a list of ObjectRefs`);
      }
      return refs.map((ref: ObjectRef) => this.#keyOf(ref));
    }));
    this.#metrics.track({ replace: this.#running });
    return this;
  }

  /**
   * Runs the controller until `signal` aborts or the caller stops
   * iterating: starts the watches it owns, reconciles with up to
   * `concurrency` workers, and reports each finished reconcile. On the
   * signal it takes no more keys, lets reconciles in flight finish (their
   * `ctx.signal` aborts at the shutdown deadline), and closes its watches.
   * However the run ends (the signal, the caller leaving its loop, a
   * failure), it stops everything it started before it returns or throws,
   * so a later run starts afresh.
   *
   * A reconcile that throws, or resolves to anything but an {@linkcode Action},
   * is a failed reconcile: its outcome carries the error, the error policy
   * decides what next, and the metrics count it.
   *
   * A predicate or mapper that throws on one object, and a watch error that
   * the controller's own caches retry, go to `onError` while the run goes
   * on. A source whose watch loop or change feed stops with an error ends
   * the run: it throws a {@linkcode ControllerError} naming the source.
   *
   * @param reconcile The reconcile function.
   * @param options Concurrency, error policy, signal, shutdown deadline.
   * @returns Each reconcile's outcome.
   * @throws {KubeError} When the controller already runs, another of its
   * name runs with the same metrics registry, or `concurrency` is not a
   * whole number of 1 or more.
   * @throws {ControllerError} When a source's watch or change feed stopped
   * with an error (after everything else has stopped).
   */
  async *run(
    reconcile: Reconciler<T>,
    options: RunOptions<T> = {},
  ): AsyncGenerator<ReconcileOutcome<T>, void, undefined> {
    if (this.#running) {
      throw new KubeError("this controller is already running; one run at a time");
    }
    const names = runningNames(this.#metrics.registry);
    if (names.has(this.#name)) {
      throw new KubeError(
        `another controller named ${this.#name} is running with the same metrics registry: ` +
          "give each its own name (ControllerOptions.name), or its own registry",
      );
    }
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new KubeError(`run needs a concurrency of 1 or more, not ${concurrency}`);
    }
    this.#running = true;
    names.add(this.#name);
    this.#onRunError = options.onError;
    const stop = new LinkedAbort(options.signal);
    const watches = new AbortController();
    const deadline = new AbortController();
    /** The first failure that ends the run: thrown once everything has stopped. */
    let fatal: { error: unknown } | undefined;
    const fail = (error: unknown) => {
      fatal ??= { error };
      stop.abort();
    };
    const tasks: Promise<void>[] = [];
    let outcomes: Channel<ReconcileOutcome<T>> | undefined;
    let workers: Promise<unknown> = Promise.resolve();
    let shutdown: Promise<void> = Promise.resolve();
    try {
      // A run takes over its name's series from any other Controller object of that name.
      this.#metrics.track();
      const channel = outcomes = new Channel(Math.max(16, 4 * concurrency));
      const sources = [this.#primary, ...this.#sources];
      // A source that cannot go on ends the run: its keys would silently stop coming.
      const ended = (s: Source, what: (resource: string) => string) => (e: unknown) => {
        if (watches.signal.aborted) return;
        const resource = s.reflector.api.resource.plural;
        fail(
          new ControllerError(`${what(resource)}: ${messageOf(e)}`, {
            controller: this.#name,
            stage: "watch",
            resource,
            cause: e,
          }),
        );
      };
      for (const s of sources) {
        if (!s.own) continue;
        tasks.push(
          s.reflector.start(watches.signal).catch(ended(s, (r) => `the watch of ${r} stopped`)),
        );
      }
      for (const s of sources) {
        tasks.push(
          this.#feed(s, watches.signal).catch(
            ended(s, (r) => `following the changes of ${r} failed`),
          ),
        );
      }
      shutdown = this.#shutdownDeadline(stop.signal, deadline, options.shutdownTimeoutMs ?? 30_000);
      workers = Promise.all(
        Array.from(
          { length: concurrency },
          () =>
            this.#work(reconcile, options.errorPolicy, stop.signal, deadline.signal, channel)
              .catch(fail),
        ),
      ).finally(() => channel.close());
      yield* channel;
    } finally {
      // Whatever ended the run (the signal, the caller leaving, a failure),
      // everything it started stops before it returns or throws.
      outcomes?.abandon();
      stop.abort();
      await Promise.race([workers, shutdown]);
      deadline.abort();
      watches.abort();
      await Promise.allSettled([...tasks, shutdown]);
      stop[Symbol.dispose]();
      this.#onRunError = undefined;
      names.delete(this.#name);
      this.#running = false;
    }
    if (fatal) throw fatal.error;
  }

  /** Resolves when reconciles in flight must be abandoned: `shutdownMs` after the stop. */
  async #shutdownDeadline(stop: AbortSignal, deadline: AbortController, shutdownMs: number) {
    await aborted(stop).catch(() => {});
    await this.#clock.sleep(shutdownMs, deadline.signal).catch(() => {});
    deadline.abort(
      new KubeError(`the controller's shutdown deadline of ${shutdownMs / 1000}s passed`),
    );
  }

  /** Schedules the keys each change of `source` maps to. */
  async #feed(source: Source, signal: AbortSignal): Promise<void> {
    const seen = new Map<string, string | undefined>();
    for await (const change of source.reflector.subscribe({ signal })) {
      if (source === this.#primary && !this.#passes(change as Change<unknown> as Change<T>, seen)) {
        continue;
      }
      for (const key of this.#keysOf(source, change)) this.#queue.schedule(key);
    }
  }

  /** The primary keys a change maps to; none, reported, when the mapper throws. */
  #keysOf(source: Source, change: Change<KubeObject>): string[] {
    try {
      return source.keys(change);
    } catch (e) {
      const resource = source.reflector.api.resource.plural;
      this.#report(
        new ControllerError(
          `${source.mapper} threw on ${resource} ${change.key}: ${messageOf(e)}; ` +
            "this change schedules nothing",
          { controller: this.#name, stage: "mapper", resource, key: change.key, cause: e },
        ),
      );
      return [];
    }
  }

  /** The primary's predicate: deletions clear the key's memory and pass. */
  #passes(change: Change<T>, seen: Map<string, string | undefined>): boolean {
    if (change.type === "DELETED") {
      seen.delete(change.key);
      this.#limiter.forget(change.key);
      return true;
    }
    if (!this.#predicate) return true;
    let value: string | undefined;
    try {
      value = this.#predicate(change.object);
    } catch (e) {
      // The predicate only saves work: when it cannot say, do the work.
      seen.delete(change.key);
      const resource = this.#primary.reflector.api.resource.plural;
      this.#report(
        new ControllerError(
          `the predicate threw on ${resource} ${change.key}: ${messageOf(e)}; ` +
            "the change was let through",
          { controller: this.#name, stage: "predicate", resource, key: change.key, cause: e },
        ),
      );
      return true;
    }
    if (value !== undefined && seen.has(change.key) && seen.get(change.key) === value) return false;
    seen.set(change.key, value);
    return true;
  }

  async #work(
    reconcile: Reconciler<T>,
    errorPolicy: ErrorPolicy<T> | undefined,
    stop: AbortSignal,
    signal: AbortSignal,
    outcomes: Channel<ReconcileOutcome<T>>,
  ): Promise<void> {
    while (true) {
      const key = await this.#queue.take(stop);
      if (key === undefined) return;
      let outcome: ReconcileOutcome<T> | undefined;
      try {
        outcome = await this.#reconcileOne(key, reconcile, errorPolicy, signal);
      } finally {
        this.#queue.done(key);
      }
      if (outcome) await outcomes.push(outcome);
    }
  }

  /** One reconcile of `key`, whatever it returns or throws; `undefined` when its object is gone. */
  async #reconcileOne(
    key: string,
    reconcile: Reconciler<T>,
    errorPolicy: ErrorPolicy<T> | undefined,
    signal: AbortSignal,
  ): Promise<ReconcileOutcome<T> | undefined> {
    const object = this.#primary.reflector.get(key) as T | undefined;
    if (!object) return undefined;
    const ctx: ReconcileContext = { key, signal };
    const started = this.#clock.now();
    let action: Action;
    let error: unknown;
    let failed = false;
    try {
      const result: unknown = await reconcile(object, ctx);
      if (!isAction(result)) {
        throw new KubeError(
          `the reconcile of ${key} resolved to ${kindOf(result)}, not an Action: ` +
            "return Action.requeue(ms) or Action.awaitChange()",
        );
      }
      action = result;
      this.#limiter.forget(key);
    } catch (e) {
      failed = true;
      error = e;
      action = this.#onError(e, object, ctx, errorPolicy);
    }
    const durationMs = this.#clock.now() - started;
    this.#metrics.observe(durationMs / 1000, failed);
    if (action.requeueAfterMs !== undefined) this.#queue.schedule(key, action.requeueAfterMs);
    return { key, object, action, ...(failed ? { error } : {}), durationMs };
  }

  #onError(error: unknown, object: T, ctx: ReconcileContext, policy?: ErrorPolicy<T>): Action {
    if (policy) {
      // A broken policy must not stop the worker: fall back to the backoff.
      let why: string;
      let cause: unknown;
      try {
        const action: unknown = policy(error, object, ctx);
        if (isAction(action)) return action;
        why = `resolved to ${kindOf(action)}, not an Action`;
      } catch (e) {
        why = `threw: ${messageOf(e)}`;
        cause = e;
      }
      this.#report(
        new ControllerError(
          `the error policy for ${ctx.key} ${why}; backing off with the rate limiter`,
          {
            controller: this.#name,
            stage: "errorPolicy",
            resource: this.#primary.reflector.api.resource.plural,
            key: ctx.key,
            cause,
          },
        ),
      );
    }
    return Action.requeue(this.#limiter.when(ctx.key));
  }

  /**
   * A source from an Api (a Reflector the controller runs, whose watch
   * errors it reports) or a shared Reflector (the caller runs it, and has
   * its own `onError`).
   */
  #source<O extends KubeObject>(
    from: Api<O> | Reflector<O>,
    mapper: string,
    keys: (change: Change<KubeObject>) => string[],
    validate?: CacheOptions<O>["validate"],
  ): Source {
    const own = from instanceof Api;
    const reflector = from instanceof Api
      ? new Reflector(from, {
        validate,
        onError: (e) =>
          this.#report(
            new ControllerError(`the watch of ${from.resource.plural} failed: ${e.message}`, {
              controller: this.#name,
              stage: "watch",
              resource: from.resource.plural,
              cause: e,
            }),
          ),
      })
      : from;
    return { reflector: reflector as unknown as Reflector<KubeObject>, own, mapper, keys };
  }

  /** Counts a failure and hands it to the run's `onError`, or to `console.error`. */
  #report(error: ControllerError): void {
    this.#metrics.countError(error.stage);
    try {
      if (this.#onRunError) this.#onRunError(error);
      else console.error(error.message);
    } catch {
      // An error handler that throws has nobody left to tell.
    }
  }

  #keyOf(ref: ObjectRef): string {
    return this.#primary.reflector.api.keyOf({ metadata: ref } as KubeObject);
  }
}

/** The names of the controllers running now, per metrics registry: their series must not mix. */
const running = new WeakMap<MetricsRegistry, Set<string>>();

function runningNames(registry: MetricsRegistry): Set<string> {
  let names = running.get(registry);
  if (!names) running.set(registry, names = new Set());
  return names;
}

/** What a value is, for an error message, without quoting it. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "no prototype"})`;
  return `a ${typeof value}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Outcomes from the workers to the caller: workers wait while it is full
 * (the caller sets the pace), and never once the caller has gone.
 */
class Channel<V> implements AsyncIterable<V> {
  #items: V[] = [];
  #capacity: number;
  #closed = false;
  #abandoned = false;
  #readable = new Wakeup();
  #writable = new Wakeup();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  async push(item: V): Promise<void> {
    while (!this.#abandoned && this.#items.length >= this.#capacity) {
      await this.#writable.wait();
    }
    if (this.#abandoned) return;
    this.#items.push(item);
    this.#readable.wake();
  }

  close(): void {
    this.#closed = true;
    this.#readable.wake();
  }

  abandon(): void {
    this.#abandoned = true;
    this.#items = [];
    this.#writable.wake();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<V, void, undefined> {
    while (true) {
      if (this.#items.length) {
        const item = this.#items.shift()!;
        this.#writable.wakeOne();
        yield item;
        continue;
      }
      if (this.#closed) return;
      await this.#readable.wait();
    }
  }
}
