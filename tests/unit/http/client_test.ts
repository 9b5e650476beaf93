/**
 * Client against in-process servers, over plain HTTP and over HTTPS with a CA
 * made at test time: what goes on the wire, and what errors come back.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  ApiError,
  Client,
  type ClientConfig,
  ConfigError,
  Credentials,
  KubeError,
} from "../../../mod.ts";
import { makeTestTls, type TestTls } from "../../support/tls.ts";

interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: string;
}

type Handler = (req: Request, seen: Seen) => Response | Promise<Response>;

/** An in-process API server that records each request. */
function serve(
  handler: Handler = () => Response.json({}),
  tls?: { cert: string; key: string },
) {
  const seen: Seen[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {}, ...tls },
    async (req) => {
      const url = new URL(req.url);
      const entry = {
        method: req.method,
        path: url.pathname,
        query: url.searchParams,
        headers: new Headers(req.headers),
        body: await req.text(),
      };
      seen.push(entry);
      return handler(req, entry);
    },
  );
  const scheme = tls ? "https" : "http";
  return {
    server,
    seen,
    url: `${scheme}://127.0.0.1:${server.addr.port}`,
  };
}

function configFor(
  server: string,
  credentials = new Credentials({ token: "test-token-7c1d" }),
  extra: Partial<ClientConfig> = {},
): ClientConfig {
  return {
    source: "test",
    context: "test",
    cluster: "test",
    user: "test",
    server,
    namespace: "default",
    credentials,
    ...extra,
  };
}

/** Runs `fn` with a client and server, closing both afterwards. */
async function withServer(
  handler: Handler | undefined,
  fn: (s: ReturnType<typeof serve>) => Promise<void>,
): Promise<void> {
  const s = serve(handler);
  try {
    await fn(s);
  } finally {
    await s.server.shutdown();
  }
}

function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail("expected the request to fail"),
    (e) => e,
  );
}

