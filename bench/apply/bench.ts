/**
 * Apply and discovery against kubectl on the local control plane: 1,000
 * ConfigMaps from one file, applied by `examples/apply.ts` and by `kubectl
 * apply --server-side` (a fresh namespace each, then again, unchanged), and
 * discovery's cold load against `kubectl api-resources` with an empty cache.
 * Both sides run as processes, started the same way, in the same run,
 * alternating which goes first. Skipped when the cluster is not up (the bench
 * never starts one).
 *
 *     deno run -A bench/apply/bench.ts [--objects 1000] [--runs 3]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Api, Client, Discovery } from "../../mod.ts";
import { summarize, type Summary } from "../stats.ts";

const KUBECONFIG = new URL("../../tests/cluster/.run/kubeconfig", import.meta.url).pathname;
const CONTEXT = "kube-e2e-admin";
const EXAMPLE = new URL("../../examples/apply.ts", import.meta.url).pathname;
const DISCOVERY_KUBE = new URL("./discovery_kube.ts", import.meta.url).pathname;

/** What the apply bench measured, in milliseconds. */
export interface ApplyFigures {
  objects: number;
  /** Applying the file into a fresh namespace (every object created). */
  create: { kube: Summary; kubectl: Summary };
  /** Applying it again (every object unchanged). */
  again: { kube: Summary; kubectl: Summary };
  /** A cold discovery: a new process, no cache. */
  discovery: { kube: Summary; kubectl: Summary };
  /** kube's cold discovery within a running process: a new client (a new connection), no cache. */
  discoveryInProcess: Summary;
}

/** Options of {@linkcode applyBench}. */
export interface ApplyBenchOptions {
  /** ConfigMaps in the file: 1,000. */
  objects?: number;
  /** Runs of each measurement: 3. */
  runs?: number;
  /** The kubeconfig; tests/cluster's by default. */
  kubeconfig?: string;
}

/**
 * Runs the apply bench.
 *
 * @returns The figures, or why the bench was skipped.
 */
export async function applyBench(options: ApplyBenchOptions = {}): Promise<ApplyFigures | string> {
  const kubeconfig = options.kubeconfig ?? KUBECONFIG;
  const objects = options.objects ?? 1_000;
  const runs = options.runs ?? 3;
  let client: Client;
  try {
    client = await Client.load({ kubeconfig: [kubeconfig], context: CONTEXT, timeoutMs: 2_000 });
    await client.text({ path: "/readyz" });
  } catch (e) {
    return `the test cluster is not up (${
      (e as Error).message.split("\n")[0]
    }); start it with \`deno task cluster:up\``;
  }
  const dir = await Deno.makeTempDir({ prefix: "kube-apply-bench-" });
  const file = `${dir}/configmaps.yaml`;
  await Deno.writeTextFile(file, configMaps(objects));
  const env = { KUBECONFIG: kubeconfig };
  const namespaces: string[] = [];
  const times = {
    create: { kube: [] as number[], kubectl: [] as number[] },
    again: { kube: [] as number[], kubectl: [] as number[] },
    discovery: { kube: [] as number[], kubectl: [] as number[] },
    discoveryInProcess: [] as number[],
  };
  const contenders = {
    kube: (ns: string) => [Deno.execPath(), "run", "-A", EXAMPLE, "-f", file, "-n", ns],
    kubectl: (
      ns: string,
    ) => ["kubectl", "--context", CONTEXT, "apply", "--server-side", "-f", file, "-n", ns],
  };
  try {
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? ["kubectl", "kube"] as const : ["kube", "kubectl"] as const;
      for (const who of order) {
        // The cluster is shared: when it restarts under a run, the run is made again once.
        const [create, again] = await retried(client, async () => {
          const ns = `kube-bench-apply-${crypto.randomUUID().slice(0, 8)}`;
          await Api.v1Namespace(client).create({ metadata: { name: ns } });
          namespaces.push(ns);
          return [
            await timed(contenders[who](ns), env, objects),
            await timed(contenders[who](ns), env, objects),
          ];
        });
        times.create[who].push(create);
        times.again[who].push(again);
        console.error(
          `run ${run + 1}: ${who} ${Math.round(create)} ms, again ${Math.round(again)} ms`,
        );
      }
      for (const who of order) {
        const cache = await Deno.makeTempDir({ dir, prefix: "cache-" });
        const argv = who === "kube"
          ? [Deno.execPath(), "run", "-A", DISCOVERY_KUBE]
          : ["kubectl", "--context", CONTEXT, "api-resources", `--cache-dir=${cache}`];
        times.discovery[who].push(await retried(client, () => timed(argv, env)));
      }
      times.discoveryInProcess.push(
        await retried(client, async () => {
          using fresh = await Client.load({ kubeconfig: [kubeconfig], context: CONTEXT });
          const start = performance.now();
          await Discovery.load(fresh);
          return performance.now() - start;
        }),
      );
    }
  } finally {
    for (const ns of namespaces) await Api.v1Namespace(client).delete(ns).catch(() => {});
    client.close();
    await Deno.remove(dir, { recursive: true });
  }
  const pair = (t: { kube: number[]; kubectl: number[] }) => ({
    kube: summarize(t.kube),
    kubectl: summarize(t.kubectl),
  });
  return {
    objects,
    create: pair(times.create),
    again: pair(times.again),
    discovery: pair(times.discovery),
    discoveryInProcess: summarize(times.discoveryInProcess),
  };
}

