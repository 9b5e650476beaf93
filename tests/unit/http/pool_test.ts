/**
 * The client's guarantees about time: a deadline on every request, retries
 * by policy, and connections that die without closing found and replaced.
 * Time is a ManualClock; the servers are in-process.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Api,
  ApiError,
  Client,
  type ClientOptions,
  Credentials,
  ExecPlugin,
  type ExecResult,
  KubeError,
  Reflector,
} from "../../../mod.ts";
import { PROBE_PATH, PROBE_TIMEOUT_MS, SILENCE_MS } from "../../../src/http/pool.ts";
import { versions, waitFor, withServer } from "../../support/fake_apiserver.ts";
import { ManualClock } from "../../support/manual_clock.ts";
import { makeTestTls } from "../../support/tls.ts";

type Handler = (req: Request) => Response | Promise<Response>;

interface Harness {
  url: string;
  /** Paths requested, in order, with the method. */
  seen: string[];
  client(options?: ClientOptions, credentials?: Credentials): Client;
}

/** Runs `fn` against a server answering with `handler`; closes it and every client it made. */
async function withHttp(handler: Handler, fn: (h: Harness) => Promise<void>): Promise<void> {
  const seen: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    seen.push(`${req.method} ${new URL(req.url).pathname}`);
    return handler(req);
  });
  const clients: Client[] = [];
  const url = `http://127.0.0.1:${server.addr.port}`;
  try {
    await fn({
      url,
      seen,
      client: (options = {}, credentials = new Credentials()) => {
        const client = new Client({
          source: "test",
          context: "test",
          cluster: "test",
          user: "test",
          server: url,
          namespace: "default",
          credentials,
        }, options);
        clients.push(client);
        return client;
      },
    });
  } finally {
    for (const client of clients) client.close();
    await server.shutdown();
  }
}

/** An answer that never comes: the handler waits until the client gives up. */
function never(req: Request): Promise<Response> {
  return new Promise((resolve) =>
    req.signal.addEventListener("abort", () => resolve(new Response(null, { status: 499 })), {
      once: true,
    })
  );
}

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" } };

function status(code: number, headers: Record<string, string> = {}): Response {
  return Response.json(
    { kind: "Status", apiVersion: "v1", status: "Failure", code, reason: "Scripted" },
    { status: code, headers },
  );
}

/**
 * Settles `promise` while moving `clock` past every short sleep (retry
 * delays), never past the long ones (deadlines, dead-connection checks).
 */
async function settle<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(() => done = true, () => done = true);
  const end = Date.now() + 10_000;
  while (!done && Date.now() < end) {
    const short = clock.pending.filter((ms) => ms < 10_000);
    if (short.length) clock.advance(Math.min(...short));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return await promise;
}

/**
 * Moves `clock` on a second at a time, letting the network run between
 * steps, until `done()`; fails once `limitMs` of clock time have passed.
 */
