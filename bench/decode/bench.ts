/**
 * The decode benchmark: generates (or reuses) the recorded stream, serves
 * it, and runs the Deno and Node.js contenders over the same bytes.
 *
 * @module
 */

import { cacheDir } from "../_lib/install.ts";
import { type KubeRsSetup, runKubeRs } from "../kube_rs/run.ts";
import { makePod } from "../../tests/support/pods.ts";
import { runJson, startServer } from "../_lib/procs.ts";
import { seeded } from "../../tests/support/rng.ts";
import { summarize, type Summary } from "../stats.ts";
import { recordStream, saveStream } from "../fixtures/stream.ts";

/** What the decode benchmark measured, in milliseconds per pass. */
export interface DecodeFigures {
  events: number;
  bytes: number;
  limit: Summary;
  kube: Summary;
  kubeHttp: Summary;
  /** Absent in smoke mode. */
  clientNode?: Summary;
  /** One a kube-rs setup: its watch over HTTP, events decoded as typed Pods. */
  kubeRs: { setup: string; ms: Summary }[];
}

/** Options of {@linkcode decodeBench}. */
export interface DecodeBenchOptions {
  events: number;
  runs: number;
  /** Run client-node too. */
  clientNode: boolean;
  /** Keep the generated stream in bench/.node/cache for later runs. */
  cache: boolean;
  /** The kube-rs setups to run; none by default. */
  kubeRs?: KubeRsSetup[];
}

const SEED = 1;

/**
 * A short digest of what the pod generator makes now, so that a stream
 * cached before bench/pods.ts changed is made anew rather than reused.
 */
async function podsVersion(): Promise<string> {
  const sample = new TextEncoder().encode(JSON.stringify(makePod(seeded(SEED), 0, "1")));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", sample));
  return Array.from(digest.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function prepare(events: number, cache: boolean): Promise<string> {
  const dir = cache
    ? cacheDir(`watch-${events}-${SEED}-${await podsVersion()}`)
    : await Deno.makeTempDir();
  try {
    await Deno.stat(`${dir}/done`);
    return dir;
  } catch {
    // Not made yet.
  }
  await Deno.mkdir(dir, { recursive: true });
  await saveStream(dir, recordStream(events, SEED));
  await Deno.writeTextFile(`${dir}/done`, "");
  return dir;
}

/**
 * Runs the decode benchmark.
 *
 * @param options Events, runs, whether client-node runs, caching, and the
 * kube-rs setups.
 * @returns The figures.
 *
 * @example
 * ```ts ignore
 * const figures = await decodeBench({ events: 300, runs: 1, clientNode: false, cache: false });
 * ```
 */
export async function decodeBench(options: DecodeBenchOptions): Promise<DecodeFigures> {
  const dir = await prepare(options.events, options.cache);
  try {
    await using server = await startServer(["--stream", dir]);
    const here = (file: string) => new URL(file, import.meta.url).pathname;
    const runs = String(options.runs);
    const kube = await runJson<
      { limit: number[]; kube: number[]; kubeHttp: number[]; events: number; bytes: number }
    >(Deno.execPath(), [
      "run",
      "--allow-read",
      "--allow-net=127.0.0.1",
      here("./kube.ts"),
      "--data",
      dir,
      "--server",
      server.url,
      "--runs",
      runs,
    ]);
    const same = ["--server", server.url, "--runs", runs, "--events", String(kube.events)];
    const node = options.clientNode
      ? await runJson<{ clientNode: number[] }>("node", [here("./node.mjs"), ...same])
      : undefined;
    const kubeRs = [];
    for (const setup of options.kubeRs ?? []) {
      const { kubeRs: ms } = await runKubeRs<{ kubeRs: number[] }>(setup, ["decode", ...same]);
      kubeRs.push({ setup: setup.name, ms: summarize(ms) });
    }
    return {
      events: kube.events,
      bytes: kube.bytes,
      limit: summarize(kube.limit),
      kube: summarize(kube.kube),
      kubeHttp: summarize(kube.kubeHttp),
      clientNode: node && summarize(node.clientNode),
      kubeRs,
    };
  } finally {
    if (!options.cache) await Deno.remove(dir, { recursive: true });
  }
}
