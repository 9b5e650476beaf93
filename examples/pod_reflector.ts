/**
 * Keeps a local copy of the pods in a namespace, polling one watch round at
 * a time, and prints the cache after each round.
 *
 *     deno run --allow-net --allow-read --allow-env examples/pod_reflector.ts [NAMESPACE]
 *
 * NAMESPACE defaults to the kubeconfig's. Ctrl-C stops it.
 */
import { Api, Client, Reflector } from "../mod.ts";

const client = await Client.load();
const namespace = Deno.args[0] ?? client.namespace;
const reflector = new Reflector(Api.v1Pod(client).within(namespace)).timeout(5);

const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

console.log(`mirroring pods in ${namespace} on ${client.config.server}`);
while (!stop.signal.aborted) {
  try {
    await reflector.poll({ signal: stop.signal });
  } catch (e) {
    if (stop.signal.aborted) break;
    console.error(`poll failed, will resume: ${(e as Error).message}`);
    continue;
  }
  const phases = [...reflector.read().values()].map((p) =>
    `${p.metadata.name}=${p.status?.phase ?? "?"}`
  );
  console.log(
    `${phases.length} pods at resourceVersion ${reflector.resourceVersion}: ${phases.join(" ")}`,
  );
}
client.close();
