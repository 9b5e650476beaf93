/**
 * `Reflector<T>`: the watch engine feeding a {@linkcode Store}, so the caller
 * always has a local copy of what a resource looks like in etcd.
 *
 * @module
 */

import type { Api } from "../api/api.ts";
import { InvalidObjectError, isGone, KubeError, type ObjectIssue } from "../errors.ts";
import { realClock } from "../util/clock.ts";
import { aborted, afterMs, LinkedAbort } from "../util/abort.ts";
import { Subscription } from "./subscription.ts";
import { type Change, type IndexFunction, Store, type StoreView } from "./store.ts";
import type { KubeObject } from "../types/meta.ts";
import type { CacheHealth } from "../watch/health.ts";
import { steps, Watcher, type WatcherOptions } from "../watch/watcher.ts";

/**
 * Options of {@linkcode Reflector} and {@linkcode Informer}.
 *
 * @typeParam T The object type.
 *
 * @example
 * ```ts
 * import type { CacheOptions } from "./reflector.ts";
 * const options: CacheOptions = { labelSelector: "app=web", onError: (e) => console.error(e.message) };
 * ```
 *
 * @example A cache without managedFields, often a third of an object
 * ```ts
 * import type { CacheOptions } from "./reflector.ts";
 * import type { Pod } from "../types/mod.ts";
 * const options: CacheOptions<Pod> = {
 *   transform: (pod) => {
 *     delete pod.metadata.managedFields;
 *     return pod;
 *   },
 * };
 * ```
 */
export interface CacheOptions<T = KubeObject> extends WatcherOptions<T> {
  /**
   * Called with each failure the continuous loop retries (a 500, a dropped
   * connection, a bad line) and each event skipped as unusable. `poll()`
   * throws failures instead, unless it already applied changes that it must
   * return.
   */
  onError?: (error: KubeError) => void;
  /**
   * Checks each object before the cache keeps it, after any transform
   * (a custom resource's `validate`, say): an object with issues never
   * reaches the store, subscribers or an Informer's events; it goes to
   * `onError` as an {@linkcode InvalidObjectError}, and a Reflector drops
   * the key's earlier version (a `DELETED` change carrying it) until a
   * version that passes arrives. Deletions are not checked.
   */
  validate?: (object: T) => readonly ObjectIssue[] | undefined;
}

/**
 * Options of a single `poll()`.
 *
 * @example
 * ```ts
 * import type { PollOptions } from "./reflector.ts";
 * const options: PollOptions = { signal: AbortSignal.timeout(30_000) };
 * ```
 */
export interface PollOptions {
  /** Aborts the poll. */
  signal?: AbortSignal;
}

/**
 * A local mirror of one resource. The first {@linkcode Reflector.poll} lists;
 * each later one watches one round (until the server ends the watch) and
 * applies its events. Or iterate it with `for await` to keep it current
 * continuously and see each change once it is applied.
 *
 * After a relist (a 410 because the resourceVersion was compacted away) the
 * store is replaced by the new list and the changes since, deletions
 * included, are reported.
 *
 * @typeParam T The object type.
 *
 * @example Poll
 * ```ts ignore
 * import { Api, Client, Reflector } from "../../mod.ts";
 * const client = await Client.load();
 * const rf = new Reflector(Api.v1Pod(client).within("kube-system")).timeout(10);
 * await rf.poll(); // lists
 * await rf.poll(); // watches for up to 10 s
 * for (const [key, pod] of rf.read()) console.log(key, pod.status?.phase);
 * ```
 *
 * @example Continuously
 * ```ts ignore
 * for await (const change of rf) console.log(change.type, change.key);
 * ```
 */
export class Reflector<T extends KubeObject> implements AsyncIterable<Change<T>> {
  #options: CacheOptions<T>;
  #watcher: Watcher<T>;
  #store: Store<T>;
  #view: StoreView<T>;
  #ready: Promise<void>;
  #setReady!: () => void;
  #synced = false;
  #what: string;
  #api: Api<T>;
  #subscribers = new Set<Subscription<T>>();
  #rejected = new Set<string>();

