import assert from "node:assert/strict";
import { type KubeList, type Pod, Reflector } from "../../../mod.ts";
import { continueOf } from "../../../src/api/paging.ts";
import { ReadAhead } from "../../../src/api/paging.ts";
import { fast, versions, withServer } from "../../support/fake_apiserver.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/** A page of `names` whose metadata says `next` continues it. */
function pageOf(names: string[], next?: string): KubeList<Pod> {
  return {
    apiVersion: "v1",
    kind: "PodList",
    metadata: { resourceVersion: "7", ...(next ? { continue: next } : {}) },
    items: names.map((name) => ({ metadata: { name, namespace: "a" } })),
  };
}

/**
 * A paged list of `pages` pages, fetched by hand: each request waits until
 * the test answers it, and says which token it was for.
 */
function pagedList(pages: number) {
  const asked: {
    token: string | undefined;
    signal: AbortSignal;
    answer(): void;
    fail(e: Error): void;
  }[] = [];
  const tokenOf = (i: number) => `page-${i}`;
  const fetch = (
    token: string | undefined,
    signal: AbortSignal,
    onContinue: (next: string) => void,
  ) => {
    const i = token === undefined ? 0 : Number(token.slice(5));
    const next = i + 1 < pages ? tokenOf(i + 1) : undefined;
    return new Promise<KubeList<Pod>>((resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      asked.push({
        token,
        signal,
        answer: () => {
          if (next) onContinue(next);
          resolve(pageOf([`p${i}`], next));
        },
        fail: reject,
      });
    });
  };
  return { asked, fetch, tokenOf };
}

