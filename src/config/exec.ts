/**
 * Exec credential plugins (`client.authentication.k8s.io/v1` and `v1beta1`):
 * a command that prints an `ExecCredential` holding a token or a client
 * certificate, cached until its `expirationTimestamp`.
 *
 * @module
 */

import { cancelOnAbort, deadline } from "../util/abort.ts";
import { type Clock, realClock } from "../util/clock.ts";
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
  /** Its arguments; `null` (as `kubectl config` writes it) means none. */
  args?: string[] | null;
  /** Extra environment variables for it; `null` means none. */
  env?: { name: string; value: string }[] | null;
  /** Shown when the command cannot be found. */
  installHint?: string;
  /** Pass the cluster (server, CA, `extensions` config...) to the plugin in `KUBERNETES_EXEC_INFO`. */
  provideClusterInfo?: boolean;
  /**
   * `Never`, `IfAvailable` (the default) or `Always`: whether the plugin may
   * read the terminal, given to it as its stdin (and its stderr left on the
   * terminal) when this process's stdin is one, as kubectl gives it.
   */
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

/**
 * How an {@linkcode ExecPlugin} runs: what it tells the plugin, how long it
 * waits for it, and the clock that decides expiry.
 *
 * @example
 * ```ts
 * import type { ExecPluginOptions } from "./exec.ts";
 * const options: ExecPluginOptions = {
 *   cluster: { server: "https://127.0.0.1:6443" },
 *   timeoutMs: 10_000,
 * };
 * ```
 */
export interface ExecPluginOptions {
  /**
   * The `spec.cluster` of `KUBERNETES_EXEC_INFO` (a `client.authentication.k8s.io/v1`
   * `Cluster`: `server`, `certificate-authority-data`, `config`...), passed
   * only when the exec section sets `provideClusterInfo: true`.
   */
  cluster?: Record<string, unknown>;
  /**
   * How long one run of the plugin may take, in milliseconds, before it is
   * killed and the run fails: 60 s; `0` for no deadline. An interactive
   * run has none either: a person is typing.
   */
  timeoutMs?: number;
  /** Whether this process's stdin is a terminal: `Deno.stdin.isTerminal()`. */
  isTerminal?: () => boolean;
  /** The clock that decides expiry (ms since the epoch) and times a run: the real one. */
  clock?: Clock;
  /**
   * The clock's `now` alone.
   *
   * @deprecated Pass `clock`, whose `now()` this is.
   */
  now?: () => number;
}

/**
 * client-go waits for a plugin for ever; kube gives up after a minute, long
 * enough for a plugin that fetches a token over a slow network.
 */
const DEFAULT_TIMEOUT_MS = 60_000;

const INTERACTIVE_MODES = ["Never", "IfAvailable", "Always"];

const API_VERSIONS = [
  "client.authentication.k8s.io/v1",
  "client.authentication.k8s.io/v1beta1",
];

/**
 * Runs an exec credential plugin and caches what it prints until it expires.
 * A run that does not finish within its deadline is killed.
 *
 * @example
 * ```ts ignore
 * import { ExecPlugin } from "./exec.ts";
 * const plugin = new ExecPlugin(
 *   { apiVersion: "client.authentication.k8s.io/v1", command: "my-plugin" },
 *   "user dev in ~/.kube/config",
 *   { timeoutMs: 10_000 },
 * );
 * const { token } = await plugin.credential();
 * ```
 */
export class ExecPlugin {
  #config: ExecConfig;
  #where: string;
  #cluster: Record<string, unknown> | undefined;
  #timeoutMs: number;
  #now: () => number;
  #clock: Clock;
  #isTerminal: () => boolean;
  #cached: ExecResult | undefined;
  #running: Promise<ExecResult> | undefined;

