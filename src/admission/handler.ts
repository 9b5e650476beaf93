/**
 * admissionHandler: a `Deno.serve` handler that reads an AdmissionReview,
 * runs the caller's mutate and validate functions, and answers with the
 * review the API server expects, whatever those functions do.
 *
 * @module
 */

import type { KubeObject, Status } from "../types/meta.ts";
import { abortable, afterMs } from "../util/abort.ts";
import { type Clock, realClock } from "../util/clock.ts";
import { describeUnparsable, excerpt } from "../errors.ts";
import { base64 } from "../util/bytes.ts";
import { jsonPatch } from "./json_patch.ts";
import type { AdmissionRequest, AdmissionResponse, AdmissionReview } from "./types.ts";

/**
 * What a validate function decides. A denial's `message` (and `code`,
 * 403 by default) is what the user sees, after the API server's
 * `admission webhook "NAME" denied the request: `; `warnings` reach the
 * client either way.
 *
 * @example
 * ```ts
 * import type { ValidationResult } from "./handler.ts";
 * const ok: ValidationResult = { allowed: true, warnings: ["image tag :latest is mutable"] };
 * const no: ValidationResult = { allowed: false, message: "a team label is required" };
 * ```
 */
export type ValidationResult =
  | { allowed: true; warnings?: string[] }
  | { allowed: false; message: string; code?: number; warnings?: string[] };

/**
 * What a validate or mutate function gets beside the request.
 *
 * @example
 * ```ts
 * import type { AdmissionContext } from "./handler.ts";
 * const lookup = (context: AdmissionContext) =>
 *   fetch("https://policy.example/teams", { signal: context.signal });
 * ```
 */
export interface AdmissionContext {
  /** Aborts when the webhook's time is up and a denial has been sent instead. */
  signal: AbortSignal;
}

/**
 * What {@linkcode admissionHandler} does with a review.
 *
 * @typeParam T The type of the objects the webhook is registered for.
 *
 * @example
 * ```ts
 * import type { AdmissionHandlerOptions } from "./handler.ts";
 * import type { Pod } from "../types/core_v1.ts";
 * const options: AdmissionHandlerOptions<Pod> = {
 *   validate: (request) => request.object.spec?.containers.length
 *     ? { allowed: true }
 *     : { allowed: false, message: "a pod needs a container" },
 *   timeoutMs: 5_000,
 * };
 * ```
 */
export interface AdmissionHandlerOptions<T = KubeObject> {
  /**
   * Decides whether the request may go on. With `mutate`, it sees the
   * object as mutated. Without `validate`, every request is allowed.
   */
  validate?: (
    request: AdmissionRequest<T>,
    context: AdmissionContext,
  ) => ValidationResult | Promise<ValidationResult>;
  /**
   * Returns the object as it should be (a copy of the request is passed, so
   * changing it in place and returning it is fine), or `undefined` for no
   * change. kube answers with the JSON patch between the two. Not called
   * when the request has no object (DELETE).
   */
  mutate?: (
    request: AdmissionRequest<T>,
    context: AdmissionContext,
  ) => T | undefined | Promise<T | undefined>;
  /**
   * What to do with a dry-run request (`dryRun: true`; the webhook is then
   * expected to have no side effects): `call` (the default) passes it to
   * `mutate` and `validate`, which see `request.dryRun`; `allow` allows it
   * unchanged without calling them, for functions with side effects they
   * cannot hold back (register the webhook with `sideEffects: NoneOnDryRun`).
   */
  onDryRun?: "call" | "allow";
  /**
   * The largest body read, in bytes: 8 MiB. The API server takes request
   * bodies up to 3 MiB and a review carries both the new and the old object,
   * re-encoded as JSON; a larger body is refused with 413.
   */
  maxBodyBytes?: number;
  /**
   * The webhook's `timeoutSeconds`, in milliseconds: 10 s, the API server's
   * default. `mutate` and `validate` together get nine tenths of it (at most
   * one second less), so that the denial that answers an overrun arrives
   * before the API server gives up and applies the `failurePolicy`. The
   * deadline holds for what the functions await (a lookup, a fetch with
   * `context.signal`); synchronous work cannot be interrupted.
   */
  timeoutMs?: number;
  /** The clock for the deadline; the real one. */
  clock?: Clock;
  /** Told when `mutate` or `validate` throws, returns something unusable or overruns, after the denial is made. */
  onError?: (error: unknown, request: AdmissionRequest<T>) => void;
}

const API_VERSION = "admission.k8s.io/v1";
const DEFAULT_MAX_BODY = 8 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/** The Status reason the API server would give each code, so that kube's predicates read a denial right. */
const REASONS: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