Deno.test("Client: sends the bearer token, its User-Agent and Accept: application/json", async () => {
  await withServer(undefined, async ({ url, seen }) => {
    const client = new Client(configFor(url));
    const custom = new Client(configFor(url), { userAgent: "my-operator/1.2" });
    try {
      await client.json({ path: "/api/v1/namespaces" });
      await custom.json({ path: "/api/v1/namespaces" });
      assert.equal(seen[0].method, "GET");
      assert.equal(seen[0].path, "/api/v1/namespaces");
      assert.equal(
        seen[0].headers.get("authorization"),
        "Bearer test-token-7c1d",
      );
      assert.match(seen[0].headers.get("user-agent") ?? "", /^kube-deno\//);
      assert.equal(seen[0].headers.get("accept"), "application/json");
      assert.equal(seen[1].headers.get("user-agent"), "my-operator/1.2");
    } finally {
      client.close();
      custom.close();
    }
  });
});

Deno.test("Client: basic auth credentials send a Basic Authorization header", async () => {
  await withServer(undefined, async ({ url, seen }) => {
    const client = new Client(
      configFor(url, new Credentials({ username: "admin", password: "pw" })),
    );
    try {
      await client.json({ path: "/version" });
      assert.equal(
        seen[0].headers.get("authorization"),
        `Basic ${btoa("admin:pw")}`,
      );
    } finally {
      client.close();
    }
  });
});

Deno.test("Client: no credentials send no Authorization header", async () => {
  await withServer(undefined, async ({ url, seen }) => {
    const client = new Client(configFor(url, new Credentials()));
    try {
      await client.json({ path: "/version" });
      assert.equal(seen[0].headers.get("authorization"), null);
    } finally {
      client.close();
    }
  });
});

Deno.test("Client: an object body is sent as JSON with Content-Type application/json; a string body as is with its content type", async () => {
  await withServer(undefined, async ({ url, seen }) => {
    const client = new Client(configFor(url));
    try {
      const pod = { metadata: { name: "web-0", labels: { app: "wéb" } } };
      await client.json({
        method: "POST",
        path: "/api/v1/namespaces/default/pods",
        body: pod,
      });
      await client.json({
        method: "PATCH",
        path: "/api/v1/namespaces/default/pods/web-0",
        body: "metadata:\n  labels:\n    app: web\n",
        contentType: "application/apply-patch+yaml",
      });
      await client.json({ path: "/api/v1/namespaces/default/pods" });
      assert.equal(seen[0].method, "POST");
      assert.equal(seen[0].headers.get("content-type"), "application/json");
      assert.deepEqual(JSON.parse(seen[0].body), pod);
      assert.equal(seen[1].method, "PATCH");
      assert.equal(
        seen[1].headers.get("content-type"),
        "application/apply-patch+yaml",
      );
      assert.equal(seen[1].body, "metadata:\n  labels:\n    app: web\n");
      assert.equal(seen[2].headers.get("content-type"), null);
      assert.equal(seen[2].body, "");
    } finally {
      client.close();
    }
  });
});

Deno.test("Client: query parameters are encoded, and undefined ones left out", async () => {
  await withServer(undefined, async ({ url, seen }) => {
    const client = new Client(configFor(url));
    try {
      await client.json({
        path: "/api/v1/pods",
        query: {
          labelSelector: "app in (web,api),tier!=cache",
          fieldSelector: "spec.nodeName=node-1",
          limit: 50,
          watch: true,
          continue: undefined,
        },
      });
      assert.deepEqual(Object.fromEntries(seen[0].query), {
        labelSelector: "app in (web,api),tier!=cache",
        fieldSelector: "spec.nodeName=node-1",
        limit: "50",
        watch: "true",
      });
    } finally {
      client.close();
    }
  });
});

Deno.test("Client: a non-2xx Status becomes an ApiError with code, reason, message, details, method and path", async () => {
  const status = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: 'pods "web-0" not found',
    reason: "NotFound",
    details: { name: "web-0", kind: "pods" },
    code: 404,
  };
  await withServer(
    () => Response.json(status, { status: 404 }),
    async ({ url }) => {
      const client = new Client(configFor(url));
      try {
        const error = await rejection(client.json({
          path: "/api/v1/namespaces/default/pods/web-0",
          query: { pretty: true },
        }));
        assert.ok(error instanceof ApiError, String(error));
        assert.ok(error instanceof KubeError);
        assert.equal(error.code, 404);
        assert.equal(error.reason, "NotFound");
        assert.equal(error.status.message, 'pods "web-0" not found');
        assert.deepEqual(error.status.details, { name: "web-0", kind: "pods" });
        assert.equal(error.method, "GET");
        assert.equal(error.path, "/api/v1/namespaces/default/pods/web-0");
        assert.match(
          error.message,
          /GET \/api\/v1\/namespaces\/default\/pods\/web-0/,
        );
        assert.match(error.message, /404 NotFound/);
        assert.match(error.message, /pods "web-0" not found/);
      } finally {
        client.close();
      }
    },
  );
});

Deno.test("Client: a non-Status error body gives an ApiError with the HTTP code and the body's first bytes", async () => {
  const page = `<html><body><h1>502 Bad Gateway</h1>${
    "<p>upstream unavailable</p>".repeat(400)
  }</body></html>`;
  await withServer(
    () =>
      new Response(page, {
        status: 502,
        headers: { "content-type": "text/html" },
      }),
    async ({ url }) => {
      const client = new Client(configFor(url));
      try {
        const error = await rejection(
          client.request({ method: "DELETE", path: "/api/v1/nodes/n1" }),
        );
        assert.ok(error instanceof ApiError, String(error));
        assert.equal(error.code, 502);
        assert.equal(error.method, "DELETE");
        assert.equal(error.path, "/api/v1/nodes/n1");
        assert.match(error.message, /HTTP 502/);
        assert.ok(
          error.message.includes("<html><body><h1>502 Bad Gateway</h1>"),
          error.message,
        );
        assert.ok(error.message.length < 600, "the body is cut short");
      } finally {
        client.close();
      }
    },
  );
});

Deno.test("Client: a 2xx answer that is not JSON is a KubeError from json()", async () => {
  await withServer(
    () => new Response("ok, not json"),
    async ({ url }) => {
      const client = new Client(configFor(url));
      try {
        const error = await rejection(client.json({ path: "/healthz" }));
        assert.ok(error instanceof KubeError, String(error));
        assert.ok(!(error instanceof ApiError));
        assert.match(error.message, /\/healthz/);
        assert.match(error.message, /not JSON/);
      } finally {
        client.close();
      }
    },
  );
});

