/**
 * Prints pod events in a namespace as they happen.
 *
 *     deno run --allow-net --allow-read --allow-env examples/pod_informer.ts [NAMESPACE]
 *
 * NAMESPACE defaults to kube-system. Ctrl-C stops it.
 */
import { Api, Client, Informer } from "../mod.ts";

const client = await Client.load();
const namespace = Deno.args[0] ?? "kube-system";
const pods = Api.v1Pod(client).within(namespace);

const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

console.log(`watching pods in ${namespace} on ${client.config.server}`);
const informer = new Informer(pods, { onError: (e) => console.error(`retrying: ${e.message}`) });
for await (const event of informer.run(stop.signal)) {
  switch (event.type) {
    case "RESTARTED":
      console.log(`RESTARTED: ${event.objects.length} pods`);
      break;
    case "ERROR":
      console.log(`ERROR ${event.object.code}: ${event.object.message}`);
      break;
    default: {
      const pod = event.object;
      console.log(`${event.type} pod ${pod.metadata.name}: ${pod.status?.phase ?? "?"}`);
    }
  }
}
client.close();
