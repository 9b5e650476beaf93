/**
 * The channel protocol that exec, attach and port-forward speak over a
 * WebSocket: the first byte of every binary message names its channel.
 *
 * @module
 */

import { Backoff } from "../../util/backoff.ts";
import { type Clock, realClock } from "../../util/clock.ts";

/**
 * The channels of `v4.channel.k8s.io` and `v5.channel.k8s.io` for exec and
 * attach. `CLOSE` is v5's: a message `[255, channel]` ends that channel
 * (stdin's end of input).
 *
 * @example
 * ```ts
 * import { Channel } from "./channel.ts";
 * const eof = Uint8Array.of(Channel.CLOSE, Channel.STDIN);
 * ```
 */
export const Channel = {
  STDIN: 0,
  STDOUT: 1,
  STDERR: 2,
  /** The Status that ends the command: its exit code, or why it failed. */
  ERROR: 3,
  /** Terminal size, as JSON `{"Width": columns, "Height": rows}`. */
  RESIZE: 4,
  CLOSE: 255,
} as const;

/** The subprotocols of exec and attach, the preferred first. */
export const EXEC_PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

/**
 * How many unread bytes a stream may hold by default, per stream: 16 MiB.
 * WebSocket has no flow control (the server sends as fast as the network
 * allows), so a reader slower than the command must be cut off somewhere.
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Sends wait while more than this is queued on the socket: 1 MiB. */
const SEND_HIGH_WATER = 1024 * 1024;

/** The largest message sent; bigger writes go in several. */
const MAX_FRAME = 64 * 1024;

/**
 * Sends `data` on `channel`, in messages of at most 64 KiB, and waits until
 * the socket has sent enough of what is queued on it.
 *
 * @param socket An open socket.
 * @param channel The channel byte.
 * @param data The bytes.
 */
export async function send(socket: WebSocket, channel: number, data: Uint8Array): Promise<void> {
  for (let start = 0; start < data.length; start += MAX_FRAME) {
    const piece = data.subarray(start, start + MAX_FRAME);
    const frame = new Uint8Array(piece.length + 1);
    frame[0] = channel;
    frame.set(piece, 1);
    socket.send(frame);
    await drained(socket, SEND_HIGH_WATER);
  }
}

/**
 * Waits until at most `highWater` bytes are queued on the socket, or it is
 * no longer open. WebSocket has no event for that: `bufferedAmount` is polled,
 * from 1 ms up to 50 ms apart.
 *
 * @param socket The socket.
 * @param highWater Bytes that may stay queued.
 * @param clock The clock to wait on; the real one by default.
 */
export async function drained(
  socket: WebSocket,
  highWater = 0,
  clock: Clock = realClock,
): Promise<void> {
  const backoff = new Backoff({ initialMs: 1, maxMs: 50, jitter: 0 });
  while (socket.readyState === WebSocket.OPEN && socket.bufferedAmount > highWater) {
    await clock.sleep(backoff.next());
  }
}

/**
 * The bytes that arrived on one channel, queued for a reader that may be
 * slower than the network, up to a limit.
 *
 * @example
 * ```ts
 * import { Inbound } from "./channel.ts";
 * const stdout = new Inbound(1024);
 * stdout.push(new TextEncoder().encode("hello\n")); // true: queued
 * stdout.close();
 * const text = await new Response(stdout.readable).text();
 * ```
 */
export class Inbound {
  /** The stream the reader reads. */
  readonly readable: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #ended = false;
  #limit: number;
  /** The error of {@linkcode Inbound.fail}, for the read after the last queued bytes. */
  #failure: { error: unknown } | undefined;

  /**
   * Creates an Inbound.
   *
   * @param limit The most bytes queued and unread.
   */
  constructor(limit: number) {
    this.#limit = limit;
    this.readable = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      // Called after each read: once the queue is empty, a failure is due.
      pull: (controller) => {
        if (this.#failure && controller.desiredSize === limit) {
          controller.error(this.#failure.error);
        }
      },
      // A reader that cancels wants no more: what arrives later is dropped.
      cancel: () => {
        this.#ended = true;
      },
    }, new ByteLengthQueuingStrategy({ highWaterMark: limit }));
  }

  /**
   * Queues bytes for the reader.
   *
   * @param bytes What arrived.
   * @returns `false` when they would take the queue over its limit (nothing
   * is queued then); `true` otherwise, also when the stream has ended.
   */
  push(bytes: Uint8Array): boolean {
    if (this.#ended || bytes.length === 0) return true;
    if ((this.#controller.desiredSize ?? 0) < bytes.length) return false;
    this.#controller.enqueue(bytes);
    return true;
  }

  /** Ends the stream once the reader has read what is queued. */
  close(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#controller.close();
  }

  /**
   * Fails the stream once the reader has read what is queued: the bytes
   * that arrived are handed out, then the next read rejects.
   *
   * @param error What that read rejects with.
   */
  fail(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#failure = { error };
    if (this.#controller.desiredSize === this.#limit) this.#controller.error(error);
  }

  /**
   * Fails the stream at once, dropping what is queued.
   *
   * @param error What the reader's next read rejects with.
   */
  error(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#controller.error(error);
  }
}

/**
 * A closing handshake: resolves once the socket is closed.
 *
 * @param socket The socket.
 * @returns When it is closed.
 */
export function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) =>
    socket.addEventListener("close", () => resolve(), { once: true })
  );
}
