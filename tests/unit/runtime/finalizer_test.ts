import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import {
  Api,
  type Client,
  finalizer,
  FinalizerError,
  type JsonPatchOperation,
  type KubeObject,
  type Status,
} from "../../../mod.ts";
import { testClient } from "../../support/test_client.ts";

type Foo = KubeObject<{ name: string }, never>;

const OURS = "kube.example/cleanup";

/**
 * An API server holding Foos, with GET and RFC 6902 JSON patches applied as
 * the real one applies them: a failed `test` answers a bare 422, a missing
 * path tests equal to `null`, and finalizer names must be domain-qualified
 * (a 422 that lists its causes).
 */
class FooServer {
  #server: Deno.HttpServer<Deno.NetAddr>;
  #objects = new Map<string, Foo>();
  #rv = 1;
  patches: { path: string; contentType: string | null; ops: JsonPatchOperation[] }[] = [];
  /** Every request, as `METHOD path`. */
  requests: string[] = [];

  constructor() {
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (req) => this.#handle(req),
    );
  }

  /** Stores a Foo in `ns`, as another writer would (bumping its resourceVersion). */
  put(name: string, metadata: Partial<Foo["metadata"]> = {}): Foo {
    const foo: Foo = {
      apiVersion: "example.com/v1",
      kind: "Foo",
      metadata: { ...metadata, name, namespace: "ns", uid: `uid-${name}` },
      spec: { name },
    };
    return this.#store(foo);
  }

  stored(name: string): Foo | undefined {
    return structuredClone(this.#objects.get(name));
  }

  api(): { foos: Api<Foo>; client: Client } {
    const client = testClient(`http://127.0.0.1:${this.#server.addr.port}`);
    const foos = Api.custom<{ name: string }, never>(client, {
      group: "example.com",
      version: "v1",
      kind: "Foo",
      plural: "foos",
      namespaced: true,
    });
    return { foos, client };
  }

  async close(): Promise<void> {
    await this.#server.shutdown();
  }

  #store(foo: Foo): Foo {
    foo.metadata.resourceVersion = String(++this.#rv);
    this.#objects.set(foo.metadata.name!, foo);
    return structuredClone(foo);
  }

  async #handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    this.requests.push(`${req.method} ${url.pathname}`);
    const match = url.pathname.match(/^\/apis\/example\.com\/v1\/namespaces\/ns\/foos\/([^/]+)$/);
    const current = match && this.#objects.get(match[1]);
    if (!current) return status(404, "NotFound", `no Foo at ${url.pathname}`);
    if (req.method === "GET") return Response.json(current);
    if (req.method !== "PATCH") return status(405, "MethodNotAllowed", req.method);
    const ops = await req.json() as JsonPatchOperation[];
    this.patches.push({ path: url.pathname, contentType: req.headers.get("content-type"), ops });
    const next = structuredClone(current) as unknown as Record<string, unknown>;
    for (const op of ops) {
      if (!applyOp(next, op)) {
        return status(
          422,
          "Invalid",
          "the server rejected our request due to an error in our request",
        );
      }
    }
    const foo = next as unknown as Foo;
    const bad = (foo.metadata.finalizers ?? []).find((f) => !f.includes("/"));
    if (bad !== undefined) {
      return status(422, "Invalid", `Foo "${foo.metadata.name}" is invalid`, {
        causes: [{ reason: "FieldValueInvalid", field: "metadata.finalizers", message: bad }],
      });
    }
    // A deleted object goes once its last finalizer does.
    if (foo.metadata.deletionTimestamp && !foo.metadata.finalizers?.length) {
      this.#objects.delete(foo.metadata.name!);
      return Response.json(foo);
    }
    return Response.json(this.#store(foo));
  }
}

/** Applies one op to `doc`; false when it does not apply (a failed test, a bad path). */
function applyOp(doc: Record<string, unknown>, op: JsonPatchOperation): boolean {
  const keys = op.path.split("/").slice(1);
  const last = keys.pop()!;
  let parent: unknown = doc;
  for (const key of keys) parent = (parent as Record<string, unknown> | undefined)?.[key];
  if (typeof parent !== "object" || parent === null) return false;
  if (Array.isArray(parent)) {
    const index = last === "-" ? parent.length : Number(last);
    switch (op.op) {
      case "test":
        return isDeepStrictEqual(parent[index] ?? null, op.value);
      case "add":
        parent.splice(index, 0, op.value);
        return true;
      case "remove":
        return index < parent.length && parent.splice(index, 1).length === 1;
      default:
        return false;
    }
  }
  const object = parent as Record<string, unknown>;
  switch (op.op) {
    case "test":
      return isDeepStrictEqual(object[last] ?? null, op.value);
    case "add":
      object[last] = op.value;
      return true;
    case "remove":
      return last in object && delete object[last];
    default:
      return false;
  }
}

