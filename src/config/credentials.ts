/**
 * How a client proves who it is: a bearer token (inline, from a file that
 * may rotate, or from an exec plugin), basic auth, or a client certificate.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import type { ExecPlugin } from "./exec.ts";
import type { OidcProvider } from "./oidc.ts";
import type { UrlUser } from "./userinfo.ts";

/**
 * What goes on a request: an `Authorization` header value and/or a client
 * certificate and key (PEM).
 *
 * @example
 * ```ts
 * import type { AuthMaterial } from "./credentials.ts";
 * const m: AuthMaterial = { authorization: "Bearer abc" };
 * ```
 */
export interface AuthMaterial {
  /** The `Authorization` header value. */
  authorization?: string;
  /** Client certificate chain, PEM. */
  cert?: string;
  /** Client private key, PEM. */
  key?: string;
  /**
   * CA certificates (PEM) to trust for the server, when they come from a
   * file that may rotate; the configuration's `caCerts` otherwise.
   */
  caCerts?: string[];
}

/**
 * The secrets a kubeconfig user (or a service account) may hold. Every field
 * is optional; together they say how to authenticate.
 *
 * @example
 * ```ts
 * import type { CredentialSources } from "./credentials.ts";
 * const sources: CredentialSources = { tokenFile: "/var/run/secrets/kubernetes.io/serviceaccount/token" };
 * ```
 */
export interface CredentialSources {
  /** Client certificate, PEM. */
  cert?: string;
  /** Client key, PEM. */
  key?: string;
  /** Bearer token. */
  token?: string;
  /** File holding a bearer token, re-read when it changes. */
  tokenFile?: string;
  /** File holding the server's CA certificates (PEM), re-read when it changes. */
  caFile?: string;
  /** Basic auth user name. */
  username?: string;
  /** Basic auth password. */
  password?: string;
  /** Exec credential plugin. */
  exec?: ExecPlugin;
  /** The `oidc` auth provider: an ID token, renewed with a refresh token. */
  oidc?: OidcProvider;
  /**
   * The user name and password of the server's URL: basic auth that Go's
   * HTTP client sends before any other credential is looked at, as kubectl does.
   */
  serverUser?: UrlUser;
  /** The user name and password of the proxy's URL, for the proxy's basic auth. */
  proxyUser?: UrlUser;
}

/**
 * A user's credentials. Secrets live in private fields: printing,
 * inspecting or serialising a `Credentials` shows only what kind it is.
 *
 * @example
 * ```ts
 * import { Credentials } from "./credentials.ts";
 * const creds = new Credentials({ token: "s3cret" });
 * console.log(String(creds)); // "Credentials(token)"
 * const { authorization } = await creds.get();
 * ```
 */
export class Credentials {
  #sources: CredentialSources;
  #fileToken: FileText | undefined;
  #fileCa: FileText | undefined;

  /**
   * Creates a Credentials.
   *
   * @param sources The secrets, already read from the kubeconfig.
   */
  constructor(sources: CredentialSources = {}) {
    this.#sources = sources;
  }

  /** Which kinds of credential these are, e.g. `token`, `clientCertificate`, `exec`. */
  get kinds(): string[] {
    const s = this.#sources;
    const kinds = [];
    if (s.cert && s.key) kinds.push("clientCertificate");
    if (s.token) kinds.push("token");
    if (s.tokenFile) kinds.push(`tokenFile ${s.tokenFile}`);
    if (s.username !== undefined) kinds.push("basic");
    if (s.exec) kinds.push(`exec ${s.exec.program}`);
    if (s.oidc) kinds.push("auth-provider oidc");
    if (s.serverUser) kinds.push("basic (server URL)");
    if (s.proxyUser) kinds.push("proxy basic");
    return kinds;
  }

  /**
   * The proxy's basic auth, from the user name and password in `proxy-url`
   * (which the URL shown no longer holds); as Deno's `Proxy.basicAuth`.
   */
  get proxyBasicAuth(): UrlUser | undefined {
    const user = this.#sources.proxyUser;
    return user && { ...user };
  }

  /** Client certificate and key known without running anything, if any. */
  get staticCertificate(): { cert: string; key: string } | undefined {
    const { cert, key } = this.#sources;
    return cert && key ? { cert, key } : undefined;
  }

