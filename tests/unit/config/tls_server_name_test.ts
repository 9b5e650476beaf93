/**
 * `tls-server-name`: a server whose certificate names only that name is
 * reached at its IP, for requests and WebSockets, as kubectl reaches it;
 * and a certificate for another name is still refused.
 *
 * @module
 */

import assert from "node:assert/strict";
import { loadConfig } from "../../../src/config/mod.ts";
import { ConfigError, KubeError } from "../../../src/errors.ts";
import { Client } from "../../../src/http/client.ts";
import { inTempDir } from "../../support/temp.ts";
import { within } from "../../support/test_client.ts";
import { makeTestTls, type TestTls } from "../../support/tls.ts";

const NAME = "api.lab.example";

/** An HTTPS API server at 127.0.0.1 that answers GET /api and accepts WebSockets. */
function apiServer(tls: TestTls) {
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen() {},
    cert: tls.serverCert,
    key: tls.serverKey,
  }, (req) => {
    if (req.headers.get("upgrade") === "websocket") {
      const { socket, response } = Deno.upgradeWebSocket(req, { protocol: "v5.channel.k8s.io" });
      socket.onopen = () => socket.send("hello");
      return response;
    }
    return Response.json({ kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [] });
  });
  return { server, url: `https://127.0.0.1:${server.addr.port}` };
}

function kubeconfig(server: string, tls: TestTls, serverName?: string): string {
  return `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster:
    server: ${server}
    certificate-authority-data: ${btoa(tls.caCert)}
${serverName ? `    tls-server-name: ${serverName}\n` : ""}contexts:
- name: c
  context: {cluster: k, user: u}
users:
- name: u
  user: {token: t}
`;
}

async function kubectlGet(file: string, home: string): Promise<boolean> {
  const out = await new Deno.Command("kubectl", {
    args: ["--kubeconfig", file, "get", "--raw", "/api"],
    env: { HOME: home },
    stdout: "null",
    stderr: "null",
  }).output();
  return out.success;
}

Deno.test("tls-server-name: a server at an IP whose certificate names only the tls-server-name answers requests and WebSockets, as kubectl reaches it", async () => {
  const tls = await makeTestTls(`DNS:${NAME}`);
  const { server, url } = apiServer(tls);
  try {
    await inTempDir(async (dir) => {
      const file = `${dir}/config`;
      await Deno.writeTextFile(file, kubeconfig(url, tls, NAME));
      assert.equal(await kubectlGet(file, dir), true, "kubectl reaches it");
      const config = await loadConfig({ kubeconfig: file });
      assert.equal(config.server, url);
      assert.equal(config.tlsServerName, NAME);
      using client = new Client(config, { retry: { retries: 0 } });
      assert.deepEqual((await client.json<{ versions: string[] }>({ path: "/api" })).versions, [
        "v1",
      ]);
      let received: Promise<string> | undefined;
      const socket = await client.webSocket({
        path: "/api/v1/namespaces/default/pods/p/exec",
        protocols: ["v5.channel.k8s.io"],
        onOpen: (s) =>
          received = new Promise((resolve) =>
            s.addEventListener("message", (e) => resolve(String(e.data)), { once: true })
          ),
      });
      try {
        assert.equal(await within(received!, "the WebSocket's first message"), "hello");
      } finally {
        socket.close();
      }
    });
  } finally {
    await server.shutdown();
  }
});

Deno.test("tls-server-name: without it, or naming another name, the same certificate is refused, by kube as by kubectl", async () => {
  const tls = await makeTestTls(`DNS:${NAME}`);
  const { server, url } = apiServer(tls);
  try {
    await inTempDir(async (dir) => {
      for (const serverName of [undefined, "other.lab.example"]) {
        const file = `${dir}/config-${serverName ?? "none"}`;
        await Deno.writeTextFile(file, kubeconfig(url, tls, serverName));
        assert.equal(await kubectlGet(file, dir), false, `kubectl with ${serverName}`);
        using client = await Client.load({ kubeconfig: file, retry: { retries: 0 } });
        const error = await client.json({ path: "/api" }).then(() => undefined, (e) => e);
        assert.ok(error instanceof KubeError, String(error));
        assert.equal(error.name, "KubeError", `a TLS failure with ${serverName}`);
      }
    });
  } finally {
    await server.shutdown();
  }
});

Deno.test("tls-server-name: with proxy-url, or for an http server, it is a ConfigError naming the cluster", async () => {
  const tls = await makeTestTls(`DNS:${NAME}`);
  await inTempDir(async (dir) => {
    for (
      const [server, extra] of [
        ["https://10.0.0.1:6443", "    proxy-url: http://127.0.0.1:3128\n"],
        ["http://10.0.0.1:8080", ""],
      ]
    ) {
      const file = `${dir}/config`;
      await Deno.writeTextFile(
        file,
        kubeconfig(server, tls, NAME).replace("contexts:", `${extra}contexts:`),
      );
      const error = await loadConfig({ kubeconfig: file }).then(() => undefined, (e) => e);
      assert.ok(error instanceof ConfigError, String(error));
      assert.match(error.message, /cluster "k" sets tls-server-name "api\.lab\.example"/);
    }
  });
});
