/**
 * The list-then-watch engine: an explicit state machine in the manner of
 * kube-rs's `watcher`, shared by {@linkcode Reflector} and {@linkcode Informer}.
 *
 * @module
 */

import type { Api } from "../api.ts";
import { ApiError, KubeError, WatchError } from "../errors.ts";
import { resourcePath } from "../resource.ts";
import {
  INITIAL_EVENTS_END,
  type KubeObject,
  type Status,
  type WatchEvent,
} from "../types/meta.ts";
import { Backoff, type BackoffOptions } from "./backoff.ts";
import { type Clock, realClock } from "./clock.ts";
import { decodeWatch } from "./decoder.ts";

/**
 * A dead connection is one silent for longer than the server may take to end
 * the watch; this margin covers the server's own slack and slow networks.
 */
const IDLE_MARGIN_SECONDS = 30;

/** A watch that ends this soon having sent nothing is reopened after a backoff, not at once. */
const HEALTHY_WATCH_MS = 1_000;

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
 * @example
 * ```ts
 * import type { WatcherOptions } from "./watcher.ts";
 * const options: WatcherOptions = { labelSelector: "app=web", timeoutSeconds: 60, initialList: "list" };
 * ```
 */
export interface WatcherOptions {
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
  /** The retry policy, or its settings; 800 ms doubling to 30 s, with jitter. */
  backoff?: Backoff | BackoffOptions;
  /** The clock for backoff sleeps and idle detection; the real one. */
  clock?: Clock;
}

/**
 * What the engine reports, one step at a time.
 *
 * - `RESTARTED`: a (re)list finished; `objects` is the whole new state.
 * - `ADDED`, `MODIFIED`, `DELETED`: a change from the watch.
 * - `BOOKMARK`: the resourceVersion moved on; nothing changed.
 * - `ERROR`: something failed and will be retried (or, with a 410, relisted).
 *   `status` is set when the server sent it as an `ERROR` watch event.
 * - `END`: the server ended a watch normally; the next step resumes it.
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
  | { type: "END" };

/** An open watch: its events, and how it ends. */
interface EventStream<T> {
  next(): Promise<IteratorResult<WatchEvent<T>>>;
  close(): void;
  /** True once the idle watchdog has aborted it. */
  readonly idle: boolean;
  readonly openedAt: number;
  /** Events read so far. */
  received: number;
}

/** Where the engine is. Each step moves from one state to the next. */
type State<T> =
  /** Nothing known: the next step starts a (paged or streaming) list. */
  | { kind: "Empty" }
  /** Part way through a paged list. */
  | { kind: "Listing"; items: T[]; continue: string }
  /** A streaming list is open; its initial events gather until the end bookmark. */
  | { kind: "Streaming"; items: Map<string, T>; stream: EventStream<T> }
  /** Up to date at resourceVersion with no watch open: the next step opens one. */
  | { kind: "Listed"; resourceVersion: string }
  /** A watch is open; resourceVersion is the last one seen. */
  | { kind: "Watching"; resourceVersion: string; stream: EventStream<T> }
  /** Something failed: wait, then go on from `then`. */
  | { kind: "BackingOff"; delayMs: number; then: State<T> };

type Transition<T> = [WatcherEvent<T> | undefined, State<T>];