/** Lets the promise callbacks waiting now run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("continueOf: reads the token before the items of a typed list and after those of an unstructured one", () => {
  const typed = JSON.stringify({
    kind: "PodList",
    apiVersion: "v1",
    metadata: { resourceVersion: "9", continue: "abc=" },
    items: [{ metadata: { name: "x" } }],
  });
  assert.equal(continueOf(bytes(typed)), "abc=");
  // encoding/json sorts the keys of an unstructured list: metadata comes last.
  const sorted =
    `{"apiVersion":"x.io/v1","items":[{"a":[1],"kind":"Foo","metadata":{"continue":"inner"}}],` +
    `"kind":"FooList","metadata":{"continue":"outer","resourceVersion":"9"}}`;
  assert.equal(continueOf(bytes(sorted)), "outer");
  assert.equal(
    continueOf(bytes(JSON.stringify(pageOf(["x"])))),
    undefined,
    "the last page has none",
  );
});

Deno.test("continueOf: never takes a token from inside an item, nor from text that is not JSON", () => {
  // An item's string holding what looks like list members, metadata after the items.
  const tricky = `{"kind":"PodList","items":[{"metadata":{"name":"x","annotations":` +
    `{"a":"\\",\\"items\\":[],\\"metadata\\":{\\"continue\\":\\"evil\\"}}"}}}],"metadata":{"resourceVersion":"3"}}`;
  assert.equal(JSON.parse(tricky).kind, "PodList");
  assert.equal(continueOf(bytes(tricky)), undefined);
  assert.equal(continueOf(bytes('{"kind":"PodList","metadata":{"continue":"ab')), undefined);
  assert.equal(continueOf(bytes("<html>502 Bad Gateway</html>")), undefined);
});

Deno.test("ReadAhead: asks for the next page as soon as a page arrives, hands the pages out in order, each fetched once", async () => {
  const list = pagedList(3);
  using pages = new ReadAhead<Pod>(list.fetch);
  const first = pages.page(undefined);
  await settle();
  assert.equal(list.asked.length, 1);
  list.asked[0].answer();
  assert.deepEqual((await first).items.map((p) => p.metadata.name), ["p0"]);
  assert.deepEqual(
    list.asked.map((a) => a.token),
    [undefined, "page-1"],
    "page 1 asked for before page 0 was handed out",
  );

  list.asked[1].answer();
  await settle();
  assert.deepEqual(
    list.asked.map((a) => a.token),
    [undefined, "page-1"],
    "never more than one page ahead of the one wanted",
  );
  const second = await pages.page("page-1");
  assert.deepEqual(list.asked.map((a) => a.token), [undefined, "page-1", "page-2"]);
  assert.deepEqual(second.items.map((p) => p.metadata.name), ["p1"]);
  list.asked[2].answer();
  const third = await pages.page("page-2");
  assert.deepEqual(third.items.map((p) => p.metadata.name), ["p2"]);
  assert.equal(third.metadata.continue, undefined);
  assert.equal(list.asked.length, 3, "no request beyond the last page");
});

Deno.test("ReadAhead: close cancels the page being waited for and what was asked for after it; nothing is asked for once closed", async () => {
  const list = pagedList(20);
  const pages = new ReadAhead<Pod>(list.fetch);
  const stop = new AbortController();
  const waiting = pages.page(undefined, stop.signal);
  await settle();
  list.asked[0].answer();
  await waiting;
  const next = pages.page("page-1", stop.signal);
  pages.close();
  stop.abort(new Error("caller gave up"));
  await assert.rejects(next);
  list.asked[1]?.answer();
  await settle();
  assert.ok(
    list.asked.slice(1).every((a) => a.signal.aborted),
    "every request still loading cancelled",
  );
  assert.ok(list.asked.length <= 2, `${list.asked.length} requests for one page wanted`);
});

Deno.test("ReadAhead: a page asked for ahead that fails fails its own turn, and the next call asks for it again", async () => {
  const list = pagedList(2);
  using pages = new ReadAhead<Pod>(list.fetch);
  const first = pages.page(undefined);
  await settle();
  list.asked[0].answer();
  await first;
  list.asked[1].fail(new Error("HTTP 500"));
  await assert.rejects(pages.page("page-1"), /HTTP 500/);
  const again = pages.page("page-1");
  await settle();
  assert.deepEqual(list.asked.map((a) => a.token), [undefined, "page-1", "page-1"]);
  list.asked[2].answer();
  assert.deepEqual((await again).items.map((p) => p.metadata.name), ["p1"]);
});

Deno.test("ReadAhead: a wait given up keeps the page asked for ahead for the next call; close cancels it", async () => {
  const list = pagedList(3);
  const pages = new ReadAhead<Pod>(list.fetch);
  const first = pages.page(undefined);
  await settle();
  list.asked[0].answer();
  await first;
  const stop = new AbortController();
  const waiting = pages.page("page-1", stop.signal);
  stop.abort(new Error("caller gave up"));
  await assert.rejects(waiting, /caller gave up/);
  assert.equal(list.asked[1].signal.aborted, false, "the request goes on");
  list.asked[1].answer();
  assert.deepEqual((await pages.page("page-1")).items.map((p) => p.metadata.name), ["p1"]);
  assert.equal(list.asked.length, 3, "page 1 was fetched once; page 2 is asked for");
  pages.close();
  assert.equal(list.asked[2].signal.aborted, true, "close cancels what was asked for ahead");
});

Deno.test("ReadAhead: a token the parsed page contradicts drops what was asked for ahead with it", async () => {
  const asked: string[] = [];
  const aborted: string[] = [];
  using pages = new ReadAhead<Pod>((token, signal, onContinue) => {
    asked.push(token ?? "(first)");
    signal.addEventListener("abort", () => aborted.push(token ?? "(first)"));
    if (token === undefined) {
      onContinue("guessed");
      return Promise.resolve(pageOf(["p0"], "real"));
    }
    return new Promise(() => {}).then(() => pageOf([]));
  });
  const first = await pages.page(undefined);
  assert.equal(first.metadata.continue, "real");
  assert.deepEqual(asked, ["(first)", "guessed"]);
  assert.deepEqual(aborted, ["guessed"]);
});

Deno.test("reflector: a paged list asks for each next page before the one before is handed on, and the cache equals the server", async () => {
  await withServer(async (server, pods) => {
    for (let i = 0; i < 7; i++) server.create("a", `p${i}`);
    const original = pods.list.bind(pods);
    let calls = 0;
    const callsWhenReturned: number[] = [];
    pods.list = async (options) => {
      calls++;
      const page = await original(options);
      callsWhenReturned.push(calls);
      return page;
    };
    const rf = new Reflector(pods, { ...fast, pageSize: 2 });
    await rf.poll();
    assert.deepEqual(versions(rf.read()), versions(server.truth()));
    assert.equal(calls, 4, "4 pages of 2, each asked for once");
    // When page i came back, page i + 1 had been asked for (maybe more).
    assert.equal(callsWhenReturned.length, 4);
    callsWhenReturned.forEach((c, i) =>
      assert.ok(c >= Math.min(i + 2, 4), `page ${i}: ${c} asked`)
    );
    assert.deepEqual(
      server.listRequests.map((r) => r.query.get("continue") === null),
      [true, false, false, false],
    );
  });
});
