/**
 * Child processes: the contenders (run to completion, JSON on stdout) and
 * the server (kept running, its port on its first line).
 *
 * @module
 */

import { TextLineStream } from "./text_lines.ts";

/**
 * Runs a command to completion and parses the last line of its stdout as JSON.
 *
 * @typeParam T The JSON's shape.
 * @param cmd The program.
 * @param args Its arguments.
 * @returns The parsed JSON.
 * @throws {Error} With its stderr, when it fails.
 *
 * @example
 * ```ts ignore
 * const result = await runJson<{ ms: number[] }>("node", ["bench/decode_node.mjs"]);
 * ```
 */
export async function runJson<T>(cmd: string, args: string[]): Promise<T> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const stdout = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${out.code}): ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return JSON.parse(stdout.slice(stdout.lastIndexOf("\n") + 1));
}

/** A server running in a child process. */
export interface RunningServer extends AsyncDisposable {
  /** Its base URL. */
  url: string;
}

/**
 * Starts `server.ts` with `args` and waits until it listens.
 *
 * @param args The server's arguments (`--stream DIR` or `--pods N`).
 * @returns The server; dispose of it to stop it.
 *
 * @example
 * ```ts ignore
 * await using server = await startServer(["--pods", "1000"]);
 * ```
 */
export async function startServer(args: string[]): Promise<RunningServer> {
  const script = new URL("./server.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", script, ...args],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(new TextLineStream());
  const reader = lines.getReader();
  const first = await reader.read();
  reader.releaseLock();
  lines.cancel().catch(() => {});
  if (first.done) throw new Error(`server.ts ${args.join(" ")} ended before it listened`);
  const { port } = JSON.parse(first.value);
  return {
    url: `http://127.0.0.1:${port}`,
    async [Symbol.asyncDispose]() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}
