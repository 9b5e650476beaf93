/**
 * LeaderElector against an in-process Lease endpoint that honours
 * resourceVersions (a stale write gets 409 Conflict), driven by a manual
 * clock.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type Client, KubeError, LeaderElector, type Lease } from "../../../mod.ts";
import { testClient } from "../../support/test_client.ts";
import { ManualClock } from "../../support/manual_clock.ts";

const LEASES = "/apis/coordination.k8s.io/v1/namespaces/ns/leases";

function clientOf(server: string): Client {
  return testClient(server, { namespace: "ns" });
}

function status(code: number, reason: string, message: string): Response {
  return Response.json(
    { kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message },
    { status: code },
  );
}

/** One Lease, `ns/lock`, with real optimistic concurrency. */
class FakeLeases {
  #server: Deno.HttpServer<Deno.NetAddr>;
  #rv = 100;
  lease: Lease | undefined;
  /** Writes (POST, PUT) naming one of these holders are refused with a 500. */
  refuseWritesOf = new Set<string>();
  /** Every write accepted, in order: the holder it named. */
  accepted: string[] = [];
  started = 0;
  inFlight = 0;

  constructor() {
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      async (req) => {
        this.started++;
        this.inFlight++;
        try {
          return await this.#handle(req);
        } finally {
          this.inFlight--;
        }
      },
    );
  }

  client(): Client {
    return clientOf(`http://127.0.0.1:${this.#server.addr.port}`);
  }

  /** Writes the Lease as another party would, bumping its resourceVersion. */
  put(spec: Lease["spec"]): void {
    this.lease = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "lock", namespace: "ns", resourceVersion: String(++this.#rv) },
      spec,
    };
  }

  async close(): Promise<void> {
    await this.#server.shutdown();
  }

  async #handle(req: Request): Promise<Response> {
    const path = new URL(req.url).pathname;
    const body = req.method === "GET" ? undefined : await req.json() as Lease;
    if (req.method === "POST" && path === LEASES) {
      if (this.lease) return status(409, "AlreadyExists", 'leases "lock" already exists');
      return this.#write(body!, 201);
    }
    if (path !== `${LEASES}/lock`) return status(404, "NotFound", `no route ${path}`);
    if (!this.lease) return status(404, "NotFound", 'leases "lock" not found');
    if (req.method === "GET") return Response.json(this.lease);
    if (req.method !== "PUT") return status(405, "MethodNotAllowed", req.method);
    if (body!.metadata.resourceVersion !== this.lease.metadata.resourceVersion) {
      return status(409, "Conflict", "the object has been modified");
    }
    return this.#write(body!, 200);
  }

  #write(body: Lease, code: number): Response {
    const holder = body.spec?.holderIdentity ?? "";
    if (this.refuseWritesOf.has(holder)) return status(500, "InternalError", "etcd is sulking");
    this.lease = {
      ...body,
      metadata: { ...body.metadata, namespace: "ns", resourceVersion: String(++this.#rv) },
    };
    this.accepted.push(holder);
    return Response.json(this.lease, { status: code });
  }
}

/** A candidate and what it saw: when it started and stopped leading, and its work's signal. */
class Candidate {
  elector: LeaderElector;
  startedAt: number[] = [];
  stoppedAt: number[] = [];
  work: AbortSignal | undefined;
  stop = new AbortController();
  run: Promise<void> | undefined;
  /** Settles the current work once its signal has aborted, unless a test holds it. */
  holdWork = false;
  #finish: (() => void) | undefined;

  constructor(client: Client, identity: string, clock: ManualClock, log: Log) {
    this.elector = new LeaderElector(client, {
      name: "lock",
      identity,
      clock,
      onStartedLeading: () => {
        this.startedAt.push(clock.now());
        log.started(identity);
      },
      onStoppedLeading: () => {
        this.stoppedAt.push(clock.now());
        log.stopped(identity);
      },
    });
  }

  start(): this {
    this.run = this.elector.run((signal) => {
      this.work = signal;
      return new Promise<void>((resolve) => {
        this.#finish = resolve;
        signal.addEventListener("abort", () => {
          if (!this.holdWork) resolve();
        });
      });
    }, { signal: this.stop.signal });
    return this;
  }

