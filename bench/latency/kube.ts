/**
 * One latency run of kube against a real API server: a Reflector on a
 * namespace's ConfigMaps, run continuously, and sequential merge patches of
 * one ConfigMap's `data.seq` through the same Client. See
 * latency_protocol.ts for the arguments and the output.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Api, Client, Reflector } from "../../mod.ts";
import { EVENT_TIMEOUT_MS, type LatencyRun } from "./protocol.ts";

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      kubeconfig: { type: "string" },
      context: { type: "string" },
      namespace: { type: "string" },
      name: { type: "string" },
      writes: { type: "string" },
      warmup: { type: "string" },
    },
  });
  const namespace = values.namespace!;
  const name = values.name!;
  const writes = Number(values.writes ?? 1000);
  const warmup = Number(values.warmup ?? 0);

  using client = await Client.load({ kubeconfig: values.kubeconfig!, context: values.context });
  const cms = Api.v1ConfigMap(client).within(namespace);
  await cms.create({ metadata: { name }, data: { seq: "0" } });

  const rf = new Reflector(cms, {
    onError: (e) => console.error(`latency_kube: reflector: ${e.message}`),
  });
  const stop = new AbortController();
  const key = `${namespace}/${name}`;
  let waiting: { seq: string; done: (t1: number) => void } | undefined;
  const loop = (async () => {
    for await (const change of rf.run(stop.signal)) {
      if (waiting && change.key === key && change.object.data?.seq === waiting.seq) {
        const t1 = performance.now();
        const { done } = waiting;
        waiting = undefined;
        done(t1);
      }
    }
  })();
  await rf.ready;

  const ms: number[] = [];
  const writeMs: number[] = [];
  for (let i = 1; i <= warmup + writes; i++) {
    const seq = String(i);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arrived = new Promise<number>((resolve, reject) => {
      waiting = { seq, done: resolve };
      timer = setTimeout(
        () => reject(new Error(`no event for seq ${seq} within ${EVENT_TIMEOUT_MS} ms`)),
        EVENT_TIMEOUT_MS,
      );
    });
    const sent = performance.now();
    await cms.patch(name, { type: "merge", body: { data: { seq } } });
    const t0 = performance.now();
    const t1 = await arrived;
    clearTimeout(timer);
    if (i > warmup) {
      ms.push(t1 - t0);
      writeMs.push(t0 - sent);
    }
  }

  console.log(JSON.stringify({ ms, writeMs } satisfies LatencyRun));
  // Exit rather than wait for the watch to wind down: the figures are out.
  stop.abort();
  loop.catch(() => {});
  Deno.exit(0);
}

if (import.meta.main) await main();