Deno.test("Client: a refused connection is a KubeError with a cause, not an ApiError, and never shows the token", async () => {
  const closed = serve();
  const url = closed.url;
  await closed.server.shutdown();
  const client = new Client(configFor(url));
  try {
    const error = await rejection(client.json({ path: "/api/v1/pods" }));
    assert.ok(error instanceof KubeError, String(error));
    assert.ok(!(error instanceof ApiError));
    assert.ok(error.cause !== undefined);
    assert.ok(error.message.includes(`${url}/api/v1/pods`), error.message);
    assert.ok(!error.message.includes("test-token-7c1d"), error.message);
    assert.ok(!Deno.inspect(error).includes("test-token-7c1d"));
  } finally {
    client.close();
  }
});

Deno.test("Client: an already aborted signal rejects with the abort reason", async () => {
  await withServer(undefined, async ({ url, seen }) => {
    const client = new Client(configFor(url));
    try {
      const reason = new Error("caller gave up");
      const error = await rejection(
        client.request({ path: "/version", signal: AbortSignal.abort(reason) }),
      );
      assert.equal(error, reason);
      assert.equal(seen.length, 0);
    } finally {
      client.close();
    }
  });
});

Deno.test("Client: aborting while the server has not answered rejects with the abort reason", async () => {
  const arrived = Promise.withResolvers<void>();
  const release = Promise.withResolvers<void>();
  await withServer(
    async () => {
      arrived.resolve();
      await release.promise;
      return Response.json({});
    },
    async ({ url }) => {
      const client = new Client(configFor(url));
      try {
        const controller = new AbortController();
        const pending = rejection(
          client.request({ path: "/slow", signal: controller.signal }),
        );
        await arrived.promise;
        const reason = new DOMException("stop", "AbortError");
        controller.abort(reason);
        assert.equal(await pending, reason);
      } finally {
        release.resolve();
        client.close();
      }
    },
  );
});

Deno.test("Client: aborting the signal also ends a response body that is still streaming", async () => {
  const release = Promise.withResolvers<void>();
  await withServer(
    () => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('{"type":"ADDED"}\n'));
          await release.promise;
          controller.close();
        },
      });
      return new Response(body);
    },
    async ({ url }) => {
      const client = new Client(configFor(url));
      try {
        const controller = new AbortController();
        const res = await client.request({
          path: "/api/v1/pods",
          query: { watch: 1 },
          signal: controller.signal,
        });
        const reader = res.body!.getReader();
        const first = await reader.read();
        assert.equal(
          new TextDecoder().decode(first.value),
          '{"type":"ADDED"}\n',
        );
        const reason = new Error("stop watching");
        controller.abort(reason);
        await assert.rejects(() => reader.read());
      } finally {
        release.resolve();
        client.close();
      }
    },
  );
});

Deno.test("Client: a 401 with a static token is an ApiError at once, without a retry", async () => {
  await withServer(
    () =>
      Response.json({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        code: 401,
        reason: "Unauthorized",
        message: "Unauthorized",
      }, { status: 401 }),
    async ({ url, seen }) => {
      const client = new Client(configFor(url));
      try {
        const error = await rejection(client.json({ path: "/api/v1/pods" }));
        assert.ok(error instanceof ApiError, String(error));
        assert.equal(error.code, 401);
        assert.equal(seen.length, 1);
      } finally {
        client.close();
      }
    },
  );
});

