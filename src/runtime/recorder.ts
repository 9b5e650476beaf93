/**
 * `Recorder`: events.k8s.io/v1 Events about objects, with repeats folded
 * into one Event's `series`, as client-go's `tools/events` does.
 *
 * @module
 */

import { Api } from "../api/api.ts";
import type { CallOptions } from "../http/request.ts";
import type { Client } from "../http/client.ts";
import { type Clock, realClock } from "../util/clock.ts";
import { isAlreadyExists, isNotFound, KubeError } from "../errors.ts";
import { microTime } from "./micro_time.ts";
import type { Event, KubeObject, ObjectReference } from "../types/mod.ts";

/**
 * Options of {@linkcode Recorder}.
 *
 * @example
 * ```ts
 * import type { RecorderOptions } from "./recorder.ts";
 * const options: RecorderOptions = {
 *   reportingController: "example.com/web-operator",
 *   reportingInstance: "web-operator-7d9f-x2x4z",
 *   onError: (e) => console.error(`event not published: ${e.message}`),
 * };
 * ```
 */
export interface RecorderOptions {
  /** The controller's name, e.g. `example.com/web-operator`: a qualified name, as the API requires. */
  reportingController: string;
  /** Which instance of it, e.g. its pod's name or its leader election identity; at most 128 characters. */
  reportingInstance: string;
  /** The clock for `eventTime` and `series.lastObservedTime` (as Unix milliseconds) and for the series window. */
  clock?: Clock;
  /** Random numbers in [0, 1), for the digits that keep Event names apart; `Math.random` by default. */
  random?: () => number;
  /** Called with each Event that could not be written; nothing is logged otherwise. */
  onError?: (error: KubeError) => void;
}

/**
 * An event to publish. `note` is for people; `reason` and `action` are
 * short machine-readable words.
 *
 * @example
 * ```ts
 * import type { EventInput } from "./recorder.ts";
 * const event: EventInput = {
 *   type: "Normal",
 *   reason: "Scaled",
 *   action: "Scale",
 *   note: "scaled from 1 to 3 replicas",
 *   regarding: { apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "default", uid: "0b1c" },
 * };
 * ```
 */
export interface EventInput {
  /** `Normal`, or `Warning` for what may need attention. */
  type: "Normal" | "Warning";
  /** Why, in UpperCamelCase, e.g. `Scaled`, `FailedCreate` (at most 128 characters). */
  reason: string;
  /** What was done or failed, e.g. `Scale`, `Create` (at most 128 characters). */
  action: string;
  /** A description for people; cut to 1 kB, the API's limit. */
  note?: string;
  /** The object the event is about, or a reference to it. */
  regarding: KubeObject | ObjectReference;
  /** A second object involved, or a reference to it. */
  related?: KubeObject | ObjectReference;
}

/**
 * Options of {@linkcode Recorder.publish}.
 *
 * @example
 * ```ts
 * import type { PublishOptions } from "./recorder.ts";
 * const options: PublishOptions = { throwOnError: true, timeoutMs: 5_000 };
 * ```
 */
export interface PublishOptions extends CallOptions {
  /** Reject when the Event cannot be written, instead of resolving `undefined` and calling `onError`. */
  throwOnError?: boolean;
}

/** client-go's `finishTime`: a repeat this long after the last one starts a new Event. */
const SERIES_WINDOW_MS = 6 * 60_000;
/** The API refuses notes over 1 kB. */
const NOTE_LIMIT_BYTES = 1024;

interface Series {
  /** The Event as created: its name, and the fields that stay. */
  event: Event;
  count: number;
  lastObservedAt: number;
  /** The last write for this key: writes of one series go in order. */
  tail: Promise<unknown>;
}

