/**
 * One latency run of client-node against a real API server: makeInformer on
 * a namespace's ConfigMaps, and sequential merge patches of one ConfigMap's
 * `data.seq` through CoreV1Api, in the same process. Takes the arguments and
 * prints the output that latency_protocol.ts describes.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  CoreV1Api,
  KubeConfig,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
} from "../_lib/client_node.mjs";

const EVENT_TIMEOUT_MS = 10_000;

const { values } = parseArgs({
  options: {
    kubeconfig: { type: "string" },
    context: { type: "string" },
    namespace: { type: "string" },
    name: { type: "string" },
    writes: { type: "string" },
    warmup: { type: "string" },
  },
});
const namespace = values.namespace;
const name = values.name;
const writes = Number(values.writes ?? 1000);
const warmup = Number(values.warmup ?? 0);

const kc = new KubeConfig();
kc.loadFromFile(values.kubeconfig);
kc.setCurrentContext(values.context);
const core = kc.makeApiClient(CoreV1Api);
await core.createNamespacedConfigMap({
  namespace,
  body: { metadata: { name }, data: { seq: "0" } },
});

const informer = makeInformer(
  kc,
  `/api/v1/namespaces/${namespace}/configmaps`,
  () => core.listNamespacedConfigMap({ namespace }),
);
let waiting;
const onChange = (cm) => {
  if (waiting && cm.metadata?.name === name && cm.data?.seq === waiting.seq) {
    const t1 = performance.now();
    const { done } = waiting;
    waiting = undefined;
    done(t1);
  }
};
informer.on("add", onChange);
informer.on("update", onChange);
informer.on("error", (err) => console.error(`latency_node: informer: ${err}`));
await informer.start();

const patchOptions = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);
const ms = [];
const writeMs = [];
for (let i = 1; i <= warmup + writes; i++) {
  const seq = String(i);
  let timer;
  const arrived = new Promise((resolve, reject) => {
    waiting = { seq, done: resolve };
    timer = setTimeout(
      () => reject(new Error(`no event for seq ${seq} within ${EVENT_TIMEOUT_MS} ms`)),
      EVENT_TIMEOUT_MS,
    );
  });
  const sent = performance.now();
  await core.patchNamespacedConfigMap(
    { name, namespace, body: { data: { seq } } },
    patchOptions,
  );
  const t0 = performance.now();
  const t1 = await arrived;
  clearTimeout(timer);
  if (i > warmup) {
    ms.push(t1 - t0);
    writeMs.push(t0 - sent);
  }
}

console.log(JSON.stringify({ ms, writeMs }));
process.exit(0);
