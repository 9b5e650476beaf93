/**
 * Follows a container's log, one printed line per log line.
 *
 *     deno run --allow-net --allow-read --allow-env examples/pod_logs.ts NAMESPACE/POD [CONTAINER]
 *
 * CONTAINER may be left out when the pod has only one. It prints the lines
 * as they are written until the container stops or Ctrl-C stops it.
 */
import { Api, Client } from "../mod.ts";

const [target = "", container] = Deno.args;
const [namespace, name] = target.split("/");
if (!namespace || !name) {
  console.error("usage: pod_logs.ts NAMESPACE/POD [CONTAINER]");
  Deno.exit(2);
}

const client = await Client.load();
const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

const pods = Api.v1Pod(client).within(namespace);
try {
  for await (const line of pods.logs(name, { container, follow: true, signal: stop.signal })) {
    console.log(line);
  }
} catch (e) {
  console.error((e as Error).message);
  Deno.exit(1);
}
client.close();
Deno.exit(0);