/**
 * Publishes events.k8s.io/v1 Events about objects. An Event goes into the
 * namespace of the object it is about (`default` for cluster-scoped ones).
 *
 * A repeat of an event within 6 minutes of its last occurrence updates the
 * first Event's `series` (count and lastObservedTime) with a patch instead
 * of creating another. Repeats are recognised as client-go recognises them:
 * the same type, reason, action, regarding and related references (a
 * reference includes the object's resourceVersion), and the same recorder.
 * The note is not part of it: a repeat whose note differs counts in the
 * series, and the Event keeps the first note.
 *
 * Publishing never throws into the caller's reconcile unless asked to: a
 * failure resolves `undefined` and goes to `onError`.
 *
 * @example
 * ```ts ignore
 * import { Api, Client, Recorder } from "../../mod.ts";
 * const client = await Client.load();
 * const recorder = new Recorder(client, {
 *   reportingController: "example.com/web-operator",
 *   reportingInstance: "web-operator-0",
 * });
 * const web = await Api.v1Deployment(client).within("default").get("web");
 * await recorder.publish({ type: "Normal", reason: "Scaled", action: "Scale", note: "3 replicas", regarding: web });
 * ```
 */
export class Recorder {
  #events: Api<Event>;
  #reportingController: string;
  #reportingInstance: string;
  #clock: Clock;
  #random: () => number;
  #onError: ((error: KubeError) => void) | undefined;
  #series = new Map<string, Series>();
  #sweptAt = 0;

  /**
   * Creates a Recorder.
   *
   * @param client The client to write Events through.
   * @param options Who reports, the clock, and where errors go.
   * @throws {KubeError} When `reportingController` or `reportingInstance` is empty.
   */
  constructor(client: Client, options: RecorderOptions) {
    if (!options.reportingController || !options.reportingInstance) {
      throw new KubeError("Recorder: reportingController and reportingInstance must not be empty");
    }
    this.#events = Api.v1Event(client);
    this.#reportingController = options.reportingController;
    this.#reportingInstance = options.reportingInstance;
    this.#clock = options.clock ?? realClock;
    this.#random = options.random ?? Math.random;
    this.#onError = options.onError;
  }

