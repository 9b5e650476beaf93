/**
 * A command running in a pod's container (exec) or the container's own
 * process (attach), shaped like `Deno.ChildProcess`: stdin, stdout and
 * stderr as streams, and a status with the exit code.
 *
 * @module
 */

import type { CallOptions } from "../../http/request.ts";
import { concatBytes } from "../../util/bytes.ts";
import type { Client } from "../../http/client.ts";
import { ApiError, describeUnparsable, KubeError } from "../../errors.ts";
import type { Status } from "../../types/meta.ts";
import {
  Channel,
  closed,
  DEFAULT_MAX_BUFFERED_BYTES,
  EXEC_PROTOCOLS,
  Inbound,
  send,
} from "./channel.ts";

/**
 * What becomes of one of the process's standard streams: `"piped"` makes it
 * a stream of the {@linkcode PodProcess}; `"null"` does not ask the server
 * for it at all.
 *
 * @example
 * ```ts
 * import type { Stdio } from "./process.ts";
 * const stdin: Stdio = "piped";
 * ```
 */
export type Stdio = "piped" | "null";

/**
 * Options of {@linkcode PodApi.exec} and {@linkcode PodApi.attach}.
 *
 * @example
 * ```ts
 * import type { ExecOptions } from "./process.ts";
 * const shell: ExecOptions = { container: "web", stdin: "piped", tty: true };
 * const quiet: ExecOptions = { stdout: "piped", stderr: "null", signal: AbortSignal.timeout(30_000) };
 * ```
 */
export interface ExecOptions extends CallOptions {
  /** The container; the pod's only one if unset (a pod with several needs it). */
  container?: string;
  /** `"null"` by default: the process reads no input. */
  stdin?: Stdio;
  /** `"piped"` by default. */
  stdout?: Stdio;
  /**
   * `"piped"` by default; `"null"`, and nothing else, with a `tty`, which
   * merges stderr into stdout.
   */
  stderr?: Stdio;
  /**
   * Run the process on a terminal: output arrives as a terminal shows it
   * (`\r\n`, colours), and {@linkcode PodProcess.resize} sets its size.
   */
  tty?: boolean;
  /**
   * Ends the session: the status rejects and the streams fail with the
   * signal's reason. The command is not killed (see {@linkcode PodProcess.close}).
   */
  signal?: AbortSignal;
  /** The handshake's deadline in milliseconds; the client's (60 s) by default, `0` for none. */
  timeoutMs?: number;
  /**
   * The most bytes of stdout (and, apart, of stderr) that may arrive unread:
   * 16 MiB by default. WebSocket has no flow control, so past that the
   * session is closed and the stream fails with an error that says so.
   */
  maxBufferedBytes?: number;
}

/**
 * How a process ended, from the Status the server sends on the error
 * channel.
 *
 * @example
 * ```ts
 * import type { ExecStatus } from "./process.ts";
 * const failed: ExecStatus = { success: false, code: 3 };
 * ```
 */
export interface ExecStatus {
  /** Whether the exit code is 0. */
  success: boolean;
  /** The exit code. */
  code: number;
}

/**
 * What {@linkcode PodProcess.output} collects: the status, and every byte of
 * stdout and stderr (empty when not piped).
 *
 * @example
 * ```ts
 * import type { ExecOutput } from "./process.ts";
 * const out: ExecOutput = { success: true, code: 0, stdout: new TextEncoder().encode("hi\n"), stderr: new Uint8Array() };
 * ```
 */
export interface ExecOutput extends ExecStatus {
  /** All of stdout. */
  stdout: Uint8Array;
  /** All of stderr. */
  stderr: Uint8Array;
}

/**
 * A terminal's size, in characters.
 *
 * @example
 * ```ts
 * import type { TerminalSize } from "./process.ts";
 * const size: TerminalSize = { columns: 120, rows: 40 };
 * ```
 */
export interface TerminalSize {
  /** Characters a line. */
  columns: number;
  /** Lines. */
  rows: number;
}

/** The most bytes a Status may take on the error channel. */
const MAX_STATUS_BYTES = 1024 * 1024;

const utf8 = new TextDecoder();

