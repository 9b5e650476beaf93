/**
 * The Node.js side of the decode benchmark: client-node's `Watch` reading
 * the recorded stream from the local server. Run as
 * `node decode_node.mjs --server URL --runs N --events E`; prints
 * `{"clientNode":[ms...]}` on stdout.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Watch } from "../_lib/client_node.mjs";
import { benchKubeConfig } from "../_lib/node_kube_config.mjs";

/**
 * Watches the server once with client-node, counting events until the stream ends.
 *
 * @param {Watch} watch The client-node watch.
 * @returns {Promise<number>} How many events arrived.
 */
function watchOnce(watch) {
  return new Promise((resolve, reject) => {
    let events = 0;
    watch.watch("/api/v1/pods", { resourceVersion: "0" }, (type) => {
      if (type) events++;
    }, (err) => err ? reject(err) : resolve(events)).catch(reject);
  });
}

const { values } = parseArgs({
  options: {
    server: { type: "string" },
    runs: { type: "string" },
    events: { type: "string" },
  },
});
const watch = new Watch(benchKubeConfig(values.server));
const expected = Number(values.events);
const clientNode = [];
await watchOnce(watch);
for (let run = 0; run < Number(values.runs ?? 5); run++) {
  const start = performance.now();
  const events = await watchOnce(watch);
  clientNode.push(performance.now() - start);
  if (events !== expected) throw new Error(`decoded ${events} events, expected ${expected}`);
}
console.log(JSON.stringify({ clientNode }));
