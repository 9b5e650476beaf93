/**
 * Impersonation: acting as another user, with the `Impersonate-*` headers
 * that client-go sends for a kubeconfig's `as`, `as-uid`, `as-groups` and
 * `as-user-extra` (kubectl's `--as` flags).
 *
 * @module
 */

import { ConfigError } from "../errors.ts";

/**
 * Who to act as. The API server checks that the authenticated user may
 * `impersonate` each of these, then authorizes the request as this user.
 *
 * @example
 * ```ts
 * import type { Impersonation } from "./impersonation.ts";
 * const as: Impersonation = { user: "jane", groups: ["dev"], extra: { reason: ["debugging"] } };
 * ```
 */
export interface Impersonation {
  /** The user name (`Impersonate-User`). */
  user: string;
  /** The user's UID (`Impersonate-Uid`). */
  uid?: string;
  /** The groups, one `Impersonate-Group` header each. */
  groups?: readonly string[];
  /** Extra fields, one `Impersonate-Extra-KEY` header per value. */
  extra?: Readonly<Record<string, readonly string[]>>;
}

/** RFC 7230's token characters: what a header name may hold unescaped. */
const TCHAR = /^[A-Za-z0-9!#$&'*+\-.^_`|~]$/;

const utf8 = new TextEncoder();

/**
 * The headers that impersonate `as`, as client-go sends them: the extra
 * keys percent-encoded byte by byte where a header name may not hold the
 * byte (and `%` itself), values as their UTF-8 bytes.
 *
 * @param as Who to act as, or nothing.
 * @returns Header names and values, in order; empty without `as`.
 * @throws {ConfigError} When a UID, groups or extra are given without a user,
 * as kubectl refuses them.
 *
 * @example
 * ```ts
 * import { impersonationHeaders } from "./impersonation.ts";
 * impersonationHeaders({ user: "jane", groups: ["a", "b"], extra: { "example.com/scopes": ["view"] } });
 * // [["Impersonate-User", "jane"], ["Impersonate-Group", "a"], ["Impersonate-Group", "b"],
 * //  ["Impersonate-Extra-example.com%2Fscopes", "view"]]
 * ```
 */
export function impersonationHeaders(as: Impersonation | undefined): [string, string][] {
  if (!as) return [];
  if (!as.user) {
    if (as.uid || as.groups?.length || Object.keys(as.extra ?? {}).length) {
      throw new ConfigError(
        "impersonation: a uid, groups or extra are given without a user to act as",
      );
    }
    return [];
  }
  const headers: [string, string][] = [["Impersonate-User", bytes(as.user)]];
  if (as.uid) headers.push(["Impersonate-Uid", bytes(as.uid)]);
  for (const group of as.groups ?? []) headers.push(["Impersonate-Group", bytes(group)]);
  for (const [key, values] of Object.entries(as.extra ?? {})) {
    for (const value of values) headers.push([`Impersonate-Extra-${escapeKey(key)}`, bytes(value)]);
  }
  return headers;
}

/** client-go's headerKeyEscape: every byte that is not a token character, and `%`, as `%XX`. */
function escapeKey(key: string): string {
  let escaped = "";
  for (const byte of utf8.encode(key)) {
    const char = String.fromCharCode(byte);
    escaped += byte < 0x80 && TCHAR.test(char) && char !== "%"
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return escaped;
}

/**
 * A header value whose bytes on the wire are the text's UTF-8, as Go writes
 * a string.
 *
 * @throws {ConfigError} For a line break or NUL, which no header can carry.
 */
function bytes(text: string): string {
  if (/[\r\n\0]/.test(text)) {
    throw new ConfigError(
      "impersonation: a name or value holds a line break or NUL, which no header can carry",
    );
  }
  let latin1 = "";
  for (const byte of utf8.encode(text)) latin1 += String.fromCharCode(byte);
  return latin1;
}
