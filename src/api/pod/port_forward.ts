/**
 * Port-forwarding: local TCP ports whose connections reach a pod's ports,
 * each over its own WebSocket to the pod's `portforward` subresource.
 *
 * @module
 */

import type { CallOptions } from "../../http/request.ts";
import type { Client } from "../../http/client.ts";
import { KubeError } from "../../errors.ts";
import { DEFAULT_MAX_BUFFERED_BYTES, drained, Inbound, send } from "./channel.ts";

/** The kubelet's port-forward protocol over WebSocket. */
const PORT_FORWARD_PROTOCOLS = ["v4.channel.k8s.io"];

/** Channel 0 carries a port's data, channel 1 its errors. */
const DATA = 0;
const ERROR = 1;

/** Bytes read from a local connection at a time. */
const READ_SIZE = 64 * 1024;

/**
 * A forwarded port: where it listens, and the pod's port it reaches.
 *
 * @example
 * ```ts
 * import type { ForwardedPort } from "./port_forward.ts";
 * const port: ForwardedPort = { hostname: "127.0.0.1", local: 49152, remote: 80 };
 * ```
 */
export interface ForwardedPort {
  /** The local address it listens on. */
  hostname: string;
  /** The local port: the one asked for, or the one the system picked for 0. */
  local: number;
  /** The pod's port. */
  remote: number;
}

/**
 * Options of {@linkcode PodApi.portForward}.
 *
 * @example
 * ```ts
 * import type { PortForwardOptions } from "./port_forward.ts";
 * const options: PortForwardOptions = {
 *   ports: [{ local: 8080, remote: 80 }, { local: 0, remote: 9090 }],
 *   onError: (error, port) => console.error(`${port.local} -> ${port.remote}: ${error.message}`),
 * };
 * ```
 */
export interface PortForwardOptions extends CallOptions {
  /** Which pod ports to reach, and the local port for each (0 or unset: any free one). */
  ports: { local?: number; remote: number }[];
  /** The local address to listen on: `127.0.0.1`. */
  hostname?: string;
  /**
   * Told of what goes wrong with one connection, which is then closed: a
   * refused handshake (an ApiError: 403, 404...), an error the pod's side
   * reports (nothing listens on the pod's port, say), a connection cut, a
   * reader too slow. Nothing else stops; without it, nothing is told.
   */
  onError?: (error: Error, port: ForwardedPort) => void;
  /** Closes the forwarder. */
  signal?: AbortSignal;
  /** The deadline of each connection's handshake, in milliseconds; the client's (60 s) by default. */
  timeoutMs?: number;
  /**
   * The most bytes from the pod that may wait for a local reader, a
   * connection: 16 MiB. WebSocket has no flow control; past that the
   * connection is closed and `onError` told why.
   */
  maxBufferedBytes?: number;
}

/**
 * Local ports forwarded to a pod, as `kubectl port-forward` does: each
 * accepted connection gets its own WebSocket to the pod's `portforward`
 * subresource (`v4.channel.k8s.io`: channel 0 data, channel 1 errors, each
 * starting with the port as two little-endian bytes). A failure ends only
 * its connection, reported to `onError`. Closing the forwarder (or its
 * signal, or `await using`) closes every listener and connection.
 *
 * The protocol cannot half-close: once the local side has sent all it will
 * (end of file), the connection to the pod is closed, and what the pod
 * would still have answered is lost. Clients that wait for an answer
 * before they close (HTTP, database protocols) are unaffected.
 *
 * @example
 * ```ts ignore
 * await using forwarder = await pods.portForward("web-0", { ports: [{ local: 0, remote: 80 }] });
 * const [{ local }] = forwarder.ports;
 * console.log(await (await fetch(`http://127.0.0.1:${local}/`)).text());
 * ```
 */
export class PortForwarder implements AsyncDisposable {
  /** The forwarded ports, in the order asked for, with the local ports chosen. */
  readonly ports: readonly ForwardedPort[];
  /** Resolves once the forwarder is closed, every connection with it. */
  readonly closed: Promise<void>;
  #client: Client;
  #path: string;
  #options: PortForwardOptions;
  #listeners: Deno.TcpListener[];
  #tunnels = new Set<Tunnel>();
  #tasks = new Set<Promise<void>>();
  #stop = new AbortController();
  #done!: () => void;
  #closing: Promise<void> | undefined;
  #onAbort = () => void this.close();

