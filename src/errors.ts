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
 * import { ApiError, isConflict } from "./errors.ts";
 * const e = new ApiError("PUT", "/api/v1/namespaces/a/pods/p", {
 *   kind: "Status", apiVersion: "v1", status: "Failure", code: 409,
 *   reason: "Conflict", message: "the object has been modified",
 * });
 * if (isConflict(e)) console.log("retry with a fresh resourceVersion");
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
 * An object that a cache's `validate` check refused: it is kept out of the
 * cache (and out of reconciles) until a version that passes arrives. The
 * message names the object's key and the first violations by path, never
 * their values.
 *
 * @example
 * ```ts
 * import { InvalidObjectError } from "./errors.ts";
 * const e = new InvalidObjectError("widgets", "default/a", [{ message: "Required value", path: ["spec", "size"] }]);
 * e.message; // "widgets default/a does not pass its check and is left out of the cache: spec.size: Required value"
 * ```
 */
export class InvalidObjectError extends KubeError {
  /** The object's key: `namespace/name`, or `name`. */
  readonly key: string;
  /** Every violation the check found. */
  readonly issues: readonly ObjectIssue[];

  /**
   * Creates an InvalidObjectError.
   *
   * @param resource The resource's plural.
   * @param key The object's key.
   * @param issues The violations.
   */
  constructor(resource: string, key: string, issues: readonly ObjectIssue[]) {
    const first = issues.slice(0, 3).map((i) => `${pathText(i.path ?? [])}: ${i.message}`);
    const more = issues.length > 3 ? `; and ${issues.length - 3} more` : "";
    super(
      `${resource} ${key} does not pass its check and is left out of the cache: ${
        first.join("; ")
      }${more}`,
    );
    this.name = "InvalidObjectError";
    this.key = key;
    this.issues = issues;
  }
}

/**
 * One violation a check reports: what and where (property names and array
 * indexes from the object's root). A Standard Schema issue has this shape.
 *
 * @example
 * ```ts
 * import type { ObjectIssue } from "./errors.ts";
 * const issue: ObjectIssue = { message: "must be of type integer", path: ["spec", "replicas"] };
 * ```
 */
export interface ObjectIssue {
  /** What is wrong. */
  readonly message: string;
  /** Where. */
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[];
}

function pathText(path: readonly (PropertyKey | { readonly key: PropertyKey })[]): string {
  let text = "";
  for (const part of path) {
    const key = typeof part === "object" ? part.key : part;
    text += typeof key === "number" ? `[${key}]` : text ? `.${String(key)}` : String(key);
  }
  return text || "<root>";
}

/**
 * The server's reason for a failure, else its HTTP code: what the status
 * predicates below compare. Reasons are more precise than codes (a 410 is
 * `Expired` or `Gone`), and a Status sent inside a watch (an `ERROR`
 * event) carries them too, so the predicates take either an error or a
 * Status.
 */
function reasonOrCode(e: unknown): { reason?: string; code?: number } {
  if (e instanceof ApiError) return { reason: e.reason, code: e.code };
  if (typeof e === "object" && e !== null && (e as Status).kind === "Status") {
    const { reason, code } = e as Status;
    return { reason, code };
  }
  return {};
}

function isStatusOf(e: unknown, code: number, ...reasons: string[]): boolean {
  const seen = reasonOrCode(e);
  return seen.code === code || (seen.reason !== undefined && reasons.includes(seen.reason));
}

/**
 * The object does not exist: 404 NotFound.
 *
 * @param e An error (an {@linkcode ApiError} matches) or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts ignore
 * const pod = await pods.get("web-0").catch((e) => isNotFound(e) ? undefined : Promise.reject(e));
 * ```
 */
export function isNotFound(e: unknown): boolean {
  return isStatusOf(e, 404, "NotFound");
}

/**
 * The write lost a race: 409 Conflict (a stale resourceVersion, or apply
 * conflicts with another field manager). Read again and retry.
 *
 * @param e An error or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts ignore
 * try { await api.replace(name, object); } catch (e) { if (!isConflict(e)) throw e; }
 * ```
 */
export function isConflict(e: unknown): boolean {
  const { reason, code } = reasonOrCode(e);
  return reason === "Conflict" || (code === 409 && reason !== "AlreadyExists");
}

/**
 * A create found the name taken: 409 AlreadyExists.
 *
 * @param e An error or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts ignore
 * await api.create(object).catch((e) => { if (!isAlreadyExists(e)) throw e; });
 * ```
 */
export function isAlreadyExists(e: unknown): boolean {
  return reasonOrCode(e).reason === "AlreadyExists";
}

/**
 * The resourceVersion asked for is too old (compacted, or from before a
 * restart), or a continue token expired: 410 Gone or Expired. Relist.
 *
 * @param e An error or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts
 * import { isGone } from "./errors.ts";
 * isGone({ kind: "Status", code: 410, reason: "Expired" }); // true
 * ```
 */
