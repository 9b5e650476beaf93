/**
 * The one place that turns a request into an authenticated `fetch`, with a
 * deadline, retries, and a connection pool that notices when it has died.
 *
 * @module
 */

import { type Clock, realClock } from "../util/clock.ts";
import {
  type AuthMaterial,
  type ClientConfig,
  type Impersonation,
  impersonationHeaders,
  loadConfig,
  type LoadConfigOptions,
} from "../config/mod.ts";
import { redactUserinfo } from "../config/userinfo.ts";
import { Connection, type Flight } from "./pool.ts";
import { ServerNameTunnel } from "./server_name.ts";
import { ApiError, ConfigError, KubeError } from "../errors.ts";
import { abortable, deadline, LinkedAbort } from "../util/abort.ts";
import { type Failure, retryAfterMs, type RetryOptions, RetryPolicy } from "./retry.ts";
import { queryString, type RequestOptions, type WebSocketRequest } from "./request.ts";
import { errorOf, parseAnswer, parseWarnings } from "./response.ts";
import { diagnoseRefusal, handshake } from "./websocket.ts";

/**
 * Options for {@linkcode Client}.
 *
 * @example
 * ```ts
 * import type { ClientOptions } from "./client.ts";
 * const options: ClientOptions = { userAgent: "my-operator/1.0", timeoutMs: 30_000, retry: { retries: 5 } };
 * ```
 */
export interface ClientOptions {
  /** The `User-Agent` header; `kube-deno` by default. */
  userAgent?: string;
  /**
   * The default deadline of every request, in milliseconds: 60 s. A watch
   * has it only until its response headers arrive. `0` turns it off.
   */
  timeoutMs?: number;
  /** Retries of failed requests: 3, backing off from 250 ms; see {@linkcode RetryPolicy}. */
  retry?: RetryOptions;
  /** The clock for deadlines, retry delays and dead-connection checks; the real one. */
  clock?: Clock;
  /**
   * Who to act as, in place of the kubeconfig user's `as` fields: sent as
   * `Impersonate-*` headers on every request and WebSocket. The
   * configuration's `impersonate` by default.
   */
  impersonate?: Impersonation;
  /**
   * Told each warning the server sends back (code 299 `Warning` headers:
   * a deprecated API, a field dropped under `fieldValidation: "Warn"`, an
   * admission webhook's or policy's warning), with the request it answers;
   * called before the request settles, on errors too. By default, each
   * distinct message is printed once to stderr as `Warning: MESSAGE`, as
   * kubectl prints them.
   */
  onWarning?: (message: string, request: RequestOptions) => void;
  /**
   * Told of each attempt at a request once its response headers arrive or
   * it fails (retries are attempts of their own), for metrics: a metrics
   * registry's `onRequest` counts them. A hook that throws is ignored. None
   * by default.
   */
  onRequest?: (info: RequestInfo) => void;
}

/**
 * One attempt at a request, as {@linkcode ClientOptions.onRequest} hears of it.
 *
 * @example
 * ```ts
 * import type { RequestInfo } from "./client.ts";
 * const log = (r: RequestInfo) => console.log(r.method, r.path, r.code ?? "no answer", r.durationMs);
 * ```
 */
export interface RequestInfo {
  /** The HTTP method: `GET`, `POST`, ... */
  method: string;
  /** The path, without the query. */
  path: string;
  /** The response's status code; `undefined` when none came (a network failure, an abort). */
  code: number | undefined;
  /** From sending until the response headers arrived, or the attempt failed. */
  durationMs: number;
}

const USER_AGENT = "kube-deno/0.1.0";

/** client-go sets no deadline by default; kube's requests settle within a minute unless told otherwise. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Connection pools: how many are open (the current one, and replaced ones
 * that still finish requests), and how many were found dead.
 *
 * @example
 * ```ts ignore
 * const { open, dead } = client.connections;
 * ```
 */
export interface ConnectionStats {
  /** Pools whose HTTP client is still open. */
  open: number;
  /** Pools found dead and retired since the client was made. */
  dead: number;
}

