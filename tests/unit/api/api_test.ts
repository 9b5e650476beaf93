/**
 * Api<T> against an in-process server that records each request: the method,
 * path, query, content type and body of every verb.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Api,
  ApiError,
  type Client,
  KubeError,
  type KubeObject,
  type Resource,
} from "../../../mod.ts";
import { testClient } from "../../support/test_client.ts";

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  /** The body as sent; `""` when there was none. */
  text: string;
}

/** The body, parsed as JSON. */
// deno-lint-ignore no-explicit-any
function bodyOf(req: Recorded): any {
  return JSON.parse(req.text);
}

type Responder = (req: Recorded) => unknown;

interface Harness {
  client: Client;
  seen: Recorded[];
}

/**
 * Runs `fn` with a client whose default namespace is `client-ns`, talking to
 * a server that records each request and answers with `respond`'s JSON (or
 * its Response).
 */
async function withApi(
  respond: Responder,
  fn: (h: Harness) => Promise<void>,
): Promise<void> {
  const seen: Recorded[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const url = new URL(req.url);
      const recorded = {
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType: req.headers.get("content-type"),
        text: await req.text(),
      };
      seen.push(recorded);
      const answer = respond(recorded);
      return answer instanceof Response ? answer : Response.json(answer);
    },
  );
  const client = testClient(`http://127.0.0.1:${server.addr.port}`, {
    namespace: "client-ns",
    token: "t",
  });
  try {
    await fn({ client, seen });
  } finally {
    client.close();
    await server.shutdown();
  }
}

/** An object named after the request, as a server would answer a verb. */
const echo: Responder = (req) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: req.path.split("/").pop() },
});

const foos: Resource = {
  group: "clux.dev",
  version: "v1",
  kind: "Foo",
  plural: "foos",
  namespaced: true,
};

const bars: Resource = {
  group: "clux.dev",
  version: "v1",
  kind: "Bar",
  plural: "bars",
  namespaced: false,
};

