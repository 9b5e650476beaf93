/**
 * A TLS server for a webhook whose certificate can be replaced while it
 * runs, without refusing or dropping a connection.
 *
 * @module
 */

import { type Clock, realClock } from "../util/clock.ts";
import { KubeError } from "../errors.ts";

/**
 * How {@linkcode serveWebhook} listens.
 *
 * @example
 * ```ts
 * import type { WebhookServerOptions } from "./server.ts";
 * const options: WebhookServerOptions = {
 *   port: 8443,
 *   cert: "-----BEGIN CERTIFICATE-----...",
 *   key: "-----BEGIN PRIVATE KEY-----...",
 * };
 * ```
 */
export interface WebhookServerOptions {
  /** The serving certificate (PEM, the chain after it if any). */
  cert: string;
  /** Its private key (PEM). */
  key: string;
  /** The address to listen on: `0.0.0.0`, every interface, as a Pod's webhook needs. */
  hostname?: string;
  /** The port: 8443. `0` picks a free one (see {@linkcode WebhookServer.addr}). */
  port?: number;
  /**
   * How long a connection opened before a rotation may go on with the old
   * certificate, in milliseconds: 60 s. The API server keeps connections
   * open and reuses them; when they close (Go's client drops idle ones
   * after 90 s) or this time has passed, the old server is shut down
   * gracefully (in-flight requests finish; HTTP/2 clients get a GOAWAY).
   */
  drainMs?: number;
  /** The clock for the drain period; the real one. */
  clock?: Clock;
}

/** One generation of the TLS server, and the connections the front door routed to it. */
interface Generation {
  server: Deno.HttpServer<Deno.NetAddr>;
  connections: number;
  retired: boolean;
  drained: PromiseWithResolvers<void>;
}

/**
 * A webhook's HTTPS server. The port it listens on belongs to a plain TCP
 * listener that hands every connection to the current TLS server (a
 * `Deno.serve` on a private loopback port); {@linkcode WebhookServer.rotate}
 * starts a new TLS server with the new certificate and sends new
 * connections there, while the old one finishes the connections it has.
 * Deno binds a port once per listener and cannot change a listener's
 * certificate (`reusePort` with TLS needs `--unstable-net`), hence the
 * front door.
 *
 * @example Serve, then rotate to a certificate from the same CA
 * ```ts ignore
 * import { admissionHandler, createWebhookCertificates, serveWebhook } from "../../mod.ts";
 * let tls = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
 * const server = serveWebhook(admissionHandler({ validate: () => ({ allowed: true }) }), {
 *   port: 8443, cert: tls.cert, key: tls.key,
 * });
 * tls = await createWebhookCertificates({
 *   ipAddresses: ["127.0.0.1"], ca: { cert: tls.caCert, key: tls.caKey! },
 * });
 * await server.rotate({ cert: tls.cert, key: tls.key });
 * await server.shutdown();
 * ```
 */
export class WebhookServer implements AsyncDisposable {
  #handler: (request: Request) => Response | Promise<Response>;
  #listener: Deno.TcpListener;
  #current: Generation;
  #generations = new Set<Generation>();
  #drainMs: number;
  #clock: Clock;
  #stop = new AbortController();
  #accepting: Promise<void>;
  #closed = false;

