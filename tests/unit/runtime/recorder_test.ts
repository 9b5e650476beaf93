/**
 * Recorder against an in-process events.k8s.io/v1 endpoint that stores
 * Events by namespace and name, driven by a manual clock.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type Client, type Event, KubeError, Recorder } from "../../../mod.ts";
import { testClient } from "../../support/test_client.ts";
import { ManualClock } from "../../support/manual_clock.ts";

const EVENTS = /^\/apis\/events\.k8s\.io\/v1\/namespaces\/([^/]+)\/events(?:\/([^/]+))?$/;

const web = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop", uid: "uid-web", resourceVersion: "7" },
};

function status(code: number, reason: string): Response {
  return Response.json(
    { kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message: reason },
    { status: code },
  );
}

/** Events kept by `namespace/name`; every request noted as `METHOD namespace/name`. */
class FakeEvents {
  #server: Deno.HttpServer<Deno.NetAddr>;
  events = new Map<string, Event>();
  requests: string[] = [];
  /** Answers every request with this status code while set. */
  failWith: number | undefined;

  constructor() {
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (req) => this.#handle(req),
    );
  }

  client(): Client {
    return testClient(`http://127.0.0.1:${this.#server.addr.port}`);
  }

  async close(): Promise<void> {
    await this.#server.shutdown();
  }

  async #handle(req: Request): Promise<Response> {
    const match = EVENTS.exec(new URL(req.url).pathname);
    if (!match) return status(404, "NotFound");
    const body = await req.json() as Event;
    const [, namespace, named] = match;
    this.requests.push(`${req.method} ${namespace}/${named ?? body.metadata.name}`);
    if (this.failWith) return status(this.failWith, "InternalError");
    if (req.method === "POST") {
      const key = `${namespace}/${body.metadata.name}`;
      if (this.events.has(key)) return status(409, "AlreadyExists");
      this.events.set(key, body);
      return Response.json(body, { status: 201 });
    }
    const key = `${namespace}/${named}`;
    const stored = this.events.get(key);
    if (!stored) return status(404, "NotFound");
    assert.equal(req.method, "PATCH");
    assert.equal(req.headers.get("content-type"), "application/merge-patch+json");
    const patched = { ...stored, ...body } as Event;
    this.events.set(key, patched);
    return Response.json(patched);
  }
}

async function withRecorder(
  fn: (recorder: Recorder, server: FakeEvents, clock: ManualClock, errors: KubeError[]) => unknown,
): Promise<void> {
  const server = new FakeEvents();
  const client = server.client();
  const clock = new ManualClock();
  const errors: KubeError[] = [];
  const recorder = new Recorder(client, {
    reportingController: "example.com/web-operator",
    reportingInstance: "web-operator-0",
    clock,
    onError: (e) => errors.push(e),
  });
  try {
    await fn(recorder, server, clock, errors);
  } finally {
    client.close();
    await server.close();
  }
}

const scaled = {
  type: "Normal",
  reason: "Scaled",
  action: "Scale",
  note: "scaled to 3",
  regarding: web,
} as const;

Deno.test("recorder creates an Event in the regarding object's namespace with every field the API asks for", async () => {
  await withRecorder(async (recorder, server, clock) => {
    const event = await recorder.publish({
      ...scaled,
      related: { apiVersion: "v1", kind: "Pod", name: "web-1", namespace: "shop" },
    });
    assert.ok(event);
    assert.deepEqual([...server.events.keys()], [`shop/${event.metadata.name}`]);
    const stored = server.events.get(`shop/${event.metadata.name}`)!;
    assert.match(stored.metadata.name!, /^web\.[0-9a-f]+$/);
    assert.equal(stored.eventTime, new Date(clock.now()).toISOString().replace("Z", "000Z"));
    assert.deepEqual(
      [stored.type, stored.reason, stored.action, stored.note],
      ["Normal", "Scaled", "Scale", "scaled to 3"],
    );
    assert.equal(stored.reportingController, "example.com/web-operator");
    assert.equal(stored.reportingInstance, "web-operator-0");
    assert.deepEqual(stored.regarding, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: "web",
      namespace: "shop",
      uid: "uid-web",
      resourceVersion: "7",
    });
    assert.deepEqual(stored.related, {
      apiVersion: "v1",
      kind: "Pod",
      name: "web-1",
      namespace: "shop",
    });
    assert.equal(stored.series, undefined);
  });
});

