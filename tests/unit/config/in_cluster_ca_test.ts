/**
 * In-cluster: the service account's CA file is re-read when it rotates, as
 * the token is, and the client moves to a connection that trusts the new CA.
 *
 * @module
 */

import assert from "node:assert/strict";
import { loadInClusterConfig } from "../../../src/config/mod.ts";
import { KubeError } from "../../../src/errors.ts";
import { Client } from "../../../src/http/client.ts";
import { inTempDir, withEnv } from "../../support/temp.ts";
import { makeTestTls } from "../../support/tls.ts";

/** Rewrites a file with a later mtime, as the kubelet's atomic swap of the mounted files does. */
async function rotate(path: string, text: string): Promise<void> {
  const before = (await Deno.stat(path)).mtime!;
  await Deno.writeTextFile(path, text);
  const later = new Date(before.getTime() + 2_000);
  await Deno.utime(path, later, later);
}

async function serviceAccount(dir: string, ca: string): Promise<string> {
  const sa = `${dir}/serviceaccount`;
  await Deno.mkdir(sa);
  await Deno.writeTextFile(`${sa}/token`, "sa-token");
  await Deno.writeTextFile(`${sa}/ca.crt`, ca);
  await Deno.writeTextFile(`${sa}/namespace`, "jobs");
  return sa;
}

Deno.test("loadInClusterConfig: the credentials hand out the CA file's current certificates, re-read when it rotates", async () => {
  const [a, b] = await Promise.all([makeTestTls(), makeTestTls()]);
  await inTempDir(async (dir) => {
    const sa = await serviceAccount(dir, a.caCert);
    const config = await withEnv(
      { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443" },
      () => loadInClusterConfig(sa),
    );
    assert.deepEqual((await config.credentials.get()).caCerts, [a.caCert.trim()]);
    await rotate(`${sa}/ca.crt`, b.caCert);
    assert.deepEqual((await config.credentials.get()).caCerts, [b.caCert.trim()]);
  });
});

Deno.test("client in a pod: after the CA file rotates to the server's new CA, the next request trusts it on a new connection", async () => {
  const [old, current] = await Promise.all([makeTestTls(), makeTestTls()]);
  // The API server already presents a certificate of the new CA.
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen() {},
    cert: current.serverCert,
    key: current.serverKey,
  }, () => Response.json({ major: "1", minor: "37" }));
  try {
    await inTempDir(async (dir) => {
      const sa = await serviceAccount(dir, old.caCert);
      const config = await withEnv(
        { KUBERNETES_SERVICE_HOST: "127.0.0.1", KUBERNETES_SERVICE_PORT: String(server.addr.port) },
        () => loadInClusterConfig(sa),
      );
      using client = new Client(config, { retry: { retries: 0 } });
      const refused = await client.json({ path: "/version" }).then(() => undefined, (e) => e);
      assert.ok(refused instanceof KubeError, String(refused));
      assert.equal(refused.name, "KubeError", "a TLS failure, not an answer");

      await rotate(`${sa}/ca.crt`, current.caCert);
      assert.deepEqual(await client.json({ path: "/version" }), { major: "1", minor: "37" });
      assert.equal(client.connections.open, 1, "the connection that trusted the old CA is closed");
    });
  } finally {
    await server.shutdown();
  }
});
