/**
 * A loopback TCP proxy that breaks the network on demand, for chaos tests.
 *
 * It copies bytes between each client connection and its own connection to
 * the upstream, untouched: TLS and HTTP/2 pass through end to end, so the
 * client talks to the real server and only the wire misbehaves.
 *
 * @example Black-hole the connections a client holds open
 * ```ts ignore
 * await using proxy = await FaultProxy.start({ hostname: "127.0.0.1", port: 6443 });
 * const server = proxy.url(); // give this to the client instead of the real one
 * // ... let the client open a watch through `server`, then:
 * proxy.blackhole(); // the watch hangs, as behind a stuck load balancer
 * ```
 *
 * @module
 */

/** Where the proxy forwards to. */
export interface Upstream {
  hostname: string;
  port: number;
}

/** Bytes read from a socket at a time. */
const CHUNK_BYTES = 64 * 1024;

/** One client connection and the upstream connection made for it. */
class Link {
  upstream?: Deno.TcpConn;
  blackholed = false;
  closed = false;
  readonly #stop = new AbortController();

  constructor(readonly client: Deno.TcpConn) {}

  /** Aborted when the link closes, to cut short a delay in progress. */
  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  /** Closes both sockets; safe to call again, e.g. once the upstream socket arrives. */
  close(): void {
    this.closed = true;
    this.#stop.abort();
    for (const conn of [this.client, this.upstream]) {
      try {
        conn?.close();
      } catch {
        // Already closed.
      }
    }
  }
}

/**
 * A TCP proxy on 127.0.0.1 between clients and one upstream, with faults to
 * inject: {@linkcode FaultProxy.blackhole}, {@linkcode FaultProxy.cut} and
 * {@linkcode FaultProxy.delay}. Close it (or `await using` it) when done: it
 * then leaves no pending op or timer behind.
 */
export class FaultProxy implements AsyncDisposable {
  readonly #listener: Deno.TcpListener;
  readonly #upstream: Upstream;
  readonly #links = new Set<Link>();
  readonly #tasks = new Set<Promise<void>>();
  readonly #accepting: Promise<void>;
  #delayMs = 0;
  #accepted = 0;
  #closing?: Promise<void>;

  private constructor(listener: Deno.TcpListener, upstream: Upstream) {
    this.#listener = listener;
    this.#upstream = upstream;
    this.#accepting = this.#accept();
  }

  /**
   * Starts a proxy to `upstream` on a free port of 127.0.0.1.
   *
   * @param upstream where each client connection is forwarded.
   * @returns the proxy, already accepting connections.
   */
  static start(upstream: Upstream): Promise<FaultProxy> {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    return Promise.resolve(new FaultProxy(listener, { ...upstream }));
  }

  /** The port clients connect to, on 127.0.0.1. */
  get port(): number {
    return this.#listener.addr.port;
  }

  /**
   * The proxy's address as a URL, e.g. `https://127.0.0.1:40123`.
   *
   * @param scheme the URL scheme; TLS is the upstream's business, the proxy passes it through.
   * @returns the URL, without a trailing slash.
   */
  url(scheme = "https"): string {
    return `${scheme}://127.0.0.1:${this.port}`;
  }

  /** How many client connections are open now. */
  get connections(): number {
    return this.#links.size;
  }

  /** How many client connections have been accepted so far. */
  get accepted(): number {
    return this.#accepted;
  }

  /**
   * Stops forwarding on every connection open now, in both directions,
   * without closing it: whatever either side sends is read and discarded, so
   * neither sees a reset, an EOF or a write that blocks. This is what a stuck
   * load balancer or an expired NAT entry does. Later connections are
   * forwarded as usual.
   *
   * @returns how many connections this call black-holed.
   */
  blackhole(): number {
    let count = 0;
    for (const link of this.#links) {
      if (link.blackholed) continue;
      link.blackholed = true;
      count++;
    }
    return count;
  }

  /**
   * Closes every open connection at once, both the client's socket and the
   * upstream one.
   *
   * @returns how many connections were closed.
   */
  cut(): number {
    const links = [...this.#links];
    this.#links.clear();
    for (const link of links) link.close();
    return links.length;
  }

  /**
   * From now on, holds each chunk back `ms` milliseconds before forwarding
   * it, on every connection, keeping order. A side's next chunk is read only
   * once the last one is forwarded, so a busy stream slows down as well.
   *
   * @param ms the delay; 0 turns it off.
   */
  delay(ms: number): void {
    this.#delayMs = ms;
  }

  /** Stops listening, closes every connection and waits until all is quiet. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  /** Same as {@linkcode FaultProxy.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #shutdown(): Promise<void> {
    this.#listener.close();
    // Once the accept loop is over no new link can appear, so the cut is final.
    await this.#accepting;
    this.cut();
    await Promise.all(this.#tasks);
  }

  async #accept(): Promise<void> {
    // The iterator ends quietly when the listener is closed.
    for await (const client of this.#listener) {
      this.#accepted++;
      const task = this.#serve(client);
      this.#tasks.add(task);
      task.then(() => this.#tasks.delete(task));
    }
  }

  /** Forwards one client connection until either side is done. Never rejects. */
  async #serve(client: Deno.TcpConn): Promise<void> {
    const link = new Link(client);
    this.#links.add(link);
    try {
      // Without this, Nagle's algorithm would hold small writes (HTTP/2
      // frames, TLS alerts) back on the proxy's hop, which no client expects.
      client.setNoDelay(true);
      // A refused upstream leaves nothing to forward: the finally below closes
      // the client at once, as a refused connection behind a real proxy looks.
      link.upstream = await Deno.connect({ ...this.#upstream, transport: "tcp" });
      link.upstream.setNoDelay(true);
      if (link.closed) return; // cut while connecting
      await Promise.all([
        this.#pump(link, link.client, link.upstream),
        this.#pump(link, link.upstream, link.client),
      ]);
    } catch {
      // Refused upstream, or a socket closed under us: nothing more to do.
    } finally {
      link.close();
      this.#links.delete(link);
    }
  }

  /** Copies one direction of a link, honouring black hole and delay. */
  async #pump(link: Link, from: Deno.TcpConn, to: Deno.TcpConn): Promise<void> {
    const buffer = new Uint8Array(CHUNK_BYTES);
    try {
      while (true) {
        const n = await from.read(buffer);
        if (n === null) {
          // Pass a half-close on, so a side that is done sending can still be
          // answered; a black hole swallows the FIN like any other byte.
          if (!link.blackholed) await to.closeWrite();
          return;
        }
        if (this.#delayMs > 0) await sleep(this.#delayMs, link.signal);
        if (link.blackholed || link.closed) continue;
        await writeAll(to, buffer.subarray(0, n));
      }
    } catch {
      // A reset or a closed socket on either side ends the whole link.
      link.close();
    }
  }
}

async function writeAll(conn: Deno.TcpConn, bytes: Uint8Array): Promise<void> {
  while (bytes.length > 0) bytes = bytes.subarray(await conn.write(bytes));
}

/** Resolves after `ms`, or at once when `signal` aborts, leaving no timer behind. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