/** A failure of the caller's function: the denial already says what happened. */
class HandlerFailure extends Error {
  constructor(message: string, readonly code: number, options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * Makes a `Deno.serve` handler for an admission webhook (validating,
 * mutating, or both: `mutate` runs first and `validate` sees its result).
 *
 * Each POSTed `admission.k8s.io/v1` AdmissionReview is answered with a
 * review carrying the request's `uid`, `allowed`, the denial's `status`,
 * `warnings`, and for a mutation the RFC 6902 patch (base64,
 * `patchType: JSONPatch`). A body that is not such a review gets a 400
 * naming what is wrong (413 when too large, 405 for another method). A
 * function that throws, returns something unusable or overruns the
 * deadline never makes a 500: the request is denied with a message that
 * says so (code 500, or 504 for the deadline).
 *
 * @typeParam T The type of the objects the webhook is registered for.
 * @param options The functions, and limits.
 * @returns The handler; it never rejects.
 *
 * @example Deny pods without a team label
 * ```ts
 * import { admissionHandler } from "./handler.ts";
 * import type { Pod } from "../types/core_v1.ts";
 * const handler = admissionHandler<Pod>({
 *   validate: (request) => request.object.metadata.labels?.team
 *     ? { allowed: true }
 *     : { allowed: false, message: "a team label is required" },
 * });
 * const review = {
 *   apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview",
 *   request: {
 *     uid: "1", kind: { group: "", version: "v1", kind: "Pod" },
 *     resource: { group: "", version: "v1", resource: "pods" },
 *     operation: "CREATE", userInfo: {}, object: { metadata: { name: "p" } },
 *   },
 * };
 * const answer = await handler(new Request("https://hook/", {
 *   method: "POST", body: JSON.stringify(review),
 * }));
 * const { response } = await answer.json();
 * console.assert(response.uid === "1" && response.allowed === false);
 * ```
 */
export function admissionHandler<T = KubeObject>(
  options: AdmissionHandlerOptions<T>,
): (request: Request) => Promise<Response> {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const budgetMs = timeoutMs - Math.min(1_000, timeoutMs / 10);
  const clock = options.clock ?? realClock;

  return async (httpRequest: Request): Promise<Response> => {
    if (httpRequest.method !== "POST") {
      return refuse(
        405,
        `admission webhook: ${httpRequest.method} is not served; the API server POSTs an AdmissionReview`,
        { allow: "POST" },
      );
    }
    let body: string | undefined;
    try {
      body = await readBounded(httpRequest, maxBody);
    } catch (e) {
      return refuse(400, `admission webhook: the body could not be read: ${e}`);
    }
    if (body === undefined) {
      return refuse(
        413,
        `admission webhook: the body is larger than ${maxBody} bytes (maxBodyBytes)`,
      );
    }
    const parsed = parseReview(body);
    if (typeof parsed === "string") return refuse(400, `admission webhook: ${parsed}`);
    const request = parsed as AdmissionRequest<T>;
    const response = request.dryRun && options.onDryRun === "allow"
      ? { uid: request.uid, allowed: true }
      : await review(request, options, budgetMs, timeoutMs, clock);
    return answer(response);
  };
}

/**
 * Runs mutate then validate within the budget, and turns any failure into a
 * denial. The deadline is armed only when a function returns a promise: a
 * synchronous one cannot be interrupted, and most webhooks need no timer.
 */
async function review<T>(
  request: AdmissionRequest<T>,
  options: AdmissionHandlerOptions<T>,
  budgetMs: number,
  timeoutMs: number,
  clock: Clock,
): Promise<AdmissionResponse> {
  const started = clock.now();
  const abort = new AbortController();
  const context: AdmissionContext = { signal: abort.signal };
  let timer: Disposable | undefined;
  let phase = "";

  /** Calls a caller's function, naming it in what it throws, and holding a promise to the deadline. */
  const call = async <R>(name: string, fn: () => R | Promise<R>): Promise<R> => {
    phase = name;
    try {
      const value = fn();
      if (!isThenable(value)) return value;
      // Armed at the first promise, with what is left of the budget: a time out aborts the context.
      timer ??= afterMs(clock, Math.max(0, budgetMs - (clock.now() - started)), () =>
        abort.abort(
          new HandlerFailure(
            `${phase} did not answer within ${budgetMs} ms (the webhook's timeout is ${timeoutMs} ms)`,
            504,
          ),
        ));
      return await abortable(Promise.resolve(value), abort.signal);
    } catch (e) {
      if (e instanceof HandlerFailure) throw e;
      const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      throw new HandlerFailure(`${name} failed: ${excerpt(text, 300)}`, 500, { cause: e });
    }
  };

  try {
    const response: AdmissionResponse = { uid: request.uid, allowed: true };
    let checked = request;
    if (options.mutate && isObject(request.object)) {
      const copy = structuredClone(request);
      const mutated = await call("mutate", () => options.mutate!(copy, context));
      if (mutated !== undefined) {
        if (!isObject(mutated)) {
          throw new HandlerFailure(
            `mutate returned ${describe(mutated)}, not an object or undefined`,
            500,
          );
        }
        const ops = jsonPatch(request.object, mutated);
        if (ops.length > 0) {
          response.patchType = "JSONPatch";
          response.patch = base64(JSON.stringify(ops));
        }
        checked = { ...request, object: mutated };
      }
    }
    if (options.validate) {
      const verdict = checkResult(
        await call("validate", () => options.validate!(checked, context)),
      );
      if (verdict.warnings.length > 0) response.warnings = verdict.warnings;
      if (!verdict.allowed) {
        delete response.patch;
        delete response.patchType;
        response.allowed = false;
        response.status = status(verdict.code, verdict.message);
      }
    }
    return response;
  } catch (e) {
    const failure = e instanceof HandlerFailure
      ? e
      : new HandlerFailure(`${phase} failed: ${e}`, 500, { cause: e });
    abort.abort(failure);
    try {
      options.onError?.(failure.cause ?? failure, request);
    } catch {
      // A failing error reporter must not turn the denial into a 500.
    }
    return { uid: request.uid, allowed: false, status: status(failure.code, failure.message) };
  } finally {
    timer?.[Symbol.dispose]();
  }
}

interface Verdict {
  allowed: boolean;
  message: string;
  code: number;
  warnings: string[];
}

function checkResult(result: unknown): Verdict {
  if (!isObject(result) || typeof result.allowed !== "boolean") {
    throw new HandlerFailure(
      `validate returned ${describe(result)}, not { allowed: true | false, ... }`,
      500,
    );
  }
  const warnings = Array.isArray(result.warnings)
    ? result.warnings.filter((w) => typeof w === "string")
    : [];
  const code =
    typeof result.code === "number" && Number.isInteger(result.code) && result.code >= 400 &&
      result.code < 600
      ? result.code
      : 403;
  const message = typeof result.message === "string" && result.message
    ? result.message
    : "denied without a message";
  return { allowed: result.allowed, message, code, warnings };
}

function status(code: number, message: string): Status {
  return { status: "Failure", code, reason: REASONS[code], message };
}

/**
 * Checks the envelope and the request's required fields.
 *
 * @returns The request, or what is wrong.
 */
function parseReview(text: string): AdmissionRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `the body is not JSON (${describeUnparsable(text, e)})`;
  }
  if (!isObject(value)) {
    return `the body is ${describe(value, true)}, not an AdmissionReview object`;
  }
  if (value.kind !== "AdmissionReview") {
    return `the body's kind is ${describe(value.kind, true)}, not "AdmissionReview"`;
  }
  if (value.apiVersion !== API_VERSION) {
    const version = describe(value.apiVersion, true);
    return `the AdmissionReview's apiVersion is ${version}; only ${API_VERSION} is served (list only "v1" in the webhook's admissionReviewVersions)`;
  }
  const request = value.request;
  if (!isObject(request)) return `the AdmissionReview has no request object`;
  const missing = [];
  if (typeof request.uid !== "string" || !request.uid) missing.push("uid");
  if (!isObject(request.kind)) missing.push("kind");
  if (typeof request.operation !== "string") missing.push("operation");
  if (missing.length > 0) return `the AdmissionReview's request has no ${missing.join(", ")}`;
  return request as unknown as AdmissionRequest;
}

