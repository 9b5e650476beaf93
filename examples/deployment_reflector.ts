/**
 * Keeps a local copy of the deployments in a namespace and prints each
 * change with its rollout progress.
 *
 *     deno run --allow-net --allow-read --allow-env examples/deployment_reflector.ts [NAMESPACE]
 *
 * NAMESPACE defaults to the kubeconfig's. Ctrl-C stops it.
 */
import { Api, Client, Reflector } from "../mod.ts";

const client = await Client.load();
const namespace = Deno.args[0] ?? client.namespace;
const reflector = new Reflector(Api.v1Deployment(client).within(namespace), {
  onError: (e) => console.error(`retrying: ${e.message}`),
});

const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

console.log(`mirroring deployments in ${namespace} on ${client.config.server}`);
for await (const change of reflector.run(stop.signal)) {
  const d = change.object;
  const ready = `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`;
  console.log(
    `${change.type} deployment ${d.metadata.name}: ${ready} ready, ${
      d.status?.updatedReplicas ?? 0
    } updated`,
  );
}
client.close();
