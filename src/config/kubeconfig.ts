/**
 * kubeconfig files: reading several, merging them by kubectl's rules, and
 * resolving one context into a {@linkcode ClientConfig}.
 *
 * @module
 */

import { base64 } from "../util/bytes.ts";
import { ConfigError } from "../errors.ts";
import type { ClientConfig } from "./client_config.ts";
import { Credentials, type CredentialSources } from "./credentials.ts";
import { type ExecConfig, ExecPlugin } from "./exec.ts";
import { OidcProvider } from "./oidc.ts";
import { type Impersonation, impersonationHeaders } from "./impersonation.ts";
import { redactUserinfo, takeUserinfo } from "./userinfo.ts";
import { parseYaml } from "./yaml.ts";

type Fields = Record<string, unknown>;

/**
 * A named kubeconfig entry (cluster, user or context) and the file that
 * defined it, against which its relative paths resolve.
 *
 * @example
 * ```ts
 * import type { KubeconfigEntry } from "./kubeconfig.ts";
 * const e: KubeconfigEntry = { name: "dev", fields: { server: "https://127.0.0.1:6443" }, file: "/home/me/.kube/config" };
 * ```
 */
export interface KubeconfigEntry {
  /** The entry's name. */
  name: string;
  /** The entry's fields, as written (e.g. `server`, `client-certificate`). */
  fields: Record<string, unknown>;
  /** The absolute path of the file that defined it. */
  file: string;
}

type Entry = KubeconfigEntry;

/**
 * Several kubeconfig files merged as kubectl merges them: the first file to
 * define a cluster, user or context name wins, and `current-context` comes
 * from the first file that sets it.
 *
 * @example
 * ```ts ignore
 * import { readKubeconfigs } from "./kubeconfig.ts";
 * const merged = await readKubeconfigs(["/a/config", "/b/config"]);
 * console.log(merged.currentContext, [...merged.contexts.keys()]);
 * ```
 */
export interface MergedKubeconfig {
  /** The files that were read, in order (missing ones left out). */
  files: string[];
  /** Clusters by name. */
  clusters: Map<string, KubeconfigEntry>;
  /** Users by name. */
  users: Map<string, KubeconfigEntry>;
  /** Contexts by name. */
  contexts: Map<string, KubeconfigEntry>;
  /** The current context's name, if any file set one. */
  currentContext?: string;
}

/**
 * Reads and merges kubeconfig files. Files that do not exist are skipped,
 * as kubectl skips them.
 *
 * @param paths The files, in `KUBECONFIG` order.
 * @returns The merged configuration.
 * @throws {ConfigError} When a file cannot be read or is not a kubeconfig.
 *
 * @example
 * ```ts ignore
 * import { readKubeconfigs } from "./kubeconfig.ts";
 * const merged = await readKubeconfigs([`${Deno.env.get("HOME")}/.kube/config`]);
 * ```
 */
