/**
 * Keeps a local copy of the nodes and prints each change, with the Ready
 * condition and the node's labels.
 *
 *     deno run --allow-net --allow-read --allow-env examples/node_reflector.ts
 *
 * Ctrl-C stops it.
 */
import { Api, Client, Reflector } from "../mod.ts";

const client = await Client.load();
const reflector = new Reflector(Api.v1Node(client), {
  onError: (e) => console.error(`retrying: ${e.message}`),
});

const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

console.log(`mirroring nodes on ${client.config.server}`);
for await (const change of reflector.run(stop.signal)) {
  const node = change.object;
  const ready = node.status?.conditions?.find((c) => c.type === "Ready")?.status ?? "Unknown";
  const labels = Object.entries(node.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
  console.log(
    `${change.type} node ${change.key}: Ready=${ready} (${reflector.read().size} nodes) ${labels}`,
  );
}
client.close();