export function isGone(e: unknown): boolean {
  return isStatusOf(e, 410, "Gone", "Expired");
}

/**
 * The credentials are not allowed to do this: 403 Forbidden.
 *
 * @param e An error or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts ignore
 * if (isForbidden(e)) console.error("ask for RBAC on", e.path);
 * ```
 */
export function isForbidden(e: unknown): boolean {
  return isStatusOf(e, 403, "Forbidden");
}

/**
 * The credentials were not accepted: 401 Unauthorized.
 *
 * @param e An error or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts ignore
 * if (isUnauthorized(e)) console.error("log in again");
 * ```
 */
export function isUnauthorized(e: unknown): boolean {
  return isStatusOf(e, 401, "Unauthorized");
}

/**
 * The object was refused as invalid: 422 Invalid (its `details.causes`
 * name the fields).
 *
 * @param e An error or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts ignore
 * if (isInvalid(e)) for (const c of e.status.details?.causes ?? []) console.error(c.field, c.message);
 * ```
 */
export function isInvalid(e: unknown): boolean {
  return isStatusOf(e, 422, "Invalid");
}

/**
 * The server asks the client to slow down: 429 TooManyRequests.
 *
 * @param e An error or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts ignore
 * if (isTooManyRequests(e)) await new Promise((r) => setTimeout(r, 1000));
 * ```
 */
export function isTooManyRequests(e: unknown): boolean {
  return isStatusOf(e, 429, "TooManyRequests");
}

/**
 * The request was malformed or is not possible as asked: 400 BadRequest.
 *
 * @param e An error or a `Status`.
 * @returns Whether it says so.
 *
 * @example
 * ```ts ignore
 * if (isBadRequest(e)) console.error(e.message);
 * ```
 */
export function isBadRequest(e: unknown): boolean {
  return isStatusOf(e, 400, "BadRequest");
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
 *
 * @example
 * ```ts
 * import { excerpt } from "./errors.ts";
 * excerpt('{"kind":"Secret","data":{"password":"aHVudGVyMg=="}}'); // the data's value is not quoted
 * ```
 */
export function excerpt(text: string, max = 300): string {
  const safe = text.replace(SECRET_FIELDS, '"$1":"<redacted>"');
  return safe.length <= max ? safe : `${safe.slice(0, max)}... (${text.length} chars)`;
}

const IDENTITY = {
  type: /"type"\s*:\s*"(ADDED|MODIFIED|DELETED|BOOKMARK|ERROR)"/,
  kind: /"kind"\s*:\s*"([A-Za-z0-9]{1,63})"/,
  namespace: /"namespace"\s*:\s*"([a-z0-9.-]{1,63})"/,
  name: /"name"\s*:\s*"([A-Za-z0-9.:_-]{1,253})"/,
};

/**
 * Describes JSON text that could not be used without quoting any of its
 * content: it may be a Secret, or hold one inside a string (a Secret's
 * `kubectl.kubernetes.io/last-applied-configuration` annotation holds its
 * data as escaped JSON, which no field-name redaction can find). It gives
 * the length, where parsing stopped, and what the object seems to be.
 * Text that does not start like JSON (an HTML error page) is quoted, cut
 * short, with secret fields hidden.
 *
 * @param text The text that did not parse.
 * @param error The `JSON.parse` error, for the position (its message may
 * quote the text, so it is not repeated).
 * @returns E.g. `1834 bytes, broken at 1201 (a MODIFIED Secret default/db)`.
 *
 * @example
 * ```ts
 * import { describeUnparsable } from "./errors.ts";
 * const text = '{"type":"ADDED","object":{"kind":"Secret","metadata":{"name":"db"},"data":{"password":"c2Vj';
 * let error: unknown;
 * try { JSON.parse(text); } catch (e) { error = e; }
 * describeUnparsable(text, error); // no "c2Vj" in it
 * ```
 */
export function describeUnparsable(text: string, error?: unknown): string {
  // Only an object or array can hold a Kubernetes object; other text (a
  // proxy's HTML error page) is worth quoting.
  if (!/^\s*[[{]/.test(text)) return `it begins: ${excerpt(text.trim(), 200)}`;
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message)?.[1] ??
    (/end of (JSON )?input|Unterminated/i.test(message) ? String(text.length) : undefined);
  const found = Object.fromEntries(
    Object.entries(IDENTITY).map(([field, pattern]) => [field, pattern.exec(text)?.[1]]),
  );
  const what = [
    found.type,
    found.kind,
    found.name && (found.namespace ? `${found.namespace}/${found.name}` : found.name),
  ].filter(Boolean).join(" ");
  return `${text.length} characters${position ? `, broken at ${position}` : ""}${
    what ? ` (seemingly ${what})` : ""
  }; the content is not quoted, as it may hold secrets`;
}
