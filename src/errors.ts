/**
 * Every error that kube throws. Each one says what went wrong and where, and
 * none of them ever carries a token, password or private key in its message.
 *
 * @module
 */

import type { Status } from "./types/meta.ts";

/**
 * The base of every error kube throws: a network failure, a bad response, a
 * broken configuration or a broken watch stream.
 *
 * @example Tell kube's errors from others
 * ```ts
 * import { KubeError } from "./errors.ts";
 * try {
 *   throw new KubeError("GET /api/v1/pods: connection refused");
 * } catch (e) {
 *   if (e instanceof KubeError) console.error(e.message);
 * }
 * ```
 */
export class KubeError extends Error {
  /**
   * Creates a KubeError with a message and, optionally, the error that caused it.
   *
   * @param message What went wrong and where.
   * @param options `cause`: the underlying error.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "KubeError";
  }
}

/**
 * A kubeconfig, in-cluster or exec-plugin configuration that cannot be used.
 * The message names the file (or plugin) and what is wrong with it.
 *
 * @example
 * ```ts
 * import { ConfigError } from "./errors.ts";
 * const e = new ConfigError("/home/me/.kube/config: context \"dev\" names cluster \"gone\", which is not defined");
 * console.log(e.message);
 * ```
 */
export class ConfigError extends KubeError {
  /**
   * Creates a ConfigError.
   *
   * @param message What is wrong, starting with where.
   * @param options `cause`: the underlying error.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ConfigError";
  }
}

/**
 * The API server answered with an error status. Carries the server's
 * {@linkcode Status} (`code`, `reason`, `message`, `details`) and the request
 * that failed.
 *
 * @example React to a conflict
 * ```ts
 * import { ApiError } from "./errors.ts";
 * const e = new ApiError("PUT", "/api/v1/namespaces/a/pods/p", {
 *   kind: "Status", apiVersion: "v1", status: "Failure", code: 409,
 *   reason: "Conflict", message: "the object has been modified",
 * });
 * if (e.code === 409) console.log("retry with a fresh resourceVersion");
 * ```
 */
export class ApiError extends KubeError {
  /** The HTTP status code, e.g. `404`. */
  readonly code: number;
  /** The server's machine-readable reason, e.g. `NotFound`, `Conflict`, `Expired`. */
  readonly reason: string;
  /** The `Status` the server sent (or one made from a body that was not a Status). */
  readonly status: Status;
  /** The HTTP method of the failed request. */
  readonly method: string;
  /** The path of the failed request, without its query. */
  readonly path: string;

  /**
   * Creates an ApiError from the server's Status.
   *
   * @param method The request's HTTP method.
   * @param path The request's path.
   * @param status The server's Status.
   * @param options `cause`: the underlying error.
   */
  constructor(
    method: string,
    path: string,
    status: Status,
    options?: ErrorOptions,
  ) {
    const code = status.code ?? 0;
    const reason = status.reason ?? "";
    const detail = [code, reason].filter(Boolean).join(" ");
    super(
      `${method} ${path}: ${detail}${status.message ? `: ${status.message}` : ""}`,
      options,
    );
    this.name = "ApiError";
    this.code = code;
    this.reason = reason;
    this.status = status;
    this.method = method;
    this.path = path;
  }
}

/**
 * A watch stream that could not be read: a line that is not JSON or not a
 * watch event, or a connection that went quiet. The message quotes the line,
 * cut to a few hundred characters.
 *
 * @example
 * ```ts
 * import { WatchError } from "./errors.ts";
 * const e = new WatchError("watch line 3 is not JSON: {\"type\":");
 * console.log(e.message);
 * ```
 */
export class WatchError extends KubeError {
  /**
   * Creates a WatchError.
   *
   * @param message What was wrong with the stream.
   * @param options `cause`: the underlying error.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "WatchError";
  }
}

/**
 * JSON fields that hold secrets: a Secret's `data` and `stringData`, and
 * tokens, passwords and keys. A value may be cut off by the end of the text.
 */
const SECRET_FIELDS =
  /"(data|stringData|token|password|clientKeyData|client-key-data)"\s*:\s*("(?:[^"\\]|\\.)*"?|\{[^}]*\}?)/g;

/**
 * Cuts `text` to at most `max` characters, marking the cut, with the values
 * of secret-bearing JSON fields replaced: a bad watch line or error body may
 * be a Secret.
 *
 * @param text What to quote.
 * @param max The most characters to keep.
 * @returns The quote.
 */
export function excerpt(text: string, max = 300): string {
  const safe = text.replace(SECRET_FIELDS, '"$1":"<redacted>"');
  return safe.length <= max ? safe : `${safe.slice(0, max)}... (${text.length} chars)`;
}
