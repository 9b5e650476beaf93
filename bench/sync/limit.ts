/**
 * One sync run of the limit, the work a cache cannot avoid: the pages
 * fetched one after another (500 a page, as every contender lists) and
 * `JSON.parse`d into a `Map` by key, nothing else; then the burst's watch
 * bytes split into lines and parsed into that map until it holds the last.
 * No apiVersion/kind filled in, no event handed to anyone, no bookmark
 * kept, no error looked for. Run with `--v8-flags=--expose-gc`. Prints
 * `{"readyMs":R,"burstMs":B,"heapBytes":H}` on stdout.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { BurstTimer, collectGarbage, serverInfo, waitForWatch } from "./protocol.ts";

const PAGE = 500;

interface Item {
  metadata: { name: string; namespace: string; resourceVersion: string };
}

interface PodList {
  metadata: { resourceVersion: string; continue?: string };
  items: Item[];
}

const keyOf = (item: Item) => `${item.metadata.namespace}/${item.metadata.name}`;

/**
 * Lists every pod into `cache`, page after page.
 *
 * @param server The server's URL.
 * @param cache The map to fill.
 * @returns The list's resourceVersion.
 */
async function list(server: string, cache: Map<string, Item>): Promise<string> {
  let token = "";
  for (;;) {
    const more = token ? `&continue=${encodeURIComponent(token)}` : "";
    const page: PodList = JSON.parse(
      await (await fetch(`${server}/api/v1/pods?limit=${PAGE}${more}`)).text(),
    );
    for (const item of page.items) cache.set(keyOf(item), item);
    token = page.metadata.continue ?? "";
    if (!token) return page.metadata.resourceVersion;
  }
}

/**
 * Splits the watch body into lines and parses each event's object into
 * `cache`, calling `seen` with each one.
 *
 * @param body The watch response's body.
 * @param cache The map to update.
 * @param seen Told of every object put in the map.
 */
async function follow(
  body: ReadableStream<Uint8Array>,
  cache: Map<string, Item>,
  seen: (item: Item) => void,
): Promise<void> {
  const utf8 = new TextDecoder();
  const apply = (line: Uint8Array) => {
    const { object } = JSON.parse(utf8.decode(line)) as { object: Item };
    cache.set(keyOf(object), object);
    seen(object);
  };
  let pending: Uint8Array | undefined;
  for await (const chunk of body) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      if (pending) {
        const line = new Uint8Array(pending.length + end);
        line.set(pending);
        line.set(chunk.subarray(0, end), pending.length);
        pending = undefined;
        apply(line);
      } else {
        apply(chunk.subarray(start, end));
      }
      start = end + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      pending = pending ? concat(pending, rest) : rest.slice();
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: { server: { type: "string" }, burst: { type: "string" } },
  });
  const server = values.server!;
  const { opened } = await serverInfo(server);
  collectGarbage();
  const before = Deno.memoryUsage().heapUsed;

  const start = performance.now();
  const cache = new Map<string, Item>();
  const resourceVersion = await list(server, cache);
  const readyMs = performance.now() - start;

  const burst = new BurstTimer();
  const watch = await fetch(`${server}/api/v1/pods?watch=1&resourceVersion=${resourceVersion}`);
  const following = follow(
    watch.body!,
    cache,
    (item) => burst.seen(item.metadata.resourceVersion, () => keyOf(item)),
  );
  following.catch((err) => {
    console.error(err);
    Deno.exit(1);
  });
  await waitForWatch(server, opened);
  collectGarbage();
  const heapBytes = Deno.memoryUsage().heapUsed - before;

  const last = await burst.time(server, Number(values.burst ?? 10_000));
  if (cache.get(last.key)?.metadata.resourceVersion !== last.resourceVersion) {
    throw new Error("last event missing");
  }
  const { burstMs } = last;
  console.log(JSON.stringify({ readyMs, burstMs, heapBytes }));
  Deno.exit(0);
}

if (import.meta.main) await main();
