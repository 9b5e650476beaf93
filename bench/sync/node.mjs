/**
 * One sync run of client-node: makeInformer (ListWatch) against the local
 * pod server, its list paged 500 at a time as kube's is, timed from start to
 * ready, then through a burst of MODIFIED events until the cache holds the
 * last; and the heap the cache takes. Run as
 * `node --expose-gc sync_node.mjs --server URL --burst C`; prints
 * `{"readyMs":R,"burstMs":B,"heapBytes":H}` on stdout.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { CoreV1Api, makeInformer } from "../_lib/client_node.mjs";
import { benchKubeConfig } from "../_lib/node_kube_config.mjs";

const PAGE = 500;

/**
 * Lists every pod page by page, as an informer's list function.
 *
 * @param {CoreV1Api} core The API.
 * @returns {Promise<{metadata: object, items: object[]}>} All pods.
 */
async function listAll(core) {
  const first = await core.listPodForAllNamespaces({ limit: PAGE });
  let page = first;
  while (page.metadata?._continue) {
    page = await core.listPodForAllNamespaces({ limit: PAGE, _continue: page.metadata._continue });
    for (const item of page.items) first.items.push(item);
  }
  first.metadata = page.metadata;
  return first;
}

async function info(server) {
  return await (await fetch(`${server}/bench/info`)).json();
}

const { values } = parseArgs({
  options: { server: { type: "string" }, burst: { type: "string" } },
});
const server = values.server;
const { pods, opened } = await info(server);
globalThis.gc();
const before = process.memoryUsage().heapUsed;

const start = performance.now();
const kc = benchKubeConfig(server);
const core = kc.makeApiClient(CoreV1Api);
const informer = makeInformer(kc, "/api/v1/pods", () => listAll(core));
let added = 0;
let ready;
const isReady = new Promise((resolve) => ready = resolve);
informer.on("add", () => {
  if (++added === pods) ready();
});
let waiting;
informer.on("update", (pod) => {
  const meta = pod.metadata;
  if (
    waiting && meta.name === waiting.name && meta.namespace === waiting.namespace &&
    meta.resourceVersion === waiting.resourceVersion
  ) waiting.done();
});
informer.on("error", (err) => {
  console.error(err);
  process.exit(1);
});
await informer.start();
await isReady;
const readyMs = performance.now() - start;

while ((await info(server)).opened <= opened) await new Promise((r) => setTimeout(r, 2));
globalThis.gc();
const heapBytes = process.memoryUsage().heapUsed - before;

const last =
  await (await fetch(`${server}/bench/prepare?count=${values.burst}`, { method: "POST" }))
    .json();
const arrived = new Promise((done) => waiting = { ...last, done });
const burstStart = performance.now();
await Promise.all([
  fetch(`${server}/bench/burst`, { method: "POST" }).then((r) => r.text()),
  arrived,
]);
const burstMs = performance.now() - burstStart;

if (informer.get(last.name, last.namespace)?.metadata.resourceVersion !== last.resourceVersion) {
  throw new Error("last event missing");
}
console.log(JSON.stringify({ readyMs, burstMs, heapBytes }));
process.exit(0);