export async function readKubeconfigs(
  paths: string[],
): Promise<MergedKubeconfig> {
  const merged: MergedKubeconfig = {
    files: [],
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const path of paths) {
    const file = absolute(path);
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) continue;
      throw new ConfigError(
        `${file}: cannot be read: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    merged.files.push(file);
    const doc = parseYaml(text, file, { schema: "kubectl" }) ?? {};
    if (!isFields(doc)) {
      throw new ConfigError(
        `${file}: not a kubeconfig (expected a mapping at the top)`,
      );
    }
    mergeEntries(merged.clusters, doc, "clusters", "cluster", file);
    mergeEntries(merged.users, doc, "users", "user", file);
    mergeEntries(merged.contexts, doc, "contexts", "context", file);
    const current = doc["current-context"];
    if (!merged.currentContext && typeof current === "string" && current) {
      merged.currentContext = current;
    }
  }
  return merged;
}

function mergeEntries(
  into: Map<string, Entry>,
  doc: Fields,
  listKey: string,
  itemKey: string,
  file: string,
): void {
  const list = doc[listKey] ?? [];
  if (!Array.isArray(list)) {
    throw new ConfigError(`${file}: "${listKey}" must be a list`);
  }
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (!isFields(item) || typeof item.name !== "string" || !item.name) {
      throw new ConfigError(`${file}: ${listKey}[${i}] has no name`);
    }
    const fields = item[itemKey] ?? {};
    if (!isFields(fields)) {
      throw new ConfigError(
        `${file}: ${listKey} entry "${item.name}": "${itemKey}" must be a mapping`,
      );
    }
    if (seen.has(item.name)) {
      throw new ConfigError(`${file}: ${itemKey} "${item.name}" is defined twice`);
    }
    seen.add(item.name);
    if (!into.has(item.name)) into.set(item.name, { name: item.name, fields, file });
  });
}

/**
 * How to pick and adjust the context.
 *
 * @example
 * ```ts
 * import type { ResolveOptions } from "./kubeconfig.ts";
 * const options: ResolveOptions = { context: "kind-kind", namespace: "demo", execTimeoutMs: 10_000 };
 * ```
 */
export interface ResolveOptions {
  /** The context to use instead of `current-context`. */
  context?: string;
  /** The namespace to use instead of the context's. */
  namespace?: string;
  /**
   * Accept a cluster with `insecure-skip-tls-verify: true`. Deno cannot skip
   * verification per client, so set this only when Deno runs with
   * `--unsafely-ignore-certificate-errors=HOST` for the server's host.
   */
  allowInsecureSkipTlsVerify?: boolean;
  /**
   * How long an exec credential plugin may run, in milliseconds, before it
   * is killed and the request fails: 60 s; `0` for no deadline.
   */
  execTimeoutMs?: number;
}

/**
 * Resolves one context of a merged kubeconfig: its cluster's server and CA,
 * its user's credentials (files read, relative paths taken against the file
 * that named them), and its namespace.
 *
 * @param merged The merged kubeconfig.
 * @param options Which context, and overrides.
 * @returns The configuration a client needs.
 * @throws {ConfigError} Naming the file and what is wrong: a missing context,
 * cluster or user, an unreadable certificate, an unsupported setting.
 *
 * @example
 * ```ts ignore
 * import { readKubeconfigs, resolveKubeconfig } from "./kubeconfig.ts";
 * const config = await resolveKubeconfig(await readKubeconfigs(["./kubeconfig"]), { context: "dev" });
 * ```
 */
export async function resolveKubeconfig(
  merged: MergedKubeconfig,
  options: ResolveOptions = {},
): Promise<ClientConfig> {
  const where = merged.files.join(":");
  const contextName = options.context ?? merged.currentContext;
  if (!contextName) {
    throw new ConfigError(
      `${where}: no current-context is set; pass a context or run "kubectl config use-context NAME"`,
    );
  }
  const context = merged.contexts.get(contextName);
  if (!context) {
    throw new ConfigError(
      `${where}: context "${contextName}" is not defined (contexts: ${
        [...merged.contexts.keys()].join(", ") || "none"
      })`,
    );
  }
  const clusterName = str(context, "cluster");
  const userName = str(context, "user") ?? "";
  const cluster = clusterName ? merged.clusters.get(clusterName) : undefined;
  if (!cluster) {
    throw new ConfigError(
      clusterName
        ? `${context.file}: context "${contextName}" names cluster "${clusterName}", which is not defined`
        : `${context.file}: context "${contextName}" names no cluster`,
    );
  }
  const user = userName ? merged.users.get(userName) : undefined;
  if (userName && !user) {
    throw new ConfigError(
      `${context.file}: context "${contextName}" names user "${userName}", which is not defined`,
    );
  }

  const clusterWhere = `${cluster.file}: cluster "${cluster.name}"`;
  const written = str(cluster, "server");
  if (!written) throw new ConfigError(`${clusterWhere} has no server`);
  // A user name and password in the URL are basic auth (Go's HTTP client
  // sends them), kept with the credentials, out of the URL shown and used.
  const { url: server, user: serverUser } = takeUserinfo(written, `${clusterWhere}: server`);
  if (!URL.canParse(server) || !/^https?:$/.test(new URL(server).protocol)) {
    throw new ConfigError(
      `${clusterWhere}: server "${redactUserinfo(written)}" is not an http(s) URL`,
    );
  }
  if (flag(cluster, "insecure-skip-tls-verify") && !options.allowInsecureSkipTlsVerify) {
    throw new ConfigError(
      `${clusterWhere} sets insecure-skip-tls-verify, which Deno's fetch cannot honour per client. ` +
        `Give the cluster's CA (certificate-authority or certificate-authority-data) instead, ` +
        `or start Deno with --unsafely-ignore-certificate-errors=${new URL(server).hostname} ` +
        `and pass { allowInsecureSkipTlsVerify: true }`,
    );
  }
  const serverName = str(cluster, "tls-server-name");
  if (serverName && (new URL(server).protocol !== "https:" || str(cluster, "proxy-url"))) {
    throw new ConfigError(
      `${clusterWhere} sets tls-server-name "${serverName}" ${
        str(cluster, "proxy-url")
          ? "and proxy-url, which kube cannot combine"
          : "for a server that is not https"
      }: point server at a host name the certificate holds instead`,
    );
  }
  const caBytes = await pemBytes(cluster, "certificate-authority", clusterWhere);
  const ca = caBytes && new TextDecoder().decode(caBytes);

  const proxyUrl = str(cluster, "proxy-url");
  // Deno authenticates to the proxy with the URL's userinfo, or with basicAuth.
  const proxy = proxyUrl ? takeUserinfo(proxyUrl, `${clusterWhere}: proxy-url`) : undefined;
  const namespace = options.namespace ?? str(context, "namespace") ?? "default";
  return {
    source: where,
    context: contextName,
    cluster: cluster.name,
    user: userName,
    server: server.replace(/\/+$/, ""),
    namespace: namespace || "default",
    caCerts: ca ? [ca] : undefined,
    proxyUrl: proxy?.url,
    ...(serverName ? { tlsServerName: serverName } : {}),
    ...(user ? impersonationOf(user) : {}),
    credentials: new Credentials({
      ...user && await credentialsOf(user, {
        cluster: () => execCluster(cluster, caBytes),
        timeoutMs: options.execTimeoutMs,
      }),
      serverUser,
      proxyUser: proxy?.user,
    }),
  };
}

