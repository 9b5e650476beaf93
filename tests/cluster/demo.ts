/**
 * `deno task demo`: starts the local control plane if none runs, then runs
 * examples/pod_informer.ts on a `demo` namespace while a few pods come and go
 * there, so that their events scroll by. Ctrl-C stops it; `deno task
 * cluster:down` stops the cluster.
 *
 * @module
 */
import { Api, Client, type Pod } from "../../mod.ts";

const here = new URL(".", import.meta.url).pathname;
const up = await new Deno.Command("bash", { args: [`${here}up.sh`] }).output();
if (!up.success) Deno.exit(up.code);

const kubeconfig = `${here}.run/kubeconfig`;
using client = await Client.load({ kubeconfig });
const namespaces = Api.v1Namespace(client);
await namespaces.create({ metadata: { name: "demo" } }).catch(() => {});
const pods = Api.v1Pod(client).within("demo");

const example = new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "--allow-net",
    "--allow-read",
    "--allow-env",
    new URL("../../examples/pod_informer.ts", import.meta.url).pathname,
    "demo",
  ],
  env: { KUBECONFIG: kubeconfig },
}).spawn();

// A demo, not a test: pace the changes so that a person can follow them.
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());
const churn = (async () => {
  for (let round = 1; !stop.signal.aborted; round++) {
    await pause(2_000);
    const name = `demo-${round}`;
    const pod: Pod = {
      metadata: { name, labels: { app: "demo" } },
      spec: { containers: [{ name: "main", image: "registry.k8s.io/pause:3.10" }] },
    };
    await pods.create(pod).catch(() => {});
    if (round > 3) {
      await pods.delete(`demo-${round - 3}`, { gracePeriodSeconds: 0 }).catch(() => {});
    }
  }
})();
const status = await example.status;
stop.abort();
await churn;
Deno.exit(status.code);
