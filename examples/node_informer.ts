/**
 * Watches nodes and reports broken ones: a node whose Ready condition is not
 * True, or that reports memory, disk or PID pressure. For each, it lists the
 * pods on that node through the API.
 *
 *     deno run --allow-net --allow-read --allow-env examples/node_informer.ts
 *
 * Ctrl-C stops it.
 */
import { Api, Client, Informer, type Node } from "../mod.ts";

const client = await Client.load();
const nodes = Api.v1Node(client);
const pods = Api.v1Pod(client);

const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

const PRESSURE = ["MemoryPressure", "DiskPressure", "PIDPressure"];

/** What is wrong with a node, or nothing. */
function problems(node: Node): string[] {
  const found: string[] = [];
  for (const condition of node.status?.conditions ?? []) {
    if (condition.type === "Ready" && condition.status !== "True") {
      found.push(`Ready=${condition.status}`);
    }
    if (PRESSURE.includes(condition.type) && condition.status === "True") {
      found.push(condition.type);
    }
  }
  return found;
}

async function report(node: Node): Promise<void> {
  const name = node.metadata.name!;
  const wrong = problems(node);
  if (wrong.length === 0) {
    console.log(`node ${name} is healthy`);
    return;
  }
  const onNode = await pods.list({ fieldSelector: `spec.nodeName=${name}`, signal: stop.signal });
  const names = onNode.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  console.log(
    `node ${name} is broken (${wrong.join(", ")}); pods on it: ${names.join(", ") || "none"}`,
  );
}

console.log(`watching nodes on ${client.config.server}`);
const informer = new Informer(nodes, { onError: (e) => console.error(`retrying: ${e.message}`) });
try {
  for await (const event of informer.run(stop.signal)) {
    if (event.type === "ADDED" || event.type === "MODIFIED") await report(event.object);
    else if (event.type === "DELETED") console.log(`node ${event.object.metadata.name} deleted`);
    else if (event.type === "RESTARTED") { for (const node of event.objects) await report(node); }
  }
} catch (e) {
  if (!stop.signal.aborted) throw e;
}
client.close();
