/**
 * A connection pool that notices when its connection has died without
 * closing: the stuck load balancer, the expired NAT entry, the node that
 * vanished.
 *
 * @module
 */

import type { Clock } from "../util/clock.ts";
import { KubeError } from "../errors.ts";
import { redactUserinfo } from "../config/userinfo.ts";
import { cancelOnAbort, deadline, LinkedAbort } from "../util/abort.ts";
import { concatBytes } from "../util/bytes.ts";

/**
 * How long requests may wait with nothing heard on the pool before it is
 * probed: 10 s. client-go waits 30 s (HTTP/2 `ReadIdleTimeout`) and gives
 * its PING 15 s, so it finds a dead connection 45 s after the last byte.
 * kube promises 30 s to heal: this plus {@linkcode PROBE_TIMEOUT_MS} finds
 * it within 20 s, which leaves 10 s for the retry's backoff, a new
 * connection's TLS handshake, and a relist should the resourceVersion have
 * expired meanwhile (a 410 and a second backoff). No silence limit under a
 * minute can tell a quiet watch from a dead one by itself: the watch cache
 * sends each watcher a BOOKMARK about once a minute, and watches served
 * from etcd send nothing at all. So a quiet pool is probed once per 10 s of
 * silence (the answer is heard, and the count starts again), as often as a
 * kubeadm control plane's own liveness probe asks the API server's
 * `/livez`: one small request, never a reconnect or a relist. A pool that
 * hears bytes is never probed.
 */
export const SILENCE_MS = 10_000;

/**
 * How long a probe may take before the pool is declared dead: 10 s. The
 * probe is `GET /livez`, which the API server's default `probes`
 * FlowSchema puts on the `exempt` priority level, so a busy server does not
 * queue it behind other requests (as API Priority and Fairness may queue
 * `/version`), and whose etcd check gives up after 2 s (the server's
 * `--etcd-healthcheck-timeout`); any answer counts, a 500 or a 403 too.
 * That leaves seconds of round trip to a slow network.
 */
export const PROBE_TIMEOUT_MS = 10_000;

/** The probe's path; see {@linkcode PROBE_TIMEOUT_MS}. */
export const PROBE_PATH = "/livez";

/**
 * One `Deno.HttpClient` and the requests in flight on it. `fetch`
 * multiplexes every request of an HTTP client on one HTTP/2 connection and
 * has no PING, so the pool keeps its own watch: when requests have been
 * waiting for {@linkcode SILENCE_MS} (10 s) and nothing at all arrived on
 * the pool, it sends a cheap request (`GET /livez`) down the same pool. Any
 * answer, even a 401, proves the connection alive. No answer within
 * {@linkcode PROBE_TIMEOUT_MS} (10 s) retires the pool: each request in flight is
 * aborted with an error that says so (closing the HTTP client would not
 * fail them), and the owner opens a new pool.
 *
 * Silence is counted only while a request waits for the network: a caller
 * that takes its time over a body it already has is not silence, and a
 * handler that takes long to answer is not death once the probe is answered.
 * A dead connection is thus found at most 20 s after its last byte.
 *
 * Over HTTP/1.1 (a plain-`http` server, a proxy without HTTP/2) the pool
 * holds several connections and the probe may take another one: it then
 * proves the server reachable, not the silent connection. The API server
 * speaks HTTP/2 over TLS, where a pool is one connection.
 *
 * @example
 * ```ts ignore
 * import { Connection } from "./pool.ts";
 * import { realClock } from "../util/clock.ts";
 * const pool = new Connection(Deno.createHttpClient({}), "https://127.0.0.1:6443", realClock);
 * const flight = pool.open();
 * const res = await flight.wait(fetch("https://127.0.0.1:6443/version", { client: pool.http, signal: flight.signal }));
 * console.log(await res.text());
 * flight.end();
 * ```
 */
export class Connection {
  /** The HTTP client every request of this pool goes through. */
  readonly http: Deno.HttpClient;
  #server: string;
  #clock: Clock;
  #userAgent: string;
  #flights = new Set<Flight>();
  #waiting = 0;
  /** When silence started: the last byte heard, or the moment requests began to wait. */
  #since = 0;
  #watchdog: AbortController | undefined;
  #retired = false;
  #closed = false;
  #onDead: () => void;

  /**
   * Creates a Connection.
   *
   * @param http The HTTP client; the pool closes it once retired and idle.
   * @param server The API server's base URL; the probe goes to its `/livez`.
   * @param clock Time, for silence and the probe's deadline.
   * @param options `userAgent` for the probe; `onDead`, called once if the pool is found dead.
   */
  constructor(
    http: Deno.HttpClient,
    server: string,
    clock: Clock,
    options: { userAgent?: string; onDead?: () => void } = {},
  ) {
    this.http = http;
    this.#server = server;
    this.#clock = clock;
    this.#userAgent = options.userAgent ?? "kube-deno";
    this.#onDead = options.onDead ?? (() => {});
  }

  /** True once the pool takes no new requests (found dead, or replaced). */
  get retired(): boolean {
    return this.#retired;
  }

