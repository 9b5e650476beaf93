/**
 * Impersonation: a kubeconfig user's `as` fields (or the Client option)
 * become the `Impersonate-*` headers kubectl sends, on requests and
 * WebSockets alike.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Credentials, loadConfig } from "../../../src/config/mod.ts";
import { ConfigError } from "../../../src/errors.ts";
import { Client } from "../../../src/http/client.ts";
import { inTempDir } from "../../support/temp.ts";
import { makeTestTls, type TestTls } from "../../support/tls.ts";

const IMPERSONATION = `    as: jane
    as-uid: "1234"
    as-groups: [dev, "sys:ops", "a b"]
    as-user-extra:
      reason: [debug, "two words"]
      "example.com/scopes": [view]
      "weird%key é": ["v1", "é"]
      "UPPER_case": ["yy"]
`;

function kubeconfig(server: string, ca: string, user: string): string {
  return `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster: {server: "${server}", certificate-authority-data: ${btoa(ca)}}
contexts:
- name: c
  context: {cluster: k, user: u}
users:
- name: u
  user:
    token: t
${user}`;
}

/** An HTTPS server that records the Impersonate-* headers of each GET /api, as `name=value` lines. */
function recordingServer(tls: TestTls) {
  const seen: string[][] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {}, cert: tls.serverCert, key: tls.serverKey },
    (req) => {
      if (new URL(req.url).pathname === "/api") {
        seen.push(
          [...req.headers].filter(([name]) => name.startsWith("impersonate-"))
            .map(([name, value]) => `${name}=${value}`),
        );
      }
      return Response.json({
        kind: "APIVersions",
        versions: ["v1"],
        serverAddressByClientCIDRs: [],
      });
    },
  );
  return { server, seen, url: `https://127.0.0.1:${server.addr.port}` };
}

Deno.test("impersonation: as, as-uid, as-groups and as-user-extra send the Impersonate-* headers kubectl sends, extra keys percent-encoded and values as UTF-8", async () => {
  const tls = await makeTestTls();
  await inTempDir(async (dir) => {
    const run = async (who: "kubectl" | "kube") => {
      const { server, seen, url } = recordingServer(tls);
      try {
        const file = `${dir}/${who}`;
        await Deno.writeTextFile(file, kubeconfig(url, tls.caCert, IMPERSONATION));
        if (who === "kubectl") {
          const out = await new Deno.Command("kubectl", {
            args: ["--kubeconfig", file, "get", "--raw", "/api"],
            env: { HOME: dir },
            stdout: "null",
            stderr: "piped",
          }).output();
          assert.ok(out.success, new TextDecoder().decode(out.stderr));
        } else {
          using client = await Client.load({ kubeconfig: file });
          await client.json({ path: "/api" });
        }
        return seen;
      } finally {
        await server.shutdown();
      }
    };
    const byKubectl = await run("kubectl");
    const byKube = await run("kube");
    assert.deepEqual(byKube, byKubectl);
    // What the oracle said, so the comparison is known to cover the escaping.
    assert.ok(byKubectl[0].includes("impersonate-extra-weird%25key%20%c3%a9=v1, \u00c3\u00a9"));
    assert.ok(byKubectl[0].includes("impersonate-group=dev, sys:ops, a b"));
  });
});

Deno.test("impersonation: as-uid, as-groups or as-user-extra without as is refused, as kubectl refuses it", async () => {
  const tls = await makeTestTls();
  await inTempDir(async (dir) => {
    const file = `${dir}/config`;
    await Deno.writeTextFile(
      file,
      kubeconfig("https://127.0.0.1:6443", tls.caCert, "    as-groups: [dev]\n"),
    );
    const kubectl = await new Deno.Command("kubectl", {
      args: ["--kubeconfig", file, "get", "--raw", "/api"],
      env: { HOME: dir },
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.match(new TextDecoder().decode(kubectl.stderr), /without impersonating a user/);
    const error = await loadConfig({ kubeconfig: file }).then(() => undefined, (e) => e);
    assert.ok(error instanceof ConfigError, String(error));
    assert.ok(error.message.includes(`${file}: user "u"`), error.message);
    assert.match(error.message, /without as/);
  });
});

/**
 * A plain HTTP server on a raw socket that records each request's header
 * lines as they arrived, so that a header sent twice shows as two lines.
 */
function rawServer() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const requests: string[][] = [];
  const done = (async () => {
    for await (const conn of listener) {
      (async () => {
        const buffer = new Uint8Array(65536);
        let text = "";
        while (!text.includes("\r\n\r\n")) {
          const n = await conn.read(buffer);
          if (n === null) break;
          text += new TextDecoder().decode(buffer.subarray(0, n));
        }
        requests.push(text.split("\r\n").filter((line) => /^impersonate-/i.test(line)));
        const body = '{"kind":"APIVersions","versions":["v1"]}';
        await conn.write(
          new TextEncoder().encode(
            `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
          ),
        );
        conn.close();
      })().catch(() => {});
    }
  })().catch(() => {});
  return { listener, requests, done, url: `http://127.0.0.1:${listener.addr.port}` };
}

function clientFor(server: string, impersonate?: ConstructorParameters<typeof Client>[1]): Client {
  return new Client({
    source: "test",
    context: "test",
    cluster: "test",
    user: "test",
    server,
    namespace: "default",
    credentials: new Credentials({ token: "t" }),
    impersonate: { user: "from-kubeconfig", groups: ["ignored"] },
  }, impersonate);
}

Deno.test("impersonation: the Client option replaces the kubeconfig's, and each group is a header of its own", async () => {
  const raw = rawServer();
  try {
    using client = clientFor(raw.url, {
      impersonate: {
        user: "kube-e2e-token",
        uid: "u-1",
        groups: ["dev", "ops"],
        extra: { "scopes/x": ["a"] },
      },
    });
    await client.json({ path: "/api" });
    assert.deepEqual(raw.requests[0].map((line) => line.toLowerCase()), [
      "impersonate-user: kube-e2e-token",
      "impersonate-uid: u-1",
      "impersonate-group: dev",
      "impersonate-group: ops",
      "impersonate-extra-scopes%2fx: a",
    ]);
  } finally {
    raw.listener.close();
    await raw.done;
  }
});

Deno.test("impersonation: a WebSocket carries the Impersonate-* headers too", async () => {
  const seen: Record<string, string | null>[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    seen.push({
      user: req.headers.get("Impersonate-User"),
      groups: req.headers.get("Impersonate-Group"),
    });
    const { socket, response } = Deno.upgradeWebSocket(req, { protocol: "v5.channel.k8s.io" });
    socket.onopen = () => socket.close();
    return response;
  });
  try {
    using client = clientFor(`http://127.0.0.1:${server.addr.port}`);
    const socket = await client.webSocket({
      path: "/api/v1/namespaces/default/pods/p/exec",
      protocols: ["v5.channel.k8s.io"],
    });
    socket.close();
    assert.deepEqual(seen, [{ user: "from-kubeconfig", groups: "ignored" }]);
  } finally {
    await server.shutdown();
  }
});
