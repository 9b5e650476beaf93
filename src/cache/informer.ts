/**
 * `Informer<T>`: the watch engine feeding a queue of events for the caller
 * to handle.
 *
 * @module
 */

import type { Api } from "../api/api.ts";
import { InvalidObjectError, isGone } from "../errors.ts";
import type { CacheOptions, PollOptions } from "./reflector.ts";
import type { KubeObject, Status } from "../types/meta.ts";
import type { CacheHealth } from "../watch/health.ts";
import { steps, Watcher } from "../watch/watcher.ts";

/**
 * What an informer hands its caller.
 *
 * - `ADDED`, `MODIFIED`, `DELETED`: a change, in the server's order.
 * - `ERROR`: the server's Status from an `ERROR` watch event; the informer
 *   recovers by itself (relisting after a 410).
 * - `RESTARTED`: after a relist, the complete current list, so that changes
 *   missed while the watch was down are not lost.
 *
 * BOOKMARK events never reach the caller.
 *
 * @typeParam T The object type.
 *
 * @example
 * ```ts
 * import type { InformerEvent } from "./informer.ts";
 * import type { Pod } from "../types/mod.ts";
 * function handle(ev: InformerEvent<Pod>) {
 *   if (ev.type === "RESTARTED") console.log(`resync: ${ev.objects.length} pods`);
 *   else if (ev.type === "ERROR") console.log(`error ${ev.object.code}: ${ev.object.message}`);
 *   else console.log(ev.type, ev.object.metadata.name);
 * }
 * ```
 */
export type InformerEvent<T> =
  | { type: "ADDED" | "MODIFIED" | "DELETED"; object: T }
  | { type: "ERROR"; object: Status }
  | { type: "RESTARTED"; objects: T[] };

/**
 * Options of {@linkcode Informer}.
 *
 * @typeParam T The object type.
 *
 * @example A controller that must also handle the objects that already exist
 * ```ts
 * import type { InformerOptions } from "./informer.ts";
 * const options: InformerOptions = { emitInitialList: true, labelSelector: "app=web" };
 * ```
 */
export interface InformerOptions<T = KubeObject> extends CacheOptions<T> {
  /**
   * Queue the first list too, as a `RESTARTED` event, so that objects that
   * existed before the informer started are handled. By default only what
   * happens after the first list is reported.
   */
  emitInitialList?: boolean;
}

/**
 * A queue of watch events for one resource. The first
 * {@linkcode Informer.poll} lists to find where "now" is and watches one
 * round from there, so every queued event is new; later polls watch one more
 * round each. {@linkcode Informer.pop} takes the oldest event. Or iterate it
 * with `for await` to handle events as they come.
 *
 * @typeParam T The object type.
 *
 * @example Poll and pop
 * ```ts ignore
 * import { Api, Client, Informer } from "../../mod.ts";
 * const inf = new Informer(Api.v1Pod(await Client.load()).within("default")).timeout(10);
 * await inf.poll();
 * for (let ev = inf.pop(); ev; ev = inf.pop()) console.log(ev.type);
 * ```
 *
 * @example Continuously
 * ```ts ignore
 * for await (const ev of inf) console.log(ev.type);
 * ```
 */
export class Informer<T extends KubeObject> implements AsyncIterable<InformerEvent<T>> {
  #options: InformerOptions<T>;
  #api: Api<T>;
  #watcher: Watcher<T>;
  #queue: InformerEvent<T>[] = [];
  #head = 0;
  #rejected = 0;
  #listed = false;

  /**
   * Creates a Informer.
   *
   * @param api The resource (and namespace) to follow.
   * @param options Selectors, timeout, initial list mode, backoff, clock,
   * onError, emitInitialList, and a transform that shapes each object
   * before it is queued.
   */
  constructor(api: Api<T>, options: InformerOptions<T> = {}) {
    this.#options = { ...options };
    this.#api = api;
    this.#watcher = new Watcher(api, this.#options);
  }

  /**
   * Sets the watch timeout: the server ends each watch after `seconds`.
   *
   * @param seconds The timeout; 290 by default.
   * @returns This informer.
   */
  timeout(seconds: number): this {
    this.#watcher.timeout(seconds);
    return this;
  }

  /** The last resourceVersion seen; the next watch resumes from it. */
  get resourceVersion(): string | undefined {
    return this.#watcher.resourceVersion;
  }