  /**
   * Creates a Reflector.
   *
   * @param api The resource (and namespace) to mirror.
   * @param options Selectors, timeout, initial list mode, backoff, clock,
   * onError, and a transform that shapes each object before it is stored.
   */
  constructor(api: Api<T>, options: CacheOptions<T> = {}) {
    this.#what = `the Reflector of ${api.resource.plural}${
      api.namespace ? ` in ${api.namespace}` : ""
    }`;
    this.#api = api;
    this.#options = { ...options };
    this.#watcher = new Watcher(api, this.#options);
    this.#store = new Store((object) => api.keyOf(object));
    this.#view = this.#store.view();
    this.#ready = new Promise((resolve) => this.#setReady = resolve);
  }

  /**
   * Keeps the store current in the background, however slowly its readers
   * and subscribers go, until `signal` aborts: one watch, shared by every
   * {@linkcode Reflector.subscribe}r and reader. Failures are retried with
   * backoff and reported to `onError`.
   *
   * @param signal Stops it.
   * @returns Resolves once it has stopped.
   * @throws {Error} When another loop already runs this reflector.
   *
   * @example
   * ```ts ignore
   * const stop = new AbortController();
   * const running = rf.start(stop.signal);
   * await rf.synced({ timeoutMs: 30_000 });
   * // ... read, subscribe ...
   * stop.abort();
   * await running;
   * ```
   */
  start(signal?: AbortSignal): Promise<void> {
    const changes = this.run(signal);
    return (async () => {
      for await (const _ of changes);
    })();
  }

  /**
   * Follows the store's changes at the subscriber's own pace: first every
   * object already in the store (as ADDED), then each change. A subscriber
   * that falls behind gets the latest state of each key, not every event,
   * so its memory is bounded by the number of objects. Some loop
   * ({@linkcode Reflector.start}, `run`, `poll`) must drive the reflector.
   *
   * @param options `signal` ends the subscription.
   * @returns The subscription, an async iterable of changes.
   *
   * @example
   * ```ts ignore
   * rf.start(signal);
   * for await (const change of rf.subscribe({ signal })) console.log(change.type, change.key);
   * ```
   */
  subscribe(options: { signal?: AbortSignal } = {}): Subscription<T> {
    const subscription: Subscription<T> = new Subscription(
      options.signal,
      () => this.#subscribers.delete(subscription),
    );
    this.#subscribers.add(subscription);
    this.#store.forEach((object, key) => subscription.push({ type: "ADDED", key, object }));
    return subscription;
  }

  /**
   * Waits until the first list is in the store, or says why it is not.
   *
   * @param options `signal` stops waiting; `timeoutMs` gives up after that long.
   * @throws {KubeError} When the deadline passes, naming the last failure
   * (a 403 Forbidden, an unreachable server) if there was one.
   *
   * @example
   * ```ts ignore
   * await rf.synced({ timeoutMs: 30_000 });
   * ```
   */
  async synced(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    if (this.#synced) return;
    using stop = new LinkedAbort(options.signal);
    const { timeoutMs } = options;
    // 0 gives up at once (saying why it is not synced); Infinity never.
    const clock = this.#options.clock ?? realClock;
    using _deadline = timeoutMs === undefined ? undefined : afterMs(clock, timeoutMs, () => {
      const { lastError, state } = this.health();
      const why = lastError
        ? `last error: ${lastError.message}`
        : "no error: is a loop (start, run or poll) driving it?";
      stop.abort(
        new KubeError(`${this.#what} did not sync within ${timeoutMs / 1000}s (${state}; ${why})`),
      );
    });
    try {
      await Promise.race([this.#ready, aborted(stop.signal)]);
    } finally {
      stop.abort();
    }
  }

  /** The resource (and namespace) this reflector mirrors. */
  get api(): Api<T> {
    return this.#api;
  }

  /**
   * Sets the watch timeout: the server ends each watch after `seconds`.
   *
   * @param seconds The timeout; 290 by default.
   * @returns This reflector.
   */
  timeout(seconds: number): this {
    this.#watcher.timeout(seconds);
    return this;
  }

  /** Resolves once the first list is in the store. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** The last resourceVersion seen; a watch resumes from it. */
  get resourceVersion(): string | undefined {
    return this.#watcher.resourceVersion;
  }

  /** The engine's state, for diagnostics (`Listed`, `Watching`, `BackingOff`, ...). */
  get state(): string {
    return this.#watcher.state;
  }

  /**
   * How this cache is doing: synced or not, healthy or failing since when,
   * when it last heard from the server, its last error, how many relists.
   *
   * @returns A fresh snapshot.
   *
   * @example A liveness probe
   * ```ts ignore
   * Deno.serve({ port: 8080 }, () => {
   *   const { healthy, failingSince } = rf.health();
   *   const stuck = failingSince !== undefined && Date.now() - failingSince > 120_000;
   *   return new Response(healthy ? "ok" : "degraded", { status: stuck ? 503 : 200 });
   * });
   * ```
   */
  health(): CacheHealth {
    const health = this.#watcher.health();
    return this.#options.validate ? { ...health, rejected: this.#rejected.size } : health;
  }

  /**
   * The read-only side of this reflector's store, for consumers that share
   * the cache: they read what it holds and cannot change it, while the
   * reflector stays its one writer.
   *
   * @example
   * ```ts ignore
   * const pods = reflector.store;
   * console.log(pods.size, pods.get("default/web-0")?.status?.phase);
   * ```
   */
  get store(): StoreView<T> {
    return this.#view;
  }

  /**
   * The current state as a map from key (`namespace/name`, or `name` when
   * cluster-scoped) to object. A snapshot: it never changes afterwards. It
   * is cheap to take after every change: it costs the changes since the last
   * `read()`, not the number of objects (see {@linkcode Store.read}).
   *
   * @returns Objects by key.
   */
  read(): ReadonlyMap<string, T> {
    return this.#store.read();
  }

  /**
   * One object by key, as the store holds it now. Cheaper than `read()` for
   * a single lookup: it takes no snapshot.
   *
   * @param key `namespace/name`, or `name` when cluster-scoped.
   * @returns The object, or `undefined`.
   *
   * @example
   * ```ts ignore
   * const pod = rf.get("kube-system/coredns-abc");
   * ```
   */
  get(key: string): T | undefined {
    return this.#store.get(key);
  }

  /**
   * Adds an index: `fn` files each object under zero or more values, and
   * {@linkcode Reflector.byIndex} finds them. `namespace` is built in.
   *
   * @param name The index's name.
   * @param fn The index values of an object.
   * @returns This reflector.
   *
   * @example
   * ```ts ignore
   * rf.addIndex("node", (pod) => pod.spec?.nodeName ? [pod.spec.nodeName] : []);
   * const onNode = rf.byIndex("node", "worker-1");
   * ```
   */
  addIndex(name: string, fn: IndexFunction<T>): this {
    this.#store.addIndex(name, fn);
    return this;
  }

  /**
   * The objects an index files under `value`.
   *
   * @param name The index's name, e.g. `namespace`.
   * @param value The value, e.g. `kube-system`.
   * @returns The objects.
   */
  byIndex(name: string, value: string): T[] {
    return this.#store.byIndex(name, value);
  }

  /**
   * Lists (the first call) or watches one round (later calls), applying what
   * it reads to the store. A 410 relists within the same call, after a
   * backoff.
   *
   * @param options The signal.
   * @returns The changes it applied. When the watch fails, or the signal
   * aborts, after some changes were applied, it returns them (and hands a
   * failure to `onError`): nothing applied goes unreported.
   * @throws {KubeError} When the list or watch fails before any change; the
   * store keeps what it had, and the next poll resumes from the last
   * resourceVersion seen (after a backoff).
   */
  async poll(options: PollOptions = {}): Promise<Change<T>[]> {
    using _ = this.#watcher.claim("Reflector");
    const signal = options.signal ?? new AbortController().signal;
    const changes: Change<T>[] = [];
    try {
      while (true) {
        const event = await this.#watcher.step(signal);
        if (!event) continue;
        switch (event.type) {
          case "RESTARTED":
            return changes.concat(this.#restart(event.objects));
          case "END":
            return changes;
          case "ERROR":
            if (isGone(event.status)) continue;
            // Changes already in the store must reach the caller: the next
            // poll resumes after them. The error goes to onError instead.
            if (changes.length === 0) throw event.error;
            this.#options.onError?.(event.error);
            return changes;
          case "INVALID":
            this.#options.onError?.(event.error);
            continue;
          case "ADDED":
          case "MODIFIED":
          case "DELETED": {
            const change = this.#apply(event.type, event.object);
            if (change) changes.push(change);
          }
        }
      }
    } catch (e) {
      // Aborted after applying changes: they are returned, not lost.
      if (signal.aborted && changes.length > 0) return changes;
      throw e;
    } finally {
      this.#watcher.close();
    }
  }

  /**
   * Keeps the store current until `signal` aborts or the caller stops
   * iterating, retrying failures with backoff.
   *
   * @param signal Stops it.
   * @returns Each change, after it is applied to the store.
   */
  async *run(signal?: AbortSignal): AsyncGenerator<Change<T>, void, undefined> {
    using _ = this.#watcher.claim("Reflector");
    for await (const event of steps(this.#watcher, signal)) {
      switch (event.type) {
        case "RESTARTED":
          yield* this.#restart(event.objects);
          break;
        case "ADDED":
        case "MODIFIED":
        case "DELETED": {
          const change = this.#apply(event.type, event.object);
          if (change) yield change;
          break;
        }
        case "ERROR":
        case "INVALID":
          this.#options.onError?.(event.error);
          break;
      }
    }
  }

  /** Same as {@linkcode Reflector.run} without a signal: `break` stops it. */
  [Symbol.asyncIterator](): AsyncIterator<Change<T>> {
    return this.run();
  }

  #restart(objects: T[]): Change<T>[] {
    this.#rejected.clear();
    const changes = this.#store.replace(
      this.#options.validate ? objects.filter((o) => this.#passes(o)) : objects,
    );
    for (const change of changes) this.#publish(change);
    this.#synced = true;
    this.#setReady();
    return changes;
  }

  #apply(type: Change<T>["type"], object: T): Change<T> | undefined {
    if (type === "DELETED") this.#rejected.delete(this.#api.keyOf(object));
    else if (!this.#passes(object)) {
      // The version before is out of date: it leaves the cache too.
      const previous = this.#store.get(this.#api.keyOf(object));
      const dropped = previous && this.#store.apply("DELETED", previous);
      if (dropped) this.#publish(dropped);
      return dropped;
    }
    const change = this.#store.apply(type, object);
    if (change) this.#publish(change);
    return change;
  }

  /** Whether an object passes the check; one that does not is reported, and counted while it is out. */
  #passes(object: T): boolean {
    if (!this.#options.validate) return true;
    const key = this.#api.keyOf(object);
    const issues = this.#options.validate(object);
    if (!issues || issues.length === 0) {
      this.#rejected.delete(key);
      return true;
    }
    this.#rejected.add(key);
    this.#options.onError?.(new InvalidObjectError(this.#api.resource.plural, key, issues));
    return false;
  }

  #publish(change: Change<T>): void {
    for (const subscriber of this.#subscribers) subscriber.push(change);
  }
}
