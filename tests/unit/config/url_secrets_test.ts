/**
 * User names and passwords in a kubeconfig's `server` and `proxy-url`: used
 * as kubectl uses them, and shown nowhere (fields, inspect, JSON, errors).
 *
 * @module
 */

import assert from "node:assert/strict";
import { Credentials, loadConfig } from "../../../src/config/mod.ts";
import { ConfigError, KubeError } from "../../../src/errors.ts";
import { Client } from "../../../src/http/client.ts";
import { inTempDir } from "../../support/temp.ts";
import { makeTestTls, type TestTls } from "../../support/tls.ts";
import { inBatches } from "./_kubectl.ts";

const SERVER_PASSWORD = "srv-pw-7c1d";
const PROXY_PASSWORD = "proxy-pw-4e2a";

function kubeconfig(server: string, cluster = "", user = "{}"): string {
  return `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster:
    server: ${server}
${cluster}contexts:
- name: c
  context: {cluster: k, user: u}
users:
- name: u
  user: ${user}
`;
}

/** A port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

function assertNoSecret(text: string): void {
  for (const secret of [SERVER_PASSWORD, PROXY_PASSWORD, btoa(`alice:${SERVER_PASSWORD}`)]) {
    assert.ok(!text.includes(secret), `${secret} leaked in: ${text}`);
  }
}

Deno.test("loadConfig: the passwords of server and proxy-url URLs are in no field, no inspect, no JSON and no toString", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/config`;
    await Deno.writeTextFile(
      file,
      kubeconfig(
        `https://alice:${SERVER_PASSWORD}@127.0.0.1:6443`,
        `    proxy-url: http://bob:${PROXY_PASSWORD}@127.0.0.1:3128\n`,
      ),
    );
    const config = await loadConfig({ kubeconfig: file });
    assert.equal(config.server, "https://127.0.0.1:6443");
    assert.equal(config.proxyUrl, "http://127.0.0.1:3128");
    for (
      const shown of [
        Deno.inspect(config, { depth: Infinity, showHidden: true }),
        JSON.stringify(config),
        String(config.credentials),
        Deno.inspect(config.credentials, { depth: Infinity, showHidden: true }),
      ]
    ) assertNoSecret(shown);
    assert.deepEqual(config.credentials.proxyBasicAuth, {
      username: "bob",
      password: PROXY_PASSWORD,
    });
  });
});

Deno.test("loadConfig: a server URL that is not http(s) is refused without quoting its password", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/config`;
    await Deno.writeTextFile(file, kubeconfig(`ftp://alice:${SERVER_PASSWORD}@127.0.0.1:6443`));
    const error = await loadConfig({ kubeconfig: file }).then(() => undefined, (e) => e);
    assert.ok(error instanceof ConfigError, String(error));
    assert.match(error.message, /is not an http\(s\) URL/);
    assertNoSecret(error.message);
  });
});

Deno.test("client: a network error names the server without the password of its URL, from a kubeconfig or a hand-made config", async () => {
  await inTempDir(async (dir) => {
    const server = `http://alice:${SERVER_PASSWORD}@127.0.0.1:${closedPort()}`;
    const file = `${dir}/config`;
    await Deno.writeTextFile(file, kubeconfig(server));
    const fromFile = await Client.load({ kubeconfig: file, retry: { retries: 0 } });
    const handMade = new Client({
      source: "test",
      context: "test",
      cluster: "test",
      user: "test",
      server,
      namespace: "default",
      credentials: new Credentials(),
    }, { retry: { retries: 0 } });
    for (const client of [fromFile, handMade]) {
      try {
        const error = await client.request({ path: "/api" }).then(() => undefined, (e) => e);
        assert.ok(error instanceof KubeError, String(error));
        assert.match(error.message, /GET http:\/\/.*127\.0\.0\.1:\d+\/api/);
        assertNoSecret(error.message);
        // Nor in its cause, Deno's own error, which inspect shows.
        assertNoSecret(Deno.inspect(error, { depth: 8 }));
        client.close();
        const closed = await client.request({ path: "/api" }).then(() => undefined, (e) => e);
        assertNoSecret(String(closed?.message));
      } finally {
        client.close();
      }
    }
  });
});

/** An HTTPS server that records the Authorization header of each GET /api. */
function recordingServer(tls: TestTls) {
  const authorizations: string[] = [];
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen() {},
    cert: tls.serverCert,
    key: tls.serverKey,
  }, (req) => {
    if (new URL(req.url).pathname === "/api") {
      authorizations.push(req.headers.get("Authorization") ?? "none");
    }
    return Response.json({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
  });
  return { server, authorizations, port: server.addr.port };
}