  /**
   * How this informer is doing: synced or not, healthy or failing since
   * when, when it last heard from the server, its last error, how many
   * relists, as a Reflector reports it.
   *
   * @returns A fresh snapshot.
   *
   * @example
   * ```ts ignore
   * if (!inf.health().healthy) console.warn(inf.health().lastError?.message);
   * ```
   */
  health(): CacheHealth {
    const health = this.#watcher.health();
    return this.#options.validate ? { ...health, rejected: this.#rejected } : health;
  }

  /** How many events wait in the queue. */
  get pending(): number {
    return this.#queue.length - this.#head;
  }

  /**
   * Watches one round (listing first, on the first call) and queues its
   * events. A 410 relists and queues `RESTARTED` within the same call.
   *
   * @param options The signal.
   * @throws {KubeError} When the list or watch request fails; queued events
   * stay queued, and the next poll resumes from the last resourceVersion seen.
   */
  async poll(options: PollOptions = {}): Promise<void> {
    using _ = this.#watcher.claim("Informer");
    const signal = options.signal ?? new AbortController().signal;
    try {
      while (true) {
        const event = await this.#watcher.step(signal);
        if (!event) continue;
        switch (event.type) {
          case "RESTARTED": {
            const relist = this.#restarted(event.objects);
            if (relist) return; // a relist ends the round
            break;
          }
          case "ADDED":
          case "MODIFIED":
          case "DELETED":
            if (this.#passes(event.type, event.object)) {
              this.#push({ type: event.type, object: event.object });
            }
            break;
          case "ERROR":
            if (!event.status) throw event.error;
            this.#push({ type: "ERROR", object: event.status });
            if (!isGone(event.status)) return;
            break;
          case "INVALID":
            this.#options.onError?.(event.error);
            break;
          case "END":
            return;
        }
      }
    } finally {
      this.#watcher.close();
    }
  }

  /**
   * Takes the oldest queued event.
   *
   * @returns The event, or `undefined` when the queue is empty.
   */
  pop(): InformerEvent<T> | undefined {
    if (this.#head === this.#queue.length) return undefined;
    const event = this.#queue[this.#head];
    this.#queue[this.#head++] = undefined as never;
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    }
    return event;
  }

  /**
   * Follows the resource until `signal` aborts or the caller stops
   * iterating, retrying failures with backoff. Events already queued by
   * `poll()` come first.
   *
   * @param signal Stops it.
   * @returns Each event as it arrives.
   */
  async *run(
    signal?: AbortSignal,
  ): AsyncGenerator<InformerEvent<T>, void, undefined> {
    using _ = this.#watcher.claim("Informer");
    for (let event = this.pop(); event; event = this.pop()) yield event;
    for await (const event of steps(this.#watcher, signal)) {
      switch (event.type) {
        case "RESTARTED":
          this.#restarted(event.objects);
          for (let queued = this.pop(); queued; queued = this.pop()) yield queued;
          break;
        case "ADDED":
        case "MODIFIED":
        case "DELETED":
          if (this.#passes(event.type, event.object)) {
            yield { type: event.type, object: event.object };
          }
          break;
        case "ERROR":
          if (event.status) yield { type: "ERROR", object: event.status };
          else this.#options.onError?.(event.error);
          break;
        case "INVALID":
          this.#options.onError?.(event.error);
          break;
      }
    }
  }

  /** Same as {@linkcode Informer.run} without a signal: `break` stops it. */
  [Symbol.asyncIterator](): AsyncIterator<InformerEvent<T>> {
    return this.run();
  }

  #push(event: InformerEvent<T>): void {
    this.#queue.push(event);
  }

  /** Queues RESTARTED unless it is the first list and that is not wanted; says whether it was a relist. */
  #restarted(objects: T[]): boolean {
    const relist = this.#listed;
    this.#listed = true;
    if (relist || this.#options.emitInitialList) {
      const passing = this.#options.validate
        ? objects.filter((o) => this.#passes("ADDED", o))
        : objects;
      this.#push({ type: "RESTARTED", objects: passing });
    }
    return relist;
  }

  /** Whether an event's object passes the check (deletions are not checked); one that does not is reported. */
  #passes(type: "ADDED" | "MODIFIED" | "DELETED", object: T): boolean {
    if (type === "DELETED") return true;
    const issues = this.#options.validate?.(object);
    if (!issues || issues.length === 0) return true;
    this.#rejected++;
    const error = new InvalidObjectError(
      this.#api.resource.plural,
      this.#api.keyOf(object),
      issues,
    );
    this.#options.onError?.(error);
    return false;
  }
}