/**
 * A connection to one API server: base URL, TLS and credentials. Every
 * request goes through {@linkcode Client.request}; a non-2xx answer becomes an
 * {@linkcode ApiError}, a network failure a {@linkcode KubeError}. A 401 makes
 * it refresh rotating credentials (token file, exec plugin) and retry once.
 *
 * Every request has a deadline (60 s by default). Reads (and watch opens)
 * are retried after connection failures, 429, 503 and 504; writes only when
 * the server said to come back (429 or 503 with `Retry-After`). A
 * connection that goes silent while requests wait on it is probed, and if
 * the probe gets no answer, its requests are aborted and new ones use a new
 * connection: a black-holed connection is found within 20 s of its last byte.
 *
 * Close it (or `using` it) when done: it holds a connection pool.
 *
 * @example
 * ```ts ignore
 * import { Client } from "./client.ts";
 * using client = await Client.load();
 * const res = await client.request({ path: "/version" });
 * console.log(await res.json());
 * ```
 */
export class Client implements Disposable {
  #config: ClientConfig;
  #userAgent: string;
  #timeoutMs: number;
  #retry: RetryPolicy;
  #clock: Clock;
  /**
   * The `Impersonate-*` headers, the same on every request; passed as pairs,
   * since a Headers object joins a repeated header into one line, which the
   * API server would read as one group.
   */
  #impersonation: [string, string][];
  #onWarning: (message: string, request: RequestOptions) => void;
  #onRequest: ((info: RequestInfo) => void) | undefined;
  /** The messages the default warning handler has printed. */
  #warned = new Set<string>();
  /** With a `tls-server-name`: the tunnel that lets TLS name it. */
  #tunnel: ServerNameTunnel | undefined;
  /** Where requests go: the server, or its URL with the TLS server name through the tunnel. */
  #base: string;
  #pool: { connection: Connection; cert?: string; key?: string; ca?: string } | undefined;
  /** Every pool not yet closed: the current one, and retired ones still finishing requests. */
  #pools = new Set<Connection>();
  #dead = 0;
  #closed = false;

  /**
   * Resolves configuration as kubectl does ({@linkcode loadConfig}) and makes
   * a client from it.
   *
   * @param options Which kubeconfig and context, and overrides.
   * @returns The client.
   * @throws {ConfigError} When no usable configuration is found.
   *
   * @example
   * ```ts ignore
   * import { Client } from "./client.ts";
   * const client = await Client.load({ context: "kind-kind" });
   * ```
   */
  static async load(
    options: LoadConfigOptions & ClientOptions = {},
  ): Promise<Client> {
    return new Client(await loadConfig(options), options);
  }

  /**
   * Creates a Client.
   *
   * @param config A resolved configuration.
   * @param options Client options.
   * @throws {ConfigError} When the impersonation gives groups, a UID or
   * extra without a user.
   */
  constructor(config: ClientConfig, options: ClientOptions = {}) {
    this.#config = config;
    this.#impersonation = impersonationHeaders(options.impersonate ?? config.impersonate);
    this.#tunnel = config.tlsServerName
      ? new ServerNameTunnel(config.server, config.tlsServerName)
      : undefined;
    this.#base = this.#tunnel?.url ?? config.server;
    this.#onWarning = options.onWarning ?? ((message) => this.#printWarning(message));
    this.#userAgent = options.userAgent ?? USER_AGENT;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retry = new RetryPolicy(options.retry);
    this.#clock = options.clock ?? realClock;
    this.#onRequest = options.onRequest;
  }

  /** The configuration this client uses. */
  get config(): ClientConfig {
    return this.#config;
  }

  /** The default namespace: the context's, or `default`. */
  get namespace(): string {
    return this.#config.namespace;
  }

