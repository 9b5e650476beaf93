/**
 * The list-then-watch engine: an explicit state machine in the manner of
 * kube-rs's `watcher`, shared by {@linkcode Reflector} and {@linkcode Informer}.
 *
 * @module
 */

import type { Api } from "../api/api.ts";
import { ApiError, isBadRequest, isGone, isInvalid, KubeError, WatchError } from "../errors.ts";
import { resourcePath } from "../api/resource.ts";
import {
  INITIAL_EVENTS_END,
  type KubeObject,
  type Status,
  type WatchEvent,
} from "../types/meta.ts";
import { Backoff, type BackoffOptions } from "../util/backoff.ts";
import { type Clock, realClock } from "../util/clock.ts";
import { abortable, afterMs, LinkedAbort } from "../util/abort.ts";
import { forgetDropped } from "../decode/managed_fields.ts";
import { ReadAhead } from "../api/paging.ts";
import { type CacheHealth, HealthRecord } from "./health.ts";
import { type EventStream, openEventStream } from "./stream.ts";

/**
 * A dead connection is one silent for longer than the server may take to end
 * the watch; this margin covers the server's own slack and slow networks.
 */
const IDLE_MARGIN_SECONDS = 30;

/**
 * A watch that lasted at least this long counts as healthy: its end resets
 * the backoff. One that ends sooner having sent nothing is reopened after a
 * backoff, not at once.
 */
const HEALTHY_WATCH_MS = 1_000;

/**
 * How long a streaming list may take to end its initial events with the
 * `k8s.io/initial-events-end` bookmark: 60 s, as long as the API server
 * gives any request that is not a watch (its `--request-timeout`), which
 * bounds the unpaged list a streaming list stands in for. A server that
 * accepts `sendInitialEvents` but never sends the bookmark (some aggregated
 * API servers) would otherwise leave the cache unsynced until the watch
 * times out; past this, the engine pages the list instead and, in `auto`
 * mode, keeps paging, as it does for a server that refuses streaming.
 */
export const INITIAL_EVENTS_TIMEOUT_MS = 60_000;

/**
 * How the initial state is read: a paged `list`, a streaming list
 * (`sendInitialEvents=true`, Kubernetes 1.27+ with the WatchList feature), or
 * `auto`: streaming where the server supports it, else paged.
 *
 * @example
 * ```ts
 * import type { InitialList } from "./watcher.ts";
 * const mode: InitialList = "list";
 * ```
 */
export type InitialList = "auto" | "list" | "stream";

/**
 * Options of the list-then-watch engine.
 *
 * @typeParam T The watched object type.
 *
 * @example
 * ```ts
 * import type { WatcherOptions } from "./watcher.ts";
 * const options: WatcherOptions = { labelSelector: "app=web", timeoutSeconds: 60, initialList: "list" };
 * ```
 */
export interface WatcherOptions<T = KubeObject> {
  /** Only objects with these labels, e.g. `app=web`. */
  labelSelector?: string;
  /** Only objects with these fields, e.g. `spec.nodeName=worker-1`. */
  fieldSelector?: string;
  /** Seconds after which the server ends each watch; 290. */
  timeoutSeconds?: number;
  /** Objects per list page; 500. */
  pageSize?: number;
  /** How to read the initial state; `auto`. */
  initialList?: InitialList;
  /** The retry policy, or its settings; 800 ms doubling to 30 s, plus jitter. */
  backoff?: Backoff | BackoffOptions;
  /** The clock for backoff sleeps and idle detection; the real one. */
  clock?: Clock;
  /**
   * Maps each object as it arrives, before anything keeps it: list items,
   * streaming-list events and watch events alike (not bookmarks), so a
   * cache holds only what the transform leaves, e.g. objects without
   * `metadata.managedFields` (client-go's `SetTransform`, kube-rs's
   * `modify`). Each object is freshly decoded and held by nobody else yet:
   * change it in place and return it, or return a new one. Keep
   * `metadata.name`, `namespace` and `resourceVersion`: the caches key
   * objects by the first two and tell changes on a relist by the third.
   * A transform that throws fails the list or watch as a server error
   * would: reported, then retried after a backoff.
   */
  transform?(object: T): T;
}