function status(code: number, reason: string, message: string, details?: Status["details"]) {
  return Response.json(
    { kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message, details },
    { status: code },
  );
}

async function withFoos(fn: (server: FooServer, foos: Api<Foo>) => Promise<void>): Promise<void> {
  const server = new FooServer();
  const { foos, client } = server.api();
  try {
    await fn(server, foos);
  } finally {
    client.close();
    await server.close();
  }
}

const DELETING = "2030-01-01T00:00:00Z";

Deno.test("finalizer adds itself before apply runs, and apply gets the object as stored", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz");
    const seen: Foo[] = [];
    const result = await finalizer(foos, OURS, foo, {
      apply: (stored) => {
        seen.push(stored);
        return "applied";
      },
      cleanup: () => assert.fail("cleanup must not run on a live object"),
    });
    assert.equal(result, "applied");
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0].metadata.finalizers, [OURS]);
    assert.equal(seen[0].metadata.resourceVersion, server.stored("baz")!.metadata.resourceVersion);
    // An all-namespaces handle patches the object in its own namespace.
    assert.deepEqual(server.patches, [{
      path: "/apis/example.com/v1/namespaces/ns/foos/baz",
      contentType: "application/json-patch+json",
      ops: [
        { op: "test", path: "/metadata/finalizers", value: null },
        { op: "add", path: "/metadata/finalizers", value: [OURS] },
      ],
    }]);
  });
});

Deno.test("finalizer appends itself after other controllers' finalizers, keeping them", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz", { finalizers: ["other.example/keep"] });
    await finalizer(foos, OURS, foo, { apply: () => undefined, cleanup: () => undefined });
    assert.deepEqual(server.stored("baz")!.metadata.finalizers, ["other.example/keep", OURS]);
    assert.deepEqual(server.patches[0].ops, [
      { op: "test", path: "/metadata/finalizers", value: ["other.example/keep"] },
      { op: "add", path: "/metadata/finalizers/-", value: OURS },
    ]);
  });
});

Deno.test("finalizer runs apply without writing when the object already has the finalizer", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz", { finalizers: [OURS] });
    const result = await finalizer(foos, OURS, foo, {
      apply: (stored) => stored.metadata.resourceVersion,
      cleanup: () => assert.fail("cleanup must not run on a live object"),
    });
    assert.equal(result, foo.metadata.resourceVersion);
    assert.equal(server.patches.length, 0);
  });
});

Deno.test("finalizer on a deleted object runs cleanup, then removes only its own finalizer", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz", {
      deletionTimestamp: DELETING,
      finalizers: ["a.example/first", OURS, "b.example/last"],
    });
    const order: string[] = [];
    const result = await finalizer(foos, OURS, foo, {
      apply: () => assert.fail("apply must not run on a deleted object"),
      cleanup: () => {
        // The finalizer is still there while cleanup runs: the object cannot go yet.
        assert.ok(server.stored("baz")!.metadata.finalizers!.includes(OURS));
        order.push("cleanup");
        return "cleaned";
      },
    });
    assert.equal(result, "cleaned");
    assert.deepEqual(order, ["cleanup"]);
    assert.deepEqual(server.stored("baz")!.metadata.finalizers, [
      "a.example/first",
      "b.example/last",
    ]);
    assert.deepEqual(server.patches[0].ops, [
      { op: "test", path: "/metadata/finalizers/1", value: OURS },
      { op: "remove", path: "/metadata/finalizers/1" },
    ]);
  });
});

Deno.test("finalizer removal lets the API server delete an object whose last finalizer it was", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz", { deletionTimestamp: DELETING, finalizers: [OURS] });
    await finalizer(foos, OURS, foo, { apply: () => 0, cleanup: () => 1 });
    assert.equal(server.stored("baz"), undefined);
  });
});

Deno.test("finalizer removal from an object already gone counts as done", async () => {
  await withFoos(async (server, foos) => {
    // Someone else removed our finalizer and the API server finished the deletion.
    const gone: Foo = {
      metadata: { name: "gone", namespace: "ns", deletionTimestamp: DELETING, finalizers: [OURS] },
    };
    const result = await finalizer(foos, OURS, gone, { apply: () => 0, cleanup: () => 1 });
    assert.equal(result, 1);
    assert.deepEqual(server.requests, ["PATCH /apis/example.com/v1/namespaces/ns/foos/gone"]);
  });
});