  /** How many connection pools are open, and how many were found dead. */
  get connections(): ConnectionStats {
    let open = 0;
    for (const pool of this.#pools) if (!pool.closed) open++;
    return { open, dead: this.#dead };
  }

  /**
   * Sends one authenticated request, retried as the retry policy allows.
   * The deadline covers the wait for the response headers; the body is
   * yours to stream.
   *
   * @param options Method, path, query, body, signal and deadline.
   * @returns The response, with its body unread (stream it for watches).
   * @throws {ApiError} When the server answers with a non-2xx status.
   * @throws {KubeError} When the server cannot be reached, the connection
   * dies, or the deadline passes.
   *
   * @example
   * ```ts ignore
   * const res = await client.request({ path: "/api/v1/namespaces/default/pods", query: { watch: 1 } });
   * for await (const chunk of res.body!) console.log(chunk.length);
   * ```
   */
  request(options: RequestOptions): Promise<Response> {
    return this.#call(options, "stream");
  }

  /**
   * Sends one request and parses its JSON answer. The deadline covers the
   * whole answer, and a read whose answer breaks off is retried.
   *
   * @typeParam T The answer's type.
   * @param options Method, path, query, body, signal and deadline.
   * @returns The parsed body.
   * @throws {ApiError} When the server answers with a non-2xx status.
   * @throws {KubeError} When the server cannot be reached, the body is not
   * JSON, or the deadline passes.
   *
   * @example
   * ```ts ignore
   * const version = await client.json<{ gitVersion: string }>({ path: "/version" });
   * ```
   */
  async json<T>(options: RequestOptions): Promise<T> {
    return parseAnswer<T>(options, await this.text(options));
  }

  /**
   * Sends one request and reads its answer whole, as text: {@linkcode
   * Client.json} without the parse, for a caller that looks at the text
   * first. The deadline covers the whole answer.
   *
   * @param options Method, path, query, body, signal and deadline.
   * @returns The body's text.
   * @throws {ApiError} When the server answers with a non-2xx status.
   * @throws {KubeError} When the server cannot be reached or the deadline passes.
   *
   * @example
   * ```ts ignore
   * const text = await client.text({ path: "/version" });
   * ```
   */
  text(options: RequestOptions): Promise<string> {
    return this.#call(options, "text");
  }

  /**
   * Sends one request and reads its answer whole, as bytes: {@linkcode
   * Client.text} without the UTF-8 decoding.
   *
   * @param options Method, path, query, body, signal and deadline.
   * @returns The body's bytes.
   * @throws {ApiError} When the server answers with a non-2xx status.
   * @throws {KubeError} When the server cannot be reached or the deadline passes.
   *
   * @example
   * ```ts ignore
   * const bytes = await client.bytes({ path: "/api/v1/namespaces/default/pods" });
   * ```
   */
  bytes(options: RequestOptions): Promise<Uint8Array> {
    return this.#call(options, "bytes");
  }

  /**
   * Opens a WebSocket on the API server, with this client's credentials, CA
   * and client certificate: `wss:` for an `https:` server. It resolves once
   * the handshake is done; binary messages arrive as `ArrayBuffer`s. Attach
   * listeners in `onOpen`, or the first messages may be missed.
   *
   * A refused handshake says little (Deno reports a 403 over TLS as an
   * HTTP/2 stream error), so the client then sends the same request without
   * the upgrade and throws the server's answer to it. An upgrade to `exec`,
   * `attach` or `portforward` is authorized as `create` (since Kubernetes
   * 1.35) and a plain GET as `get`, so when the GET passes, the request is
   * sent once more as a POST, which is authorized as the upgrade was.
   * Without the upgrade, these verbs only answer 400: they run nothing.
   * When the server accepts the request without the upgrade, the upgrade
   * is tried once more: the refusal may have passed, or rotated
   * credentials been refreshed by the probe's 401.
   *
   * @param options Path, query, subprotocols, onOpen, signal and deadline.
   * @returns The open socket.
   * @throws {ApiError} The server's Status for the request without the
   * upgrade: 403 Forbidden, 404 NotFound, 400 BadRequest for a container
   * that does not exist...
   * @throws {KubeError} When the server cannot be reached, the deadline
   * passes, or the upgrade fails although the server accepts the request.
   *
   * @example
   * ```ts ignore
   * await client.webSocket({
   *   path: "/api/v1/namespaces/default/pods/web-0/exec",
   *   query: { command: ["date"], stdout: true, stderr: true },
   *   protocols: ["v5.channel.k8s.io", "v4.channel.k8s.io"],
   *   onOpen: (socket) => socket.onmessage = (e) => console.log(new Uint8Array(e.data)),
   * });
   * ```
   */
  async webSocket(options: WebSocketRequest): Promise<WebSocket> {
    const { path, query, protocols } = options;
    const call = new LinkedAbort(options.signal);
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const timer = deadline(
      call,
      timeoutMs,
      () =>
        new KubeError(
          `GET ${path}: the WebSocket handshake got no answer within ${
            timeoutMs / 1000
          }s (the request deadline; set timeoutMs to change it)`,
        ),
      this.#clock,
    );
    try {
      for (let attempt = 1;; attempt++) {
        const auth = await this.#auth("GET", options, call.signal);
        const headers = new Headers({ "User-Agent": this.#userAgent });
        if (auth.authorization) headers.set("Authorization", auth.authorization);
        const url = this.#base.replace(/^http/, "ws") + path + queryString(query);
        // The socket keeps its own connection: the pool closing its HTTP client later does not end it.
        const socket = new WebSocket(url, {
          protocols,
          headers: [...headers, ...this.#impersonation],
          client: this.#connection(auth).http,
        });
        socket.binaryType = "arraybuffer";
        const failure = await handshake(socket, call.signal, options.onOpen);
        if (failure === undefined) return socket;
        const { error, accepted } = await diagnoseRefusal(
          (o) => this.request(o),
          options,
          failure,
          call.signal,
        );
        // Accepted without the upgrade: the refusal may have passed, or the
        // probe refreshed credentials that had rotated (a 401 it retried).
        if (!accepted || attempt > 1) throw error;
      }
    } catch (e) {
      if (call.signal.aborted) throw call.signal.reason;
      throw e;
    } finally {
      timer[Symbol.dispose]();
      call[Symbol.dispose]();
    }
  }

  /**
   * Closes every connection pool; requests in flight fail, and requests
   * after this fail with a KubeError.
   */
  close(): void {
    this.#closed = true;
    this.#tunnel?.close();
    const closed = new KubeError(
      `the client for ${redactUserinfo(this.#config.server)} was closed`,
    );
    for (const pool of this.#pools) pool.retire(closed);
    this.#pools.clear();
    this.#pool = undefined;
  }

  /** Same as {@linkcode Client.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * One request, attempt after attempt, within the deadline. With `stream`,
   * the response is handed back once its headers arrive; otherwise its body
   * is read as text within the deadline.
   */
  #call(options: RequestOptions, read: "stream"): Promise<Response>;
  #call(options: RequestOptions, read: "text"): Promise<string>;
  #call(options: RequestOptions, read: "bytes"): Promise<Uint8Array>;
  async #call(
    options: RequestOptions,
    read: "stream" | "text" | "bytes",
  ): Promise<Response | string | Uint8Array> {
    const method = options.method ?? "GET";
    const call = new LinkedAbort(options.signal);
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const end = timeoutMs > 0 ? this.#clock.now() + timeoutMs : Infinity;
    const timer = deadline(
      call,
      timeoutMs,
      () =>
        new KubeError(
          `${method} ${options.path}: no answer within ${
            timeoutMs / 1000
          }s (the request deadline; set timeoutMs to change it)`,
        ),
      this.#clock,
    );
    let handedOff = false;
    try {
      const retry = this.#retry.start();
      let refreshed = false;
      while (true) {
        const auth = await this.#auth(method, options, call.signal);
        const flight = this.#connection(auth).open(call.signal);
        let error: KubeError;
        let failure: Failure;
        try {
          const res = await this.#observed(
            method,
            options.path,
            () => this.#send(method, options, auth, flight),
          );
          // Rotating credentials (a token file, an exec plugin) may have
          // rotated under us: refresh them once, without spending a retry.
          if (res.status === 401 && !refreshed && this.#config.credentials.invalidate()) {
            refreshed = true;
            await res.body?.cancel();
            continue;
          }
          if (res.ok && read === "stream" && res.body) {
            // The body outlives the call: the caller's signal must keep reaching it.
            timer[Symbol.dispose]();
            flight.onEnd(() => call[Symbol.dispose]());
            handedOff = true;
            return new Response(flight.track(res.body), res);
          }
          if (res.ok && read === "stream") return res;
          if (res.ok) {
            const bytes = res.body ? await flight.readAll(res.body) : new Uint8Array();
            return read === "text" ? utf8.decode(bytes) : bytes;
          }
          error = await errorOf(method, options.path, res, flight);
          failure = {
            status: res.status,
            retryAfterMs: retryAfterMs(res.headers.get("Retry-After"), this.#clock.now()),
          };
        } catch (e) {
          if (call.signal.aborted || e instanceof ConfigError) throw e;
          error = new KubeError(
            `${method} ${redactUserinfo(this.#config.server)}${options.path}: ${
              (e as Error).message
            }`,
            { cause: e },
          );
          failure = {};
        } finally {
          if (!handedOff) flight.end();
        }
        const wait = retry.delay(method, failure);
        if (wait === undefined || this.#clock.now() + wait >= end) {
          throw retry.attempts > 1 ? withAttempts(error, retry.attempts) : error;
        }
        await this.#clock.sleep(wait, call.signal);
      }
    } catch (e) {
      if (call.signal.aborted) throw call.signal.reason;
      throw e;
    } finally {
      if (!handedOff) {
        timer[Symbol.dispose]();
        call[Symbol.dispose]();
      }
    }
  }

  /** One attempt, told to the `onRequest` hook once it has an answer or failed. */
  async #observed(
    method: string,
    path: string,
    send: () => Promise<Response>,
  ): Promise<Response> {
    const hook = this.#onRequest;
    if (!hook) return await send();
    const started = this.#clock.now();
    let code: number | undefined;
    try {
      const res = await send();
      code = res.status;
      return res;
    } finally {
      try {
        hook({ method, path, code, durationMs: this.#clock.now() - started });
      } catch {
        // Metrics must not fail a request.
      }
    }
  }

  /** The credentials for the next attempt, within the call's deadline. */
  #auth(method: string, options: RequestOptions, signal: AbortSignal): Promise<AuthMaterial> {
    if (this.#closed) {
      return Promise.reject(new KubeError(`${method} ${options.path}: the client is closed`));
    }
    return abortable(this.#config.credentials.get(), signal);
  }

  /** One attempt on `flight`; the body is unread, and the flight's until it ends. */
  async #send(
    method: string,
    options: RequestOptions,
    auth: AuthMaterial,
    flight: Flight,
  ): Promise<Response> {
    const headers = new Headers(options.headers);
    headers.set("Accept", headers.get("Accept") ?? "application/json");
    headers.set("User-Agent", this.#userAgent);
    if (auth.authorization) headers.set("Authorization", auth.authorization);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers.set("Content-Type", options.contentType ?? "application/json");
    }
    const url = this.#base + options.path + queryString(options.query);
    const res = await flight.wait(
      fetch(url, {
        method,
        headers: [...headers, ...this.#impersonation],
        body,
        signal: flight.signal,
        client: flight.http,
      }),
    );
    const warnings = res.headers.get("Warning");
    if (warnings) {
      // kubectl shows code 299 only, the one code the API server sends.
      for (const { code, text } of parseWarnings(warnings)) {
        if (code === 299 && text) this.#onWarning(text, options);
      }
    }
    return res;
  }

  #printWarning(message: string): void {
    if (this.#warned.has(message)) return;
    this.#warned.add(message);
    console.error(`Warning: ${message}`);
  }

  /**
   * The pool for this TLS material: the current one, or a new one when there
   * is none, it was found dead, an exec plugin handed out a new client
   * certificate, or the CA file rotated (the old pool finishes its requests,
   * then closes).
   */
  #connection(auth: AuthMaterial): Connection {
    const { cert, key } = auth;
    // A CA from a file that rotates (in-cluster) is read afresh by the credentials.
    const ca = (auth.caCerts ?? this.#config.caCerts)?.join("\n");
    const current = this.#pool;
    if (
      current && !current.connection.retired && current.cert === cert && current.key === key &&
      current.ca === ca
    ) {
      return current.connection;
    }
    current?.connection.retire();
    for (const pool of this.#pools) if (pool.closed) this.#pools.delete(pool);
    const connection = new Connection(
      this.#httpClient(cert, key, auth.caCerts ?? this.#config.caCerts),
      this.#base,
      this.#clock,
      {
        userAgent: this.#userAgent,
        onDead: () => this.#dead++,
      },
    );
    this.#pool = { connection, cert, key, ca };
    this.#pools.add(connection);
    return connection;
  }

  #httpClient(cert?: string, key?: string, caCerts?: string[]): Deno.HttpClient {
    const { proxyUrl, credentials } = this.#config;
    try {
      return Deno.createHttpClient({
        caCerts,
        ...(this.#tunnel
          ? { proxy: this.#tunnel.proxy }
          : proxyUrl
          ? { proxy: { url: proxyUrl, basicAuth: credentials.proxyBasicAuth } }
          : {}),
        ...(cert && key ? { cert, key } : {}),
      });
    } catch (e) {
      // Deno's message names the PEM problem; it never quotes the key.
      throw new ConfigError(
        `${this.#config.source}: the TLS material of context "${this.#config.context}" cannot be used: ${
          (e as Error).message
        }`,
        { cause: e },
      );
    }
  }
}

function withAttempts(error: KubeError, attempts: number): KubeError {
  if (error instanceof ApiError) return error;
  return new KubeError(`${error.message} (gave up after ${attempts} attempts)`, {
    cause: error.cause,
  });
}

const utf8 = new TextDecoder();