/**
 * What the engine reports, one step at a time.
 *
 * - `RESTARTED`: a (re)list finished; `objects` is the whole new state.
 * - `ADDED`, `MODIFIED`, `DELETED`: a change from the watch.
 * - `BOOKMARK`: the resourceVersion moved on; nothing changed.
 * - `ERROR`: something failed and will be retried after a backoff (with a
 *   410, by a relist). `status` is set when the server sent it as an `ERROR`
 *   watch event.
 * - `END`: the server ended a watch normally; the next step resumes it.
 * - `INVALID`: the server sent an event or list items that cannot be used
 *   (objects without `metadata`); they are skipped and the watch or list
 *   goes on.
 *
 * @typeParam T The watched object type.
 *
 * @example
 * ```ts
 * import type { WatcherEvent } from "./watcher.ts";
 * import type { Pod } from "../types/mod.ts";
 * function log(ev: WatcherEvent<Pod>) {
 *   if (ev.type === "RESTARTED") console.log(`${ev.objects.length} pods at ${ev.resourceVersion}`);
 * }
 * ```
 */
export type WatcherEvent<T> =
  | { type: "RESTARTED"; objects: T[]; resourceVersion: string }
  | { type: "ADDED" | "MODIFIED" | "DELETED"; object: T }
  | { type: "BOOKMARK"; resourceVersion: string }
  | { type: "ERROR"; error: KubeError; status?: Status }
  | { type: "INVALID"; error: WatchError }
  | { type: "END" };

/**
 * How the next list is read, when it must differ from the engine's mode:
 * `whole` after a continue token expired (one unpaged list cannot expire),
 * `paged` after a streaming list was cut short.
 */
type ListOverride = "whole" | "paged" | undefined;

/** Where the engine is. Each step moves from one state to the next. */
type State<T> =
  /** Nothing known: the next step starts a (paged or streaming) list. */
  | { kind: "Empty"; list?: ListOverride }
  /** Part way through a paged list; `page` counts from 1, for reports. */
  | { kind: "Listing"; items: T[]; continue: string; page: number }
  /**
   * A streaming list is open; its initial events gather until the end
   * bookmark, which must come by `deadline` (on the clock).
   */
  | { kind: "Streaming"; items: Map<string, T>; stream: EventStream<T>; deadline: number }
  /**
   * Up to date at resourceVersion with no watch open: the next step opens
   * one, or first reports `restart`, a list whose last page had to report
   * an unusable item.
   */
  | { kind: "Listed"; resourceVersion: string; restart?: T[] }
  /** A watch is open; resourceVersion is the last one seen. */
  | { kind: "Watching"; resourceVersion: string; stream: EventStream<T> }
  /** Something failed: wait, then go on from `then`. */
  | { kind: "BackingOff"; delayMs: number; then: State<T> };

type Transition<T> = [WatcherEvent<T> | undefined, State<T>];

/**
 * The list-then-watch loop. Each {@linkcode Watcher.step} takes the engine
 * from one state to the next and reports at most one event; the states and
 * every transition between them, 410s and bookmarks included, are in
 * `#transition` and the methods it calls.
 *
 * The backoff grows with every failure and resets only when a watch proves
 * healthy (it delivers an event, or lasts a while): a server that answers
 * every watch with 410 is relisted ever more slowly, not in a tight loop.
 * The relists that 410s ask for back off on their own: after an API server
 * restart, the failed reconnects before it came back do not also delay the
 * relist that its fresh watch cache asks for (one more first delay, not
 * one past theirs).
 *
 * @typeParam T The watched object type.
 *
 * @example Follow pods continuously
 * ```ts ignore
 * import { Api, Client, Watcher } from "../../mod.ts";
 * const watcher = new Watcher(Api.v1Pod(await Client.load()));
 * for await (const ev of watcher.run()) console.log(ev.type);
 * ```
 */