Deno.test("finalizer removal keeps a finalizer that another controller added after the read", async () => {
  await withFoos(async (server, foos) => {
    const stale = server.put("baz", { deletionTimestamp: DELETING, finalizers: [OURS] });
    server.put("baz", { deletionTimestamp: DELETING, finalizers: [OURS, "late.example/added"] });
    await finalizer(foos, OURS, stale, { apply: () => 0, cleanup: () => 1 });
    assert.deepEqual(server.stored("baz")!.metadata.finalizers, ["late.example/added"]);
  });
});

Deno.test("finalizer removes every copy of its name (the API server does not deduplicate)", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz", {
      deletionTimestamp: DELETING,
      finalizers: [OURS, "other.example/keep", OURS],
    });
    await finalizer(foos, OURS, foo, { apply: () => 0, cleanup: () => 1 });
    assert.deepEqual(server.stored("baz")!.metadata.finalizers, ["other.example/keep"]);
  });
});

Deno.test("finalizer add fails with a conflict, not a clobber, when finalizers changed since the read", async () => {
  await withFoos(async (server, foos) => {
    for (const before of [[], ["a.example/first"]]) {
      const stale = server.put("baz", { finalizers: before });
      server.put("baz", { finalizers: [...before, "b.example/meanwhile"] });
      let applied = false;
      await assert.rejects(
        finalizer(foos, OURS, stale, {
          apply: () => applied = true,
          cleanup: () => false,
        }),
        (e: unknown) => {
          assert.ok(e instanceof FinalizerError);
          assert.equal(e.phase, "add");
          assert.equal(e.conflict, true);
          assert.equal(e.finalizer, OURS);
          assert.match(
            e.message,
            /adding finalizer "kube\.example\/cleanup" to Foo ns\/baz failed/,
          );
          assert.match(e.message, /finalizers changed since it was read/);
          return true;
        },
      );
      assert.equal(applied, false);
      assert.deepEqual(server.stored("baz")!.metadata.finalizers, [
        ...before,
        "b.example/meanwhile",
      ]);
    }
  });
});

Deno.test("finalizer removal fails with a conflict when the list shifted under it", async () => {
  await withFoos(async (server, foos) => {
    const stale = server.put("baz", {
      deletionTimestamp: DELETING,
      finalizers: ["a.example/first", OURS],
    });
    server.put("baz", { deletionTimestamp: DELETING, finalizers: [OURS] });
    await assert.rejects(
      finalizer(foos, OURS, stale, { apply: () => 0, cleanup: () => 1 }),
      (e: unknown) => e instanceof FinalizerError && e.phase === "remove" && e.conflict,
    );
    assert.deepEqual(server.stored("baz")!.metadata.finalizers, [OURS]);
  });
});

Deno.test("finalizer reports an invalid finalizer name as an error that is not a conflict", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz");
    await assert.rejects(
      finalizer(foos, "no-domain", foo, { apply: () => 0, cleanup: () => 1 }),
      (e: unknown) => {
        assert.ok(e instanceof FinalizerError);
        assert.equal(e.conflict, false);
        assert.match(e.message, /422 Invalid: Foo "baz" is invalid/);
        return true;
      },
    );
  });
});

Deno.test("finalizer leaves the finalizer in place when cleanup throws", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz", { deletionTimestamp: DELETING, finalizers: [OURS] });
    await assert.rejects(
      finalizer(foos, OURS, foo, {
        apply: () => 0,
        cleanup: () => Promise.reject(new Error("DNS provider down")),
      }),
      /DNS provider down/,
    );
    assert.equal(server.patches.length, 0);
    assert.deepEqual(server.stored("baz")!.metadata.finalizers, [OURS]);
  });
});

Deno.test("finalizer does nothing for a deleted object without its finalizer", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz", {
      deletionTimestamp: DELETING,
      finalizers: ["other.example/keep"],
    });
    const result = await finalizer(foos, OURS, foo, {
      apply: () => assert.fail("apply must not run"),
      cleanup: () => assert.fail("cleanup must not run"),
    });
    assert.equal(result, undefined);
    assert.equal(server.patches.length, 0);
  });
});

Deno.test("finalizer with an aborted signal writes nothing and runs nothing", async () => {
  await withFoos(async (server, foos) => {
    const foo = server.put("baz");
    const controller = new AbortController();
    controller.abort(new Error("shutting down"));
    await assert.rejects(
      finalizer(foos, OURS, foo, {
        apply: () => assert.fail("apply must not run"),
        cleanup: () => assert.fail("cleanup must not run"),
        signal: controller.signal,
      }),
      /shutting down/,
    );
    assert.equal(server.patches.length, 0);
  });
});