  /** True once its HTTP client is closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** How many requests are in flight (a streamed body counts until it ends). */
  get inFlight(): number {
    return this.#flights.size;
  }

  /**
   * Starts one request on this pool.
   *
   * @param parent Aborts the request (the caller's signal and deadline).
   * @returns The flight: its signal goes to `fetch`, its `wait` around every network wait.
   */
  open(parent?: AbortSignal): Flight {
    const flight = new Flight(this, parent);
    this.#flights.add(flight);
    return flight;
  }

  /**
   * Takes no more requests. With a reason, every request in flight is
   * aborted with it; without, they finish on their own. The HTTP client is
   * closed once none is left.
   *
   * @param reason Why the requests in flight must stop, if they must.
   */
  retire(reason?: unknown): void {
    this.#retired = true;
    this.#disarm();
    if (reason !== undefined) { for (const flight of this.#flights) flight.abort(reason); }
    this.#closeIfIdle();
  }

  /** @internal A flight ended. */
  ended(flight: Flight): void {
    this.#flights.delete(flight);
    if (this.#flights.size === 0) this.#disarm();
    this.#closeIfIdle();
  }

  /** @internal A flight began to wait for the network. */
  waiting(): void {
    if (this.#waiting++ > 0) return;
    this.#since = this.#clock.now();
    this.#arm();
  }

  /**
   * @internal A flight stopped waiting; `heard` when bytes (or headers)
   * arrived. The watchdog stays armed while flights remain: a watch reads
   * thousands of chunks a second, and a timer per read would cost more
   * than the reads.
   */
  waited(heard: boolean): void {
    if (heard) this.#since = this.#clock.now();
    this.#waiting--;
  }

  #closeIfIdle(): void {
    if (!this.#retired || this.#closed || this.#flights.size > 0) return;
    this.#closed = true;
    this.http.close();
  }

  #arm(): void {
    if (this.#watchdog || this.#retired) return;
    const stop = this.#watchdog = new AbortController();
    this.#watch(stop.signal).catch(() => {});
  }

  #disarm(): void {
    this.#watchdog?.abort();
    this.#watchdog = undefined;
  }

  async #watch(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      // Nobody waits on the network: a busy consumer is not silence. The
      // next wait starts the count afresh.
      if (this.#waiting === 0) {
        await this.#clock.sleep(SILENCE_MS, signal);
        continue;
      }
      const quiet = this.#clock.now() - this.#since;
      if (quiet < SILENCE_MS) {
        await this.#clock.sleep(SILENCE_MS - quiet, signal);
        continue;
      }
      const alive = await this.#probe(signal);
      if (signal.aborted) return;
      if (alive) {
        this.#since = this.#clock.now();
        continue;
      }
      this.#watchdog = undefined;
      this.#onDead();
      this.retire(
        new KubeError(
          `the connection to ${redactUserinfo(this.#server)} is dead: nothing arrived on it for ${
            SILENCE_MS / 1000
          }s and a probe got no answer within ${PROBE_TIMEOUT_MS / 1000}s`,
        ),
      );
      return;
    }
  }

  /** Any HTTP answer from `/livez`, down the same pool, within the probe's deadline. */
  async #probe(signal: AbortSignal): Promise<boolean> {
    using probe = new LinkedAbort(signal);
    using _deadline = deadline(probe, PROBE_TIMEOUT_MS, () => undefined, this.#clock);
    try {
      const res = await fetch(`${this.#server}${PROBE_PATH}`, {
        client: this.http,
        signal: probe.signal,
        headers: { "Accept": "text/plain", "User-Agent": this.#userAgent },
      });
      await res.body?.cancel();
      return true;
    } catch {
      return false;
    } finally {
      probe.abort();
    }
  }
}

/**
 * One request's life on a {@linkcode Connection}, from `fetch` to the end of
 * its body.
 *
 * @example
 * ```ts ignore
 * const flight = pool.open(signal);
 * const res = await flight.wait(fetch(url, { client: pool.http, signal: flight.signal }));
 * const body = flight.track(res.body!); // ends the flight when the body ends
 * ```
 */
export class Flight {
  #pool: Connection;
  #abort: LinkedAbort;
  #ended = false;
  #onEnd: (() => void)[] = [];

  /**
   * Creates a Flight; {@linkcode Connection.open} does.
   *
   * @param pool The pool it flies on.
   * @param parent The caller's signal.
   */
  constructor(pool: Connection, parent?: AbortSignal) {
    this.#pool = pool;
    this.#abort = new LinkedAbort(parent);
  }

  /** The HTTP client to send the request with. */
  get http(): Deno.HttpClient {
    return this.#pool.http;
  }

  /** Aborts when the caller's signal does, or when the pool is found dead. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /**
   * Aborts the request.
   *
   * @param reason The error its waits reject with.
   */
  abort(reason: unknown): void {
    this.#abort.abort(reason);
  }

  /**
   * Runs `fn` when the flight ends.
   *
   * @param fn The cleanup.
   */
  onEnd(fn: () => void): void {
    if (this.#ended) fn();
    else this.#onEnd.push(fn);
  }

  /**
   * Waits for the network: the pool counts the silence while it waits.
   * Rejects with the abort reason as soon as the flight aborts, even if
   * `promise` would never settle (a read on a dead connection).
   *
   * @typeParam T What the promise gives.
   * @param promise A fetch, or a body read.
   * @returns What it gives.
   */
  wait<T>(promise: Promise<T>): Promise<T> {
    const signal = this.signal;
    if (signal.aborted) {
      promise.catch(() => {});
      return Promise.reject(signal.reason);
    }
    this.#pool.waiting();
    return new Promise<T>((resolve, reject) => {
      let waiting = true;
      const stop = (heard: boolean) => {
        if (!waiting) return;
        waiting = false;
        signal.removeEventListener("abort", onAbort);
        this.#pool.waited(heard);
      };
      const onAbort = () => {
        stop(false);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      promise.then((value) => {
        stop(true);
        resolve(value);
      }, (e) => {
        stop(false);
        reject(e);
      });
    });
  }

  /**
   * Wraps a response body so that each read is a network wait and the
   * flight ends with the body (read to the end, cancelled, or failed).
   * {@linkcode readerOf} reads such a body without the wrapper.
   *
   * @param body The response body.
   * @returns The same bytes.
   */
  track(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    const tracked = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const read = await this.wait(reader.read());
          if (read.done) {
            this.end();
            controller.close();
          } else {
            controller.enqueue(read.value);
          }
        } catch (e) {
          this.end();
          reader.cancel(e).catch(() => {});
          controller.error(e);
        }
      },
      cancel: (reason) => {
        this.end();
        return reader.cancel(reason);
      },
    }, { highWaterMark: 0 });
    bodies.set(tracked, { reader, flight: this });
    return tracked;
  }

