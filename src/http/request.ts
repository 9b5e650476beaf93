/**
 * What a request to the API server is made of: the option base every
 * layer's options extend, one HTTP request, one WebSocket, and the query
 * string they share.
 *
 * @module
 */

/**
 * Options every call takes, at every layer: the option base that the
 * request, list, watch, write, log, exec and wait options extend.
 *
 * @example
 * ```ts
 * import type { CallOptions } from "./request.ts";
 * const options: CallOptions = { signal: AbortSignal.timeout(5_000), timeoutMs: 10_000 };
 * ```
 */
export interface CallOptions {
  /** Aborts the call. */
  signal?: AbortSignal;
  /**
   * The call's deadline in milliseconds, retries included; the client's
   * (60 s by default) if unset, `0` for none. A watch has it only until the
   * server answers.
   */
  timeoutMs?: number;
}

/**
 * One request to the API server. Its `signal` aborts the request and the
 * response body's stream with it; its `timeoutMs` runs, for
 * `Client.json`, until the whole answer is read, and for `Client.request`
 * until the response headers arrive (the body is the caller's to stream).
 *
 * @example
 * ```ts
 * import type { RequestOptions } from "./request.ts";
 * const req: RequestOptions = { path: "/api/v1/namespaces/default/pods", query: { limit: 10 } };
 * ```
 */
export interface RequestOptions extends CallOptions {
  /** HTTP method; `GET` by default. */
  method?: string;
  /** Path below the server URL, e.g. `/api/v1/pods`. */
  path: string;
  /**
   * Query parameters; `undefined` values are left out, and an array repeats
   * its parameter once per element (exec's `command`).
   */
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** A body: sent as is when a string, as JSON otherwise. */
  body?: unknown;
  /** The body's content type; `application/json` by default. */
  contentType?: string;
}

/**
 * A WebSocket to open on the API server: the connect verbs of pods (exec,
 * attach, portforward) speak the channel protocol over one. Its `signal`
 * and `timeoutMs` bound the handshake.
 *
 * @example
 * ```ts
 * import type { WebSocketRequest } from "./request.ts";
 * const req: WebSocketRequest = {
 *   path: "/api/v1/namespaces/default/pods/web-0/exec",
 *   connect: true,
 *   query: { command: ["date"], stdout: true },
 *   protocols: ["v5.channel.k8s.io", "v4.channel.k8s.io"],
 * };
 * ```
 */
export interface WebSocketRequest extends CallOptions {
  /** Path below the server URL, e.g. `/api/v1/namespaces/default/pods/web-0/exec`. */
  path: string;
  /** Query parameters; an array repeats its parameter once per element. */
  query?: RequestOptions["query"];
  /** Subprotocols to offer, the preferred first; the socket's `protocol` is the one chosen. */
  protocols: string[];
  /**
   * Called with the socket as it opens, before any of its messages is
   * dispatched: attach listeners here. Deno may dispatch the first messages
   * before the promise of {@linkcode Client.webSocket} is seen to resolve,
   * and a listener attached after that would miss them.
   */
  onOpen?: (socket: WebSocket) => void;
  /**
   * The path is a connect verb (a pod's exec, attach or portforward): such a
   * request sent without the upgrade only answers 400, so a refused
   * handshake is asked again as a POST, which is authorized as the upgrade.
   * False by default: set it for those paths (PodApi does).
   */
  connect?: boolean;
}

/**
 * A request's query string: `undefined` values left out, an array repeated
 * once per element (exec's `command`), `?` in front unless it is empty.
 *
 * @param query The parameters.
 * @returns `?a=1&b=2`, or `""`.
 *
 * @example
 * ```ts
 * import { queryString } from "./request.ts";
 * queryString({ command: ["ls", "-l"], stdout: true, container: undefined }); // "?command=ls&command=-l&stdout=true"
 * ```
 */
export function queryString(query: RequestOptions["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) { for (const item of value) params.append(key, item); }
    else if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