/** What an exec plugin needs besides the user: its cluster, made only if asked for, and its deadline. */
interface ExecContext {
  cluster: () => Record<string, unknown>;
  timeoutMs?: number;
}

async function credentialsOf(user: Entry, context: ExecContext): Promise<CredentialSources> {
  const where = `${user.file}: user "${user.name}"`;
  const f = user.fields;
  let oidc: OidcProvider | undefined;
  if (isFields(f["auth-provider"])) oidc = await authProviderOf(user, f["auth-provider"], where);
  const cert = await pem(user, "client-certificate", where);
  const key = await pem(user, "client-key", where);
  if (Boolean(cert) !== Boolean(key)) {
    throw new ConfigError(
      `${where} has a client ${cert ? "certificate but no key" : "key but no certificate"}`,
    );
  }
  const token = str(user, "token");
  const tokenFile = str(user, "tokenFile");
  const username = str(user, "username");
  const password = str(user, "password");
  refuseTokenWithBasicAuth(where, { token, tokenFile, username, password });
  let exec: ExecPlugin | undefined;
  // client-go runs no exec plugin for a user with an auth provider.
  if (f.exec !== undefined && f.exec !== null && !oidc) {
    const config = execConfigOf(user, where);
    exec = new ExecPlugin(config, where, {
      // client-go describes the cluster only when asked to: the CA is
      // encoded for nothing otherwise.
      cluster: config.provideClusterInfo === true ? context.cluster() : undefined,
      timeoutMs: context.timeoutMs,
    });
  }
  return {
    cert,
    key,
    token,
    tokenFile: tokenFile ? relativeTo(user.file, tokenFile) : undefined,
    username,
    password,
    exec,
    oidc,
  };
}

/**
 * A user's `as`, `as-uid`, `as-groups` and `as-user-extra`, checked as
 * kubectl checks them: strings, a list of strings, a mapping of lists of
 * strings, and no uid, groups or extra without `as`.
 */
