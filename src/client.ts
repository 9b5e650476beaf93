/**
 * The one place that turns a request into an authenticated `fetch`.
 *
 * @module
 */

import { type ClientConfig, loadConfig, type LoadConfigOptions } from "./config/mod.ts";
import { ApiError, ConfigError, excerpt, KubeError } from "./errors.ts";
import type { Status } from "./types/meta.ts";

/**
 * One request to the API server.
 *
 * @example
 * ```ts
 * import type { RequestOptions } from "./client.ts";
 * const req: RequestOptions = { path: "/api/v1/namespaces/default/pods", query: { limit: 10 } };
 * ```
 */
export interface RequestOptions {
  /** HTTP method; `GET` by default. */
  method?: string;
  /** Path below the server URL, e.g. `/api/v1/pods`. */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** A body: sent as is when a string, as JSON otherwise. */
  body?: unknown;
  /** The body's content type; `application/json` by default. */
  contentType?: string;
  /** Aborts the request, and the response body's stream with it. */
  signal?: AbortSignal;
}

/**
 * Options for {@linkcode Client}.
 *
 * @example
 * ```ts
 * import type { ClientOptions } from "./client.ts";
 * const options: ClientOptions = { userAgent: "my-operator/1.0" };
 * ```
 */
export interface ClientOptions {
  /** The `User-Agent` header; `kube-deno` by default. */
  userAgent?: string;
}

const USER_AGENT = "kube-deno/0.1.0";

/**
 * A connection to one API server: base URL, TLS and credentials. Every
 * request goes through {@linkcode Client.request}; a non-2xx answer becomes an
 * {@linkcode ApiError}, a network failure a {@linkcode KubeError}. A 401 makes
 * it refresh rotating credentials (token file, exec plugin) and retry once.
 *
 * Close it (or `using` it) when done: it may hold a TLS connection pool.
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
  #http: { client: Deno.HttpClient; cert?: string; key?: string } | undefined;
  #retired: Deno.HttpClient[] = [];
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
   */
  constructor(config: ClientConfig, options: ClientOptions = {}) {
    this.#config = config;
    this.#userAgent = options.userAgent ?? USER_AGENT;
  }

  /** The configuration this client uses. */
  get config(): ClientConfig {
    return this.#config;
  }

  /** The default namespace: the context's, or `default`. */
  get namespace(): string {
    return this.#config.namespace;
  }

  /**
   * Sends one authenticated request.
   *
   * @param options Method, path, query, body and signal.
   * @returns The response, with its body unread (stream it for watches).
   * @throws {ApiError} When the server answers with a non-2xx status.
   * @throws {KubeError} When the server cannot be reached.
   *
   * @example
   * ```ts ignore
   * const res = await client.request({ path: "/api/v1/namespaces/default/pods", query: { watch: 1 } });
   * for await (const chunk of res.body!) console.log(chunk.length);
   * ```
   */
  async request(options: RequestOptions): Promise<Response> {
    const method = options.method ?? "GET";
    let res = await this.#send(method, options);
    if (res.status === 401 && this.#config.credentials.invalidate()) {
      await res.body?.cancel();
      res = await this.#send(method, options);
    }
    if (res.ok) return res;
    throw await errorOf(method, options.path, res);
  }

  /**
   * Sends one request and parses its JSON answer.
   *
   * @typeParam T The answer's type.
   * @param options Method, path, query, body and signal.
   * @returns The parsed body.
   * @throws {ApiError} When the server answers with a non-2xx status.
   * @throws {KubeError} When the server cannot be reached or the body is not JSON.
   *
   * @example
   * ```ts ignore
   * const version = await client.json<{ gitVersion: string }>({ path: "/version" });
   * ```
   */
  async json<T>(options: RequestOptions): Promise<T> {
    const method = options.method ?? "GET";
    const res = await this.request(options);
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new KubeError(
        `${method} ${options.path}: the answer broke off: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new KubeError(
        `${method} ${options.path}: answer is not JSON: ${excerpt(text, 200)}`,
        { cause: e },
      );
    }
  }

  /** Closes the TLS connection pool. Requests after this fail with a KubeError. */
  close(): void {
    this.#closed = true;
    this.#http?.client.close();
    this.#http = undefined;
    for (const client of this.#retired) client.close();
    this.#retired = [];
  }

  /** Same as {@linkcode Client.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  async #send(method: string, options: RequestOptions): Promise<Response> {
    if (this.#closed) {
      throw new KubeError(`${method} ${options.path}: the client is closed`);
    }
    const auth = await this.#config.credentials.get();
    const headers = new Headers(options.headers);
    headers.set("Accept", headers.get("Accept") ?? "application/json");
    headers.set("User-Agent", this.#userAgent);
    if (auth.authorization) headers.set("Authorization", auth.authorization);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers.set("Content-Type", options.contentType ?? "application/json");
    }
    const url = this.#config.server + options.path + queryString(options.query);
    const client = this.#httpClient(auth.cert, auth.key);
    try {
      return await fetch(url, { method, headers, body, signal: options.signal, client });
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new KubeError(
        `${method} ${this.#config.server}${options.path}: ${(e as Error).message}`,
        { cause: e },
      );
    }
  }

  /** The Deno HTTP client for this TLS material, made once per certificate. */
  #httpClient(cert?: string, key?: string): Deno.HttpClient | undefined {
    const { caCerts, proxyUrl } = this.#config;
    if (!caCerts && !cert && !proxyUrl) return undefined;
    if (this.#http && this.#http.cert === cert && this.#http.key === key) {
      return this.#http.client;
    }
    // An exec plugin handed out a new certificate: open a new pool, but keep
    // the old one open for watches that still stream through it.
    if (this.#http) this.#retired.push(this.#http.client);
    try {
      const client = Deno.createHttpClient({
        caCerts,
        ...(proxyUrl ? { proxy: { url: proxyUrl } } : {}),
        ...(cert && key ? { cert, key } : {}),
      });
      this.#http = { client, cert, key };
      return client;
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

function queryString(query: RequestOptions["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Turns a non-2xx response into an ApiError, with the server's Status if it sent one. */
async function errorOf(
  method: string,
  path: string,
  res: Response,
): Promise<ApiError> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text);
    if (body?.kind === "Status") {
      return new ApiError(method, path, {
        ...body,
        code: body.code ?? res.status,
      });
    }
  } catch {
    // Not JSON: described below from the HTTP status and the first bytes.
  }
  const status: Status = {
    kind: "Status",
    apiVersion: "v1",
    status: "Failure",
    code: res.status,
    reason: reasonOf(res.status) || res.statusText,
    message: text
      ? `HTTP ${res.status}: ${excerpt(text.trim(), 200)}`
      : `HTTP ${res.status} with an empty body`,
  };
  return new ApiError(method, path, status);
}

function reasonOf(code: number): string {
  const reasons: Record<number, string> = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    409: "Conflict",
    410: "Gone",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "Timeout",
  };
  return reasons[code] ?? "";
}
