/**
 * Keeps a local copy of the Foo custom resources (foos.clux.dev) in a
 * namespace and prints each change. Apply the CRD and an instance first:
 *
 *     kubectl apply -f examples/foo.yaml
 *     kubectl apply -f examples/crd-baz.yaml
 *     deno run --allow-net --allow-read --allow-env examples/crd_reflector.ts [NAMESPACE]
 *
 * NAMESPACE defaults to the kubeconfig's. Ctrl-C stops it.
 */
import { Api, Client, Reflector } from "../mod.ts";

/** The spec that examples/foo.yaml declares. */
interface FooSpec {
  name: string;
  info?: string;
}

const client = await Client.load();
const namespace = Deno.args[0] ?? client.namespace;
const foos = Api.custom<FooSpec, never>(client, {
  group: "clux.dev",
  version: "v1",
  kind: "Foo",
  plural: "foos",
  namespaced: true,
}).within(namespace);
const reflector = new Reflector(foos, { onError: (e) => console.error(`retrying: ${e.message}`) });

const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

console.log(`mirroring foos in ${namespace} on ${client.config.server}`);
for await (const change of reflector.run(stop.signal)) {
  const spec = change.object.spec;
  console.log(`${change.type} foo ${change.key}: name=${spec?.name} info=${spec?.info ?? ""}`);
}
client.close();