/**
 * Reads the body up to `max` bytes; `undefined` when it is longer. A body
 * with a Content-Length (what the API server sends) is read whole, as the
 * server stops it at that length; a chunked one is counted as it arrives.
 */
async function readBounded(request: Request, max: number): Promise<string | undefined> {
  const declared = request.headers.get("content-length");
  if (declared !== null) return Number(declared) > max ? undefined : await request.text();
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.length;
    if (size > max) return undefined; // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}

function answer(response: AdmissionResponse): Response {
  const review: AdmissionReview = { apiVersion: API_VERSION, kind: "AdmissionReview", response };
  return new Response(JSON.stringify(review), {
    headers: { "content-type": "application/json" },
  });
}

function refuse(code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message + "\n", {
    status: code,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}

function isThenable<R>(value: R | PromiseLike<R>): value is PromiseLike<R> {
  return typeof (value as PromiseLike<R> | undefined)?.then === "function";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Names a value's type for a message without quoting it, as it may come
 * from user data; with `names`, a short identifier-like string (a kind, an
 * apiVersion) is quoted, being what the reader needs to see.
 */
function describe(value: unknown, names = false): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string" && names && value.length <= 40 && /^[\w./-]*$/.test(value)) {
    return JSON.stringify(value);
  }
  return typeof value === "object"
    ? "an object"
    : typeof value === "undefined"
    ? "undefined"
    : `a ${typeof value}`;
}
