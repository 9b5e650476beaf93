/**
 * Exec credential plugins (`client.authentication.k8s.io/v1` and `v1beta1`):
 * a command that prints an `ExecCredential` holding a token or a client
 * certificate, cached until its `expirationTimestamp`.
 *
 * @module
 */

import { ConfigError, excerpt } from "../errors.ts";

/**
 * The `exec` section of a kubeconfig user.
 *
 * @example
 * ```ts
 * import type { ExecConfig } from "./exec.ts";
 * const exec: ExecConfig = {
 *   apiVersion: "client.authentication.k8s.io/v1",
 *   command: "aws",
 *   args: ["eks", "get-token", "--cluster-name", "prod"],
 * };
 * ```
 */
export interface ExecConfig {
  /** `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`. */
  apiVersion: string;
  /** The program to run; a path with a `/` is relative to the kubeconfig. */
  command: string;
  /** Its arguments. */
  args?: string[];
  /** Extra environment variables for it. */
  env?: { name: string; value: string }[] | null;
  /** Shown when the command cannot be found. */
  installHint?: string;
  /** Pass the cluster's server and CA to the plugin in `KUBERNETES_EXEC_INFO`. */
  provideClusterInfo?: boolean;
  /** `Never`, `IfAvailable` or `Always`; kube never has a terminal to offer. */
  interactiveMode?: string;
}

/**
 * What an exec plugin gave: a bearer token, or a client certificate and key.
 *
 * @example
 * ```ts
 * import type { ExecResult } from "./exec.ts";
 * const r: ExecResult = { token: "t", expiresAt: Date.now() + 60_000 };
 * ```
 */
export interface ExecResult {
  /** Bearer token. */
  token?: string;
  /** Client certificate, PEM. */
  cert?: string;
  /** Client key, PEM. */
  key?: string;
  /** When it expires (ms since the epoch); cached forever if absent. */
  expiresAt?: number;
}

const API_VERSIONS = [
  "client.authentication.k8s.io/v1",
  "client.authentication.k8s.io/v1beta1",
];

/**
 * Runs an exec credential plugin and caches what it prints until it expires.
 *
 * @example
 * ```ts ignore
 * import { ExecPlugin } from "./exec.ts";
 * const plugin = new ExecPlugin({ apiVersion: "client.authentication.k8s.io/v1", command: "my-plugin" }, "user dev in ~/.kube/config");
 * const { token } = await plugin.credential();
 * ```
 */
export class ExecPlugin {
  #config: ExecConfig;
  #where: string;
  #cluster: Record<string, unknown> | undefined;
  #now: () => number;
  #cached: ExecResult | undefined;
  #running: Promise<ExecResult> | undefined;

  /**
   * Creates a ExecPlugin.
   *
   * @param config The kubeconfig's `exec` section, paths already resolved.
   * @param where Which user of which file, for error messages.
   * @param cluster What `provideClusterInfo` passes: server, CA data, ...
   * @param now The clock that decides expiry, for tests.
   */
  constructor(
    config: ExecConfig,
    where: string,
    cluster?: Record<string, unknown>,
    now: () => number = Date.now,
  ) {
    if (!API_VERSIONS.includes(config.apiVersion)) {
      throw new ConfigError(
        `${where}: exec apiVersion "${config.apiVersion}" is not supported; use one of ${
          API_VERSIONS.join(", ")
        }`,
      );
    }
    if (!config.command) {
      throw new ConfigError(`${where}: exec has no command`);
    }
    if (config.interactiveMode === "Always") {
      throw new ConfigError(
        `${where}: exec plugin ${config.command} needs an interactive terminal (interactiveMode: Always), which kube cannot give it`,
      );
    }
    this.#config = config;
    this.#where = where;
    this.#cluster = cluster;
    this.#now = now;
  }

  /** The program it runs, for messages; its arguments may hold secrets, so they are left out. */
  get program(): string {
    return this.#config.command;
  }