  /** Lets held work finish. */
  finish(): void {
    this.#finish?.();
  }
}

/** Who leads, as the callbacks say; notes any moment when two did. */
class Log {
  leading = new Set<string>();
  overlaps: string[] = [];
  started(identity: string): void {
    if (this.leading.size > 0) {
      this.overlaps.push(`${identity} started while ${[...this.leading]} led`);
    }
    this.leading.add(identity);
  }
  stopped(identity: string): void {
    this.leading.delete(identity);
  }
}

/**
 * Waits until nothing is in flight and no request has started for two
 * turns of 10 ms in a row: a candidate woken by the clock may take a few
 * milliseconds to send its request on a loaded machine.
 */
async function settle(server: FakeLeases): Promise<void> {
  let seen = -1;
  for (let quiet = 0; quiet < 2;) {
    quiet = server.inFlight === 0 && server.started === seen ? quiet + 1 : 0;
    seen = server.started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Advances the clock `totalMs` in steps, settling after each and checking `each`. */
async function advance(
  clock: ManualClock,
  server: FakeLeases,
  totalMs: number,
  each: () => void = () => {},
  stepMs = 250,
): Promise<void> {
  for (let done = 0; done < totalMs; done += stepMs) {
    clock.advance(stepMs);
    await settle(server);
    each();
  }
}

interface Harness {
  server: FakeLeases;
  clock: ManualClock;
  log: Log;
  candidate(identity: string): Candidate;
}

async function withElection(fn: (h: Harness) => Promise<void>): Promise<void> {
  const server = new FakeLeases();
  const client = server.client();
  const clock = new ManualClock();
  const log = new Log();
  const candidates: Candidate[] = [];
  try {
    await fn({
      server,
      clock,
      log,
      candidate(identity) {
        const c = new Candidate(client, identity, clock, log);
        candidates.push(c);
        return c;
      },
    });
    assert.deepEqual(log.overlaps, [], "two candidates never lead at once");
  } finally {
    for (const c of candidates) {
      c.holdWork = false;
      c.stop.abort();
      c.finish();
    }
    // A release in flight may wait on its deadline's clock.
    while (candidates.some((c) => c.elector.isLeader)) {
      clock.advance(1_000);
      await settle(server);
    }
    await Promise.allSettled(candidates.map((c) => c.run));
    client.close();
    await server.close();
  }
}

Deno.test("leader elector: refuses timings that break lease > renew deadline > 1.2 × retry period", () => {
  const client = clientOf("http://127.0.0.1:9");
  const make = (leaseDurationMs: number, renewDeadlineMs: number, retryPeriodMs: number) =>
    new LeaderElector(client, { name: "lock", leaseDurationMs, renewDeadlineMs, retryPeriodMs });
  try {
    assert.throws(
      () => make(10_000, 10_000, 2_000),
      /leaseDurationMs \(10000\) must be greater than renewDeadlineMs/,
    );
    assert.throws(
      () => make(15_000, 2_400, 2_000),
      /renewDeadlineMs \(2400\) must be greater than 1.2 × retryPeriodMs/,
    );
    assert.throws(() => make(15_000, 10_000, 0), /retryPeriodMs must be positive/);
    assert.throws(() => make(15_500, 10_000, 2_000), /whole number of seconds/);
    assert.throws(() => new LeaderElector(client, { name: "" }), /the Lease needs a name/);
    const elector = new LeaderElector(client, { name: "lock" });
    assert.match(elector.identity, /^.+_[0-9a-f-]{36}$/);
    assert.equal(elector.isLeader, false);
  } finally {
    client.close();
  }
});

Deno.test("leader elector: the first candidate creates the Lease and leads; the other waits while it renews", async () => {
  await withElection(async ({ server, clock, log, candidate }) => {
    const a = candidate("a").start();
    await settle(server);
    const b = candidate("b").start();
    await settle(server);
    assert.equal(a.elector.isLeader, true);
    assert.equal(b.elector.isLeader, false);
    assert.equal(b.elector.leader, "a");
    assert.deepEqual(
      { ...server.lease!.spec, acquireTime: undefined, renewTime: undefined },
      {
        holderIdentity: "a",
        leaseDurationSeconds: 15,
        leaseTransitions: 0,
        acquireTime: undefined,
        renewTime: undefined,
      },
    );
    assert.match(server.lease!.spec!.renewTime!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const acquireTime = server.lease!.spec!.acquireTime;
    const renewTimes = new Set<string>();
    await advance(clock, server, 60_000, () => {
      assert.deepEqual([...log.leading], ["a"]);
      renewTimes.add(server.lease!.spec!.renewTime!);
    });
    // One renewal per 2 s retry period.
    assert.ok(renewTimes.size >= 29, `${renewTimes.size} renewals in 60 s`);
    assert.equal(server.lease!.spec!.acquireTime, acquireTime, "renewals keep acquireTime");
    assert.ok(server.accepted.every((holder) => holder === "a"));
    assert.equal(a.work?.aborted, false);
    assert.deepEqual(b.startedAt, []);
  });
});

Deno.test("leader elector: a holder that stops renewing is replaced once the lease duration has passed since its record last changed", async () => {
  await withElection(async ({ server, clock, candidate }) => {
    // Its renewTime is long past, but remote clocks are not trusted: the
    // candidate counts from when it first saw this record.
    server.put({
      holderIdentity: "ghost",
      leaseDurationSeconds: 15,
      acquireTime: "1970-01-01T00:00:00.000000Z",
      renewTime: "1970-01-01T00:00:00.000000Z",
      leaseTransitions: 4,
    });
    const seenAt = clock.now();
    const b = candidate("b").start();
    await settle(server);
    assert.equal(b.elector.leader, "ghost");
    await advance(clock, server, 25_000);
    assert.equal(b.elector.isLeader, true);
    const waited = b.startedAt[0] - seenAt;
    assert.ok(waited >= 15_000, `took over after ${waited} ms, before the lease duration`);
    assert.ok(
      waited <= 15_000 + 4_400 + 250,
      `took over after ${waited} ms, more than a retry late`,
    );
    assert.equal(server.lease!.spec!.holderIdentity, "b");
    assert.equal(server.lease!.spec!.leaseTransitions, 5);
    const acquireTime = server.lease!.spec!.acquireTime!.replace(/(\.\d{3})000Z$/, "$1Z");
    assert.equal(Date.parse(acquireTime), b.startedAt[0], "acquired when it took over");
  });
});

Deno.test("leader elector: a leader whose renewals fail gives up after the renew deadline, before another takes over", async () => {
  await withElection(async ({ server, clock, log, candidate }) => {
    const a = candidate("a").start();
    await settle(server);
    const b = candidate("b").start();
    await settle(server);
    await advance(clock, server, 5_000);
    assert.equal(a.elector.isLeader, true);
    server.refuseWritesOf.add("a");
    const lastRenewal = server.lease!.spec!.renewTime!;
    const refusedAt = clock.now();
    await advance(clock, server, 30_000, () => assert.ok(log.leading.size <= 1));
    assert.equal(server.lease!.spec!.renewTime === lastRenewal, false, "b renewed it since");
    assert.equal(a.work?.aborted, true);
    assert.ok(a.work?.reason instanceof KubeError);
    assert.match(a.work.reason.message, /could not renew the Lease for 10000 ms/);
    assert.equal(a.elector.isLeader, false);
    assert.ok(a.stoppedAt[0] - refusedAt <= 10_000 + 250, "gave up within the renew deadline");
    assert.equal(b.elector.isLeader, true);
    assert.ok(b.startedAt[0] > a.stoppedAt[0], "b started after a stopped");
    assert.ok(b.startedAt[0] - refusedAt >= 15_000 - 2_500, "b waited for the lease duration");
    assert.equal(a.elector.leader, "b");
  });
});

Deno.test("leader elector: a leader that sees another holder in the Lease aborts its work at the next renewal", async () => {
  await withElection(async ({ server, clock, candidate }) => {
    const a = candidate("a").start();
    await settle(server);
    assert.equal(a.elector.isLeader, true);
    const spec = server.lease!.spec!;
    server.put({ ...spec, holderIdentity: "usurper", leaseTransitions: 1 });
    const usurpedAt = clock.now();
    await advance(clock, server, 2_000);
    assert.equal(a.elector.isLeader, false);
    assert.ok(a.stoppedAt[0] - usurpedAt <= 2_000, "within one retry period");
    assert.equal(a.work?.aborted, true);
    assert.match((a.work?.reason as Error).message, /usurper holds the Lease now/);
    assert.equal(server.lease!.spec!.holderIdentity, "usurper", "nothing written over it");
    // It stays a candidate, and takes over once the usurper's claim expires.
    await advance(clock, server, 20_000);
    assert.equal(a.elector.isLeader, true);
    assert.equal(a.startedAt.length, 2);
    assert.equal(server.lease!.spec!.leaseTransitions, 2);
  });
});

Deno.test("leader elector: a graceful stop lets the work finish, then releases the Lease so a waiting candidate takes over at its next try", async () => {
  await withElection(async ({ server, clock, log, candidate }) => {
    const a = candidate("a").start();
    await settle(server);
    const b = candidate("b").start();
    await settle(server);
    await advance(clock, server, 4_000);
    a.holdWork = true;
    a.stop.abort();
    await settle(server);
    assert.equal(a.work?.aborted, true);
    // Draining takes longer than the Lease lasts: a keeps renewing meanwhile.
    await advance(clock, server, 20_000, () => assert.deepEqual([...log.leading], ["a"]));
    assert.equal(a.elector.isLeader, true);
    a.finish();
    await a.run;
    const releasedAt = clock.now();
    assert.equal(a.elector.isLeader, false);
    assert.deepEqual(
      [server.lease!.spec!.holderIdentity, server.lease!.spec!.leaseDurationSeconds],
      ["", 1],
    );
    await advance(clock, server, 5_000);
    assert.equal(b.elector.isLeader, true);
    assert.ok(
      b.startedAt[0] - releasedAt <= 4_400 + 250,
      "at b's next try, not a lease duration later",
    );
    assert.equal(server.lease!.spec!.leaseTransitions, 1);
  });
});

Deno.test("leader elector: work that ends by itself ends the run, releasing the Lease; its error is the run's", async () => {
  await withElection(async ({ server }) => {
    const clock = new ManualClock();
    const client = server.client();
    try {
      const elector = new LeaderElector(client, { name: "lock", identity: "a", clock });
      await elector.run(() => {});
      assert.equal(server.lease!.spec!.holderIdentity, "");
      const failure = new Error("reconcile exploded");
      await assert.rejects(() => elector.run(() => Promise.reject(failure)), (e) => e === failure);
      assert.deepEqual(server.accepted, ["a", "", "a", ""]);
      assert.equal(elector.isLeader, false);
    } finally {
      client.close();
    }
  });
});

Deno.test("leader elector: a run stopped while waiting for the Lease leaves it alone", async () => {
  await withElection(async ({ server, clock, candidate }) => {
    server.put({ holderIdentity: "other", leaseDurationSeconds: 15 });
    const b = candidate("b").start();
    await settle(server);
    await advance(clock, server, 3_000);
    b.stop.abort();
    await b.run;
    assert.deepEqual(b.startedAt, []);
    assert.deepEqual(server.accepted, []);
    assert.deepEqual(clock.pending, [], "no timer left behind");
  });
});

Deno.test("leader elector: a create that finds the Lease made meanwhile is a lost race, not an error to report", async () => {
  let posts = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    await req.body?.cancel();
    if (req.method === "GET") return status(404, "NotFound", 'leases "lock" not found');
    posts++;
    return status(409, "AlreadyExists", 'leases "lock" already exists');
  });
  const client = clientOf(`http://127.0.0.1:${server.addr.port}`);
  const clock = new ManualClock();
  const errors: KubeError[] = [];
  const elector = new LeaderElector(client, {
    name: "lock",
    identity: "late",
    clock,
    onError: (e) => errors.push(e),
  });
  const stop = new AbortController();
  try {
    const run = elector.run(() => Promise.resolve(), { signal: stop.signal });
    // The wait before the next try: the retry period (2 s) plus up to 120 % jitter.
    await clock.nextSleep((ms) => ms >= 2_000 && ms <= 4_400);
    assert.equal(posts, 1);
    assert.deepEqual(errors.map((e) => e.message), []);
    stop.abort();
    await run;
  } finally {
    client.close();
    await server.shutdown();
  }
});