Deno.test("recorder counts repeats within 6 minutes in the first Event's series, keeping its note", async () => {
  await withRecorder(async (recorder, server, clock) => {
    const first = await recorder.publish(scaled);
    clock.advance(60_000);
    await recorder.publish({ ...scaled, note: "scaled to 3 again" });
    clock.advance(5 * 60_000);
    const third = await recorder.publish(scaled);

    assert.equal(server.events.size, 1);
    const name = first!.metadata.name;
    assert.deepEqual(server.requests, [
      `POST shop/${name}`,
      `PATCH shop/${name}`,
      `PATCH shop/${name}`,
    ]);
    const stored = server.events.get(`shop/${name}`)!;
    assert.equal(stored.series?.count, 3);
    assert.equal(
      stored.series?.lastObservedTime,
      new Date(clock.now()).toISOString().replace("Z", "000Z"),
    );
    assert.equal(stored.note, "scaled to 3");
    assert.equal(third?.series?.count, 3);
  });
});

Deno.test("recorder starts a new Event when a repeat comes 6 minutes after the last one, or differs in reason, type or object", async () => {
  await withRecorder(async (recorder, server, clock) => {
    await recorder.publish(scaled);
    clock.advance(6 * 60_000);
    await recorder.publish(scaled);
    await recorder.publish({ ...scaled, reason: "ScaledDown" });
    await recorder.publish({ ...scaled, type: "Warning" });
    await recorder.publish({
      ...scaled,
      regarding: { ...web, metadata: { ...web.metadata, resourceVersion: "8" } },
    });
    assert.equal(server.events.size, 5);
    assert.ok(server.requests.every((r) => r.startsWith("POST ")), String(server.requests));
  });
});

Deno.test("recorder sends Events about cluster-scoped objects to the default namespace", async () => {
  await withRecorder(async (recorder, server) => {
    await recorder.publish({
      type: "Warning",
      reason: "NotReady",
      action: "Check",
      regarding: { apiVersion: "v1", kind: "Node", metadata: { name: "system:node-1", uid: "n1" } },
    });
    const [key] = server.events.keys();
    assert.match(key, /^default\/system-node-1\.[0-9a-f]+$/);
  });
});

Deno.test("recorder cuts a note to the API's 1 kB without splitting a character", async () => {
  await withRecorder(async (recorder, server) => {
    const event = await recorder.publish({ ...scaled, note: "é".repeat(600) });
    const note = server.events.get(`shop/${event!.metadata.name}`)!.note!;
    assert.equal(note, "é".repeat(512));
    assert.equal(new TextEncoder().encode(note).length, 1024);
  });
});

Deno.test("recorder creates the Event again, series and all, when it expired between repeats", async () => {
  await withRecorder(async (recorder, server, clock) => {
    const first = await recorder.publish(scaled);
    server.events.clear();
    clock.advance(1_000);
    const again = await recorder.publish(scaled);
    assert.equal(again?.series?.count, 2);
    assert.deepEqual([...server.events.keys()], [`shop/${first!.metadata.name}`]);
    clock.advance(1_000);
    await recorder.publish(scaled);
    assert.equal(server.events.get(`shop/${first!.metadata.name}`)?.series?.count, 3);
  });
});

Deno.test("recorder failures resolve undefined and go to onError, or reject with throwOnError", async () => {
  await withRecorder(async (recorder, server, _clock, errors) => {
    server.failWith = 500;
    assert.equal(await recorder.publish(scaled), undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /500|InternalError/);
    await assert.rejects(recorder.publish(scaled, { throwOnError: true }), KubeError);
    assert.equal(errors.length, 1, "a thrown failure is not also reported");
    server.failWith = undefined;
    assert.ok(await recorder.publish({ ...scaled, reason: "Recovered" }));
  });
});

Deno.test("recorder refuses to be built without a reporting controller and instance", () => {
  const client = testClient("http://127.0.0.1:9");
  try {
    for (const [reportingController, reportingInstance] of [["", "x"], ["x", ""]]) {
      assert.throws(
        () => new Recorder(client, { reportingController, reportingInstance }),
        /reportingController and reportingInstance must not be empty/,
      );
    }
  } finally {
    client.close();
  }
});

Deno.test("recorder: two Events given the same name in the same instant both land, the second under a new name", async () => {
  const server = new FakeEvents();
  const client = server.client();
  const digits = [0.5, 0.5, 0.75];
  const errors: KubeError[] = [];
  const recorder = new Recorder(client, {
    reportingController: "example.com/web-operator",
    reportingInstance: "web-operator-0",
    clock: new ManualClock(),
    random: () => digits.shift() ?? 0.25,
    onError: (e) => errors.push(e),
  });
  try {
    const first = await recorder.publish(scaled);
    const second = await recorder.publish({ ...scaled, reason: "Resized", note: "resized" });
    assert.ok(first && second);
    assert.notEqual(first.metadata.name, second.metadata.name);
    assert.equal(server.events.size, 2);
    assert.deepEqual(errors, []);
    assert.equal(server.requests.filter((r) => r.startsWith("POST")).length, 3);
  } finally {
    client.close();
    await server.close();
  }
});
