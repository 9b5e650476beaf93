/**
 * One sync run of kube: a Reflector (initialList "list") against the local
 * pod server, timed from start to ready, then through a burst of MODIFIED
 * events until the store holds the last; and the heap the cache takes.
 * With `--metadata`, the Reflector is metadata-only (`Api.asMetadata()`);
 * with `--drop-managed-fields`, a transform drops `metadata.managedFields`.
 * Run with `--v8-flags=--expose-gc`. Prints
 * `{"readyMs":R,"burstMs":B,"heapBytes":H}` on stdout.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Api, type KubeObject, Reflector } from "../../mod.ts";
import { benchClient } from "../_lib/kube_client.ts";
import { BurstTimer, collectGarbage, serverInfo, waitForWatch } from "./protocol.ts";

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      server: { type: "string" },
      burst: { type: "string" },
      metadata: { type: "boolean", default: false },
      "drop-managed-fields": { type: "boolean", default: false },
    },
  });
  const server = values.server!;
  const { opened } = await serverInfo(server);
  collectGarbage();
  const before = Deno.memoryUsage().heapUsed;

  const start = performance.now();
  using client = benchClient(server);
  const pods = Api.v1Pod(client);
  const api: Api<KubeObject> = values.metadata ? pods.asMetadata() : pods;
  const rf = new Reflector(api, {
    initialList: "list",
    transform: values["drop-managed-fields"]
      ? (object) => {
        delete object.metadata.managedFields;
        return object;
      }
      : undefined,
  });
  const stop = new AbortController();
  const burst = new BurstTimer();
  const loop = (async () => {
    for await (const change of rf.run(stop.signal)) {
      burst.seen(change.object.metadata.resourceVersion, () => change.key);
    }
  })();
  await rf.ready;
  const readyMs = performance.now() - start;

  await waitForWatch(server, opened);
  collectGarbage();
  const heapBytes = Deno.memoryUsage().heapUsed - before;

  const { burstMs, key, resourceVersion } = await burst.time(
    server,
    Number(values.burst ?? 10_000),
  );
  if (rf.read().get(key)?.metadata.resourceVersion !== resourceVersion) {
    throw new Error("last event missing");
  }
  console.log(JSON.stringify({ readyMs, burstMs, heapBytes }));
  // Exit rather than wait for the loop to wind down: the figures are out.
  stop.abort();
  loop.catch(() => {});
  Deno.exit(0);
}

if (import.meta.main) await main();
