/**
 * The local API server both contenders talk to, over plain HTTP on
 * 127.0.0.1, in its own process so that it does not share a core with the
 * contender it serves. Two modes:
 *
 * - `--stream DIR`: every watch request gets the recorded stream in DIR,
 *   chunk by chunk, as recorded.
 * - `--pods N`: N pods to list (`limit`/`continue`) and watch, plus
 *   `POST /bench/prepare?count=C` (make C MODIFIED events ready),
 *   `POST /bench/burst` (send them to every open watch) and
 *   `GET /bench/info` (watches open now and opened so far, pods, and
 *   their JSON size).
 *
 * It prints `{"port":P}` on its first line once it listens.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { makePod } from "./pods.ts";
import { seeded } from "./rng.ts";
import { loadStream } from "./stream.ts";

const MAX_CHUNK = 64 * 1024;
const encoder = new TextEncoder();

type Handler = (req: Request, url: URL) => Response | Promise<Response>;

function streamHandler(chunks: Uint8Array[]): Handler {
  return (_req, url) => {
    if (!url.searchParams.has("watch")) return new Response("no list here", { status: 404 });
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < chunks.length) controller.enqueue(chunks[i++]);
        else controller.close();
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  };
}

interface StoredPod {
  object: Record<string, unknown> & { metadata: { resourceVersion: string; labels: object } };
  /** The item as a list sends it: no apiVersion nor kind. */
  json: string;
}

interface Watch {
  send(chunk: Uint8Array): void;
}

function podsHandler(count: number): Handler {
  const rng = seeded(2);
  let rv = 1000;
  const pods: StoredPod[] = [];
  let jsonBytes = 0;
  for (let i = 0; i < count; i++) {
    const { apiVersion: _a, kind: _k, ...object } = makePod(rng, i, String(++rv));
    const json = JSON.stringify(object);
    jsonBytes += encoder.encode(json).length;
    pods.push({ object, json });
  }
  const watches = new Set<Watch>();
  let opened = 0;
  let prepared: Uint8Array[] = [];
  let next = 0;

  const list = (url: URL) => {
    const limit = Number(url.searchParams.get("limit") || count);
    const from = Number(url.searchParams.get("continue") || 0);
    const to = Math.min(from + limit, count);
    const more = to < count ? `,"continue":"${to}"` : "";
    const items = pods.slice(from, to).map((pod) => pod.json).join(",");
    return new Response(
      `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"${rv}"${more}},"items":[${items}]}`,
      { headers: { "content-type": "application/json" } },
    );
  };

  const watch = () => {
    let self: Watch | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const watch: Watch = {
          send: (chunk) => {
            // A contender that went away without its socket closing yet.
            try {
              controller.enqueue(chunk);
            } catch {
              watches.delete(watch);
            }
          },
        };
        self = watch;
        watches.add(self);
        opened++;
      },
      cancel() {
        if (self) watches.delete(self);
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  };

  /** Changes `n` pods (a label and the resourceVersion) and serializes their events. */
  const prepare = (n: number) => {
    const lines: Uint8Array[] = [];
    let last: StoredPod | undefined;
    for (let i = 0; i < n; i++) {
      last = pods[next++ % count];
      const version = String(++rv);
      last.object.metadata.resourceVersion = version;
      last.object.metadata.labels = { ...last.object.metadata.labels, burst: version };
      last.json = JSON.stringify(last.object);
      lines.push(encoder.encode(
        `{"type":"MODIFIED","object":{"apiVersion":"v1","kind":"Pod",${last.json.slice(1)}}\n`,
      ));
    }
    prepared = socketChunks(lines);
    const meta = last?.object.metadata as { name: string; namespace: string } | undefined;
    return Response.json({
      name: meta?.name,
      namespace: meta?.namespace,
      resourceVersion: String(rv),
    });
  };

  const burst = () => {
    for (const chunk of prepared) for (const w of [...watches]) w.send(chunk);
    const sent = prepared.length;
    prepared = [];
    return Response.json({ chunks: sent, watches: watches.size });
  };

  return (req, url) => {
    if (url.pathname === "/bench/info") {
      return Response.json({ watches: watches.size, opened, pods: count, jsonBytes });
    }
    if (url.pathname === "/bench/prepare") {
      return prepare(Number(url.searchParams.get("count") ?? 0));
    }
    if (url.pathname === "/bench/burst") return burst();
    if (url.pathname !== "/api/v1/pods" || req.method !== "GET") {
      return new Response("not found", { status: 404 });
    }
    return url.searchParams.has("watch") ? watch() : list(url);
  };
}

/** Packs lines into chunks of up to 64 KiB, as a socket would carry them. */
function socketChunks(lines: Uint8Array[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let batch: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    const chunk = new Uint8Array(size);
    let offset = 0;
    for (const line of batch) {
      chunk.set(line, offset);
      offset += line.length;
    }
    chunks.push(chunk);
    batch = [];
    size = 0;
  };
  for (const line of lines) {
    if (size && size + line.length > MAX_CHUNK) flush();
    batch.push(line);
    size += line.length;
  }
  if (size) flush();
  return chunks;
}

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: { stream: { type: "string" }, pods: { type: "string" } },
  });
  const handler = values.stream
    ? streamHandler((await loadStream(values.stream)).chunks)
    : podsHandler(Number(values.pods ?? 1000));
  Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => console.log(JSON.stringify({ port })),
  }, (req) => handler(req, new URL(req.url)));
}

if (import.meta.main) await main();
