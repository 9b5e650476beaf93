/**
 * A controller for ConfigMapGenerators (examples/configmapgen.yaml), after
 * kube-rs's example of that name: each generator gets a ConfigMap of the
 * same name whose `data.content` is its `spec.content`, owned by it, so
 * deleting the ConfigMap brings it back and editing the generator updates
 * it. It leads through a Lease, records Events, and keeps a finalizer whose
 * cleanup runs when a generator is deleted.
 *
 *     kubectl apply -f examples/configmapgen.yaml
 *     deno run --allow-net --allow-read --allow-env examples/configmapgen_controller.ts
 *
 * The Lease `configmapgen-controller` lives in the namespace POD_NAMESPACE
 * names (else `default`); run two copies and only one reconciles at a time.
 * Ctrl-C stops it gracefully and releases the Lease.
 *
 * @module
 */

import {
  Action,
  Api,
  Client,
  type ConfigMap,
  Controller,
  finalizer,
  LeaderElector,
  Recorder,
} from "../mod.ts";
// The resource's type, check and CRD, defined once with customResource.
import { ConfigMapGenerator } from "./configmapgen_crd.ts";

const MANAGER = "configmapgen-controller";
const FINALIZER = "kube.example/cleanup";

const client = await Client.load();
const generators = ConfigMapGenerator.api(client);
const configMaps = Api.v1ConfigMap(client);

const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => stop.abort());
}

const elector = new LeaderElector(client, {
  name: MANAGER,
  namespace: Deno.env.get("POD_NAMESPACE") ?? "default",
});
const recorder = new Recorder(client, {
  reportingController: "kube.example/configmapgen-controller",
  reportingInstance: elector.identity,
  onError: (e) => console.error(`event not recorded: ${e.message}`),
});

/** Makes the generator's ConfigMap what it should be, or cleans up after a deleted generator. */
async function reconcile(generator: ConfigMapGenerator): Promise<Action> {
  const { name, namespace } = generator.metadata as { name: string; namespace: string };
  const own = generators.within(namespace);
  const action = await finalizer(own, FINALIZER, generator, {
    apply: async (stored) => {
      const configMap: ConfigMap = {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
          name,
          namespace,
          ownerReferences: [{
            apiVersion: "kube.example/v1",
            kind: "ConfigMapGenerator",
            name,
            uid: stored.metadata.uid!,
            controller: true,
          }],
        },
        data: { content: stored.spec?.content ?? "" },
      };
      await configMaps.within(namespace).patch(name, {
        type: "apply",
        fieldManager: MANAGER,
        force: true,
        body: configMap,
      });
      console.log(`reconciled ${namespace}/${name}`);
      await recorder.publish({
        type: "Normal",
        reason: "Reconciled",
        action: "ApplyConfigMap",
        note: `ConfigMap ${name} holds the generator's content`,
        regarding: stored,
      });
      return Action.requeue(5 * 60_000);
    },
    cleanup: async (deleted) => {
      // The ConfigMap goes with its owner (garbage collection): nothing to undo.
      console.log(`cleaned up ${namespace}/${name}`);
      await recorder.publish({
        type: "Normal",
        reason: "Deleted",
        action: "Cleanup",
        note: "the generator is being deleted",
        regarding: deleted,
      });
      return Action.awaitChange();
    },
  });
  return action ?? Action.awaitChange();
}

await elector.run(async (signal) => {
  console.log(`leading as ${elector.identity}`);
  const controller = new Controller(generators).owns(configMaps);
  for await (const outcome of controller.run(reconcile, { concurrency: 2, signal })) {
    if (outcome.error) console.error(`reconcile ${outcome.key} failed: ${outcome.error}`);
  }
  // Every reconcile has settled: from here on another copy may lead.
  console.log("stopped leading");
}, { signal: stop.signal });
console.log("stopped");
client.close();