function impersonationOf(user: Entry): { impersonate?: Impersonation } {
  const where = `${user.file}: user "${user.name}"`;
  const as = str(user, "as");
  const uid = str(user, "as-uid");
  const groups = user.fields["as-groups"] ?? [];
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === "string")) {
    throw new ConfigError(`${where}: as-groups must be a list of strings`);
  }
  const extra = user.fields["as-user-extra"] ?? {};
  if (
    !isFields(extra) ||
    !Object.values(extra).every((v) =>
      v === null || (Array.isArray(v) && v.every((s) => typeof s === "string"))
    )
  ) {
    throw new ConfigError(`${where}: as-user-extra must map keys to lists of strings`);
  }
  const extras = Object.fromEntries(
    Object.entries(extra).map(([key, values]) => [key, (values ?? []) as string[]]),
  );
  if (!as) {
    if (uid || groups.length > 0 || Object.keys(extras).length > 0) {
      throw new ConfigError(
        `${where} sets as-uid, as-groups or as-user-extra without as: kubectl refuses to impersonate no one`,
      );
    }
    return {};
  }
  const impersonate: Impersonation = { user: as };
  if (uid) impersonate.uid = uid;
  if (groups.length > 0) impersonate.groups = groups;
  if (Object.keys(extras).length > 0) impersonate.extra = extras;
  try {
    // Refuses, at load time, what no header can carry.
    impersonationHeaders(impersonate);
  } catch (e) {
    throw new ConfigError(`${where}: ${(e as Error).message}`);
  }
  return { impersonate };
}

/** The auth providers kubectl 1.26 dropped, and the exec plugin that replaced each. */
const DROPPED_PROVIDERS: Record<string, string> = {
  gcp: "gke-gcloud-auth-plugin",
  azure: "kubelogin (github.com/Azure/kubelogin)",
};

/**
 * A user's `auth-provider`: `oidc` (still built into client-go) becomes an
 * {@linkcode OidcProvider}; `gcp` and `azure`, which kubectl dropped, and
 * any other name are refused, naming the provider.
 */
async function authProviderOf(user: Entry, provider: Fields, where: string): Promise<OidcProvider> {
  const name = String(provider.name ?? "");
  if (name !== "oidc") {
    const replacement = DROPPED_PROVIDERS[name];
    throw new ConfigError(
      replacement
        ? `${where} uses auth-provider "${name}", which kubectl dropped in 1.26 and kube does not support: use an exec plugin instead, ${replacement}`
        : `${where} uses auth-provider "${name}", which neither kubectl nor kube knows: use an exec plugin instead`,
    );
  }
  const raw = provider.config ?? {};
  if (!isFields(raw)) {
    throw new ConfigError(`${where}: auth-provider "oidc": "config" must be a mapping`);
  }
  const config = { name: `${user.name}`, fields: raw, file: user.file };
  const field = (key: string) => str(config, key);
  const caBytes = await pemBytes(
    config,
    "idp-certificate-authority",
    `${where}: auth-provider "oidc"`,
  );
  return new OidcProvider(
    {
      "idp-issuer-url": field("idp-issuer-url") ?? "",
      "client-id": field("client-id") ?? "",
      "client-secret": field("client-secret"),
      "id-token": field("id-token"),
      "refresh-token": field("refresh-token"),
    },
    where,
    { caCerts: caBytes && [new TextDecoder().decode(caBytes)] },
  );
}

/**
 * kubectl refuses a user with both a token and basic auth: clientcmd counts
 * an inline `token` and any of `username`/`password` as two methods ("more
 * than one authentication method found"), and client-go's transport refuses
 * a `tokenFile` with a `username` ("username/password or bearer token may be
 * set, but not both"). Names the fields, never their values.
 */
function refuseTokenWithBasicAuth(
  where: string,
  user: { token?: string; tokenFile?: string; username?: string; password?: string },
): void {
  const tokens = (["token", "tokenFile"] as const).filter((field) => user[field]);
  const basic = (["username", "password"] as const).filter((field) => user[field]);
  const conflict = (user.token && basic.length > 0) || (user.tokenFile && user.username);
  if (!conflict) return;
  throw new ConfigError(
    `${where} sets more than one authentication method, a bearer token (${tokens.join(", ")}) ` +
      `and basic auth (${basic.join(", ")}); kubectl refuses this too: keep only one`,
  );
}

/**
 * The user's `exec` section, checked, with relative paths resolved. kubectl
 * writes `args: null` and `env: null` back when it saves a kubeconfig
 * (`kubectl config use-context`): both mean none.
 */
function execConfigOf(user: Entry, where: string): ExecConfig {
  const exec = user.fields.exec;
  if (!isFields(exec)) {
    throw new ConfigError(`${where}: "exec" must be a mapping`);
  }
  const args = exec.args ?? [];
  if (!Array.isArray(args) || !args.every((arg) => typeof arg === "string")) {
    throw new ConfigError(`${where}: exec args must be a list of strings`);
  }
  const env = exec.env ?? [];
  if (!Array.isArray(env) || !env.every(isEnvVar)) {
    throw new ConfigError(
      `${where}: exec env must be a list of {name, value} entries whose name and value are strings`,
    );
  }
  const config = {
    ...exec,
    args,
    // A missing value is an empty one, as in kubectl.
    env: env.map(({ name, value }) => ({ name, value: value ?? "" })),
  } as unknown as ExecConfig;
  if (typeof config.command === "string" && config.command.includes("/")) {
    config.command = relativeTo(user.file, config.command);
  }
  return config;
}