  /**
   * Publishes an event: creates an Event, or counts a repeat in the series
   * of the Event made for the first occurrence.
   *
   * @param input Type, reason, action, note, and the objects it is about.
   * @param options Signal, deadline, and whether to throw on failure.
   * @returns The Event as stored, or `undefined` when it could not be written.
   * @throws {KubeError} Only with `throwOnError`, when the Event could not be written.
   *
   * @example
   * ```ts ignore
   * recorder.publish({ type: "Warning", reason: "FailedSync", action: "Reconcile", note: String(error), regarding: foo });
   * ```
   */
  publish(input: EventInput, options: PublishOptions = {}): Promise<Event | undefined> {
    const now = this.#clock.now();
    this.#sweep(now);
    const regarding = toReference(input.regarding);
    const related = input.related && toReference(input.related);
    const key = JSON.stringify([
      input.type,
      input.reason,
      input.action,
      referenceKey(regarding),
      related ? referenceKey(related) : null,
    ]);
    const known = this.#series.get(key);
    let write: () => Promise<Event>;
    let series: Series;
    if (known && now - known.lastObservedAt < SERIES_WINDOW_MS) {
      series = known;
      series.count++;
      series.lastObservedAt = now;
      const patch = { count: series.count, lastObservedTime: microTime(now) };
      write = () => this.#patchSeries(series.event, patch, options);
    } else {
      const event = this.#event(input, regarding, related, now);
      series = { event, count: 1, lastObservedAt: now, tail: Promise.resolve() };
      this.#series.set(key, series);
      write = () => this.#create(event, options);
    }
    const written = series.tail.then(write);
    series.tail = written.catch(() => {});
    return written.catch((e) => {
      const error = e instanceof KubeError
        ? e
        : new KubeError(`Recorder: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      if (options.throwOnError) throw error;
      try {
        this.#onError?.(error);
      } catch {
        // An error handler that throws must not reach the reconcile either.
      }
      return undefined;
    });
  }

  #event(
    input: EventInput,
    regarding: ObjectReference,
    related: ObjectReference | undefined,
    now: number,
  ): Event {
    return {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: {
        name: eventName(regarding.name ?? "", now, this.#random),
        // Cluster-scoped objects' Events go to `default`, which the API allows.
        namespace: regarding.namespace || "default",
      },
      eventTime: microTime(now),
      reportingController: this.#reportingController,
      reportingInstance: this.#reportingInstance,
      type: input.type,
      reason: input.reason,
      action: input.action,
      ...(input.note === undefined ? {} : { note: cutToBytes(input.note, NOTE_LIMIT_BYTES) }),
      regarding,
      ...(related ? { related } : {}),
    };
  }

  async #create(event: Event, options: CallOptions): Promise<Event> {
    const events = this.#events.within(event.metadata.namespace!);
    try {
      return await events.create(event, options);
    } catch (e) {
      // Two Events named in the same instant: pick another name and retry once.
      if (!isAlreadyExists(e)) throw e;
      event.metadata.name = eventName(event.regarding?.name ?? "", this.#clock.now(), this.#random);
      return await events.create(event, options);
    }
  }

  /**
   * Counts a repeat. If the Event is gone (its TTL is an hour), it is
   * created again, series and all, as client-go does; `event` is the cached
   * one, so a new name sticks for the next repeat.
   */
  async #patchSeries(
    event: Event,
    series: { count: number; lastObservedTime: string },
    options: CallOptions,
  ): Promise<Event> {
    const events = this.#events.within(event.metadata.namespace!);
    try {
      return await events.patch(event.metadata.name!, {
        type: "merge",
        body: { series },
      }, options);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      event.series = series;
      return await this.#create(event, options);
    }
  }

  /** Forgets series that ended, at most once a minute. */
  #sweep(now: number): void {
    if (now - this.#sweptAt < 60_000) return;
    this.#sweptAt = now;
    for (const [key, series] of this.#series) {
      if (now - series.lastObservedAt >= SERIES_WINDOW_MS) this.#series.delete(key);
    }
  }
}

/**
 * A reference to an object, as an Event's `regarding` or `related` holds
 * it: apiVersion, kind, name, namespace, uid and resourceVersion.
 *
 * @param object The object; it needs its `apiVersion` and `kind` (objects
 * read through an {@linkcode Api} have them).
 * @returns The reference.
 *
 * @example
 * ```ts
 * import { objectReference } from "./recorder.ts";
 * const ref = objectReference({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default", uid: "0b1c" } });
 * console.log(ref.kind, ref.name); // ConfigMap settings
 * ```
 */
export function objectReference(object: KubeObject): ObjectReference {
  const { name, namespace, uid, resourceVersion } = object.metadata;
  return dropUndefined({
    apiVersion: object.apiVersion,
    kind: object.kind,
    name,
    namespace,
    uid,
    resourceVersion,
  });
}

function toReference(target: KubeObject | ObjectReference): ObjectReference {
  return "metadata" in target ? objectReference(target) : dropUndefined({ ...target });
}

function referenceKey(ref: ObjectReference): unknown[] {
  return [
    ref.apiVersion,
    ref.kind,
    ref.namespace,
    ref.name,
    ref.uid,
    ref.resourceVersion,
    ref.fieldPath,
  ];
}

function dropUndefined<T extends object>(value: T): T {
  for (const [field, v] of Object.entries(value)) {
    if (v === undefined || v === "") delete (value as Record<string, unknown>)[field];
  }
  return value;
}

/**
 * The regarding object's name and the time in hex, as client-go names
 * Events, with random digits below the millisecond. Names that are not
 * DNS subdomains (RBAC objects may hold `:`) are made into one.
 */
function eventName(name: string, now: number, random: () => number): string {
  const base =
    name.toLowerCase().replace(/[^a-z0-9.-]/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")
      .slice(0, 200) || "event";
  const stamp = BigInt(now) * 1_000_000n + BigInt(Math.floor(random() * 1_000_000));
  return `${base}.${stamp.toString(16)}`;
}

/** Cuts `text` to at most `limit` bytes of UTF-8, never inside a character. */
function cutToBytes(text: string, limit: number): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= limit) return text;
  let end = limit;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}
