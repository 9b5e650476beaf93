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
import { Api, type KubeObject, Reflector } from "../mod.ts";
import { benchClient } from "./kube_client.ts";
import { collectGarbage, serverInfo, startBurst, waitForWatch } from "./sync_protocol.ts";

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
  let waiting: { key: string; resourceVersion: string; done: () => void } | undefined;
  const loop = (async () => {
    for await (const change of rf.run(stop.signal)) {
      if (
        waiting && change.key === waiting.key &&
        change.object.metadata.resourceVersion === waiting.resourceVersion
      ) waiting.done();
    }
  })();
  await rf.ready;
  const readyMs = performance.now() - start;

  await waitForWatch(server, opened);
  collectGarbage();
  const heapBytes = Deno.memoryUsage().heapUsed - before;

  const { last, send } = await startBurst(server, Number(values.burst ?? 10_000));
  const arrived = new Promise<void>((done) => {
    waiting = {
      key: `${last.namespace}/${last.name}`,
      resourceVersion: last.resourceVersion,
      done,
    };
  });
  const burstStart = performance.now();
  await Promise.all([send(), arrived]);
  const burstMs = performance.now() - burstStart;

  const held = rf.read().get(waiting!.key);
  if (held?.metadata.resourceVersion !== last.resourceVersion) {
    throw new Error("last event missing");
  }
  console.log(JSON.stringify({ readyMs, burstMs, heapBytes }));
  // Exit rather than wait for the loop to wind down: the figures are out.
  stop.abort();
  loop.catch(() => {});
  Deno.exit(0);
}

if (import.meta.main) await main();
