import assert from "node:assert/strict";
import { ApiError, Informer, type InformerEvent, type Pod } from "../../../mod.ts";
import { fast, pollRound, waitFor, withServer } from "../../support/fake_apiserver.ts";

function drain(inf: Informer<Pod>): string[] {
  const out: string[] = [];
  for (let ev = inf.pop(); ev; ev = inf.pop()) out.push(describe(ev));
  return out;
}

function describe(ev: InformerEvent<Pod>): string {
  switch (ev.type) {
    case "RESTARTED":
      return `RESTARTED ${ev.objects.map((o) => o.metadata.name).sort().join(",")}`;
    case "ERROR":
      return `ERROR ${ev.object.code}`;
    default:
      return `${ev.type} ${ev.object.metadata.name}`;
  }
}

Deno.test("informer: the first poll starts from the list's resourceVersion, so only new events are queued", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "old");
    const inf = new Informer(pods, fast);
    await pollRound(server, () => inf.poll(), () => {
      server.create("a", "new");
      server.modify("a", "old", (p) => p.metadata.labels = { x: "1" });
    });
    assert.deepEqual(drain(inf), ["ADDED new", "MODIFIED old"]);
    assert.equal(inf.pop(), undefined);
    assert.equal(server.listRequests.length, 1);
  });
});

Deno.test("informer: no event is lost between polls, and events keep the server's order", async () => {
  await withServer(async (server, pods) => {
    const inf = new Informer(pods, fast);
    await pollRound(server, () => inf.poll());
    server.create("a", "p1"); // between polls: no watch is open
    server.modify("a", "p1", (p) => p.metadata.labels = { v: "2" });
    await pollRound(server, () => inf.poll(), () => server.remove("a", "p1"));
    server.create("a", "p2");
    await pollRound(server, () => inf.poll());
    assert.deepEqual(drain(inf), ["ADDED p1", "MODIFIED p1", "DELETED p1", "ADDED p2"]);
    assert.equal(server.listRequests.length, 1, "resumed every time without a relist");
  });
});

Deno.test("informer: bookmarks never reach the queue but move the resourceVersion", async () => {
  await withServer(async (server, pods) => {
    const inf = new Informer(pods.within("a"), fast);
    await pollRound(server, () => inf.poll(), () => {
      server.create("b", "elsewhere");
      server.bookmark();
    });
    assert.deepEqual(drain(inf), []);
    assert.equal(inf.resourceVersion, server.resourceVersion);
  });
});

Deno.test("informer: a 410 ERROR event reaches the caller, then RESTARTED carries the full list", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    const inf = new Informer(pods, fast);
    await pollRound(server, () => inf.poll());
    server.remove("a", "x");
    server.create("a", "y");
    server.knobs.goneEvent = true;
    await inf.poll();
    assert.deepEqual(drain(inf), ["ERROR 410", "RESTARTED y"]);
    await pollRound(server, () => inf.poll(), () => server.create("a", "z"));
    assert.deepEqual(drain(inf), ["ADDED z"]);
  });
});

Deno.test("informer: a 410 on opening the watch relists and queues RESTARTED", async () => {
  await withServer(async (server, pods) => {
    const inf = new Informer(pods, fast);
    await pollRound(server, () => inf.poll());
    server.create("a", "x");
    server.compact();
    await inf.poll();
    assert.deepEqual(drain(inf), ["RESTARTED x"]);
  });
});

Deno.test("informer: a failed request makes poll throw and leaves queued events in place", async () => {
  await withServer(async (server, pods) => {
    const inf = new Informer(pods, fast);
    await pollRound(server, () => inf.poll(), () => server.create("a", "x"));
    server.knobs.fail500 = 1;
    await assert.rejects(() => inf.poll(), (e: unknown) => e instanceof ApiError && e.code === 500);
    assert.equal(inf.pending, 1);
    await pollRound(server, () => inf.poll(), () => server.create("a", "y"));
    assert.deepEqual(drain(inf), ["ADDED x", "ADDED y"]);
  });
});

Deno.test("informer: iterating yields queued events first, then live ones, recovers from a dropped connection, and stops on abort", async () => {
  await withServer(async (server, pods) => {
    const inf = new Informer(pods, fast);
    await pollRound(server, () => inf.poll(), () => server.create("a", "queued"));
    const controller = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const ev of inf.run(controller.signal)) seen.push(describe(ev));
    })();
    await waitFor(() => seen.length === 1, 5_000, "the queued event");
    await server.waitForWatchesOpened(2);
    server.create("a", "live");
    await waitFor(() => seen.length === 2, 5_000, "the live event");
    server.breakWatches();
    await server.waitForWatchesOpened(3);
    server.remove("a", "live");
    await waitFor(() => seen.length === 3, 5_000, "the event after reconnecting");
    controller.abort();
    await loop;
    assert.deepEqual(seen, ["ADDED queued", "ADDED live", "DELETED live"]);
    await waitFor(() => server.openWatches === 0, 5_000, "the watch to close");
  });
});

Deno.test("informer: a second loop on the same informer is refused while one runs", async () => {
  await withServer(async (server, pods) => {
    const inf = new Informer(pods, fast);
    const first = inf.poll();
    await assert.rejects(() => inf.poll(), /already polling or running/);
    await server.waitForWatchesOpened(1);
    server.endWatches();
    await first;
  });
});

Deno.test("informer: with emitInitialList the first list is queued as RESTARTED, before the round's events", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "old");
    const inf = new Informer(pods, { ...fast, emitInitialList: true });
    await pollRound(server, () => inf.poll(), () => server.create("a", "new"));
    assert.deepEqual(drain(inf), ["RESTARTED old", "ADDED new"]);
  });
});

Deno.test("informer: a list item without metadata goes to onError, naming its page and index, and is left out of RESTARTED", async () => {
  await withServer(async (server, pods) => {
    server.create("a", "x");
    server.knobs.extraListItems = [{ kind: "Pod", spec: {} }];
    const errors: Error[] = [];
    const inf = new Informer(pods, {
      ...fast,
      emitInitialList: true,
      onError: (e) => errors.push(e),
    });
    await pollRound(server, () => inf.poll(), () => server.create("a", "y"));
    const restarted = inf.pop();
    assert.equal(restarted?.type, "RESTARTED");
    assert.deepEqual(
      (restarted as { objects: Pod[] }).objects.map((p) => p.metadata.name),
      ["x"],
    );
    assert.equal(inf.pop()?.type, "ADDED");
    assert.equal(errors.length, 1);
    assert.match(
      errors[0].message,
      /list \/api\/v1\/pods page 1: items\[1\] has no metadata; skipped/,
    );
  });
});