/**
 * One exec or attach session on a WebSocket that speaks
 * `v5.channel.k8s.io` or `v4.channel.k8s.io`. Its streams carry the
 * process's stdin, stdout and stderr; its status comes from the Status the
 * server sends when the process ends.
 *
 * - **Backpressure**: WebSocket has no flow control, so what arrives waits
 *   in memory until read, up to `maxBufferedBytes` (16 MiB) a stream; past
 *   that the session is closed and the stream fails saying so. Read (or
 *   cancel) every piped stream, or set it to `"null"`.
 * - **End of input**: closing `stdin` sends v5's close message, and the
 *   process reads end of file. Under v4 (API servers before Kubernetes
 *   1.30, or with the WebSocket translator off) stdin cannot be half-closed:
 *   closing it does nothing, and the process reads until the session ends.
 *   {@linkcode PodProcess.protocol} says which was chosen.
 *
 * @example
 * ```ts ignore
 * const proc = await pods.exec("web-0", ["sh", "-c", "cat; exit 3"], { stdin: "piped" });
 * const writer = proc.stdin.getWriter();
 * await writer.write(new TextEncoder().encode("hello\n"));
 * await writer.close();
 * const { code, stdout } = await proc.output(); // 3, "hello\n"
 * ```
 */
export class PodProcess implements AsyncDisposable {
  /**
   * How the process ended: `{ success: true, code: 0 }` for a Status of
   * `Success`, `{ success: false, code: N }` for `NonZeroExitCode`. It
   * rejects with an {@linkcode ApiError} carrying any other failure Status
   * (a command that cannot be found, say), and with a {@linkcode KubeError}
   * when the session ends without a Status (closed, aborted, cut off).
   */
  readonly status: Promise<ExecStatus>;
  #socket: WebSocket;
  #path: string;
  #tty: boolean;
  #limit: number;
  #stdin: WritableStream<Uint8Array> | undefined;
  #stdout: Inbound | undefined;
  #stderr: Inbound | undefined;
  #resolve!: (status: ExecStatus) => void;
  #reject!: (error: unknown) => void;
  #settled = false;
  /** Why the session ended early, if it did. */
  #failure: unknown;
  #statusBytes: Uint8Array[] = [];
  #statusLength = 0;
  #signal: AbortSignal | undefined;
  #onAbort = () => this.#end(this.#signal?.reason, "error");

