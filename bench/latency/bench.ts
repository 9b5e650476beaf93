/**
 * The latency benchmark, against a real API server only: the time from an
 * API write's response to the event reaching the cache (a kube Reflector, a
 * client-node informer), over sequential ConfigMap merge patches. It runs on
 * the local control plane of tests/cluster when that is already up, and is
 * skipped otherwise: the bench never starts a cluster itself.
 *
 * @module
 */

import { Api, Client } from "../../mod.ts";
import type { LatencyRun } from "./protocol.ts";
import { runJson } from "../_lib/procs.ts";

const KUBECONFIG = new URL("../../tests/cluster/.run/kubeconfig", import.meta.url).pathname;
const CONTEXT = "kube-e2e-admin";
const READY_TIMEOUT_MS = 2_000;

/** Percentiles of one contender's latencies, in ms. */
export interface LatencyStats {
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
  /** Writes whose event arrived before their response (t1 < t0). */
  negative: number;
  writes: number;
  /** The median write round trip (request sent to response), for scale. */
  writeP50: number;
}

/** Both contenders' latencies. */
export interface LatencyFigures {
  server: string;
  writes: number;
  warmup: number;
  /** How many rounds each contender ran (taking turns), each of writes / rounds. */
  rounds: number;
  kube: LatencyStats;
  clientNode: LatencyStats;
}

/** The outcome: the figures, or why there are none. */
export type LatencyResult = { figures: LatencyFigures } | { skipped: string };

/** Options of {@linkcode latencyBench}. */
export interface LatencyOptions {
  /** Measured writes per contender; 1,000. */
  writes?: number;
  /** Writes before each round that are not measured; 50. */
  warmup?: number;
  /** Rounds each contender runs, taking turns (kube first); 2. */
  rounds?: number;
  /** The kubeconfig (its context `kube-e2e-admin`); tests/cluster's by default. */
  kubeconfig?: string;
}

/**
 * The nearest-rank percentile.
 *
 * @param sorted Values, ascending.
 * @param p The percentile, 0 to 100.
 * @returns The value.
 */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Summarizes latencies.
 *
 * @param ms The latencies, in ms.
 * @param writeMs The writes' round trips, in ms.
 * @returns p50, p99, mean, min, max.
 *
 * @example
 * ```ts ignore
 * latencyStats([1, 2, 3], [4, 5, 6]).p50; // 2
 * ```
 */
export function latencyStats(ms: number[], writeMs: number[]): LatencyStats {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    negative: sorted.filter((v) => v < 0).length,
    writes: sorted.length,
    writeP50: percentile([...writeMs].sort((a, b) => a - b), 50),
  };
}

/** A client for the test cluster, when it is up and answers /readyz within 2 s. */
async function clusterClient(kubeconfig: string): Promise<Client | string> {
  try {
    await Deno.stat(kubeconfig);
  } catch {
    return `no ${kubeconfig} (start the test cluster with \`deno task cluster:up\`)`;
  }
  let client: Client | undefined;
  try {
    client = await Client.load({ kubeconfig, context: CONTEXT });
    const res = await client.request({
      path: "/readyz",
      signal: AbortSignal.timeout(READY_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return client;
  } catch (e) {
    client?.close();
    return `the cluster of ${kubeconfig} does not answer /readyz within 2 s ` +
      `(${(e as Error).message.split("\n")[0]}; start it with \`deno task cluster:up\`)`;
  }
}

/**
 * Measures write-to-event latency on the local test cluster, kube and
 * client-node taking turns in fresh processes, in a namespace made for it
 * (and deleted after).
 *
 * @param options Writes, warmup and rounds.
 * @returns The figures, or why latency is skipped.
 *
 * @example
 * ```ts ignore
 * const result = await latencyBench({ writes: 1000 });
 * ```
 */
export async function latencyBench(options: LatencyOptions = {}): Promise<LatencyResult> {
  const writes = options.writes ?? 1000;
  const warmup = options.warmup ?? 50;
  const rounds = options.rounds ?? 2;
  const kubeconfig = options.kubeconfig ?? KUBECONFIG;
  const found = await clusterClient(kubeconfig);
  if (typeof found === "string") return { skipped: found };
  using client = found;
  const namespaces = Api.v1Namespace(client);
  const namespace = `kube-bench-latency-${crypto.randomUUID().slice(0, 8)}`;
  await namespaces.create({ metadata: { name: namespace } });
  const here = (file: string) => new URL(file, import.meta.url).pathname;
  const kube: LatencyRun = { ms: [], writeMs: [] };
  const clientNode: LatencyRun = { ms: [], writeMs: [] };
  const add = (to: LatencyRun, run: LatencyRun) => {
    to.ms.push(...run.ms);
    to.writeMs.push(...run.writeMs);
  };
  try {
    for (let round = 0; round < rounds; round++) {
      const share = Math.floor(writes / rounds) + (round < writes % rounds ? 1 : 0);
      const args = (name: string) => [
        "--kubeconfig",
        kubeconfig,
        "--context",
        CONTEXT,
        "--namespace",
        namespace,
        "--name",
        `${name}-${round}`,
        "--writes",
        String(share),
        "--warmup",
        String(warmup),
      ];
      const k = await runJson<LatencyRun>(Deno.execPath(), [
        "run",
        "--allow-net=127.0.0.1",
        "--allow-read",
        "--allow-env",
        here("./kube.ts"),
        ...args("kube"),
      ]);
      add(kube, k);
      const n = await runJson<LatencyRun>("node", [here("./node.mjs"), ...args("node")]);
      add(clientNode, n);
    }
  } finally {
    await namespaces.delete(namespace).catch((e) =>
      console.error(`could not delete namespace ${namespace}: ${e.message}`)
    );
  }
  return {
    figures: {
      server: client.config.server,
      writes,
      warmup,
      rounds,
      kube: latencyStats(kube.ms, kube.writeMs),
      clientNode: latencyStats(clientNode.ms, clientNode.writeMs),
    },
  };
}
