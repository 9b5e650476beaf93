/**
 * `deno task bench`: kube against the limit, @kubernetes/client-node and
 * kube-rs, side by side, in the same run.
 *
 * Flags: `--smoke` (a few hundred events, decode only, no client-node, no
 * kube-rs build), `--events N` (decode events; 50,000), `--runs N` (5),
 * `--sync-runs N` (5), `--pods N,M` (sync sizes; 10,000 and 50,000),
 * `--no-kube-rs` (skip building and running kube-rs),
 * `--writes N` (latency writes per contender; 1,000), `--only latency` (just
 * the latency part, which needs the test cluster of tests/cluster up). After
 * the engine's parts come admission reviews per second against a bare
 * `Deno.serve` and, with the test cluster up, applying 1,000 ConfigMaps and
 * a cold discovery against kubectl, on a second summary line.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { admissionBench, admissionTable } from "./admission/admission_bench.ts";
import { applyBench, applyTable } from "./apply/bench.ts";
import { decodeBench } from "./decode/bench.ts";
import { CLIENT_NODE_VERSION, installClientNode } from "./_lib/install.ts";
import {
  buildKubeRs,
  KUBE_RS_VERSION,
  type KubeRsBuild,
  kubeRsRetries,
  type KubeRsSetup,
} from "./kube_rs/run.ts";
import { latencyBench, type LatencyResult } from "./latency/bench.ts";
import {
  decodeTable,
  latencyPart,
  latencyTable,
  memoryTable,
  metadataRatio,
  scaleTable,
  snapshotTable,
  summaryLine,
  syncTable,
} from "./report.ts";
import { snapshotBench } from "./snapshot/bench.ts";
import { scaleBench, scaleMemoryNeeded, syncBench, type SyncFigures } from "./sync/bench.ts";

/**
 * 100,000 real-sized Pod events (about 9.4 KiB each) would take minutes a
 * contender on two shared cores; 50,000 keep the decode part to a few (the
 * whole bench, with kube-rs's three setups and the 200,000-pod scale run,
 * takes about 28 minutes).
 */