  /** @internal A read of the body, counted as a network wait. */
  async read(
    reader: ReadableStreamDefaultReader<Uint8Array>,
  ): Promise<ReadableStreamReadResult<Uint8Array>> {
    const signal = this.signal;
    if (signal.aborted) throw signal.reason;
    this.#pool.waiting();
    let heard = false;
    try {
      const read = await reader.read();
      heard = !read.done;
      return read;
    } finally {
      this.#pool.waited(heard);
    }
  }

  /**
   * Reads a body to its end, each chunk a network wait: a long download
   * keeps its connection heard from. The chunks pass through JavaScript
   * once, with no stream in between. The flight ends with the body.
   *
   * @param body The response body.
   * @returns Its bytes.
   */
  async readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
    const reader = directReader(body.getReader(), this);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(read.value);
      size += read.value.length;
    }
    return concatBytes(chunks, size);
  }

  /** Ends the flight: the pool forgets it and the cleanups run. Idempotent. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#abort[Symbol.dispose]();
    this.#pool.ended(this);
    for (const fn of this.#onEnd) fn();
    this.#onEnd = [];
  }
}

/** The tracked bodies, and the reader and flight behind each. */
const bodies = new WeakMap<
  ReadableStream<Uint8Array>,
  { reader: ReadableStreamDefaultReader<Uint8Array>; flight: Flight }
>();

/**
 * A reader of `body`. For a body of {@linkcode Flight.track} that nobody
 * holds, it reads the response underneath directly, telling the flight of
 * each wait itself: a watch reads thousands of chunks a second, and a
 * second stream in between costs a promise and a queue hop on each. For
 * any other stream it is `body.getReader()`.
 *
 * @param body A response body.
 * @returns Its reader.
 *
 * @example
 * ```ts ignore
 * const reader = readerOf(res.body!);
 * for (let read = await reader.read(); !read.done; read = await reader.read()) console.log(read.value.length);
 * ```
 */
export function readerOf(
  body: ReadableStream<Uint8Array>,
): Pick<ReadableStreamDefaultReader<Uint8Array>, "read" | "cancel" | "releaseLock"> {
  const found = bodies.get(body);
  if (!found || body.locked) return body.getReader();
  // Held, never read: nobody else may take the bytes from under us.
  const hold = body.getReader();
  return { ...directReader(found.reader, found.flight), releaseLock: () => hold.releaseLock() };
}

/**
 * Reads a response's own reader for `flight`: each read a network wait,
 * an abort cancelling the read in progress (on a dead connection it may
 * never settle otherwise), and the flight ended with the body, however it
 * ends.
 */
function directReader(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  flight: Flight,
): Pick<ReadableStreamDefaultReader<Uint8Array>, "read" | "cancel"> {
  const cancelling = cancelOnAbort(reader, flight.signal);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    cancelling[Symbol.dispose]();
    flight.end();
  };
  return {
    read: async () => {
      try {
        const read = await flight.read(reader);
        // A cancel on abort ends a pending read as if the body had ended.
        if (flight.signal.aborted) throw flight.signal.reason;
        if (read.done) end();
        return read;
      } catch (e) {
        end();
        reader.cancel(e).catch(() => {});
        throw e;
      }
    },
    cancel: (reason?: unknown) => {
      end();
      return reader.cancel(reason);
    },
  };
}
