/**
 * The `oidc` auth provider of a kubeconfig user: its `id-token` is sent
 * until it expires, then renewed with its `refresh-token` at the issuer's
 * token endpoint, and the renewed tokens kept in memory.
 *
 * @module
 */

import { ConfigError, excerpt } from "../errors.ts";

/**
 * The `auth-provider.config` of an `oidc` user, as kubectl writes it.
 *
 * @example
 * ```ts
 * import type { OidcConfig } from "./oidc.ts";
 * const config: OidcConfig = {
 *   "idp-issuer-url": "https://dex.example.com",
 *   "client-id": "kubernetes",
 *   "id-token": "eyJ...",
 *   "refresh-token": "Cg...",
 * };
 * ```
 */
export interface OidcConfig {
  /** The issuer; its `/.well-known/openid-configuration` names the token endpoint. */
  "idp-issuer-url": string;
  /** The OAuth client's id. */
  "client-id": string;
  /** The OAuth client's secret, if it has one. */
  "client-secret"?: string;
  /** The current ID token (a JWT), sent as the bearer token until its `exp`. */
  "id-token"?: string;
  /** The refresh token that renews it. */
  "refresh-token"?: string;
}

/**
 * How an {@linkcode OidcProvider} works.
 *
 * @example
 * ```ts
 * import type { OidcProviderOptions } from "./oidc.ts";
 * const options: OidcProviderOptions = { timeoutMs: 10_000, caCerts: [] };
 * ```
 */