function isEnvVar(value: unknown): value is { name: string; value?: string | null } {
  return isFields(value) && typeof value.name === "string" && value.name !== "" &&
    (value.value === undefined || value.value === null || typeof value.value === "string");
}

/** The cluster extension whose content client-go passes to exec plugins as `spec.cluster.config`. */
const EXEC_EXTENSION = "client.authentication.k8s.io/exec";

/**
 * What `provideClusterInfo` tells an exec plugin: the cluster as a
 * `client.authentication.k8s.io/v1` `Cluster`, with the fields this cluster
 * sets and `config` taken from its `client.authentication.k8s.io/exec`
 * extension, as client-go fills it.
 */
function execCluster(cluster: Entry, ca: Uint8Array | undefined): Record<string, unknown> {
  const f = cluster.fields;
  const info: Record<string, unknown> = { server: str(cluster, "server") };
  if (flag(cluster, "insecure-skip-tls-verify")) info["insecure-skip-tls-verify"] = true;
  const serverName = str(cluster, "tls-server-name");
  if (serverName) info["tls-server-name"] = serverName;
  if (ca) info["certificate-authority-data"] = base64(ca);
  const proxyUrl = str(cluster, "proxy-url");
  if (proxyUrl) info["proxy-url"] = proxyUrl;
  if (flag(cluster, "disable-compression")) info["disable-compression"] = true;
  const extensions = f.extensions ?? [];
  if (!Array.isArray(extensions)) {
    throw new ConfigError(
      `${cluster.file}: cluster "${cluster.name}": "extensions" must be a list`,
    );
  }
  const exec: unknown = extensions.find((e) => isFields(e) && e.name === EXEC_EXTENSION);
  // client-go sends `config: null` when the cluster has no such extension.
  info.config = isFields(exec) ? exec.extension ?? null : null;
  return info;
}

/** Reads `NAME-data` (base64) or the file `NAME` (relative to the entry's file), as text. */
async function pem(
  entry: Entry,
  name: string,
  where: string,
): Promise<string | undefined> {
  const bytes = await pemBytes(entry, name, where);
  return bytes && new TextDecoder().decode(bytes);
}

/** Reads `NAME-data` (base64) or the file `NAME` (relative to the entry's file), as bytes. */
async function pemBytes(
  entry: Entry,
  name: string,
  where: string,
): Promise<Uint8Array | undefined> {
  const data = str(entry, `${name}-data`);
  if (data) {
    try {
      return Uint8Array.from(atob(data.replace(/\s+/g, "")), (c) => c.charCodeAt(0));
    } catch {
      throw new ConfigError(`${where}: ${name}-data is not valid base64`);
    }
  }
  const file = str(entry, name);
  if (!file) return undefined;
  const path = relativeTo(entry.file, file);
  try {
    return await Deno.readFile(path);
  } catch (e) {
    throw new ConfigError(
      `${where}: ${name} file ${path} cannot be read: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
}

/** A string field of an entry; kubectl refuses a file whose field has another type, and so do we. */
function str(entry: Entry, key: string): string | undefined {
  const value = entry.fields[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") {
    throw new ConfigError(
      `${entry.file}: "${entry.name}": ${key} must be a string, not ${typeof value}`,
    );
  }
  return value;
}

/**
 * A boolean field of an entry. kubectl refuses any other type (`"true"`
 * quoted, `1`); YAML 1.1's `yes`, `on` and `y` are booleans already.
 */
function flag(entry: Entry, key: string): boolean {
  const value = entry.fields[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") {
    throw new ConfigError(
      `${entry.file}: "${entry.name}": ${key} must be true or false, not ${typeof value}`,
    );
  }
  return value;
}

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
}

/** A path from a kubeconfig, taken relative to the directory of that file. */
function relativeTo(file: string, path: string): string {
  if (path.startsWith("/")) return path;
  return `${file.slice(0, file.lastIndexOf("/"))}/${path}`;
}
