/**
 * User names and passwords written into a URL (`https://user:pass@host`):
 * taken out of the URL that is shown and used, and hidden in messages.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";

/**
 * A user name and password, as a URL's userinfo gives them (percent-decoded).
 *
 * @example
 * ```ts
 * import type { UrlUser } from "./userinfo.ts";
 * const user: UrlUser = { username: "admin", password: "" };
 * ```
 */
export interface UrlUser {
  /** The user name. */
  username: string;
  /** The password; empty when the URL gave none. */
  password: string;
}

/** `scheme://`, then the authority's userinfo up to its last `@` (Go's url.Parse reads it so). */
const USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/;

/**
 * Splits a URL's userinfo from the rest, as Go's `url.Parse` reads it: the
 * user name up to the first `:`, both parts percent-decoded.
 *
 * @param url A URL as written in a kubeconfig.
 * @param where What it is, for the error message.
 * @returns The URL without its userinfo, and the user if it had one.
 * @throws {ConfigError} When the userinfo is not valid percent-encoding
 * (the message does not quote it).
 *
 * @example
 * ```ts
 * import { takeUserinfo } from "./userinfo.ts";
 * const { url, user } = takeUserinfo("https://admin:pw@10.0.0.1:6443", "server");
 * // url: "https://10.0.0.1:6443", user: { username: "admin", password: "pw" }
 * ```
 */
export function takeUserinfo(url: string, where: string): { url: string; user?: UrlUser } {
  const match = USERINFO.exec(url);
  if (!match) return { url };
  const [whole, scheme, userinfo] = match;
  const colon = userinfo.indexOf(":");
  const [name, password] = colon < 0
    ? [userinfo, ""]
    : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  try {
    return {
      url: scheme + url.slice(whole.length),
      user: { username: decodeURIComponent(name), password: decodeURIComponent(password) },
    };
  } catch {
    throw new ConfigError(
      `${where}: the user name or password in the URL is not valid percent-encoding`,
    );
  }
}

/**
 * A URL fit for a message: its userinfo, if any, replaced by `***`.
 *
 * @param url Any text that may be a URL.
 * @returns The text with no user name or password in it.
 *
 * @example
 * ```ts
 * import { redactUserinfo } from "./userinfo.ts";
 * redactUserinfo("https://admin:pw@10.0.0.1:6443/api"); // "https://***@10.0.0.1:6443/api"
 * ```
 */
export function redactUserinfo(url: string): string {
  return url.replace(USERINFO, "$1***@");
}