export class Watcher<T extends KubeObject> {
  #api: Api<T>;
  #options: WatcherOptions<T>;
  #mode: "list" | "stream";
  #backoff: Backoff;
  /** The backoff before a relist that a 410 asks for; see {@linkcode Watcher}. */
  #relistBackoff: Backoff;
  #clock: Clock;
  #state: State<T> = { kind: "Empty" };
  #claimed = false;
  #health: HealthRecord;
  #pages: ReadAhead<T>;

  /**
   * Creates a Watcher.
   *
   * @param api The resource (and namespace) to follow.
   * @param options Selectors, timeouts, initial list mode, backoff, clock
   * and transform.
   */
  constructor(api: Api<T>, options: WatcherOptions<T> = {}) {
    this.#api = api;
    this.#options = { ...options };
    this.#mode = options.initialList === "list" ? "list" : "stream";
    this.#backoff = options.backoff instanceof Backoff
      ? options.backoff
      : new Backoff(options.backoff);
    this.#relistBackoff = new Backoff(
      options.backoff instanceof Backoff ? undefined : options.backoff,
    );
    this.#clock = options.clock ?? realClock;
    this.#health = new HealthRecord(this.#clock);
    const { labelSelector, fieldSelector, pageSize = 500 } = options;
    this.#pages = new ReadAhead<T>((token, signal, onContinue) =>
      api.list({
        labelSelector,
        fieldSelector,
        limit: pageSize,
        continue: token,
        signal,
        onContinue,
      })
    );
  }

  /**
   * Sets the watch timeout from the next watch on: the server ends each
   * watch after `seconds`, and silence longer than that (plus a margin)
   * marks the connection dead.
   *
   * @param seconds The timeout; 290 by default.
   */
  timeout(seconds: number): void {
    this.#options.timeoutSeconds = seconds;
  }

  /** The last resourceVersion seen, bookmarks included; `undefined` before the first list. */
  get resourceVersion(): string | undefined {
    const state = this.#state.kind === "BackingOff" ? this.#state.then : this.#state;
    return state.kind === "Listed" || state.kind === "Watching" ? state.resourceVersion : undefined;
  }

  /** The name of the current state: `Empty`, `Listing`, `Streaming`, `Listed`, `Watching` or `BackingOff`. */
  get state(): string {
    return this.#state.kind;
  }

  /**
   * How the initial state is read now: `stream` until the server refuses it
   * (or does not end its initial events within {@linkcode
   * INITIAL_EVENTS_TIMEOUT_MS}), then `list`.
   */
  get initialList(): "list" | "stream" {
    return this.#mode;
  }

  /**
   * How the engine is doing: state, last contact, last failure, relists.
   *
   * @returns A fresh snapshot.
   */
  health(): CacheHealth {
    return this.#health.snapshot(this.#state.kind);
  }

  /**
   * Reserves the engine for one loop (a poll or a run): two loops stepping
   * one state machine at once would each see half the events.
   *
   * @param owner Who asks, for the error message.
   * @returns A disposable that frees the engine again.
   * @throws {KubeError} While another loop holds it.
   */
  claim(owner: string): Disposable {
    if (this.#claimed) {
      throw new KubeError(`this ${owner} is already polling or running; one loop at a time`);
    }
    this.#claimed = true;
    return { [Symbol.dispose]: () => this.#claimed = false };
  }

  /**
   * Takes one step of the state machine. Do not step one watcher from two
   * loops at once ({@linkcode Watcher.claim} guards that).
   *
   * @param signal Aborts the step (and any request in flight).
   * @returns The event that step produced, if any.
   * @throws The signal's reason when it aborts; nothing else.
   */
  async step(signal: AbortSignal): Promise<WatcherEvent<T> | undefined> {
    const [event, next] = await this.#transition(this.#state, signal);
    this.#state = next;
    if (event) this.#health.record(event);
    return event;
  }

  /**
   * Runs the loop until `signal` aborts or the caller stops iterating,
   * retrying failures forever with backoff.
   *
   * @param signal Stops the loop.
   * @returns Every event the steps produce.
   * @throws {KubeError} When another loop is running this watcher.
   */
  async *run(signal?: AbortSignal): AsyncGenerator<WatcherEvent<T>, void, undefined> {
    using _ = this.claim("Watcher");
    yield* steps(this, signal);
  }

  /**
   * Closes an open watch, keeping the resourceVersion so the next step
   * resumes from it (a streaming list not yet complete starts over).
   */
  close(): void {
    this.#pages.close();
    const state = this.#state.kind === "BackingOff" ? this.#state.then : this.#state;
    if (state.kind === "Watching") {
      state.stream.close();
      this.#state = { kind: "Listed", resourceVersion: state.resourceVersion };
    } else if (state.kind === "Streaming") {
      state.stream.close();
      this.#state = { kind: "Empty" };
    }
  }

  #transition(state: State<T>, signal: AbortSignal): Promise<Transition<T>> {
    switch (state.kind) {
      case "Empty":
        if (state.list === "whole") return this.#listPage([], undefined, signal, false);
        if (state.list === "paged" || this.#mode === "list") {
          return this.#listPage([], undefined, signal, true);
        }
        return this.#startStreaming(signal);
      case "Listing":
        return this.#listPage(state.items, state.continue, signal, true, state.page);
      case "Streaming":
        return this.#readStreaming(state, signal);
      case "Listed": {
        const { resourceVersion, restart } = state;
        if (restart) {
          return Promise.resolve([{ type: "RESTARTED", objects: restart, resourceVersion }, {
            kind: "Listed",
            resourceVersion,
          }]);
        }
        return this.#startWatch(resourceVersion, signal);
      }
      case "Watching":
        return this.#readWatch(state, signal);
      case "BackingOff":
        return this.#clock.sleep(state.delayMs, signal).then(() => [undefined, state.then]);
    }
  }

  async #listPage(
    items: T[],
    token: string | undefined,
    signal: AbortSignal,
    paged: boolean,
    number = 1,
  ): Promise<Transition<T>> {
    const { labelSelector, fieldSelector } = this.#options;
    const retry: State<T> = token
      ? { kind: "Listing", items, continue: token, page: number }
      : { kind: "Empty" };
    try {
      const page = paged
        ? await this.#pages.page(token, signal)
        : await this.#api.list({ labelSelector, fieldSelector, signal });
      this.#health.heard();
      // An item without metadata cannot be keyed: skipped and reported, as
      // such a watch event is, so that one bad object does not stop the cache.
      const usable = page.items.filter(hasMetadata);
      const invalid = usable.length < page.items.length
        ? this.#invalidItems(page.items, number, paged)
        : undefined;
      // Shaped before any is kept: a transform that throws leaves `items` as
      // it was, and the page is fetched again.
      const shaped = this.#options.transform ? usable.map((item) => this.#shaped(item)) : usable;
      for (const item of shaped) items.push(item);
      const next = page.metadata.continue;
      if (next) return [invalid, { kind: "Listing", items, continue: next, page: number + 1 }];
      const resourceVersion = page.metadata.resourceVersion;
      if (!resourceVersion) {
        return this.#fail(
          new WatchError(`list ${this.#path()} answered without a resourceVersion`),
          retry,
          signal,
        );
      }
      if (invalid) return [invalid, { kind: "Listed", resourceVersion, restart: items }];
      return [{ type: "RESTARTED", objects: items, resourceVersion }, {
        kind: "Listed",
        resourceVersion,
      }];
    } catch (e) {
      // The snapshot behind the continue token was compacted away: list
      // again, whole this time, so that no token can expire under it.
      if (token && isGone(e) && !signal.aborted) {
        return [undefined, { kind: "Empty", list: "whole" }];
      }
      return this.#fail(e, retry, signal);
    }
  }

  async #startStreaming(signal: AbortSignal): Promise<Transition<T>> {
    try {
      const stream = await this.#open({
        sendInitialEvents: true,
        resourceVersionMatch: "NotOlderThan",
      }, signal);
      const deadline = this.#clock.now() + INITIAL_EVENTS_TIMEOUT_MS;
      return [undefined, { kind: "Streaming", items: new Map(), stream, deadline }];
    } catch (e) {
      // Servers without streaming lists refuse sendInitialEvents: page from now on.
      if (this.#options.initialList !== "stream" && isUnsupported(e) && !signal.aborted) {
        this.#mode = "list";
        return [undefined, { kind: "Empty" }];
      }
      return this.#fail(e, { kind: "Empty" }, signal);
    }
  }

  async #readStreaming(
    state: Extract<State<T>, { kind: "Streaming" }>,
    signal: AbortSignal,
  ): Promise<Transition<T>> {
    const { items, stream } = state;
    let next: IteratorResult<WatchEvent<T>>;
    const late = new AbortController();
    try {
      using _deadline = afterMs(
        this.#clock,
        state.deadline - this.#clock.now(),
        () => late.abort(),
      );
      next = await abortable(stream.next(), late.signal);
    } catch (e) {
      stream.close();
      if (late.signal.aborted && !signal.aborted) return this.#streamingTooLong(signal);
      return this.#fail(this.#streamError(stream, e), { kind: "Empty" }, signal);
    }
    if (next.done) {
      // Ended before its initial events did: cut short by a proxy, or a
      // server that ignores sendInitialEvents. Page this one list.
      stream.close();
      if (this.#options.initialList === "stream") {
        const error = new WatchError("streaming list ended before its initial-events-end bookmark");
        return this.#fail(error, { kind: "Empty" }, signal);
      }
      return [undefined, { kind: "Empty", list: "paged" }];
    }
    const event = next.value;
    const invalid = this.#invalid(event, stream);
    if (invalid) return [invalid, state];
    switch (event.type) {
      case "ADDED":
      case "MODIFIED": {
        let object: T;
        try {
          object = this.#shaped(event.object);
        } catch (e) {
          stream.close();
          return this.#fail(e, { kind: "Empty" }, signal);
        }
        items.set(this.#api.keyOf(event.object), object);
        return [undefined, state];
      }
      case "DELETED":
        items.delete(this.#api.keyOf(event.object));
        return [undefined, state];
      case "BOOKMARK": {
        const { resourceVersion, annotations } = event.object.metadata;
        if (annotations?.[INITIAL_EVENTS_END] !== "true") return [undefined, state];
        return [
          { type: "RESTARTED", objects: [...items.values()], resourceVersion },
          { kind: "Watching", resourceVersion, stream },
        ];
      }
      case "ERROR":
        stream.close();
        return this.#watchErrorEvent(event.object, { kind: "Empty" });
    }
  }

  /**
   * A streaming list without its end bookmark by the deadline: paged from
   * now on (a server that cannot end its initial events cannot stream), or
   * in `stream` mode, a failure and another try after a backoff.
   */
  #streamingTooLong(signal: AbortSignal): Transition<T> {
    if (this.#options.initialList === "stream") {
      const error = new WatchError(
        `streaming list ${this.#path()} sent no initial-events-end bookmark within ${
          INITIAL_EVENTS_TIMEOUT_MS / 1000
        }s`,
      );
      return this.#fail(error, { kind: "Empty" }, signal);
    }
    this.#mode = "list";
    return [undefined, { kind: "Empty" }];
  }

  async #startWatch(resourceVersion: string, signal: AbortSignal): Promise<Transition<T>> {
    try {
      const stream = await this.#open({ resourceVersion }, signal);
      return [undefined, { kind: "Watching", resourceVersion, stream }];
    } catch (e) {
      // 410: our resourceVersion was compacted away; only a relist helps.
      if (isGone(e) && !signal.aborted) {
        return [undefined, this.#backingOff({ kind: "Empty" }, this.#relistBackoff)];
      }
      return this.#fail(e, { kind: "Listed", resourceVersion }, signal);
    }
  }

  async #readWatch(
    state: Extract<State<T>, { kind: "Watching" }>,
    signal: AbortSignal,
  ): Promise<Transition<T>> {
    const { stream, resourceVersion } = state;
    const listed: State<T> = { kind: "Listed", resourceVersion };
    let next: IteratorResult<WatchEvent<T>>;
    try {
      next = await stream.next();
    } catch (e) {
      stream.close();
      return this.#fail(this.#streamError(stream, e), listed, signal);
    }
    if (next.done) {
      stream.close();
      // A watch that the server (or a proxy) ends at once, having sent
      // nothing, would otherwise be reopened in a tight loop.
      const lasted = this.#clock.now() - stream.openedAt >= HEALTHY_WATCH_MS;
      if (lasted) this.#healthy();
      return [{ type: "END" }, lasted || stream.received ? listed : this.#backingOff(listed)];
    }
    const event = next.value;
    const invalid = this.#invalid(event, stream);
    if (invalid) return [invalid, state];
    // Any event but an ERROR proves the watch healthy.
    if (event.type !== "ERROR") this.#healthy();
    switch (event.type) {
      case "ADDED":
      case "MODIFIED":
      case "DELETED": {
        const seen = event.object.metadata.resourceVersion ?? resourceVersion;
        let object: T;
        try {
          object = this.#shaped(event.object);
        } catch (e) {
          // Resumed from before this event: a transform that keeps failing
          // on it keeps failing, reported each time.
          stream.close();
          return this.#fail(e, listed, signal);
        }
        return [
          { type: event.type, object },
          { kind: "Watching", resourceVersion: seen, stream },
        ];
      }
      case "BOOKMARK": {
        const seen = event.object.metadata.resourceVersion || resourceVersion;
        return [
          { type: "BOOKMARK", resourceVersion: seen },
          { kind: "Watching", resourceVersion: seen, stream },
        ];
      }
      case "ERROR":
        stream.close();
        return this.#watchErrorEvent(event.object, listed);
    }
  }

  /**
   * An event whose object has no metadata cannot be keyed or resumed from:
   * reported and skipped, so that one bad event does not stop the cache.
   */
  #invalid(event: WatchEvent<T>, stream: EventStream<T>): WatcherEvent<T> | undefined {
    if (event.type === "ERROR" || hasMetadata(event.object)) return undefined;
    return {
      type: "INVALID",
      error: new WatchError(
        `watch ${this.#path()} event ${stream.received} (${event.type}) has an object without metadata; skipped`,
      ),
    };
  }

  /** The report of a list page's items without metadata, by index; a few are named. */
  #invalidItems(items: unknown[], page: number, paged: boolean): WatcherEvent<T> {
    const bad = items.flatMap((item, i) => hasMetadata(item) ? [] : [`items[${i}]`]);
    const named = bad.length > 5
      ? `${bad.slice(0, 5).join(", ")} and ${bad.length - 5} more`
      : bad.join(", ");
    return {
      type: "INVALID",
      error: new WatchError(
        `list ${this.#path()} ${paged ? `page ${page}` : "(unpaged)"}: ${named} ${
          bad.length === 1 ? "has" : "have"
        } no metadata; skipped`,
      ),
    };
  }

  /** An ERROR watch event: after a backoff, a 410 relists and anything else resumes. */
  #watchErrorEvent(status: Status, resume: State<T>): Transition<T> {
    const error = new ApiError("WATCH", this.#path(), status);
    if (isGone(status)) {
      return [
        { type: "ERROR", error, status },
        this.#backingOff({ kind: "Empty" }, this.#relistBackoff),
      ];
    }
    return [{ type: "ERROR", error, status }, this.#backingOff(resume)];
  }

  /** Reports a failure and backs off before `resume`; an abort is rethrown instead. */
  #fail(e: unknown, resume: State<T>, signal: AbortSignal): Transition<T> {
    if (signal.aborted) throw signal.reason;
    const error = e instanceof KubeError
      ? e
      : new KubeError(`${this.#path()}: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    return [{ type: "ERROR", error }, this.#backingOff(resume)];
  }

  /** An object through the transform, if there is one; a failure names the object. */
  #shaped(object: T): T {
    if (!this.#options.transform) return object;
    try {
      const shaped = this.#options.transform(object);
      forgetDropped(shaped);
      return shaped;
    } catch (e) {
      throw new KubeError(
        `${this.#path()}: the transform failed on ${this.#api.keyOf(object)}: ${
          e instanceof Error ? e.message : String(e)
        }`,
        { cause: e },
      );
    }
  }

  #backingOff(then: State<T>, backoff = this.#backoff): State<T> {
    return { kind: "BackingOff", delayMs: backoff.next(), then };
  }

  /** A watch proved healthy: both backoffs start again. */
  #healthy(): void {
    this.#backoff.reset();
    this.#relistBackoff.reset();
  }

  #streamError(stream: EventStream<T>, e: unknown): unknown {
    if (!stream.idle) return e;
    return new WatchError(
      `watch ${this.#path()} sent no bytes for ${this.#idleSeconds()}s; the connection is dead`,
      {
        cause: e,
      },
    );
  }

  #idleSeconds(): number {
    return (this.#options.timeoutSeconds ?? 290) + IDLE_MARGIN_SECONDS;
  }

  /**
   * Opens a watch with a watchdog that aborts it once it has been silent
   * for longer than the server could take to end it.
   */
  #open(
    extra: {
      resourceVersion?: string;
      sendInitialEvents?: boolean;
      resourceVersionMatch?: "NotOlderThan";
    },
    signal: AbortSignal,
  ): Promise<EventStream<T>> {
    return openEventStream<T>((any) =>
      this.#api.watch({
        ...extra,
        allowWatchBookmarks: true,
        timeoutSeconds: this.#options.timeoutSeconds ?? 290,
        labelSelector: this.#options.labelSelector,
        fieldSelector: this.#options.fieldSelector,
        signal: any,
      }), { idleMs: this.#idleSeconds() * 1000, clock: this.#clock, signal });
  }

  #path(): string {
    return resourcePath(this.#api.resource, { namespace: this.#api.namespace });
  }
}