  /**
   * What to put on the next request, chosen as client-go chooses: a token
   * file (re-read when it changes) over an inline token, then basic auth; an
   * exec plugin runs only when the user has none of these and no client
   * certificate, and is re-run when its credential expired. A user name and
   * password in the server's URL come before all of these.
   *
   * @returns The Authorization header value and client certificate to use,
   * and the CA when it comes from a file that may rotate.
   * @throws {ConfigError} When a token or CA file cannot be read or a plugin fails.
   */
  async get(): Promise<AuthMaterial> {
    const s = this.#sources;
    const material: AuthMaterial = { cert: s.cert, key: s.key };
    if (s.caFile) material.caCerts = [await this.#readCaFile(s.caFile)];
    switch (this.#source()) {
      case "serverUser":
        material.authorization = basic(s.serverUser!.username, s.serverUser!.password);
        break;
      case "tokenFile":
        material.authorization = `Bearer ${await this.#readTokenFile(s.tokenFile!)}`;
        break;
      case "token":
        material.authorization = `Bearer ${s.token}`;
        break;
      case "basic":
        material.authorization = basic(s.username!, s.password ?? "");
        break;
      case "oidc":
        material.authorization = `Bearer ${await s.oidc!.token()}`;
        break;
      case "exec": {
        const result = await s.exec!.credential();
        if (result.cert && result.key) {
          material.cert = result.cert;
          material.key = result.key;
        }
        if (result.token) material.authorization = `Bearer ${result.token}`;
      }
    }
    return material;
  }

  /**
   * Forgets cached credentials so the next {@linkcode Credentials.get} fetches
   * fresh ones; the client calls it after a 401.
   *
   * @returns Whether anything could be refreshed (a token file or a plugin).
   */
  invalidate(): boolean {
    this.#fileToken = undefined;
    this.#sources.exec?.invalidate();
    const source = this.#source();
    if (source === "oidc") {
      this.#sources.oidc!.invalidate();
      return this.#sources.oidc!.renewable;
    }
    return source === "tokenFile" || source === "exec";
  }

  /**
   * Which source {@linkcode Credentials.get} takes the Authorization header
   * from. client-go sends a token file's content over the inline token (the
   * inline one is only its first value), and does not run an exec plugin at
   * all when the user has a token, basic auth or a client certificate.
   */
  #source(): "serverUser" | "tokenFile" | "token" | "basic" | "oidc" | "exec" | "none" {
    const s = this.#sources;
    // Go's http.Client sets Authorization from the URL's userinfo before
    // client-go's round trippers run, and they leave a set header alone.
    if (s.serverUser) return "serverUser";
    if (s.tokenFile) return "tokenFile";
    if (s.token) return "token";
    if (s.username !== undefined) return "basic";
    if (s.oidc) return "oidc";
    if (s.exec && !(s.cert && s.key)) return "exec";
    return "none";
  }

  /** A description without secrets. */
  toString(): string {
    return `Credentials(${this.kinds.join(", ") || "none"})`;
  }

  /** A description without secrets, for `JSON.stringify`. */
  toJSON(): string {
    return this.toString();
  }

  /** A description without secrets, for `console.log` and `Deno.inspect`. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  async #readTokenFile(path: string): Promise<string> {
    const token = await readIfChanged(path, "token file", this.#fileToken);
    this.#fileToken = token;
    return token.text;
  }

  async #readCaFile(path: string): Promise<string> {
    const ca = await readIfChanged(path, "CA file", this.#fileCa);
    this.#fileCa = ca;
    return ca.text;
  }
}

/** A file's trimmed text, and its mtime when it was read. */
interface FileText {
  text: string;
  mtime: number | undefined;
}

/**
 * A file's text, read again only when its mtime changed: the kubelet
 * rotates a service account's token and CA by swapping the files.
 */
async function readIfChanged(
  path: string,
  what: string,
  cached: FileText | undefined,
): Promise<FileText> {
  const fail = (e: unknown) =>
    new ConfigError(`${what} ${path} cannot be read: ${(e as Error).message}`, { cause: e });
  let mtime: number | undefined;
  try {
    mtime = (await Deno.stat(path)).mtime?.getTime();
  } catch (e) {
    throw fail(e);
  }
  if (cached && mtime !== undefined && cached.mtime === mtime) return cached;
  let text: string;
  try {
    text = (await Deno.readTextFile(path)).trim();
  } catch (e) {
    throw fail(e);
  }
  if (!text) throw new ConfigError(`${what} ${path} is empty`);
  return { text, mtime };
}

/** A Basic Authorization header value; the pair is UTF-8, as client-go sends it. */
function basic(username: string, password: string): string {
  const pair = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...pair))}`;
}