  /**
   * Creates a PortForwarder on listeners already listening;
   * {@linkcode PodApi.portForward} does.
   *
   * @param client The client.
   * @param path The pod's `portforward` path.
   * @param listeners One listener a port, in the order of `options.ports`.
   * @param options The ports, onError, signal, deadline and buffer limit.
   */
  constructor(
    client: Client,
    path: string,
    listeners: Deno.TcpListener[],
    options: PortForwardOptions,
  ) {
    this.#client = client;
    this.#path = path;
    this.#options = options;
    this.#listeners = listeners;
    this.closed = new Promise((resolve) => this.#done = resolve);
    this.ports = listeners.map((listener, i) => ({
      hostname: listener.addr.hostname,
      local: listener.addr.port,
      remote: options.ports[i].remote,
    }));
    listeners.forEach((listener, i) => this.#track(this.#accept(listener, this.ports[i])));
    const signal = options.signal;
    if (signal?.aborted) this.#onAbort();
    else signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** How many local connections are open. */
  get connections(): number {
    return this.#tunnels.size;
  }

  /**
   * Closes every listener and connection.
   *
   * @returns When all are closed.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#options.signal?.removeEventListener("abort", this.#onAbort);
      this.#stop.abort(new KubeError(`${this.#path}: the port-forward was closed`));
      for (const listener of this.#listeners) {
        try {
          listener.close();
        } catch {
          // Already closed.
        }
      }
      for (const tunnel of this.#tunnels) tunnel.close();
      while (this.#tasks.size) await Promise.all(this.#tasks);
      this.#done();
    })();
    return this.#closing;
  }

  /** Same as {@linkcode PortForwarder.close}, for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #track(task: Promise<void>): void {
    const tracked = task.catch(() => {}).finally(() => this.#tasks.delete(tracked));
    this.#tasks.add(tracked);
  }

  async #accept(listener: Deno.TcpListener, port: ForwardedPort): Promise<void> {
    while (!this.#stop.signal.aborted) {
      let conn: Deno.TcpConn;
      try {
        conn = await listener.accept();
      } catch (e) {
        if (this.#stop.signal.aborted) return;
        this.#report(
          new KubeError(
            `port-forward ${port.hostname}:${port.local}: accepting connections failed, so this port forwards no more: ${
              (e as Error).message
            }`,
            { cause: e },
          ),
          port,
        );
        return;
      }
      if (this.#stop.signal.aborted) {
        conn.close();
        return;
      }
      this.#track(this.#forward(conn, port));
    }
  }

  async #forward(conn: Deno.TcpConn, port: ForwardedPort): Promise<void> {
    const tunnel = new Tunnel(
      conn,
      port,
      this.#options.maxBufferedBytes,
      (e) => this.#report(e, port),
    );
    this.#tunnels.add(tunnel);
    try {
      let socket: WebSocket;
      try {
        socket = await this.#client.webSocket({
          path: this.#path,
          query: { ports: port.remote },
          protocols: PORT_FORWARD_PROTOCOLS,
          connect: true,
          onOpen: (socket) => tunnel.attach(socket),
          signal: this.#stop.signal,
          timeoutMs: this.#options.timeoutMs,
        });
      } catch (e) {
        if (!this.#stop.signal.aborted) this.#report(e as Error, port);
        tunnel.close();
        return;
      }
      await tunnel.run(socket);
    } finally {
      this.#tunnels.delete(tunnel);
    }
  }

  #report(error: Error, port: ForwardedPort): void {
    try {
      this.#options.onError?.(error, port);
    } catch {
      // A throwing onError must not stop the forwarder.
    }
  }
}

/**
 * Listens on each local port and returns the forwarder.
 *
 * @param client The client.
 * @param path The pod's `portforward` path.
 * @param options The ports, and the rest.
 * @returns The forwarder, listening.
 * @throws {KubeError} When a port is out of range or cannot be listened on.
 *
 * @example
 * ```ts ignore
 * import { forwardPorts } from "./port_forward.ts";
 * const forwarder = await forwardPorts(client, "/api/v1/namespaces/default/pods/web-0/portforward", {
 *   ports: [{ remote: 80 }],
 * });
 * ```
 */
export function forwardPorts(
  client: Client,
  path: string,
  options: PortForwardOptions,
): Promise<PortForwarder> {
  if (options.ports.length === 0) {
    return Promise.reject(new KubeError(`${path}: no ports to forward`));
  }
  const hostname = options.hostname ?? "127.0.0.1";
  const listeners: Deno.TcpListener[] = [];
  try {
    for (const { local = 0, remote } of options.ports) {
      if (!validPort(remote) || remote === 0 || !validPort(local)) {
        throw new KubeError(`${path}: ${local} -> ${remote} is not a pair of TCP ports`);
      }
      try {
        listeners.push(Deno.listen({ hostname, port: local }));
      } catch (e) {
        throw new KubeError(
          `${path}: cannot listen on ${hostname}:${local}: ${(e as Error).message}`,
          { cause: e },
        );
      }
    }
  } catch (e) {
    for (const listener of listeners) listener.close();
    return Promise.reject(e);
  }
  return Promise.resolve(new PortForwarder(client, path, listeners, options));
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= 65535;
}

/** One local connection and its WebSocket to the pod. */
class Tunnel {
  #conn: Deno.TcpConn;
  #port: ForwardedPort;
  #limit: number;
  #onError: (error: Error) => void;
  #socket: WebSocket | undefined;
  #toLocal: Inbound;
  /** The port prefix still to come on each channel, and what came of it. */
  #prefix = [{ left: 2, value: 0 }, { left: 2, value: 0 }];
  #failed = false;
  #closing = false;

  constructor(
    conn: Deno.TcpConn,
    port: ForwardedPort,
    limit: number | undefined,
    onError: (error: Error) => void,
  ) {
    this.#conn = conn;
    this.#port = port;
    this.#limit = limit ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.#toLocal = new Inbound(this.#limit);
    this.#onError = onError;
  }

  /** Listens to the socket as it opens, before any message is dispatched. */
  attach(socket: WebSocket): void {
    this.#socket = socket;
    socket.addEventListener("message", (e) => this.#message(e));
    socket.addEventListener("close", (e) => {
      if (!this.#closing && !this.#failed && !e.wasClean) {
        this.#fail(`the connection to the pod broke (code ${e.code})`);
      }
      this.#toLocal.close();
    }, { once: true });
  }

  /** Forwards until either side ends, then closes both. */
  async run(socket: WebSocket): Promise<void> {
    if (this.#closing) socket.close();
    const toPod = this.#toPod(socket);
    try {
      await this.#writeToLocal();
    } finally {
      this.#closing = true;
      socket.close();
      this.#closeConn();
      await toPod;
    }
  }

  /** Closes both sides. */
  close(): void {
    this.#closing = true;
    this.#socket?.close();
    this.#toLocal.close();
    this.#closeConn();
  }

  #closeConn(): void {
    try {
      this.#conn.close();
    } catch {
      // Already closed.
    }
  }

  async #toPod(socket: WebSocket): Promise<void> {
    const buffer = new Uint8Array(READ_SIZE);
    try {
      while (socket.readyState === WebSocket.OPEN) {
        const n = await this.#conn.read(buffer);
        if (n === null) break;
        await send(socket, DATA, buffer.subarray(0, n));
      }
    } catch {
      // The local side failed or was closed: as an end of file.
    }
    // No half-close in this protocol: once everything sent has left, close.
    await drained(socket);
    this.#closing = true;
    socket.close();
  }

  async #writeToLocal(): Promise<void> {
    const reader = this.#toLocal.readable.getReader();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) return;
        for (let offset = 0; offset < value.length;) {
          offset += await this.#conn.write(value.subarray(offset));
        }
      }
    } catch {
      // A local side that went away, or a failed tunnel (already reported).
    } finally {
      reader.releaseLock();
    }
  }

  #message(e: MessageEvent): void {
    if (!(e.data instanceof ArrayBuffer) || e.data.byteLength === 0) return;
    const bytes = new Uint8Array(e.data);
    const channel = bytes[0];
    if (channel !== DATA && channel !== ERROR) return;
    let data = bytes.subarray(1);
    const prefix = this.#prefix[channel];
    while (prefix.left > 0 && data.length > 0) {
      prefix.value |= data[0] << (8 * (2 - prefix.left));
      prefix.left--;
      data = data.subarray(1);
      if (prefix.left === 0 && prefix.value !== this.#port.remote) {
        return this.#fail(
          `the server's ${
            channel === DATA ? "data" : "error"
          } channel is for port ${prefix.value}, not ${this.#port.remote}`,
        );
      }
    }
    if (data.length === 0) return;
    if (channel === ERROR) return this.#fail(new TextDecoder().decode(data));
    if (!this.#toLocal.push(data)) {
      this.#fail(
        `${this.#limit} bytes from the pod wait unread by the local side, and WebSocket cannot ask the server to wait: the connection is closed`,
      );
    }
  }

  /** Reports what went wrong with this connection, once, and closes it. */
  #fail(why: string): void {
    if (this.#failed || this.#closing) return;
    this.#failed = true;
    const { hostname, local, remote } = this.#port;
    const error = new KubeError(`port-forward ${hostname}:${local} -> ${remote}: ${why}`);
    this.#onError(error);
    this.#toLocal.error(error);
    this.#closing = true;
    this.#socket?.close();
    this.#closeConn();
  }
}