  /**
   * Creates a PodProcess on an open socket; {@linkcode PodApi.exec} and
   * {@linkcode PodApi.attach} do.
   *
   * @param socket The open socket, its `binaryType` `arraybuffer`.
   * @param options The request's path (for errors), which streams are
   * piped, tty, the signal and the buffer limit.
   */
  constructor(
    socket: WebSocket,
    options: {
      path: string;
      stdin: Stdio;
      stdout: Stdio;
      stderr: Stdio;
      tty?: boolean;
      signal?: AbortSignal;
      maxBufferedBytes?: number;
    },
  ) {
    this.#socket = socket;
    this.#path = options.path;
    this.#tty = options.tty ?? false;
    this.#limit = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.status = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A caller who only reads the streams need not await the status.
    this.status.catch(() => {});
    if (options.stdout === "piped") this.#stdout = new Inbound(this.#limit);
    if (options.stderr === "piped") this.#stderr = new Inbound(this.#limit);
    if (options.stdin === "piped") this.#stdin = this.#stdinStream();
    socket.addEventListener("message", (e) => this.#message(e));
    socket.addEventListener("close", (e) => this.#closed(e), { once: true });
    this.#signal = options.signal;
    if (this.#signal?.aborted) this.#onAbort();
    else this.#signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** The subprotocol the server chose: `v5.channel.k8s.io` or `v4.channel.k8s.io`. */
  get protocol(): string {
    return this.#socket.protocol;
  }

  /**
   * The process's stdin. Closing it is end of input under v5 only.
   *
   * @throws {TypeError} When stdin is not `"piped"`.
   */
  get stdin(): WritableStream<Uint8Array> {
    if (!this.#stdin) throw new TypeError(`${this.#path}: stdin is not "piped"`);
    return this.#stdin;
  }

  /**
   * The process's stdout (with a tty, stderr too). It ends when the session
   * does.
   *
   * @throws {TypeError} When stdout is not `"piped"`.
   */
  get stdout(): ReadableStream<Uint8Array> {
    if (!this.#stdout) throw new TypeError(`${this.#path}: stdout is not "piped"`);
    return this.#stdout.readable;
  }

  /**
   * The process's stderr. It ends when the session does.
   *
   * @throws {TypeError} When stderr is not `"piped"`.
   */
  get stderr(): ReadableStream<Uint8Array> {
    if (!this.#stderr) throw new TypeError(`${this.#path}: stderr is not "piped"`);
    return this.#stderr.readable;
  }

  /**
   * Reads stdout and stderr to their end and waits for the status.
   *
   * @returns The status and every byte of output.
   * @throws {ApiError} When the status carries a failure other than an exit code.
   * @throws {KubeError} When the session ends without a status.
   *
   * @example
   * ```ts ignore
   * const { success, stdout } = await (await pods.exec("web-0", ["date"])).output();
   * ```
   */
  async output(): Promise<ExecOutput> {
    const [stdout, stderr, status] = await Promise.all([
      readAll(this.#stdout),
      readAll(this.#stderr),
      this.status,
    ]);
    return { ...status, stdout, stderr };
  }

  /**
   * Sets the terminal's size (the process gets `SIGWINCH`).
   *
   * @param size Columns and rows.
   * @throws {KubeError} Without a tty.
   *
   * @example
   * ```ts ignore
   * const { columns, rows } = Deno.consoleSize();
   * proc.resize({ columns, rows });
   * ```
   */
  resize(size: TerminalSize): void {
    if (!this.#tty) throw new KubeError(`${this.#path}: resize needs a terminal (tty: true)`);
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    const json = JSON.stringify({ Width: size.columns, Height: size.rows });
    const body = new TextEncoder().encode(json);
    const frame = new Uint8Array(body.length + 1);
    frame[0] = Channel.RESIZE;
    frame.set(body, 1);
    this.#socket.send(frame);
  }

  /**
   * Ends the session: the streams end, and the status (if it has not come)
   * rejects. Kubernetes has no way to signal the process: it reads end of
   * input and fails to write output, and whether it stops then is up to it
   * (a shell on a tty gets `SIGHUP`).
   */
  close(): void {
    this.#end(new KubeError(`${this.#path}: the session was closed before the process ended`));
  }

  /** Closes the session (if the process has not ended) and waits for the socket to close. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await closed(this.#socket);
  }

  #stdinStream(): WritableStream<Uint8Array> {
    const endOfInput = () => {
      if (this.protocol !== "v5.channel.k8s.io") return;
      if (this.#socket.readyState === WebSocket.OPEN) {
        this.#socket.send(Uint8Array.of(Channel.CLOSE, Channel.STDIN));
      }
    };
    return new WritableStream<Uint8Array>({
      write: async (chunk) => {
        if (this.#socket.readyState !== WebSocket.OPEN) {
          throw this.#failure ?? new KubeError(`${this.#path}: stdin: the session has ended`);
        }
        await send(this.#socket, Channel.STDIN, chunk);
      },
      close: endOfInput,
      abort: endOfInput,
    });
  }

  #message(e: MessageEvent): void {
    if (!(e.data instanceof ArrayBuffer) || e.data.byteLength === 0) return;
    const bytes = new Uint8Array(e.data);
    const data = bytes.subarray(1);
    switch (bytes[0]) {
      case Channel.STDOUT:
        return this.#deliver(this.#stdout, data, "stdout");
      case Channel.STDERR:
        return this.#deliver(this.#stderr, data, "stderr");
      case Channel.ERROR:
        return this.#statusPart(data);
      case Channel.CLOSE:
        // v5 lets either side end a stream early; the server's streams end with the session anyway.
        if (data[0] === Channel.STDOUT) this.#stdout?.close();
        if (data[0] === Channel.STDERR) this.#stderr?.close();
    }
  }

  #deliver(stream: Inbound | undefined, data: Uint8Array, name: string): void {
    if (!stream || stream.push(data)) return;
    this.#end(
      new KubeError(
        `${this.#path}: ${name} has ${this.#limit} bytes unread, and WebSocket cannot ask the server to wait: the session is closed (read ${name} as it comes, set it to "null", or raise maxBufferedBytes)`,
      ),
      "fail",
    );
  }

  /** Part of the Status; it may come in several messages. */
  #statusPart(data: Uint8Array): void {
    if (this.#settled) return;
    this.#statusBytes.push(data.slice());
    this.#statusLength += data.length;
    if (this.#statusLength > MAX_STATUS_BYTES) {
      this.#end(
        new KubeError(
          `${this.#path}: the error channel carried more than ${MAX_STATUS_BYTES} bytes, which is no Status`,
        ),
        "fail",
      );
      return;
    }
    const status = this.#parseStatus();
    if (status) this.#settle(status);
  }

  #parseStatus(): Status | undefined {
    try {
      return JSON.parse(utf8.decode(concatBytes(this.#statusBytes, this.#statusLength)));
    } catch {
      return undefined;
    }
  }

  #settle(status: Status): void {
    if (this.#settled) return;
    this.#settled = true;
    const outcome = exitStatus(status, this.#path);
    if (outcome instanceof ApiError) this.#reject(outcome);
    else this.#resolve(outcome);
  }

  #closed(e: CloseEvent): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    if (!this.#settled) {
      const text = utf8.decode(concatBytes(this.#statusBytes, this.#statusLength));
      this.#end(
        text
          ? new KubeError(
            `${this.#path}: the error channel carried something that is not a Status: ${
              describeUnparsable(text)
            }`,
          )
          : new KubeError(
            `${this.#path}: the connection closed (code ${e.code}${
              e.reason ? `: ${e.reason}` : ""
            }) before the server sent the process's exit status`,
          ),
        "fail",
      );
    }
    for (const stream of [this.#stdout, this.#stderr]) {
      if (this.#failure === undefined) stream?.close();
      else stream?.fail(this.#failure);
    }
  }

  /**
   * Ends the session early: the status rejects with `error`, the streams
   * end (`close`), fail with it at once (`error`: the caller's abort), or
   * hand out the bytes that already arrived and then fail with it (`fail`:
   * the session broke, and what came before the break is the caller's),
   * and the socket closes.
   */
  #end(error: unknown, streams: "close" | "error" | "fail" = "close"): void {
    if (this.#failure !== undefined) return;
    this.#failure = error;
    if (!this.#settled) {
      this.#settled = true;
      this.#reject(error);
    }
    for (const stream of [this.#stdout, this.#stderr]) {
      if (streams === "close") stream?.close();
      else if (streams === "fail") stream?.fail(error);
      else stream?.error(error);
    }
    this.#socket.close();
  }
}

/**
 * Opens an exec (with `command`) or attach session.
 *
 * @param client The client.
 * @param path The pod's `exec` or `attach` path.
 * @param command The command and its arguments, for exec.
 * @param options Container, streams, tty, signal, deadline, buffer limit.
 * @returns The session, once the handshake is done.
 * @throws {ApiError} When the server refuses it (see {@linkcode Client.webSocket}).
 * @throws {KubeError} When the options make no session, or the server speaks
 * neither subprotocol.
 *
 * @example
 * ```ts ignore
 * import { startProcess } from "./process.ts";
 * const proc = await startProcess(client, "/api/v1/namespaces/default/pods/web-0/exec", ["date"]);
 * ```
 */
export async function startProcess(
  client: Client,
  path: string,
  command: string[] | undefined,
  options: ExecOptions = {},
): Promise<PodProcess> {
  const tty = options.tty ?? false;
  const stdin = options.stdin ?? "null";
  const stdout = options.stdout ?? "piped";
  const stderr = options.stderr ?? (tty ? "null" : "piped");
  if (command !== undefined && command.length === 0) {
    throw new KubeError(`${path}: the command is empty`);
  }
  if (tty && stderr === "piped") {
    throw new KubeError(`${path}: a terminal (tty) merges stderr into stdout: leave stderr unset`);
  }
  if (stdin === "null" && stdout === "null" && stderr === "null") {
    throw new KubeError(`${path}: stdin, stdout and stderr are all "null": pipe at least one`);
  }
  let process: PodProcess | undefined;
  const socket = await client.webSocket({
    path,
    connect: true,
    query: {
      command,
      container: options.container,
      stdin: stdin === "piped",
      stdout: stdout === "piped",
      stderr: stderr === "piped",
      tty,
    },
    protocols: EXEC_PROTOCOLS,
    onOpen: (socket) =>
      process = new PodProcess(socket, {
        path,
        stdin,
        stdout,
        stderr,
        tty,
        signal: options.signal,
        maxBufferedBytes: options.maxBufferedBytes,
      }),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
  });
  if (!process || !EXEC_PROTOCOLS.includes(socket.protocol)) {
    socket.close();
    throw new KubeError(
      `${path}: the server chose the subprotocol "${socket.protocol}"; kube speaks ${
        EXEC_PROTOCOLS.join(" and ")
      }`,
    );
  }
  return process;
}

/**
 * The exit status a Status says: `Success` is 0, `NonZeroExitCode` carries
 * its code in a cause of reason `ExitCode`; anything else is an error.
 */
function exitStatus(status: Status, path: string): ExecStatus | ApiError {
  if (status.status === "Success") return { success: true, code: 0 };
  if (status.reason === "NonZeroExitCode") {
    const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
    const code = Number(cause?.message);
    if (Number.isInteger(code) && code > 0) return { success: false, code };
  }
  return new ApiError("GET", path, { kind: "Status", ...status });
}

async function readAll(stream: Inbound | undefined): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}