/** The figures as a Markdown table, with kubectl's time over kube's. */
export function applyTable(f: ApplyFigures): string {
  const ms = (s: Summary) => `${Math.round(s.median).toLocaleString("en")} ms`;
  const row = (what: string, p: { kube: Summary; kubectl: Summary }) =>
    `| ${what} | ${ms(p.kube)} | ${ms(p.kubectl)} | ${
      (p.kubectl.median / p.kube.median).toFixed(1)
    }x |`;
  return [
    `Apply (${
      f.objects.toLocaleString("en")
    } ConfigMaps from one file) and discovery, medians of ${f.create.kube.runs}:`,
    "",
    "| | kube (examples/apply.ts) | kubectl | kubectl / kube |",
    "| --- | --- | --- | --- |",
    row("apply, all created", f.create),
    row("apply again, all unchanged", f.again),
    row("discovery, cold, a new process (kubectl api-resources)", f.discovery),
    "",
    `kube's cold discovery in a running process (a new client, so a new connection): ${
      ms(f.discoveryInProcess)
    }; the new process's figure is mostly Deno loading kube's modules.`,
  ].join("\n");
}

/** `measure`, and once more after the cluster answers /readyz again if it failed. */
async function retried<T>(client: Client, measure: () => Promise<T>): Promise<T> {
  try {
    return await measure();
  } catch (e) {
    console.error(
      `a run failed, made again once the cluster is ready: ${(e as Error).message.split("\n")[0]}`,
    );
    for (let i = 0; i < 120; i++) {
      const ready = await client.text({ path: "/readyz" }).then(() => true, () => false);
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return await measure();
  }
}

function configMaps(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench-${i}\n  labels: {app: bench}\n` +
        `data:\n  index: "${i}"\n  settings: |\n    mode=fast\n    level=${i % 7}\n`,
    );
  }
  return docs.join("---\n");
}

/** Runs a process to the end and times it; it must succeed (and print `lines` lines, if given). */
async function timed(argv: string[], env: Record<string, string>, lines?: number): Promise<number> {
  const start = performance.now();
  const out = await new Deno.Command(argv[0], {
    args: argv.slice(1),
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const ms = performance.now() - start;
  const stdout = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(
      `${argv.join(" ")} failed: ${new TextDecoder().decode(out.stderr).slice(0, 500)}`,
    );
  }
  const printed = stdout.split("\n").filter(Boolean).length;
  if (lines !== undefined && printed !== lines) {
    throw new Error(`${argv[0]} printed ${printed} lines, not ${lines}`);
  }
  return ms;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { objects: { type: "string" }, runs: { type: "string" } },
  });
  const figures = await applyBench({
    objects: values.objects ? Number(values.objects) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
  });
  console.log(
    typeof figures === "string" ? `apply bench skipped: ${figures}` : applyTable(figures),
  );
}