export interface OidcProviderOptions {
  /** The clock that decides expiry, in ms since the epoch: `Date.now`. */
  now?: () => number;
  /** How long discovery plus the refresh may take, in milliseconds: 30 s. */
  timeoutMs?: number;
  /**
   * CA certificates (PEM) to trust for the issuer besides the system's:
   * the user's `idp-certificate-authority(-data)`.
   */
  caCerts?: string[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * An `oidc` auth provider: hands out the ID token, renewing it when it has
 * expired. Concurrent callers share one renewal. Tokens live in private
 * fields and never appear in a message.
 *
 * @example
 * ```ts ignore
 * import { OidcProvider } from "./oidc.ts";
 * const oidc = new OidcProvider(
 *   { "idp-issuer-url": "https://dex.example.com", "client-id": "kubernetes", "refresh-token": "r" },
 *   'user "me" in ~/.kube/config',
 * );
 * const token = await oidc.token();
 * ```
 */
export class OidcProvider {
  #config: OidcConfig;
  #where: string;
  #now: () => number;
  #timeoutMs: number;
  #caCerts: string[] | undefined;
  #idToken: string | undefined;
  #refreshToken: string | undefined;
  #stale = false;
  #refreshing: Promise<string> | undefined;

  /**
   * Creates an OidcProvider.
   *
   * @param config The user's `auth-provider.config`.
   * @param where Which user of which file, for error messages.
   * @param options The clock, and the renewal's deadline.
   * @throws {ConfigError} When `idp-issuer-url` or `client-id` is missing,
   * as kubectl refuses them.
   */
  constructor(config: OidcConfig, where: string, options: OidcProviderOptions = {}) {
    this.#where = `${where}: auth-provider "oidc"`;
    for (const field of ["idp-issuer-url", "client-id"] as const) {
      if (!config[field]) throw new ConfigError(`${this.#where} has no ${field}`);
    }
    this.#config = config;
    this.#idToken = config["id-token"] || undefined;
    this.#refreshToken = config["refresh-token"] || undefined;
    this.#now = options.now ?? Date.now;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#caCerts = options.caCerts;
  }

  /** Whether a renewal is possible: there is a refresh token. */
  get renewable(): boolean {
    return this.#refreshToken !== undefined;
  }

  /**
   * The ID token to send: the current one while its `exp` has not passed
   * and the server has not refused it, otherwise a renewed one.
   *
   * @returns The ID token.
   * @throws {ConfigError} When it has expired and cannot be renewed: no
   * refresh token, or the issuer could not be reached or refused.
   */
  token(): Promise<string> {
    const current = this.#idToken;
    if (current && !this.#stale && !this.#expired(current)) return Promise.resolve(current);
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** Marks the ID token as refused (the server answered 401): the next {@linkcode OidcProvider.token} renews it. */
  invalidate(): void {
    this.#stale = true;
  }

  /** A JWT's `exp` has passed (client-go keeps no margin), or it has none that can be read. */
  #expired(jwt: string): boolean {
    const exp = expiryOf(jwt);
    return exp === undefined || this.#now() >= exp * 1000;
  }

  async #refresh(): Promise<string> {
    const refreshToken = this.#refreshToken;
    if (!refreshToken) {
      const why = !this.#idToken
        ? "has no id-token"
        : expiryOf(this.#idToken) === undefined
        ? "has an id-token that is not a JWT with an exp claim"
        : this.#stale
        ? "has an id-token the API server refused"
        : "has an id-token that has expired";
      throw new ConfigError(
        `${this.#where} ${why}, and no refresh-token to renew it: log in again (for example with kubelogin) to get new tokens`,
      );
    }
    const issuer = this.#config["idp-issuer-url"].replace(/\/+$/, "");
    const http = this.#caCerts ? Deno.createHttpClient({ caCerts: this.#caCerts }) : undefined;
    const signal = AbortSignal.timeout(this.#timeoutMs);
    try {
      const discovery = await this.#fetchJson(
        `${issuer}/.well-known/openid-configuration`,
        { signal, client: http },
        "the discovery document",
      );
      const endpoint = discovery.token_endpoint;
      if (typeof endpoint !== "string" || !URL.canParse(endpoint)) {
        throw new ConfigError(
          `${this.#where}: the discovery document of ${issuer} names no token_endpoint`,
        );
      }
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: refreshToken,
      });
      const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
      const secret = this.#config["client-secret"];
      if (secret) {
        // RFC 6749 2.3.1: the id and secret, form-encoded, as basic auth.
        const pair = `${formEncode(this.#config["client-id"])}:${formEncode(secret)}`;
        headers.set("Authorization", `Basic ${btoa(pair)}`);
      } else {
        form.set("client_id", this.#config["client-id"]);
      }
      const answer = await this.#fetchJson(
        endpoint,
        { method: "POST", headers, body: form, signal, client: http },
        "the refresh",
      );
      if (typeof answer.id_token !== "string" || !answer.id_token) {
        throw new ConfigError(
          `${this.#where}: the token endpoint of ${issuer} answered the refresh without an id_token`,
        );
      }
      this.#idToken = answer.id_token;
      if (typeof answer.refresh_token === "string" && answer.refresh_token) {
        this.#refreshToken = answer.refresh_token;
      }
      this.#stale = false;
      return answer.id_token;
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      const what = signal.aborted
        ? `got no answer within ${this.#timeoutMs / 1000} s`
        : `could not be reached: ${(e as Error).message}`;
      throw new ConfigError(
        `${this.#where}: the id-token has to be renewed, but the issuer ${issuer} ${what}`,
        { cause: e },
      );
    } finally {
      http?.close();
    }
  }

  /** A JSON object from the issuer; a refusal names its OAuth `error`, never a token. */
  async #fetchJson(
    url: string,
    init: RequestInit & { client?: Deno.HttpClient },
    what: string,
  ): Promise<Record<string, unknown>> {
    const res = await fetch(url, init);
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Described below without being quoted.
    }
    const issuer = this.#config["idp-issuer-url"];
    if (!res.ok) {
      const error = isObject(body) && typeof body.error === "string"
        ? `: ${excerpt(body.error, 80)}${
          typeof body.error_description === "string"
            ? ` (${excerpt(body.error_description, 200)})`
            : ""
        }`
        : "";
      throw new ConfigError(
        `${this.#where}: the issuer ${issuer} refused ${what} with HTTP ${res.status}${error}; log in again if the refresh-token is no longer valid`,
      );
    }
    if (!isObject(body)) {
      throw new ConfigError(
        `${this.#where}: the issuer ${issuer} answered ${what} with ${text.length} characters that are not a JSON object`,
      );
    }
    return body;
  }
}

/** `application/x-www-form-urlencoded`, as RFC 6749 wants the client id and secret encoded. */
function formEncode(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}

/** A JWT's `exp` claim, in seconds since the epoch; undefined when it cannot be read. */
function expiryOf(jwt: string): number | undefined {
  const payload = jwt.split(".")[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return isObject(claims) && typeof claims.exp === "number" ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
