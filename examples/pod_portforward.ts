/**
 * Forwards a local port to a pod's port, as `kubectl port-forward` does.
 *
 *     deno run --allow-net --allow-read --allow-env examples/pod_portforward.ts NAMESPACE/POD LOCAL_PORT:POD_PORT
 *
 * LOCAL_PORT 0 picks a free port. Once listening it prints
 * `forwarding 127.0.0.1:PORT -> POD_PORT`, then forwards every connection
 * to that port until Ctrl-C stops it; a connection that fails is reported
 * on stderr and closed, and the others carry on.
 */
import { Api, Client } from "../mod.ts";

const [namespace, name] = (Deno.args[0] ?? "").split("/");
const ports = /^(\d+):(\d+)$/.exec(Deno.args[1] ?? "");
if (!namespace || !name || !ports) {
  console.error("usage: pod_portforward.ts NAMESPACE/POD LOCAL_PORT:POD_PORT");
  Deno.exit(2);
}

const client = await Client.load();
const stop = new AbortController();
Deno.addSignalListener("SIGINT", () => stop.abort());

try {
  const forwarder = await Api.v1Pod(client).within(namespace).portForward(name, {
    ports: [{ local: Number(ports[1]), remote: Number(ports[2]) }],
    signal: stop.signal,
    onError: (e) => console.error(e.message),
  });
  const [port] = forwarder.ports;
  console.log(`forwarding ${port.hostname}:${port.local} -> ${port.remote}`);
  await forwarder.closed;
} catch (e) {
  console.error((e as Error).message);
  Deno.exit(1);
}
client.close();
Deno.exit(0);