/**
 * Steps `watcher` until `signal` aborts or the consumer stops iterating, and
 * closes its watch at the end. The caller must hold the watcher's claim.
 *
 * @typeParam T The watched object type.
 * @param watcher The engine.
 * @param signal Stops the loop.
 * @returns Every event the steps produce.
 */
export async function* steps<T extends KubeObject>(
  watcher: Watcher<T>,
  signal?: AbortSignal,
): AsyncGenerator<WatcherEvent<T>, void, undefined> {
  using stop = new LinkedAbort(signal);
  const any = stop.signal;
  try {
    while (!any.aborted) {
      const event = await watcher.step(any);
      if (event) yield event;
    }
  } catch (e) {
    if (!any.aborted) throw e;
  } finally {
    stop.abort();
    watcher.close();
  }
}

/** Whether `object` is an object with a `metadata` object: what a cache needs to key it. */
function hasMetadata(object: unknown): boolean {
  const metadata = (object as { metadata?: unknown } | null)?.metadata;
  return typeof metadata === "object" && metadata !== null;
}

/** How a server that cannot stream lists refuses `sendInitialEvents`. */
function isUnsupported(e: unknown): boolean {
  return isBadRequest(e) || isInvalid(e) || (e instanceof ApiError && e.code === 501);
}