const DEFAULT_EVENTS = 50_000;
const SYNC_SIZES = [10_000, 50_000];
/** The scale size, run with kube, the limit and kube-rs's quickest setup only. */
const SCALE_PODS = 200_000;
const SCALE_RUNS = 3;
const BURST = 10_000;

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      smoke: { type: "boolean", default: false },
      events: { type: "string" },
      runs: { type: "string" },
      "sync-runs": { type: "string" },
      writes: { type: "string" },
      only: { type: "string" },
      pods: { type: "string" },
      "no-kube-rs": { type: "boolean", default: false },
      "no-scale": { type: "boolean", default: false },
    },
  });
  const writes = Number(values.writes ?? 1000);
  if (values.only !== undefined) {
    if (values.only !== "latency") {
      throw new Error(`--only ${values.only}: only "latency" is known`);
    }
    await installClientNode();
    const latency = await latencyBench({ writes });
    console.log(latencyTable(latency) + "\n");
    console.log(`bench: ${latencyPart(latency)}`);
    return;
  }
  const smoke = values.smoke;
  const events = Number(values.events ?? (smoke ? 300 : DEFAULT_EVENTS));
  const runs = Number(values.runs ?? (smoke ? 1 : 5));
  const syncRuns = Number(values["sync-runs"] ?? 5);
  const syncSizes = values.pods?.split(",").map(Number) ?? SYNC_SIZES;

  const started = performance.now();
  if (!smoke) await installClientNode();
  const kubeRs: KubeRsBuild = smoke
    ? { skipped: "smoke mode" }
    : values["no-kube-rs"]
    ? { skipped: "--no-kube-rs" }
    : await buildKubeRs();
  const setups = "setups" in kubeRs ? kubeRs.setups : [];
  console.log(
    `kube bench: decode over ${events.toLocaleString("en-US")} events` +
      (events < 100_000 && !smoke
        ? " (fewer than 100,000 to keep this part short on 2 cores)"
        : "") +
      `; Deno ${Deno.version.deno}` +
      (smoke ? "; smoke mode: no client-node, no sync" : `; client-node ${CLIENT_NODE_VERSION}`) +
      (smoke
        ? ""
        : "skipped" in kubeRs
        ? `; kube-rs skipped: ${kubeRs.skipped}`
        : `; kube-rs ${KUBE_RS_VERSION} (${setups.map((s) => s.name).join(", ")})`),
  );
  console.log("higher is better for speed, lower is better for memory\n");

  const decode = await decodeBench({
    events,
    runs,
    clientNode: !smoke,
    cache: !smoke,
    kubeRs: setups,
  });
  console.log(decodeTable(decode) + "\n");

  const sync: SyncFigures[] = [];
  let latency: LatencyResult | undefined;
  let snapshot: number | undefined;
  /** The figures of the surface benches (admission, apply), for a second summary line. */
  const surface: string[] = [];
  if (!smoke) {
    for (const pods of syncSizes) {
      const figures = await syncBench(pods, BURST, syncRuns, setups);
      sync.push(figures);
      console.log(syncTable(figures) + "\n");
    }
    console.log(memoryTable(sync) + "\n");
    if (!values["no-scale"]) console.log(await scale(sync, setups) + "\n");
    const snapshots = await snapshotBench({ runs: syncRuns });
    snapshot = snapshots.withRead.median / snapshots.apply.median;
    console.log(snapshotTable(snapshots) + "\n");
    latency = await latencyBench({ writes });
    console.log(latencyTable(latency) + "\n");
    const admission = await admissionBench({ runs });
    console.log(admissionTable(admission) + "\n");
    surface.push(`admission=${admission.ratio.median.toFixed(2)}x ceiling`);
    const apply = await applyBench();
    if (typeof apply === "string") {
      console.log(`Apply: skipped, ${apply}\n`);
    } else {
      console.log(applyTable(apply) + "\n");
      const vs = (p: { kube: { median: number }; kubectl: { median: number } }) =>
        (p.kubectl.median / p.kube.median).toFixed(2);
      surface.push(
        `apply=${vs(apply.create)}x kubectl`,
        `discovery=${vs(apply.discovery)}x kubectl`,
      );
    }
  }
  if (kubeRsRetries.length) {
    console.log(
      `kube-rs runs that failed and ran again in a fresh process (${kubeRsRetries.length}):\n` +
        kubeRsRetries.map((why) => `  ${why}`).join("\n") + "\n",
    );
  }
  console.log(`(took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(summaryLine(decode, sync, latency, { metadata: metadataRatio(sync), snapshot }));
  if (surface.length) console.log(`bench surface: ${surface.join("; ")}`);
}

/**
 * The scale run at {@linkcode SCALE_PODS}, against the largest sync size,
 * with kube-rs's setup that was quickest to ready there; or why not.
 */
async function scale(sync: SyncFigures[], setups: KubeRsSetup[]): Promise<string> {
  const base = sync.at(-1);
  if (!base) return "Scale: skipped, no sync size ran";
  const needed = scaleMemoryNeeded(SCALE_PODS);
  let available: number;
  try {
    available = Deno.systemMemoryInfo().available;
  } catch (e) {
    return `Scale: skipped, the memory available is unknown (${(e as Error).message})`;
  }
  if (available < needed) {
    return `Scale: ${SCALE_PODS.toLocaleString("en-US")} pods skipped: they need about ${
      (needed / 2 ** 30).toFixed(1)
    } GiB of memory and ${(available / 2 ** 30).toFixed(1)} GiB are available`;
  }
  const quickest = [...base.kubeRs].sort((a, b) => a.readyMs.median - b.readyMs.median)[0];
  const chosen = setups.filter((s) => s.name === quickest?.setup);
  const figures = await scaleBench(SCALE_PODS, BURST, SCALE_RUNS, chosen);
  return scaleTable(figures, base);
}

if (import.meta.main) await main();