Deno.test("Api: paths for core and named groups, namespaced and cluster-scoped resources", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const cases: [() => Promise<unknown>, string][] = [
      [
        () => Api.v1Pod(client).within("kube-system").get("coredns"),
        "/api/v1/namespaces/kube-system/pods/coredns",
      ],
      [() => Api.v1Pod(client).list(), "/api/v1/pods"],
      [
        () => Api.v1Pod(client).within("kube-system").list(),
        "/api/v1/namespaces/kube-system/pods",
      ],
      [() => Api.v1Node(client).get("node-1"), "/api/v1/nodes/node-1"],
      [() => Api.v1Node(client).list(), "/api/v1/nodes"],
      [() => Api.v1Namespace(client).get("team-a"), "/api/v1/namespaces/team-a"],
      [
        () => Api.v1ConfigMap(client).within("team-a").get("settings"),
        "/api/v1/namespaces/team-a/configmaps/settings",
      ],
      [
        () => Api.v1Deployment(client).within("web").get("frontend"),
        "/apis/apps/v1/namespaces/web/deployments/frontend",
      ],
      [() => Api.v1Deployment(client).list(), "/apis/apps/v1/deployments"],
      [
        () => Api.v1CustomResourceDefinition(client).get("foos.clux.dev"),
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/foos.clux.dev",
      ],
      [
        () => Api.v1CustomResourceDefinition(client).list(),
        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
      ],
      [
        () => Api.custom(client, foos).within("default").get("baz"),
        "/apis/clux.dev/v1/namespaces/default/foos/baz",
      ],
      [() => Api.custom(client, foos).list(), "/apis/clux.dev/v1/foos"],
      [() => Api.custom(client, bars).get("x"), "/apis/clux.dev/v1/bars/x"],
    ];
    for (const [call] of cases) await call();
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.path}`),
      cases.map(([, path]) => `GET ${path}`),
    );
  });
});

Deno.test("Api.get: without within(), a namespaced object is read from the client's default namespace", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const pod = await Api.v1Pod(client).get("web-0");
    assert.equal(pod.metadata.name, "web-0");
    assert.equal(seen[0].method, "GET");
    assert.equal(seen[0].path, "/api/v1/namespaces/client-ns/pods/web-0");
    assert.deepEqual(seen[0].query, {});
    assert.equal(seen[0].text, "");
  });
});

Deno.test("Api.get: a 404 Status is an ApiError with reason NotFound", async () => {
  await withApi(
    () =>
      Response.json({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        reason: "NotFound",
        message: 'pods "gone" not found',
        code: 404,
      }, { status: 404 }),
    async ({ client }) => {
      await assert.rejects(
        () => Api.v1Pod(client).within("a").get("gone"),
        (e: unknown) => {
          assert.ok(e instanceof ApiError);
          assert.equal(e.code, 404);
          assert.equal(e.reason, "NotFound");
          assert.equal(e.path, "/api/v1/namespaces/a/pods/gone");
          return true;
        },
      );
    },
  );
});

Deno.test("Api.list: selectors, paging and resourceVersion go in the query", async () => {
  await withApi(
    () => ({ kind: "PodList", metadata: {}, items: [] }),
    async ({ client, seen }) => {
      await Api.v1Pod(client).within("default").list({
        labelSelector: "app=web,tier!=cache",
        fieldSelector: "status.phase=Running",
        limit: 100,
        continue: "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ",
        resourceVersion: "1042",
        resourceVersionMatch: "NotOlderThan",
      });
      await Api.v1Pod(client).list();
      assert.equal(seen[0].method, "GET");
      assert.equal(seen[0].path, "/api/v1/namespaces/default/pods");
      assert.deepEqual(seen[0].query, {
        labelSelector: "app=web,tier!=cache",
        fieldSelector: "status.phase=Running",
        limit: "100",
        continue: "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ",
        resourceVersion: "1042",
        resourceVersionMatch: "NotOlderThan",
      });
      assert.deepEqual(seen[1].query, {});
    },
  );
});

Deno.test("Api.list: items get the apiVersion and kind that the server leaves out of lists", async () => {
  await withApi(
    (req) => ({
      kind: "List",
      metadata: { resourceVersion: "7" },
      items: req.path.includes("/pods")
        ? null
        : [{ metadata: { name: "a" } }, { metadata: { name: "b" } }],
    }),
    async ({ client }) => {
      const deployments = await Api.v1Deployment(client).list();
      assert.deepEqual(
        deployments.items.map((d) => [d.apiVersion, d.kind, d.metadata.name]),
        [["apps/v1", "Deployment", "a"], ["apps/v1", "Deployment", "b"]],
      );
      const nodes = await Api.v1Node(client).list();
      assert.deepEqual(
        nodes.items.map((n) => [n.apiVersion, n.kind]),
        [["v1", "Node"], ["v1", "Node"]],
      );
      const custom = await Api.custom(client, foos).list();
      assert.deepEqual(
        custom.items.map((f) => [f.apiVersion, f.kind]),
        [["clux.dev/v1", "Foo"], ["clux.dev/v1", "Foo"]],
      );
      const pods = await Api.v1Pod(client).list();
      assert.deepEqual(pods.items, []);
    },
  );
});

Deno.test("Api.listAll: follows continue tokens across 3 pages and returns every item", async () => {
  const pages: Record<string, { names: string[]; next?: string }> = {
    "": { names: ["a", "b"], next: "token-2" },
    "token-2": { names: ["c", "d"], next: "token-3" },
    "token-3": { names: ["e"] },
  };
  await withApi(
    (req) => {
      const page = pages[req.query.continue ?? ""];
      return {
        kind: "PodList",
        apiVersion: "v1",
        metadata: { resourceVersion: "500", continue: page.next },
        items: page.names.map((name) => ({
          metadata: { name, namespace: "default" },
        })),
      };
    },
    async ({ client, seen }) => {
      const all = await Api.v1Pod(client).within("default").listAll({
        labelSelector: "app=web",
      });
      assert.deepEqual(all.items.map((p) => p.metadata.name), [
        "a",
        "b",
        "c",
        "d",
        "e",
      ]);
      assert.ok(all.items.every((p) => p.kind === "Pod"));
      assert.equal(all.metadata.resourceVersion, "500");
      assert.equal(all.metadata.continue, undefined);
      assert.deepEqual(seen.map((r) => r.query), [
        { labelSelector: "app=web", limit: "500" },
        { labelSelector: "app=web", limit: "500", continue: "token-2" },
        { labelSelector: "app=web", limit: "500", continue: "token-3" },
      ]);
      assert.ok(
        seen.every((r) => r.path === "/api/v1/namespaces/default/pods"),
      );
    },
  );
});

Deno.test("Api.listAll: a caller's limit sets the page size", async () => {
  await withApi(
    () => ({ kind: "NodeList", metadata: {}, items: [] }),
    async ({ client, seen }) => {
      await Api.v1Node(client).listAll({ limit: 2 });
      assert.deepEqual(seen[0].query, { limit: "2" });
    },
  );
});

Deno.test("Api.create: POSTs the object with apiVersion and kind, in within()'s namespace, else the object's, else the client's", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const pods = Api.v1Pod(client);
    await pods.within("scoped").create({
      metadata: { name: "a", namespace: "ignored" },
    });
    await pods.create({ metadata: { name: "b", namespace: "own" } });
    await pods.create({ metadata: { name: "c" } });
    await Api.v1Node(client).create({ metadata: { name: "n" } });
    assert.deepEqual(seen.map((r) => `${r.method} ${r.path}`), [
      "POST /api/v1/namespaces/scoped/pods",
      "POST /api/v1/namespaces/own/pods",
      "POST /api/v1/namespaces/client-ns/pods",
      "POST /api/v1/nodes",
    ]);
    assert.ok(seen.every((r) => r.contentType === "application/json"));
    assert.deepEqual(bodyOf(seen[2]), {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "c" },
    });
    assert.deepEqual(bodyOf(seen[3]), {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "n" },
    });
    assert.deepEqual(seen[0].query, {});
  });
});

Deno.test("Api.replace: PUTs the whole object at its name, with fieldManager in the query", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const deployment = {
      metadata: { name: "web", resourceVersion: "42" },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } } },
      },
    };
    await Api.v1Deployment(client).within("prod").replace("web", deployment, {
      fieldManager: "my-operator",
    });
    assert.equal(seen[0].method, "PUT");
    assert.equal(seen[0].path, "/apis/apps/v1/namespaces/prod/deployments/web");
    assert.equal(seen[0].contentType, "application/json");
    assert.deepEqual(seen[0].query, { fieldManager: "my-operator" });
    assert.deepEqual(bodyOf(seen[0]), {
      apiVersion: "apps/v1",
      kind: "Deployment",
      ...deployment,
    });
  });
});

Deno.test("Api.patch: each patch type is sent with its content type", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const deployments = Api.v1Deployment(client).within("prod");
    await deployments.patch("web", {
      type: "merge",
      body: { spec: { replicas: 3 } },
    });
    await deployments.patch("web", {
      type: "strategic",
      body: { spec: { template: { spec: { containers: [{ name: "c" }] } } } },
    });
    await deployments.patch("web", {
      type: "json",
      body: [{ op: "replace", path: "/spec/replicas", value: 5 }],
    });
    assert.ok(seen.every((r) => r.method === "PATCH"));
    assert.ok(
      seen.every((r) => r.path === "/apis/apps/v1/namespaces/prod/deployments/web"),
    );
    assert.deepEqual(seen.map((r) => r.contentType), [
      "application/merge-patch+json",
      "application/strategic-merge-patch+json",
      "application/json-patch+json",
    ]);
    assert.deepEqual(bodyOf(seen[0]), { spec: { replicas: 3 } });
    assert.deepEqual(bodyOf(seen[1]), {
      spec: { template: { spec: { containers: [{ name: "c" }] } } },
    });
    assert.deepEqual(bodyOf(seen[2]), [
      { op: "replace", path: "/spec/replicas", value: 5 },
    ]);
    assert.deepEqual(seen.map((r) => r.query), [{}, {}, {}]);
  });
});

Deno.test("Api.patch: server-side apply sends application/apply-patch+yaml with fieldManager, and force=true only when asked", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const deployments = Api.v1Deployment(client).within("prod");
    const body = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 2 },
    };
    await deployments.patch("web", {
      type: "apply",
      fieldManager: "my-operator",
      force: true,
      body,
    });
    await deployments.patch("web", {
      type: "apply",
      fieldManager: "my-operator",
      body,
    });
    assert.equal(seen[0].method, "PATCH");
    assert.equal(seen[0].path, "/apis/apps/v1/namespaces/prod/deployments/web");
    assert.equal(seen[0].contentType, "application/apply-patch+yaml");
    assert.deepEqual(seen[0].query, {
      fieldManager: "my-operator",
      force: "true",
    });
    assert.deepEqual(bodyOf(seen[0]), body);
    assert.deepEqual(seen[1].query, { fieldManager: "my-operator" });
  });
});

Deno.test("Api.patch: a strategic patch is sent for any resource, built-in kinds behind Api.custom included, and the server's refusal is an ApiError", async () => {
  const services: Resource = {
    group: "",
    version: "v1",
    kind: "Service",
    plural: "services",
    namespaced: true,
  };
  const refuse = (req: Recorded) =>
    req.path.includes("/foos/")
      ? Response.json({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        code: 415,
        reason: "UnsupportedMediaType",
        message: "the body of the request was in an unknown format",
      }, { status: 415 })
      : { metadata: { name: "x" } };
  await withApi(refuse, async ({ client, seen }) => {
    await Api.custom(client, services).within("default").patch("web", {
      type: "strategic",
      body: { spec: { ports: [{ port: 80 }] } },
    });
    assert.equal(seen[0].path, "/api/v1/namespaces/default/services/web");
    assert.equal(seen[0].contentType, "application/strategic-merge-patch+json");
    await assert.rejects(
      () =>
        Api.custom(client, foos).within("default").patch("baz", { type: "strategic", body: {} }),
      (e: unknown) => e instanceof ApiError && e.code === 415,
    );
    assert.equal(seen.length, 2);
  });
});

Deno.test("Api: names, namespaces and subresources that URL parsing would rewrite ('.', '..', '/', '%') are refused before any request", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const pods = Api.v1Pod(client);
    const calls: [string, () => Promise<unknown>][] = [
      ['delete(".")', () => pods.within("default").delete(".")],
      ['get("..")', () => pods.within("default").get("..")],
      ['get("a/b")', () => pods.within("default").get("a/b")],
      ['get("a%2Fb")', () => pods.within("default").get("a%2Fb")],
      ['within("..").list()', () => pods.within("..").list()],
      ['within(".").deleteCollection()', () => pods.within(".").deleteCollection()],
      [
        'create in namespace "a/b"',
        () => pods.create({ metadata: { name: "p", namespace: "a/b" } }),
      ],
      [
        'patchStatus("..")',
        () => pods.within("default").patchStatus("..", { type: "merge", body: {} }),
      ],
    ];
    for (const [what, call] of calls) {
      await assert.rejects(call, (e: unknown) => {
        assert.ok(e instanceof KubeError, `${what}: ${e}`);
        assert.match(e.message, /cannot be used in a URL path/, what);
        return true;
      });
    }
    assert.equal(seen.length, 0, "nothing was sent");
    await pods.within("default").get("a.b..c");
    assert.equal(seen[0].path, "/api/v1/namespaces/default/pods/a.b..c");
  });
});

Deno.test("Api: verbs report bad arguments as a rejected promise, never by throwing synchronously", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const calls: [string, () => Promise<unknown>][] = [
      ["get with an empty name", () => Api.v1Pod(client).get("")],
      ["get of the name '..'", () => Api.v1Pod(client).get("..")],
      [
        "apply without a fieldManager",
        () =>
          Api.v1Pod(client).patch("p", {
            type: "apply",
            fieldManager: "",
            body: { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } },
          }),
      ],
    ];
    const thrown: string[] = [];
    for (const [what, call] of calls) {
      let promise: Promise<unknown>;
      try {
        promise = call();
      } catch (e) {
        assert.ok(e instanceof KubeError, `${what}: ${e}`);
        thrown.push(what);
        continue;
      }
      await assert.rejects(promise, KubeError, what);
    }
    assert.deepEqual(thrown, [], "these threw synchronously");
    assert.equal(seen.length, 0);
  });
});

Deno.test("Api.delete: DELETE with a DeleteOptions body holding propagationPolicy, gracePeriodSeconds (0 included) and preconditions", async () => {
  await withApi(
    () => ({ kind: "Status", apiVersion: "v1", status: "Success" }),
    async ({ client, seen }) => {
      const pods = Api.v1Pod(client).within("default");
      await pods.delete("web-0", {
        propagationPolicy: "Foreground",
        gracePeriodSeconds: 0,
        preconditions: { uid: "1234-abcd", resourceVersion: "99" },
      });
      await pods.delete("web-1");
      assert.equal(seen[0].method, "DELETE");
      assert.equal(seen[0].path, "/api/v1/namespaces/default/pods/web-0");
      assert.equal(seen[0].contentType, "application/json");
      assert.deepEqual(bodyOf(seen[0]), {
        apiVersion: "v1",
        kind: "DeleteOptions",
        propagationPolicy: "Foreground",
        gracePeriodSeconds: 0,
        preconditions: { uid: "1234-abcd", resourceVersion: "99" },
      });
      assert.deepEqual(seen[0].query, {});
      assert.equal(seen[1].method, "DELETE");
      assert.equal(seen[1].path, "/api/v1/namespaces/default/pods/web-1");
      assert.equal(seen[1].text, "");
    },
  );
});

Deno.test("Api.deleteCollection: DELETE on the collection with selectors in the query", async () => {
  await withApi(
    () => ({ kind: "PodList", metadata: {}, items: [] }),
    async ({ client, seen }) => {
      await Api.v1Pod(client).within("default").deleteCollection({
        labelSelector: "app=web",
        fieldSelector: "status.phase=Failed",
        propagationPolicy: "Background",
      });
      assert.equal(seen[0].method, "DELETE");
      assert.equal(seen[0].path, "/api/v1/namespaces/default/pods");
      assert.deepEqual(seen[0].query, {
        labelSelector: "app=web",
        fieldSelector: "status.phase=Failed",
      });
      assert.deepEqual(bodyOf(seen[0]), {
        apiVersion: "v1",
        kind: "DeleteOptions",
        propagationPolicy: "Background",
      });
    },
  );
});

Deno.test("Api: getStatus, replaceStatus and patchStatus use the status subresource", async () => {
  await withApi(echo, async ({ client, seen }) => {
    type Foo = KubeObject<{ info: string }, { ready: boolean }>;
    const api = Api.custom<Foo["spec"], Foo["status"]>(client, foos).within(
      "default",
    );
    await api.getStatus("baz");
    await api.replaceStatus("baz", {
      metadata: { name: "baz" },
      status: { ready: true },
    });
    await api.patchStatus("baz", {
      type: "merge",
      body: { status: { ready: false } },
    });
    assert.deepEqual(
      seen.map((r) => `${r.method} ${r.path} ${r.contentType}`),
      [
        "GET /apis/clux.dev/v1/namespaces/default/foos/baz/status null",
        "PUT /apis/clux.dev/v1/namespaces/default/foos/baz/status application/json",
        "PATCH /apis/clux.dev/v1/namespaces/default/foos/baz/status application/merge-patch+json",
      ],
    );
    assert.deepEqual(bodyOf(seen[1]), {
      apiVersion: "clux.dev/v1",
      kind: "Foo",
      metadata: { name: "baz" },
      status: { ready: true },
    });
    assert.deepEqual(bodyOf(seen[2]), { status: { ready: false } });
  });
});

Deno.test("Api: dryRun sends dryRun=All on every write", async () => {
  await withApi(echo, async ({ client, seen }) => {
    const pods = Api.v1Pod(client).within("default");
    const pod = { metadata: { name: "p" } };
    await pods.create(pod, { dryRun: true });
    await pods.replace("p", pod, { dryRun: true });
    await pods.patch("p", { type: "merge", body: {} }, { dryRun: true });
    await pods.replaceStatus("p", pod, { dryRun: true });
    await pods.delete("p", { dryRun: true });
    await pods.deleteCollection({ dryRun: true });
    assert.deepEqual(seen.map((r) => [r.method, r.query]), [
      ["POST", { dryRun: "All" }],
      ["PUT", { dryRun: "All" }],
      ["PATCH", { dryRun: "All" }],
      ["PUT", { dryRun: "All" }],
      ["DELETE", { dryRun: "All" }],
      ["DELETE", { dryRun: "All" }],
    ]);
  });
});

Deno.test("Api.watch: asks for watch=1 with bookmarks and a timeout, and returns the raw body stream", async () => {
  const lines = [
    '{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"1043"}}}\n',
    '{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"1050"}}}\n',
  ];
  await withApi(
    () =>
      new Response(lines.join(""), {
        headers: { "content-type": "application/json" },
      }),
    async ({ client, seen }) => {
      const body = await Api.v1Pod(client).within("default").watch({
        resourceVersion: "1042",
        allowWatchBookmarks: true,
        timeoutSeconds: 290,
        labelSelector: "app=web",
      });
      assert.ok(body instanceof ReadableStream);
      const text = await new Response(body).text();
      assert.equal(text, lines.join(""));
      assert.equal(seen[0].method, "GET");
      assert.equal(seen[0].path, "/api/v1/namespaces/default/pods");
      assert.deepEqual(seen[0].query, {
        watch: "1",
        resourceVersion: "1042",
        allowWatchBookmarks: "true",
        timeoutSeconds: "290",
        labelSelector: "app=web",
      });
    },
  );
});

Deno.test("Api.watch: a streaming list passes sendInitialEvents and resourceVersionMatch", async () => {
  await withApi(
    () => new Response(""),
    async ({ client, seen }) => {
      const body = await Api.v1Node(client).watch({
        sendInitialEvents: true,
        resourceVersionMatch: "NotOlderThan",
        allowWatchBookmarks: true,
      });
      await body.cancel();
      assert.equal(seen[0].path, "/api/v1/nodes");
      assert.deepEqual(seen[0].query, {
        watch: "1",
        sendInitialEvents: "true",
        resourceVersionMatch: "NotOlderThan",
        allowWatchBookmarks: "true",
      });
    },
  );
});

Deno.test("Api.within: a cluster-scoped resource throws a KubeError naming its kind", () => {
  const client = testClient("http://127.0.0.1:1");
  const cases: [string, () => unknown][] = [
    ["Node", () => Api.v1Node(client).within("default")],
    [
      "CustomResourceDefinition",
      () => Api.v1CustomResourceDefinition(client).within("default"),
    ],
    ["Bar", () => Api.custom(client, bars).within("default")],
  ];
  for (const [kind, within] of cases) {
    assert.throws(within, (e: unknown) => {
      assert.ok(e instanceof KubeError);
      assert.match(e.message, new RegExp(`^${kind} is cluster-scoped`));
      return true;
    });
  }
  assert.equal(Api.v1Pod(client).within("default").namespace, "default");
  client.close();
});