async function stepUntil(clock: ManualClock, done: () => boolean, limitMs: number): Promise<void> {
  const start = clock.now();
  while (!done()) {
    if (clock.now() - start > limitMs) {
      throw new Error(`not done within ${limitMs} ms on the clock`);
    }
    clock.advance(1_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The bound kube promises: a dead connection healed within 30 s of its last byte. */
const HEAL_MS = 30_000;

Deno.test("client: a get on a black-holed connection is sent again on a new connection within 30 s of its last byte", async () => {
  let retriedAt: number | undefined;
  let gets = 0;
  const clock = new ManualClock();
  await withHttp((req) => {
    if (new URL(req.url).pathname === PROBE_PATH || ++gets === 1) return never(req);
    retriedAt ??= clock.now();
    return Response.json(pod);
  }, async (h) => {
    const client = h.client({ clock });
    const started = clock.now();
    const got = Api.v1Pod(client).within("default").get("p");
    await waitFor(() => h.seen.length === 1, 5_000, "the get to arrive");
    await stepUntil(clock, () => retriedAt !== undefined, 2 * HEAL_MS);
    const healedMs = retriedAt! - started;
    assert.ok(healedMs <= HEAL_MS, `sent again ${healedMs} ms after the last byte`);
    assert.ok(
      healedMs >= SILENCE_MS + PROBE_TIMEOUT_MS,
      `not before the probe ran out: ${healedMs}`,
    );
    assert.equal((await got).metadata.name, "p");
    assert.deepEqual(client.connections, { open: 1, dead: 1 });
    assert.equal(h.seen.filter((s) => s === "GET /livez").length, 1, "one probe");
  });
});

Deno.test("reflector: a watch on a black-holed connection is resumed within 30 s of its last byte, from its resourceVersion, without a relist", async () => {
  const clock = new ManualClock();
  let watches = 0;
  let resumedAt: number | undefined;
  let resumedFrom: string | null = null;
  const line = (rv: string) =>
    new TextEncoder().encode(
      JSON.stringify({
        type: "BOOKMARK",
        object: { kind: "Pod", metadata: { resourceVersion: rv } },
      }) +
        "\n",
    );
  await withHttp((req) => {
    const url = new URL(req.url);
    if (url.pathname === PROBE_PATH) return never(req);
    if (url.searchParams.get("watch") !== "1") {
      return Response.json({ kind: "PodList", metadata: { resourceVersion: "5" }, items: [pod] });
    }
    if (++watches === 2) {
      resumedAt = clock.now();
      resumedFrom = url.searchParams.get("resourceVersion");
    }
    // The first watch sends one bookmark, then its connection goes silent.
    return new Response(
      new ReadableStream({ start: (c) => c.enqueue(line(watches > 1 ? "8" : "7")) }),
    );
  }, async (h) => {
    const client = h.client({ clock });
    const rf = new Reflector(Api.v1Pod(client), { initialList: "list", clock });
    const stop = new AbortController();
    const running = rf.start(stop.signal);
    await waitFor(() => rf.resourceVersion === "7", 5_000, "the bookmark");
    const lastByte = clock.now();
    await stepUntil(clock, () => resumedAt !== undefined, 2 * HEAL_MS);
    const healedMs = resumedAt! - lastByte;
    assert.ok(healedMs <= HEAL_MS, `resumed ${healedMs} ms after the last byte`);
    assert.equal(resumedFrom, "7", "from the last resourceVersion seen");
    const watchQueries = h.seen.filter((s) => s.startsWith("GET /api/v1/pods"));
    assert.equal(watchQueries.length, 3, "one list and two watches: no relist");
    await waitFor(() => rf.resourceVersion === "8", 5_000, "the resumed watch's bookmark");
    assert.deepEqual(client.connections.dead, 1);
    stop.abort();
    await running;
  });
});

Deno.test("reflector: a quiet, healthy watch costs one small probe per 10 s of silence, and never a reconnect or a relist", async () => {
  const clock = new ManualClock();
  await withHttp((req) => {
    const url = new URL(req.url);
    if (url.pathname === PROBE_PATH) return new Response("ok");
    if (url.searchParams.get("watch") !== "1") {
      return Response.json({ kind: "PodList", metadata: { resourceVersion: "5" }, items: [pod] });
    }
    return new Response(new ReadableStream({ start: () => {} }));
  }, async (h) => {
    const client = h.client({ clock });
    const rf = new Reflector(Api.v1Pod(client), { initialList: "list", clock });
    const stop = new AbortController();
    const running = rf.start(stop.signal);
    await waitFor(() => h.seen.length === 2, 5_000, "the watch to open");
    const quietMs = 2 * 60_000;
    const start = clock.now();
    await stepUntil(clock, () => clock.now() - start >= quietMs, quietMs);
    const probes = h.seen.filter((s) => s === "GET /livez").length;
    const periods = quietMs / SILENCE_MS;
    assert.ok(probes >= periods - 1 && probes <= periods, `${probes} probes in ${quietMs} ms`);
    assert.equal(h.seen.length - probes, 2, "one list, one watch: nothing reopened");
    assert.deepEqual(client.connections, { open: 1, dead: 0 });
    stop.abort();
    await running;
  });
});

Deno.test("client: a request on a connection gone silent is aborted once a probe on it gets no answer, and a read is retried on a new connection", async () => {
  let blackhole = true;
  await withHttp((req) => blackhole ? never(req) : Response.json(pod), async (h) => {
    const clock = new ManualClock();
    const client = h.client({ clock });
    const got = Api.v1Pod(client).within("default").get("p");
    clock.advance(await clock.nextSleep((ms) => ms === SILENCE_MS));
    await waitFor(() => h.seen.includes("GET /livez"), 5_000, "the probe");
    clock.advance(await clock.nextSleep((ms) => ms === PROBE_TIMEOUT_MS));
    blackhole = false;
    const found = await settle(clock, got);
    assert.equal(found.metadata.name, "p");
    assert.deepEqual(h.seen, [
      "GET /api/v1/namespaces/default/pods/p",
      "GET /livez",
      "GET /api/v1/namespaces/default/pods/p",
    ]);
    assert.deepEqual(client.connections, { open: 1, dead: 1 });
  });
});

Deno.test("client: a write on a dead connection fails with an error saying the connection was found dead, and is not sent again", async () => {
  await withHttp(never, async (h) => {
    const clock = new ManualClock();
    const client = h.client({ clock });
    const created = Api.v1Pod(client).within("default").create(pod);
    await waitFor(() => h.seen.length === 1, 5_000, "the write");
    clock.advance(await clock.nextSleep((ms) => ms === SILENCE_MS));
    await waitFor(() => h.seen.includes("GET /livez"), 5_000, "the probe");
    clock.advance(await clock.nextSleep((ms) => ms === PROBE_TIMEOUT_MS));
    await assert.rejects(created, (e: unknown) => {
      assert.ok(e instanceof KubeError);
      assert.match(e.message, /POST .*pods: the connection to http:\/\/127.0.0.1:\d+ is dead/);
      assert.match(e.message, /nothing arrived on it for 10s and a probe got no answer within 10s/);
      return true;
    });
    assert.deepEqual(h.seen, ["POST /api/v1/namespaces/default/pods", "GET /livez"]);
  });
});

Deno.test("client: a silent connection whose probe is answered is left alone: a slow answer is not a dead connection", async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  await withHttp(async (req) => {
    if (new URL(req.url).pathname === PROBE_PATH) return new Response("ok");
    await released;
    return Response.json(pod);
  }, async (h) => {
    const clock = new ManualClock();
    const client = h.client({ clock, timeoutMs: 0 });
    const got = Api.v1Pod(client).within("default").get("p");
    for (let probes = 1; probes <= 3; probes++) {
      clock.advance(await clock.nextSleep((ms) => ms === SILENCE_MS));
      await waitFor(
        () => h.seen.filter((s) => s === "GET /livez").length === probes,
        5_000,
        `probe ${probes}`,
      );
    }
    await clock.nextSleep((ms) => ms === SILENCE_MS);
    release();
    assert.equal((await got).metadata.name, "p");
    assert.equal(h.seen.filter((s) => s.includes("/pods/")).length, 1, "sent once");
    assert.deepEqual(client.connections, { open: 1, dead: 0 });
    assert.deepEqual(clock.pending, [], "no check left running once nothing waits");
  });
});

Deno.test("client: every request has a deadline, the client's (60 s by default) or the call's, and the error names it", async () => {
  await withHttp(
    (req) => new URL(req.url).pathname === PROBE_PATH ? new Response("ok") : never(req),
    async (h) => {
      const clock = new ManualClock();
      const pods = Api.v1Pod(h.client({ clock })).within("default");
      const got = pods.get("p");
      clock.advance(await clock.nextSleep((ms) => ms === 60_000));
      await assert.rejects(got, (e: unknown) => {
        assert.ok(e instanceof KubeError);
        assert.match(
          e.message,
          /GET \/api\/v1\/namespaces\/default\/pods\/p: no answer within 60s/,
        );
        assert.match(e.message, /timeoutMs/);
        return true;
      });
      const listed = pods.list({ timeoutMs: 5_000 });
      clock.advance(await clock.nextSleep((ms) => ms === 5_000));
      await assert.rejects(listed, /no answer within 5s/);
      const short = Api.v1Pod(h.client({ clock, timeoutMs: 2_000 })).within("default").get("p");
      clock.advance(await clock.nextSleep((ms) => ms === 2_000));
      await assert.rejects(short, /no answer within 2s/);
    },
  );
});

Deno.test("client: reads are retried after 503, 504 and 429, honouring Retry-After, until they succeed", async () => {
  const script = [status(503), status(504), status(429, { "Retry-After": "7" })];
  await withHttp(() => script.shift() ?? Response.json(pod), async (h) => {
    const clock = new ManualClock();
    const got = Api.v1Pod(h.client({ clock })).within("default").get("p");
    assert.equal((await settle(clock, got)).metadata.name, "p");
    assert.equal(h.seen.length, 4);
    assert.ok(clock.requested.includes(7_000), `slept ${clock.requested}`);
  });
});

Deno.test("client: a read that keeps failing is retried 3 times, then the last error is thrown", async () => {
  await withHttp(() => status(503), async (h) => {
    const clock = new ManualClock();
    const got = Api.v1Pod(h.client({ clock })).within("default").get("p");
    await assert.rejects(
      settle(clock, got),
      (e: unknown) => e instanceof ApiError && e.code === 503,
    );
    assert.equal(h.seen.length, 4);
    const once = Api.v1Pod(h.client({ clock, retry: { retries: 0 } })).within("default").get("p");
    await assert.rejects(settle(clock, once), ApiError);
    assert.equal(h.seen.length, 5);
  });
});

Deno.test("client: writes are retried only when the server said to come back (429 or 503 with Retry-After)", async () => {
  const script: Response[] = [];
  await withHttp(() => script.shift() ?? Response.json(pod, { status: 201 }), async (h) => {
    const clock = new ManualClock();
    const pods = Api.v1Pod(h.client({ clock })).within("default");
    for (const refusal of [status(503), status(504), status(429), status(500)]) {
      script.push(refusal);
      const before = h.seen.length;
      await assert.rejects(settle(clock, pods.create(pod)), ApiError);
      assert.equal(h.seen.length - before, 1, `${refusal.status} is not retried for a write`);
    }
    for (const comeBack of [429, 503]) {
      script.push(status(comeBack, { "Retry-After": "1" }));
      const before = h.seen.length;
      await settle(clock, pods.create(pod));
      assert.equal(h.seen.length - before, 2, `${comeBack} with Retry-After is retried`);
    }
  });
});

Deno.test("client: connection failures are retried for reads (and the error counts the attempts), never for writes", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const clock = new ManualClock();
  using client = new Client({
    source: "test",
    context: "test",
    cluster: "test",
    user: "test",
    server: `http://127.0.0.1:${port}`,
    namespace: "default",
    credentials: new Credentials(),
  }, { clock });
  const pods = Api.v1Pod(client).within("default");
  const before = clock.requested.length;
  await assert.rejects(settle(clock, pods.get("p")), (e: unknown) => {
    assert.ok(e instanceof KubeError && !(e instanceof ApiError));
    assert.match(e.message, /GET http:\/\/127.0.0.1:\d+\/api\/v1\/namespaces\/default\/pods\/p: /);
    assert.match(e.message, /gave up after 4 attempts/);
    return true;
  });
  const delays = clock.requested.slice(before).filter((ms) => ms < 10_000);
  assert.equal(delays.length, 3, `3 delays between 4 attempts: ${delays}`);
  await assert.rejects(settle(clock, pods.create(pod)), (e: unknown) => {
    assert.ok(e instanceof KubeError);
    assert.doesNotMatch(e.message, /attempts/);
    return true;
  });
});

/** An exec plugin whose client certificate rotates when told. */
class RotatingPlugin extends ExecPlugin {
  #pairs: ExecResult[];
  constructor(pairs: ExecResult[]) {
    super({ apiVersion: "client.authentication.k8s.io/v1", command: "unused" }, "test");
    this.#pairs = pairs;
  }
  override credential(): Promise<ExecResult> {
    return Promise.resolve(this.#pairs[0]);
  }
  rotate(): void {
    this.#pairs.shift();
  }
}

Deno.test("client: when an exec plugin rotates its client certificate, the old connection pool closes once its last request ends", async () => {
  const [a, b] = await Promise.all([makeTestTls(), makeTestTls()]);
  const plugin = new RotatingPlugin([
    { cert: a.serverCert, key: a.serverKey },
    { cert: b.serverCert, key: b.serverKey },
  ]);
  await withHttp((req) => {
    if (new URL(req.url).pathname !== "/stream") return Response.json({});
    return new Response(new ReadableStream({ start: (c) => c.enqueue(new Uint8Array([10])) }));
  }, async (h) => {
    const client = h.client({}, new Credentials({ exec: plugin }));
    const streaming = await client.request({ path: "/stream" });
    assert.deepEqual(client.connections, { open: 1, dead: 0 });
    plugin.rotate();
    await client.json({ path: "/other" });
    assert.deepEqual(client.connections, { open: 2, dead: 0 }, "the old pool still streams");
    await streaming.body!.cancel();
    await client.json({ path: "/other" });
    assert.deepEqual(client.connections, { open: 1, dead: 0 }, "the old pool is closed");
  });
});

Deno.test("reflector: a consumer that takes ten minutes over one change is not taken for a dead connection", async () => {
  await withServer(async (server) => {
    const clock = new ManualClock();
    const client = server.client({ clock });
    const rf = new Reflector(Api.v1Pod(client), { initialList: "list", clock, timeoutSeconds: 10 });
    server.create("a", "first");
    const stop = new AbortController();
    const changes = rf.run(stop.signal);
    assert.equal((await changes.next()).value?.key, "a/first");
    const second = changes.next();
    await server.waitForWatchesOpened(1);
    server.create("a", "second");
    assert.equal((await second).value?.key, "a/second");
    for (let minute = 0; minute < 10; minute++) {
      clock.advance(60_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    server.create("a", "third");
    assert.equal((await changes.next()).value?.key, "a/third");
    assert.equal(server.watchesOpened, 1, "the watch was never reopened");
    assert.equal(server.requests.filter((r) => r.path === PROBE_PATH).length, 0, "nor probed");
    assert.deepEqual(client.connections.dead, 0);
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    stop.abort();
    await changes.next();
    client.close();
  });
});