/**
 * The list-then-watch loop. Each {@linkcode Watcher.step} takes the engine
 * from one state to the next and reports at most one event; the states and
 * every transition between them, 410s and bookmarks included, are in
 * `#transition`.
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
  #options: WatcherOptions;
  #mode: "list" | "stream";
  #backoff: Backoff;
  #clock: Clock;
  #state: State<T> = { kind: "Empty" };
  #claimed = false;

  /**
   * Creates a Watcher.
   *
   * @param api The resource (and namespace) to follow.
   * @param options Selectors, timeouts, initial list mode, backoff and clock.
   */
  constructor(api: Api<T>, options: WatcherOptions = {}) {
    this.#api = api;
    this.#options = options;
    this.#mode = options.initialList === "list" ? "list" : "stream";
    this.#backoff = options.backoff instanceof Backoff
      ? options.backoff
      : new Backoff(options.backoff);
    this.#clock = options.clock ?? realClock;
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

  /** How the initial state is read now: `stream` until the server shows it cannot, then `list`. */
  get initialList(): "list" | "stream" {
    return this.#mode;
  }

  /**
   * Reserves the engine for one loop (a poll or a run): two loops stepping
   * one state machine at once would each see half the events.
   *
   * @param owner Who asks, for the error message.
   * @returns A disposable that frees the engine again.
   * @throws {Error} While another loop holds it.
   */
  claim(owner: string): Disposable {
    if (this.#claimed) {
      throw new Error(`this ${owner} is already polling or running; one loop at a time`);
    }
    this.#claimed = true;
    return { [Symbol.dispose]: () => this.#claimed = false };
  }

  /**
   * Takes one step of the state machine.
   *
   * @param signal Aborts the step (and any request in flight).
   * @returns The event that step produced, if any.
   * @throws The signal's reason when it aborts; nothing else.
   */
  async step(signal: AbortSignal): Promise<WatcherEvent<T> | undefined> {
    const [event, next] = await this.#transition(this.#state, signal);
    this.#state = next;
    return event;
  }

  /**
   * Runs the loop until `signal` aborts or the caller stops iterating,
   * retrying failures forever with backoff.
   *
   * @param signal Stops the loop.
   * @returns Every event the steps produce.
   */
  async *run(
    signal?: AbortSignal,
  ): AsyncGenerator<WatcherEvent<T>, void, undefined> {
    const stop = new AbortController();
    const any = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    try {
      while (!any.aborted) {
        const event = await this.step(any);
        if (event) yield event;
      }
    } catch (e) {
      if (!any.aborted) throw e;
    } finally {
      stop.abort();
      this.close();
    }
  }

  /**
   * Closes an open watch, keeping the resourceVersion so the next step
   * resumes from it (a streaming list not yet complete starts over).
   */
  close(): void {
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
        return this.#mode === "stream"
          ? this.#startStreaming(signal)
          : this.#listPage([], undefined, signal);
      case "Listing":
        return this.#listPage(state.items, state.continue, signal);
      case "Streaming":
        return this.#readStreaming(state, signal);
      case "Listed":
        return this.#startWatch(state.resourceVersion, signal);
      case "Watching":
        return this.#readWatch(state, signal);
      case "BackingOff":
        return this.#clock.sleep(state.delayMs, signal).then(
          () => [undefined, state.then],
        );
    }
  }

  async #listPage(
    items: T[],
    token: string | undefined,
    signal: AbortSignal,
  ): Promise<Transition<T>> {
    const { labelSelector, fieldSelector, pageSize = 500 } = this.#options;
    try {
      const page = await this.#api.list({
        labelSelector,
        fieldSelector,
        limit: pageSize,
        continue: token,
        signal,
      });
      for (const item of page.items) items.push(item);
      if (page.metadata.continue) {
        return [undefined, {
          kind: "Listing",
          items,
          continue: page.metadata.continue,
        }];
      }
      this.#backoff.reset();
      const resourceVersion = page.metadata.resourceVersion ?? "";
      return [{ type: "RESTARTED", objects: items, resourceVersion }, {
        kind: "Listed",
        resourceVersion,
      }];
    } catch (e) {
      // An expired continue token: the snapshot is gone, so list again from the start.
      if (token && isGone(e) && !signal.aborted) {
        return [undefined, { kind: "Empty" }];
      }
      return this.#fail(
        e,
        token ? { kind: "Listing", items, continue: token } : { kind: "Empty" },
        signal,
      );
    }
  }

  async #startStreaming(signal: AbortSignal): Promise<Transition<T>> {
    try {
      const stream = await this.#open({
        sendInitialEvents: true,
        resourceVersionMatch: "NotOlderThan",
      }, signal);
      return [undefined, { kind: "Streaming", items: new Map(), stream }];
    } catch (e) {
      if (
        this.#options.initialList !== "stream" && isUnsupported(e) &&
        !signal.aborted
      ) {
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
    try {
      next = await stream.next();
    } catch (e) {
      stream.close();
      return this.#fail(
        this.#streamError(stream, e),
        { kind: "Empty" },
        signal,
      );
    }
    if (next.done) {
      // The stream ended before its initial events did: this server does
      // not stream lists (older servers ignore sendInitialEvents).
      stream.close();
      if (this.#options.initialList === "stream") {
        return this.#fail(
          new WatchError(
            "streaming list ended before its initial-events-end bookmark",
          ),
          {
            kind: "Empty",
          },
          signal,
        );
      }
      this.#mode = "list";
      return [undefined, { kind: "Empty" }];
    }
    const event = next.value;
    switch (event.type) {
      case "ADDED":
      case "MODIFIED":
        items.set(this.#api.keyOf(event.object), event.object);
        return [undefined, state];
      case "DELETED":
        items.delete(this.#api.keyOf(event.object));
        return [undefined, state];
      case "BOOKMARK": {
        const { resourceVersion, annotations } = event.object.metadata;
        if (annotations?.[INITIAL_EVENTS_END] !== "true") {
          return [undefined, state];
        }
        this.#backoff.reset();
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

  async #startWatch(
    resourceVersion: string,
    signal: AbortSignal,
  ): Promise<Transition<T>> {
    try {
      const stream = await this.#open({ resourceVersion }, signal);
      return [undefined, { kind: "Watching", resourceVersion, stream }];
    } catch (e) {
      // 410: our resourceVersion was compacted away; only a relist helps.
      if (isGone(e) && !signal.aborted) return [undefined, { kind: "Empty" }];
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
      const hasty = stream.received === 0 &&
        this.#clock.now() - stream.openedAt < HEALTHY_WATCH_MS;
      return [
        { type: "END" },
        hasty ? { kind: "BackingOff", delayMs: this.#backoff.next(), then: listed } : listed,
      ];
    }
    const event = next.value;
    switch (event.type) {
      case "ADDED":
      case "MODIFIED":
      case "DELETED": {
        this.#backoff.reset();
        const seen = event.object.metadata.resourceVersion ?? resourceVersion;
        return [{ type: event.type, object: event.object }, {
          kind: "Watching",
          resourceVersion: seen,
          stream,
        }];
      }
      case "BOOKMARK": {
        this.#backoff.reset();
        const seen = event.object.metadata.resourceVersion || resourceVersion;
        return [{ type: "BOOKMARK", resourceVersion: seen }, {
          kind: "Watching",
          resourceVersion: seen,
          stream,
        }];
      }
      case "ERROR":
        stream.close();
        return this.#watchErrorEvent(event.object, listed);
    }
  }

  /** An ERROR watch event: a 410 relists at once; anything else backs off and resumes. */
  #watchErrorEvent(status: Status, resume: State<T>): Transition<T> {
    const error = new ApiError("WATCH", this.#path(), status);
    if (status.code === 410) {
      return [{ type: "ERROR", error, status }, { kind: "Empty" }];
    }
    return [{ type: "ERROR", error, status }, {
      kind: "BackingOff",
      delayMs: this.#backoff.next(),
      then: resume,
    }];
  }

  /** Reports a failure and backs off before `resume`; an abort is rethrown instead. */
  #fail(e: unknown, resume: State<T>, signal: AbortSignal): Transition<T> {
    if (signal.aborted) throw signal.reason;
    const error = e instanceof KubeError ? e : new KubeError(
      `${this.#path()}: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
    return [{ type: "ERROR", error }, {
      kind: "BackingOff",
      delayMs: this.#backoff.next(),
      then: resume,
    }];
  }

  #streamError(stream: EventStream<T>, e: unknown): unknown {
    if (!stream.idle) return e;
    const seconds = (this.#options.timeoutSeconds ?? 290) + IDLE_MARGIN_SECONDS;
    return new WatchError(
      `watch ${this.#path()} sent no bytes for ${seconds}s; the connection is dead`,
      {
        cause: e,
      },
    );
  }

  /** Opens a watch with a watchdog that aborts it once it is silent for too long. */
  async #open(
    extra: {
      resourceVersion?: string;
      sendInitialEvents?: boolean;
      resourceVersionMatch?: "NotOlderThan";
    },
    signal: AbortSignal,
  ): Promise<EventStream<T>> {
    const timeoutSeconds = this.#options.timeoutSeconds ?? 290;
    const idleMs = (timeoutSeconds + IDLE_MARGIN_SECONDS) * 1000;
    const clock = this.#clock;
    const stop = new AbortController();
    const any = AbortSignal.any([signal, stop.signal]);
    let lastBytes = clock.now();
    let idle = false;
    const watchdog = async () => {
      while (!any.aborted) {
        const wait = lastBytes + idleMs - clock.now();
        if (wait <= 0) {
          idle = true;
          stop.abort(new WatchError("watch idle"));
          return;
        }
        await clock.sleep(wait, any);
      }
    };
    const openedAt = clock.now();
    watchdog().catch(() => {});
    let body: ReadableStream<Uint8Array>;
    try {
      body = await this.#api.watch({
        ...extra,
        allowWatchBookmarks: true,
        timeoutSeconds,
        labelSelector: this.#options.labelSelector,
        fieldSelector: this.#options.fieldSelector,
        signal: any,
      });
    } catch (e) {
      stop.abort();
      throw e;
    }
    const events = decodeWatch<T>(body, {
      onChunk: () => lastBytes = clock.now(),
    });
    const stream: EventStream<T> = {
      next: async () => {
        const next = await events.next();
        if (!next.done) stream.received++;
        return next;
      },
      close: () => {
        stop.abort();
        events.return().catch(() => {});
      },
      get idle() {
        return idle;
      },
      openedAt,
      received: 0,
    };
    return stream;
  }

  #path(): string {
    return resourcePath(this.#api.resource, { namespace: this.#api.namespace });
  }
}

function isGone(e: unknown): boolean {
  return e instanceof ApiError && e.code === 410;
}

/** How a server that cannot stream lists refuses `sendInitialEvents`. */
function isUnsupported(e: unknown): boolean {
  return e instanceof ApiError && [400, 403, 422, 501].includes(e.code) &&
    e.code !== 403;
}