/** A user with nothing is left out: kubectl would prompt for a password, even with a userinfo. */
const USERS: Record<string, string> = {
  token: "{token: tok-1}",
  basic: "{username: carol, password: pw-3}",
  exec:
    "{exec: {apiVersion: client.authentication.k8s.io/v1, command: ./plugin.sh, interactiveMode: Never}}",
};

Deno.test("credentials: a user name and password in the server URL are sent as basic auth over the user's token, basic auth or exec plugin, as kubectl sends them", async () => {
  const tls = await makeTestTls();
  // kubectl sends no user credential at all to an http:// server: HTTPS, as in real use.
  const ca = `    certificate-authority-data: ${btoa(tls.caCert)}\n`;
  await inTempDir(async (dir) => {
    const cases = Object.keys(USERS).flatMap((user) =>
      ["alice:s%40cret", "alice", ""].map((userinfo) => ({ user, userinfo }))
    );
    const run = async (who: "kubectl" | "kube", user: string, userinfo: string) => {
      const sub = `${dir}/${who}-${user}-${userinfo.replace(/\W/g, "")}`;
      await Deno.mkdir(sub, { recursive: true });
      await Deno.writeTextFile(
        `${sub}/plugin.sh`,
        `#!/bin/bash\ntouch '${sub}/ran'\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-tok"}}'\n`,
      );
      await Deno.chmod(`${sub}/plugin.sh`, 0o755);
      const { server, authorizations, port } = recordingServer(tls);
      try {
        const at = userinfo ? `${userinfo}@` : "";
        const file = `${sub}/config`;
        await Deno.writeTextFile(
          file,
          kubeconfig(`https://${at}127.0.0.1:${port}`, ca, USERS[user]),
        );
        if (who === "kubectl") {
          await new Deno.Command("kubectl", {
            args: ["--kubeconfig", file, "get", "--raw", "/api"],
            env: { HOME: sub },
            stdout: "null",
            stderr: "null",
          }).output();
        } else {
          using client = await Client.load({ kubeconfig: file });
          await (await client.request({ path: "/api" })).body?.cancel();
        }
        const ran = await Deno.stat(`${sub}/ran`).then(() => ", plugin ran", () => "");
        return `${authorizations.join(" then ")}${ran}`;
      } finally {
        await server.shutdown();
      }
    };
    const results = await inBatches(cases, 3, async ({ user, userinfo }) => ({
      name: `${user} with ${userinfo || "no userinfo"}`,
      kubectl: await run("kubectl", user, userinfo),
      kube: await run("kube", user, userinfo),
    }));
    const by = (who: "kubectl" | "kube") =>
      Object.fromEntries(results.map((r) => [r.name, r[who]]));
    assert.deepEqual(by("kube"), by("kubectl"));
    assert.equal(by("kubectl")["token with alice:s%40cret"], `Basic ${btoa("alice:s@cret")}`);
  });
});

Deno.test("client: the proxy-url's user name and password still authenticate to the proxy", async () => {
  await inTempDir(async (dir) => {
    // A plain HTTP proxy that answers every request itself and records its Proxy-Authorization.
    const seen: string[] = [];
    const proxy = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
      seen.push(req.headers.get("Proxy-Authorization") ?? "none");
      return Response.json({ kind: "APIVersions", versions: ["v1"] });
    });
    try {
      const file = `${dir}/config`;
      await Deno.writeTextFile(
        file,
        kubeconfig(
          "http://api.example.invalid:6443",
          `    proxy-url: http://bob:${
            encodeURIComponent(`${PROXY_PASSWORD}@`)
          }@127.0.0.1:${proxy.addr.port}\n`,
        ),
      );
      using client = await Client.load({ kubeconfig: file, retry: { retries: 0 } });
      assert.deepEqual(await client.json({ path: "/api" }), {
        kind: "APIVersions",
        versions: ["v1"],
      });
      assert.deepEqual(seen, [`Basic ${btoa(`bob:${PROXY_PASSWORD}@`)}`]);
    } finally {
      await proxy.shutdown();
    }
  });
});
