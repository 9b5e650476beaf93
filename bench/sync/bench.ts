/**
 * The sync and memory benchmarks: one pod server per size, and fresh
 * processes of each contender taking turns against it.
 *
 * @module
 */

import { type KubeRsSetup, runKubeRs } from "../kube_rs/run.ts";
import { runJson, startServer } from "../_lib/procs.ts";
import { summarize, type Summary } from "../stats.ts";
import { serverInfo } from "./protocol.ts";

/** One contender's sync figures at one size. */
export interface SyncSide {
  readyMs: Summary;
  burstMs: Summary;
  heapBytes: Summary;
}

/** A kube-rs setup's figures. */
export interface KubeRsSide extends SyncSide {
  setup: string;
}

/** Every contender's figures at one size. */
export interface SyncFigures {
  pods: number;
  /** The pods' JSON size as the list sends them. */
  jsonBytes: number;
  burst: number;
  kube: SyncSide;
  /** kube's Reflector on `Api.asMetadata()`: only metadata is sent and cached. */
  kubeMetadata: SyncSide;
  /** The same, with a transform that drops `metadata.managedFields`. */
  kubeMetadataSlim: SyncSide;
  /** The pods' JSON size as a metadata-only list sends them. */
  metadataBytes: number;
  clientNode: SyncSide;
  /** The limit: pages and watch lines `JSON.parse`d into a Map, nothing else. */
  limit: SyncSide;
  /** One a kube-rs setup; empty when kube-rs was not built. */
  kubeRs: KubeRsSide[];
}

interface RunResult {
  readyMs: number;
  burstMs: number;
  heapBytes: number;
}

function side(results: RunResult[]): SyncSide {
  return {
    readyMs: summarize(results.map((r) => r.readyMs)),
    burstMs: summarize(results.map((r) => r.burstMs)),
    heapBytes: summarize(results.map((r) => r.heapBytes)),
  };
}

/**
 * Runs the sync benchmark at one size: `runs` rounds, kube (whole objects;
 * metadata only; metadata only without managedFields), client-node, the
 * limit and each kube-rs setup in each, every round in fresh processes (so
 * each heap starts clean).
 *
 * @param pods How many pods the server holds.
 * @param burst How many MODIFIED events the burst sends.
 * @param runs How many rounds.
 * @param kubeRs The kube-rs setups to run; none by default.
 * @returns The figures.
 *
 * @example
 * ```ts ignore
 * const figures = await syncBench(10_000, 10_000, 5);
 * ```
 */
export async function syncBench(
  pods: number,
  burst: number,
  runs: number,
  kubeRs: KubeRsSetup[] = [],
): Promise<SyncFigures> {
  await using server = await startServer(["--pods", String(pods)]);
  const { jsonBytes, metadataBytes } = await serverInfo(server.url);
  const args = ["--server", server.url, "--burst", String(burst)];
  const kube: RunResult[] = [];
  const kubeMetadata: RunResult[] = [];
  const kubeMetadataSlim: RunResult[] = [];
  const clientNode: RunResult[] = [];
  const limit: RunResult[] = [];
  const rust: RunResult[][] = kubeRs.map(() => []);
  for (let run = 0; run < runs; run++) {
    kube.push(await runDeno("./kube.ts", args));
    kubeMetadata.push(await runDeno("./kube.ts", [...args, "--metadata"]));
    kubeMetadataSlim.push(
      await runDeno("./kube.ts", [...args, "--metadata", "--drop-managed-fields"]),
    );
    clientNode.push(
      await runJson<RunResult>("node", ["--expose-gc", here("./node.mjs"), ...args]),
    );
    limit.push(await runDeno("./limit.ts", args));
    for (const [i, setup] of kubeRs.entries()) {
      rust[i].push(await runKubeRs<RunResult>(setup, ["sync", ...args]));
    }
  }
  return {
    pods,
    jsonBytes,
    metadataBytes,
    burst,
    kube: side(kube),
    kubeMetadata: side(kubeMetadata),
    kubeMetadataSlim: side(kubeMetadataSlim),
    clientNode: side(clientNode),
    limit: side(limit),
    kubeRs: kubeRs.map((setup, i) => ({ setup: setup.name, ...side(rust[i]) })),
  };
}

/** The scale figures: kube, the limit and kube-rs at one large size. */
export interface ScaleFigures {
  pods: number;
  jsonBytes: number;
  kube: SyncSide;
  limit: SyncSide;
  kubeRs: KubeRsSide[];
}

/** What the scale run needs beyond the sync runs: the heap room and the memory on the machine. */
const SCALE_HEAP_MIB = 16_384;

/**
 * Bytes of memory the scale run needs at `pods` pods, measured at 50,000
 * and scaled: the server's pods (about 15 KB of JSON each, kept as bytes),
 * and the hungriest contender (kube-rs's cache, about 58 KB a pod), one
 * at a time.
 */
export function scaleMemoryNeeded(pods: number): number {
  return pods * (15_000 + 58_000) * 1.2;
}

/**
 * Runs the sync benchmark at a large size with kube, the limit and the
 * given kube-rs setups only (client-node and the metadata caches are left
 * to the smaller sizes), each Deno contender with the same larger heap
 * limit, since the limit's map of 200,000 pods outgrows V8's default 4 GiB.
 *
 * @param pods How many pods the server holds.
 * @param burst How many MODIFIED events the burst sends.
 * @param runs How many rounds.
 * @param kubeRs The kube-rs setups to run.
 * @returns The figures.
 *
 * @example
 * ```ts ignore
 * const figures = await scaleBench(200_000, 10_000, 3);
 * ```
 */
export async function scaleBench(
  pods: number,
  burst: number,
  runs: number,
  kubeRs: KubeRsSetup[] = [],
): Promise<ScaleFigures> {
  await using server = await startServer(["--pods", String(pods)]);
  const { jsonBytes } = await serverInfo(server.url);
  const args = ["--server", server.url, "--burst", String(burst)];
  const heap = `--max-old-space-size=${SCALE_HEAP_MIB}`;
  const kube: RunResult[] = [];
  const limit: RunResult[] = [];
  const rust: RunResult[][] = kubeRs.map(() => []);
  for (let run = 0; run < runs; run++) {
    kube.push(await runDeno("./kube.ts", args, heap));
    limit.push(await runDeno("./limit.ts", args, heap));
    for (const [i, setup] of kubeRs.entries()) {
      rust[i].push(await runKubeRs<RunResult>(setup, ["sync", ...args]));
    }
  }
  return {
    pods,
    jsonBytes,
    kube: side(kube),
    limit: side(limit),
    kubeRs: kubeRs.map((setup, i) => ({ setup: setup.name, ...side(rust[i]) })),
  };
}

const here = (file: string) => new URL(file, import.meta.url).pathname;

/** One run of a Deno contender in a fresh process, with the V8 flags every Deno contender gets. */
function runDeno(file: string, args: string[], ...v8Flags: string[]): Promise<RunResult> {
  return runJson<RunResult>(Deno.execPath(), [
    "run",
    "--allow-net=127.0.0.1",
    "--allow-read",
    `--v8-flags=${["--expose-gc", ...v8Flags].join(",")}`,
    here(file),
    ...args,
  ]);
}
