/**
 * What an answer of the API server means: its JSON, or the error it stands
 * for, carrying the server's Status.
 *
 * @module
 */

import { ApiError, describeUnparsable, excerpt, KubeError } from "../errors.ts";
import type { Status } from "../types/meta.ts";
import type { Flight } from "./pool.ts";
import type { RequestOptions } from "./request.ts";

/**
 * Parses the text of an answer to `options`.
 *
 * @typeParam T What the answer holds.
 * @param options The request it answers, named in the error.
 * @param text The answer's text.
 * @returns The parsed answer.
 * @throws {KubeError} When it is not JSON, saying what it seems to be but
 * quoting none of it.
 *
 * @example
 * ```ts
 * import { parseAnswer } from "./response.ts";
 * const version = parseAnswer<{ major: string }>({ path: "/version" }, '{"major":"1"}');
 * ```
 */
export function parseAnswer<T>(options: RequestOptions, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new KubeError(
      `${options.method ?? "GET"} ${options.path}: the answer is not JSON: ${
        describeUnparsable(text, e)
      }`,
      { cause: e },
    );
  }
}

/**
 * Turns a non-2xx answer into an {@linkcode ApiError}: with the server's
 * Status when it sent one, else a Status made from the HTTP status (a
 * proxy's error page is quoted in part; JSON that is not a Status is not
 * quoted at all, for it may hold secrets).
 *
 * @param method The request's method.
 * @param path The request's path.
 * @param res The answer.
 * @param flight The request's flight, which reads the body within its deadline.
 * @returns The error.
 *
 * @example
 * ```ts ignore
 * if (!res.ok) throw await errorOf("GET", path, res, flight);
 * ```
 */
export async function errorOf(
  method: string,
  path: string,
  res: Response,
  flight: Flight,
): Promise<ApiError> {
  const text = await flight.wait(res.text()).catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page, say): quoted below, secret fields hidden.
  }
  if (isStatus(body)) return new ApiError(method, path, { ...body, code: body.code ?? res.status });
  const status: Status = {
    kind: "Status",
    apiVersion: "v1",
    status: "Failure",
    code: res.status,
    reason: reasonOf(res.status) || res.statusText,
    message: !text
      ? `HTTP ${res.status} with an empty body`
      : body === undefined
      ? `HTTP ${res.status}: ${excerpt(text.trim(), 200)}`
      // JSON that is not a Status may be an object, secrets and all: not quoted.
      : `HTTP ${res.status} with a JSON body that is not a Status (${text.length} characters)`,
  };
  return new ApiError(method, path, status);
}

function isStatus(body: unknown): body is Status {
  return typeof body === "object" && body !== null && (body as Status).kind === "Status";
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

/**
 * One warn-value of a `Warning` response header (RFC 7234, section 5.5):
 * a three-digit code, the agent that added it, the text, and an optional
 * date. The API server sends code 299 with agent `-` for deprecated APIs,
 * unknown fields under `fieldValidation=Warn`, and admission warnings.
 *
 * @example
 * ```ts
 * import type { WarningValue } from "./response.ts";
 * const w: WarningValue = { code: 299, agent: "-", text: 'unknown field "spec.replica"' };
 * ```
 */
export interface WarningValue {
  /** The warn-code, e.g. 299 ("miscellaneous persistent warning"). */
  code: number;
  /** The warn-agent: a host (and port) or a pseudonym; `-` when unknown. */
  agent: string;
  /** The warn-text, unquoted and unescaped. */
  text: string;
  /** The warn-date (an HTTP-date), when the value carries one. */
  date?: string;
}

/**
 * Parses a `Warning` header's value: one or more comma-separated
 * warn-values, `CODE SP AGENT SP "TEXT" [SP "DATE"]`, whose quoted strings
 * may hold commas and backslash escapes. `fetch` joins a header sent
 * several times with `, `, which is the same list. Parsing stops at the
 * first value that does not fit the grammar; the values before it are
 * returned.
 *
 * @param header The header's value.
 * @returns The warn-values, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseWarnings } from "./response.ts";
 * const values = parseWarnings('299 - "a, \\"quoted\\" text", 299 - "second"');
 * assert.deepEqual(values.map((v) => v.text), ['a, "quoted" text', "second"]);
 * ```
 */
export function parseWarnings(header: string): WarningValue[] {
  const values: WarningValue[] = [];
  let at = 0;
  const spaces = () => {
    while (header[at] === " " || header[at] === "\t") at++;
  };
  /** A quoted-string at `at`, unescaped; undefined when there is none or it is not closed. */
  const quoted = (): string | undefined => {
    if (header[at] !== '"') return undefined;
    let text = "";
    for (at++; at < header.length; at++) {
      const c = header[at];
      if (c === '"') {
        at++;
        return text;
      }
      if (c === "\\") at++;
      if (at < header.length) text += header[at];
    }
    return undefined;
  };
  while (at < header.length) {
    spaces();
    // The list rule allows empty elements: `a, , b`.
    if (header[at] === ",") {
      at++;
      continue;
    }
    if (at >= header.length) break;
    const code = header.slice(at, at + 3);
    if (!/^\d{3}$/.test(code) || header[at + 3] !== " ") break;
    at += 4;
    const agentStart = at;
    while (at < header.length && !' \t,"'.includes(header[at])) at++;
    const agent = header.slice(agentStart, at);
    if (!agent || header[at] !== " ") break;
    at++;
    const text = quoted();
    if (text === undefined) break;
    let date: string | undefined;
    if (header[at] === " " && header[at + 1] === '"') {
      at++;
      date = quoted();
      if (date === undefined) break;
    }
    spaces();
    if (at < header.length && header[at] !== ",") break;
    values.push(
      date === undefined ? { code: Number(code), agent, text } : {
        code: Number(code),
        agent,
        text,
        date,
      },
    );
  }
  return values;
}