  /**
   * Starts listening. Use {@linkcode serveWebhook}.
   *
   * @param handler Answers each request.
   * @param options Certificate, address and drain period.
   */
  constructor(
    handler: (request: Request) => Response | Promise<Response>,
    options: WebhookServerOptions,
  ) {
    this.#handler = handler;
    this.#drainMs = options.drainMs ?? 60_000;
    this.#clock = options.clock ?? realClock;
    this.#current = this.#start(options.cert, options.key);
    try {
      this.#listener = Deno.listen({
        hostname: options.hostname ?? "0.0.0.0",
        port: options.port ?? 8443,
      });
    } catch (e) {
      void this.#current.server.shutdown();
      throw new KubeError(
        `webhook server: cannot listen on ${options.hostname ?? "0.0.0.0"}:${
          options.port ?? 8443
        }: ${e}`,
        { cause: e },
      );
    }
    this.#accepting = this.#accept();
  }

  /** The address the webhook listens on (its port, when `port: 0` was asked for). */
  get addr(): Deno.NetAddr {
    return this.#listener.addr;
  }

  /**
   * Serves a new certificate: connections accepted from now on get it.
   * Connections already open keep the old one until they close or the drain
   * period ends, when the old server shuts down gracefully.
   *
   * @param certificate The new PEM certificate and key.
   * @returns Once the new certificate is served.
   * @throws {KubeError} When the server is shut down, or Deno refuses the certificate (the old one stays).
   */
  rotate(certificate: { cert: string; key: string }): Promise<void> {
    if (this.#closed) {
      return Promise.reject(new KubeError("webhook server: rotate after shutdown"));
    }
    let next: Generation;
    try {
      next = this.#start(certificate.cert, certificate.key);
    } catch (e) {
      return Promise.reject(
        new KubeError(`webhook server: the new certificate was refused: ${e}`, { cause: e }),
      );
    }
    const old = this.#current;
    this.#current = next;
    this.#retire(old);
    return Promise.resolve();
  }

  /**
   * Stops accepting connections and shuts every TLS server down gracefully:
   * requests in flight are answered.
   *
   * @returns Once everything is closed.
   */
  async shutdown(): Promise<void> {
    if (this.#closed) return await this.#accepting;
    this.#closed = true;
    this.#stop.abort();
    this.#listener.close();
    await this.#accepting;
    await Promise.all([...this.#generations].map((g) => g.server.shutdown()));
  }

  /** Shuts down, as {@linkcode WebhookServer.shutdown}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  #start(cert: string, key: string): Generation {
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, cert, key, onListen: () => {} },
      this.#handler,
    );
    const generation: Generation = {
      server,
      connections: 0,
      retired: false,
      drained: Promise.withResolvers(),
    };
    this.#generations.add(generation);
    return generation;
  }

  async #retire(generation: Generation): Promise<void> {
    generation.retired = true;
    if (generation.connections > 0) {
      await Promise.race([
        generation.drained.promise,
        this.#clock.sleep(this.#drainMs, this.#stop.signal).catch(() => {}),
      ]);
    }
    this.#generations.delete(generation);
    await generation.server.shutdown();
  }

  async #accept(): Promise<void> {
    try {
      for await (const conn of this.#listener) void this.#relay(conn, this.#current);
    } catch (e) {
      if (!this.#closed) throw e;
    }
  }

  /** Pipes a connection to a TLS server; the generation counts it until both directions end. */
  async #relay(conn: Deno.TcpConn, generation: Generation): Promise<void> {
    generation.connections++;
    let upstream: Deno.TcpConn | undefined;
    try {
      upstream = await Deno.connect({ hostname: "127.0.0.1", port: generation.server.addr.port });
      await Promise.all([
        conn.readable.pipeTo(upstream.writable),
        upstream.readable.pipeTo(conn.writable),
      ]);
    } catch {
      // A reset on either side ends both; the client sees the connection close.
    } finally {
      for (const c of [conn, upstream]) {
        try {
          c?.close();
        } catch {
          // Already closed by its stream.
        }
      }
      if (--generation.connections === 0 && generation.retired) generation.drained.resolve();
    }
  }
}

/**
 * Serves a webhook over HTTPS with a certificate that can be rotated
 * without a restart; see {@linkcode WebhookServer}.
 *
 * @param handler What answers, e.g. what `admissionHandler` returns.
 * @param options Certificate, address and drain period.
 * @returns The running server.
 * @throws {KubeError} When the address cannot be listened on.
 *
 * @example
 * ```ts ignore
 * import { admissionHandler, readWebhookCertificates, serveWebhook } from "../../mod.ts";
 * const files = { certFile: "/tls/tls.crt", keyFile: "/tls/tls.key" };
 * const server = serveWebhook(admissionHandler({ validate: () => ({ allowed: true }) }), {
 *   ...(await readWebhookCertificates(files)),
 * });
 * // cert-manager renews the Secret's files: serve them.
 * for await (const _ of Deno.watchFs("/tls")) {
 *   await server.rotate(await readWebhookCertificates(files));
 * }
 * ```
 */
export function serveWebhook(
  handler: (request: Request) => Response | Promise<Response>,
  options: WebhookServerOptions,
): WebhookServer {
  return new WebhookServer(handler, options);
}