  /**
   * The plugin's credential: the cached one while it has not expired,
   * otherwise a fresh one from running the command (concurrent callers share
   * one run).
   *
   * @returns A token, or a client certificate and key.
   * @throws {ConfigError} When the command fails, cannot be run, or prints no credential.
   */
  credential(): Promise<ExecResult> {
    const cached = this.#cached;
    if (
      cached &&
      (cached.expiresAt === undefined || cached.expiresAt > this.#now())
    ) {
      return Promise.resolve(cached);
    }
    this.#running ??= this.#run().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Forgets the cached credential, e.g. after the server answered 401. */
  invalidate(): void {
    this.#cached = undefined;
  }

  async #run(): Promise<ExecResult> {
    const { command, args = [], env, installHint } = this.#config;
    const info = {
      apiVersion: this.#config.apiVersion,
      kind: "ExecCredential",
      spec: {
        interactive: false,
        ...(this.#config.provideClusterInfo && this.#cluster ? { cluster: this.#cluster } : {}),
      },
    };
    const childEnv: Record<string, string> = {
      KUBERNETES_EXEC_INFO: JSON.stringify(info),
    };
    for (const { name, value } of env ?? []) childEnv[name] = value;

    let output: Deno.CommandOutput;
    try {
      output = await new Deno.Command(command, {
        args,
        env: childEnv,
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
      }).output();
    } catch (e) {
      const hint = installHint ? `\n${installHint.trim()}` : "";
      const why = e instanceof Deno.errors.NotFound
        ? "was not found"
        : `could not be run (${(e as Error).message})`;
      throw new ConfigError(
        `${this.#where}: exec plugin ${command} ${why}${hint}`,
        { cause: e },
      );
    }
    const decoder = new TextDecoder();
    if (!output.success) {
      const stderr = excerpt(decoder.decode(output.stderr).trim(), 500);
      throw new ConfigError(
        `${this.#where}: exec plugin ${command} exited with code ${output.code}${
          stderr ? `: ${stderr}` : ""
        }`,
      );
    }
    const result = this.#parse(decoder.decode(output.stdout));
    this.#cached = result;
    return result;
  }

  #parse(stdout: string): ExecResult {
    const fail = (what: string) =>
      new ConfigError(
        `${this.#where}: exec plugin ${this.#config.command} ${what}`,
      );
    let credential: unknown;
    try {
      credential = JSON.parse(stdout);
    } catch {
      // Never quote the output: it may hold a half-printed token.
      throw fail(
        `printed ${stdout.length} bytes that are not JSON; it must print an ExecCredential`,
      );
    }
    if (!isRecord(credential) || credential.kind !== "ExecCredential") {
      throw fail("did not print an ExecCredential (kind is missing or wrong)");
    }
    if (credential.apiVersion !== this.#config.apiVersion) {
      throw fail(
        `printed apiVersion "${credential.apiVersion}" but the kubeconfig asks for "${this.#config.apiVersion}"`,
      );
    }
    const status = isRecord(credential.status) ? credential.status : {};
    const token = typeof status.token === "string" ? status.token : undefined;
    const cert = typeof status.clientCertificateData === "string"
      ? status.clientCertificateData
      : undefined;
    const key = typeof status.clientKeyData === "string" ? status.clientKeyData : undefined;
    if (!token && !(cert && key)) {
      throw fail(
        "printed an ExecCredential with no status.token and no status.clientCertificateData/clientKeyData pair",
      );
    }
    let expiresAt: number | undefined;
    if (typeof status.expirationTimestamp === "string") {
      expiresAt = Date.parse(status.expirationTimestamp);
      if (Number.isNaN(expiresAt)) {
        throw fail(
          `printed an expirationTimestamp that is not a time: "${
            excerpt(status.expirationTimestamp, 60)
          }"`,
        );
      }
    }
    return { token, cert, key, expiresAt };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