Deno.test("Client: a 401 makes it re-read a rotated token file and retry once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kube-client-test-" });
  try {
    const tokenFile = `${dir}/token`;
    await Deno.writeTextFile(tokenFile, "old-token");
    let accepted = "Bearer old-token";
    await withServer(
      (req) =>
        req.headers.get("authorization") === accepted
          ? Response.json({ ok: true })
          : Response.json({ kind: "Status", code: 401 }, { status: 401 }),
      async ({ url, seen }) => {
        const client = new Client(
          configFor(url, new Credentials({ tokenFile })),
        );
        try {
          await client.json({ path: "/version" });
          // The server rotates the token; the file's mtime is kept so that
          // only the 401 can tell the client its cached token is stale.
          const { mtime } = await Deno.stat(tokenFile);
          await Deno.writeTextFile(tokenFile, "new-token");
          await Deno.utime(tokenFile, mtime!, mtime!);
          accepted = "Bearer new-token";
          assert.deepEqual(await client.json({ path: "/version" }), {
            ok: true,
          });
          assert.deepEqual(
            seen.map((s) => s.headers.get("authorization")),
            ["Bearer old-token", "Bearer old-token", "Bearer new-token"],
          );
        } finally {
          client.close();
        }
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// --- HTTPS --------------------------------------------------------------------

let tls: TestTls | undefined;
async function testTls(): Promise<TestTls> {
  tls ??= await makeTestTls();
  return tls;
}

Deno.test("Client: over HTTPS it trusts the cluster's CA and sends the token", async () => {
  const { caCert, serverCert, serverKey } = await testTls();
  const s = serve(() => Response.json({ gitVersion: "v1.31.0" }), {
    cert: serverCert,
    key: serverKey,
  });
  const client = new Client(configFor(s.url, undefined, { caCerts: [caCert] }));
  try {
    assert.deepEqual(await client.json({ path: "/version" }), {
      gitVersion: "v1.31.0",
    });
    assert.equal(
      s.seen[0].headers.get("authorization"),
      "Bearer test-token-7c1d",
    );
  } finally {
    client.close();
    await s.server.shutdown();
  }
});

Deno.test("Client: over HTTPS a server whose CA is not trusted is a KubeError, not an ApiError", async () => {
  const { serverCert, serverKey } = await testTls();
  const s = serve(() => Response.json({}), {
    cert: serverCert,
    key: serverKey,
  });
  const other = await makeTestTls();
  const client = new Client(
    configFor(s.url, undefined, { caCerts: [other.caCert] }),
  );
  try {
    const error = await rejection(client.json({ path: "/version" }));
    assert.ok(error instanceof KubeError, String(error));
    assert.ok(!(error instanceof ApiError));
    assert.ok(error.message.includes(s.url), error.message);
    assert.ok(!error.message.includes("test-token-7c1d"), error.message);
    assert.equal(s.seen.length, 0);
  } finally {
    client.close();
    await s.server.shutdown();
  }
});

Deno.test("Client.load: a kubeconfig with a relative certificate-authority reaches an HTTPS server", async () => {
  const { caCert, serverCert, serverKey } = await testTls();
  const s = serve(() => Response.json({ kind: "NamespaceList", items: [] }), {
    cert: serverCert,
    key: serverKey,
  });
  const dir = await Deno.makeTempDir({ prefix: "kube-client-test-" });
  let client: Client | undefined;
  try {
    await Deno.writeTextFile(`${dir}/ca.crt`, caCert);
    await Deno.writeTextFile(
      `${dir}/config`,
      `apiVersion: v1
kind: Config
current-context: local
clusters:
- name: local
  cluster:
    server: ${s.url}
    certificate-authority: ca.crt
users:
- name: me
  user:
    username: me
    password: secret
contexts:
- name: local
  context:
    cluster: local
    user: me
    namespace: team
`,
    );
    client = await Client.load({ kubeconfig: `${dir}/config` });
    assert.equal(client.namespace, "team");
    const list = await client.json<{ kind: string }>({
      path: "/api/v1/namespaces",
    });
    assert.equal(list.kind, "NamespaceList");
    assert.equal(
      s.seen[0].headers.get("authorization"),
      `Basic ${btoa("me:secret")}`,
    );
  } finally {
    client?.close();
    await s.server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("Client: a client certificate that is not PEM is a ConfigError naming the context", async () => {
  const { caCert } = await testTls();
  const client = new Client(
    configFor(
      "https://127.0.0.1:1",
      new Credentials({ cert: "not a certificate", key: "not a key" }),
      { caCerts: [caCert], context: "broken" },
    ),
  );
  try {
    const error = await rejection(client.request({ path: "/version" }));
    assert.ok(error instanceof ConfigError, String(error));
    assert.match(error.message, /context "broken"/);
    assert.ok(!error.message.includes("not a key"), error.message);
  } finally {
    client.close();
  }
});

Deno.test("Client: requests after close() fail with a KubeError instead of opening a new pool", async () => {
  await withServer(undefined, async (s) => {
    const client = new Client(configFor(s.url));
    await client.json({ path: "/version" });
    client.close();
    const error = await rejection(client.json({ path: "/version" }));
    assert.ok(error instanceof KubeError);
    assert.match((error as Error).message, /GET \/version: the client is closed/);
    assert.equal(s.seen.length, 1);
  });
});