  /**
   * Creates an ExecPlugin.
   *
   * @param config The kubeconfig's `exec` section, paths already resolved.
   * @param where Which user of which file, for error messages.
   * @param options The cluster to describe to the plugin, the deadline of a
   * run, the clock.
   * @throws {ConfigError} When the apiVersion is not supported, the command
   * is missing, or the interactiveMode is not one of the three.
   */
  constructor(
    config: ExecConfig,
    where: string,
    options: ExecPluginOptions = {},
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
    const mode = config.interactiveMode;
    if (mode !== undefined && mode !== null && !INTERACTIVE_MODES.includes(mode)) {
      throw new ConfigError(
        `${where}: exec interactiveMode "${mode}" is not one of ${INTERACTIVE_MODES.join(", ")}`,
      );
    }
    this.#config = config;
    this.#where = where;
    this.#cluster = options.cluster;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#clock = options.clock ?? realClock;
    this.#now = options.now ?? (() => this.#clock.now());
    this.#isTerminal = options.isTerminal ?? (() => Deno.stdin.isTerminal());
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
   * @throws {ConfigError} When the command fails, cannot be run, does not
   * finish within its deadline, or prints no credential.
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

  /**
   * Whether this run gets the terminal, as client-go decides: `Never` never,
   * `IfAvailable` (and no mode) when stdin is a terminal, `Always` only then.
   */
  #interactive(): boolean {
    const mode = this.#config.interactiveMode ?? "IfAvailable";
    if (mode === "Never") return false;
    const terminal = this.#isTerminal();
    if (mode === "Always" && !terminal) {
      throw new ConfigError(
        `${this.#where}: exec plugin ${this.#config.command} needs a terminal (interactiveMode: Always), ` +
          `but this process's stdin is not one: run it from a terminal, or get a credential the plugin can give without one`,
      );
    }
    return terminal;
  }

  async #run(): Promise<ExecResult> {
    const { command } = this.#config;
    const interactive = this.#interactive();
    const child = this.#spawn(interactive);
    const overrun = new AbortController();
    // A person may take any time to answer a prompt: no deadline then.
    using _timer = deadline(
      overrun,
      interactive ? undefined : this.#timeoutMs,
      () => undefined,
      this.#clock,
    );
    const kill = () => {
      try {
        child.kill("SIGKILL");
      } catch {
        // It exited on its own meanwhile.
      }
    };
    overrun.signal.addEventListener("abort", kill, { once: true });
    let status: Deno.CommandStatus, stdout: Uint8Array, stderr: Uint8Array;
    try {
      [status, stdout, stderr] = await Promise.all([
        child.status,
        collect(child.stdout, overrun.signal),
        // An interactive plugin's stderr is the terminal's: nothing to collect.
        interactive ? new Uint8Array() : collect(child.stderr, overrun.signal),
      ]);
    } finally {
      overrun.signal.removeEventListener("abort", kill);
    }
    if (overrun.signal.aborted) {
      throw new ConfigError(
        `${this.#where}: exec plugin ${command} did not finish within ${
          this.#timeoutMs / 1000
        } s and was killed`,
      );
    }
    const decoder = new TextDecoder();
    if (!status.success) {
      const detail = excerpt(decoder.decode(stderr).trim(), 500);
      throw new ConfigError(
        `${this.#where}: exec plugin ${command} exited with code ${status.code}${
          detail ? `: ${detail}` : ""
        }`,
      );
    }
    const result = this.#parse(decoder.decode(stdout));
    this.#cached = result;
    return result;
  }

  /**
   * Starts the command with `KUBERNETES_EXEC_INFO` and the kubeconfig's args
   * and env; an interactive one reads the terminal and writes its prompts
   * to it, as kubectl runs it.
   */
  #spawn(interactive: boolean): Deno.ChildProcess {
    const { command, args, env, installHint } = this.#config;
    const info = {
      apiVersion: this.#config.apiVersion,
      kind: "ExecCredential",
      spec: {
        interactive,
        ...(this.#config.provideClusterInfo && this.#cluster ? { cluster: this.#cluster } : {}),
      },
    };
    const childEnv: Record<string, string> = {
      KUBERNETES_EXEC_INFO: JSON.stringify(info),
    };
    for (const { name, value } of env ?? []) childEnv[name] = value;
    try {
      return new Deno.Command(command, {
        args: args ?? [],
        env: childEnv,
        stdin: interactive ? "inherit" : "null",
        stdout: "piped",
        stderr: interactive ? "inherit" : "piped",
      }).spawn();
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

/**
 * Reads a stream to its end, or until `signal` aborts: a killed plugin may
 * have left a process of its own holding the pipe open, so its end cannot
 * be waited for.
 */
async function collect(
  stream: ReadableStream<Uint8Array<ArrayBuffer>>,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  {
    using _cancel = cancelOnAbort(reader, signal);
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      chunks.push(r.value);
    }
  }
  return await new Blob(chunks).bytes();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
