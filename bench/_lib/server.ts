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
 *   their JSON size, whole and as metadata only). A list or watch whose
 *   `Accept` asks `as=PartialObjectMetadataList` or `as=PartialObjectMetadata`
 *   gets what the API server sends then: each object cut down to `kind:
 *   PartialObjectMetadata`, `apiVersion: meta.k8s.io/v1` and its metadata
 *   (406 for the one that does not fit the request).
 *
 * It prints `{"port":P}` on its first line once it listens.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { makePod } from "../../tests/support/pods.ts";
import { seeded } from "../../tests/support/rng.ts";
import { loadStream } from "../fixtures/stream.ts";

const MAX_CHUNK = 64 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const COMMA = encoder.encode(",");
const LIST_END = encoder.encode("]}");

/** `head`, the `parts` with `separator` between them, and `tail`, in one buffer. */
function joined(
  head: Uint8Array,
  parts: Uint8Array[],
  separator: Uint8Array,
  tail: Uint8Array,
): Uint8Array<ArrayBuffer> {
  let size = head.length + tail.length + Math.max(0, parts.length - 1) * separator.length;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  out.set(head);
  let offset = head.length;
  for (const [i, part] of parts.entries()) {
    if (i > 0) {
      out.set(separator, offset);
      offset += separator.length;
    }
    out.set(part, offset);
    offset += part.length;
  }
  out.set(tail, offset);
  return out;
}

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

/**
 * A pod as the server keeps it: its JSON bytes only, outside the JavaScript
 * heap, so that a server holding 200,000 pods has no heap for its garbage
 * collector to walk while the contenders time it. A pod is parsed again
 * only when the burst changes it.
 */
interface StoredPod {
  /** The item as a list sends it: no apiVersion nor kind. */
  json: Uint8Array;
  /** The item as a metadata-only list or watch sends it. */
  metadataJson: Uint8Array;
}

type PodObject = Record<string, unknown> & {
  metadata: { resourceVersion: string; labels: object };
};

interface Watch {
  /** Whether it asked for metadata only. */
  metadataOnly: boolean;
  send(chunk: Uint8Array): void;
}

/** An object as `as=PartialObjectMetadata` makes it: its metadata, and the meta.k8s.io kind. */
function metadataJson(object: PodObject): string {
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${
    JSON.stringify(object.metadata)
  }}`;
}

/** What the request's Accept asks the server to cut objects down to, if anything. */
function convertTo(req: Request): string | undefined {
  return req.headers.get("accept")?.match(/;\s*as=([A-Za-z]+)/)?.[1];
}

function podsHandler(count: number): Handler {
  const rng = seeded(2);
  let rv = 1000;
  const pods: StoredPod[] = [];
  let jsonBytes = 0;
  let metadataBytes = 0;
  for (let i = 0; i < count; i++) {
    const { apiVersion: _a, kind: _k, ...object } = makePod(rng, i, String(++rv));
    const pod = {
      json: encoder.encode(JSON.stringify(object)),
      metadataJson: encoder.encode(metadataJson(object)),
    };
    jsonBytes += pod.json.length;
    metadataBytes += pod.metadataJson.length;
    pods.push(pod);
  }
  const watches = new Set<Watch>();
  let opened = 0;
  let prepared: { whole: Uint8Array[]; metadata: Uint8Array[] } = { whole: [], metadata: [] };
  let next = 0;

  const list = (url: URL, metadataOnly: boolean) => {
    const limit = Number(url.searchParams.get("limit") || count);
    const from = Number(url.searchParams.get("continue") || 0);
    const to = Math.min(from + limit, count);
    const more = to < count ? `,"continue":"${to}"` : "";
    const type = metadataOnly
      ? `"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1"`
      : `"kind":"PodList","apiVersion":"v1"`;
    const items = pods.slice(from, to).map((pod) => metadataOnly ? pod.metadataJson : pod.json);
    return new Response(
      joined(
        encoder.encode(`{${type},"metadata":{"resourceVersion":"${rv}"${more}},"items":[`),
        items,
        COMMA,
        LIST_END,
      ),
      { headers: { "content-type": "application/json" } },
    );
  };

  const watch = (metadataOnly: boolean) => {
    let self: Watch | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const watch: Watch = {
          metadataOnly,
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
    const metadataLines: Uint8Array[] = [];
    let last: PodObject | undefined;
    for (let i = 0; i < n; i++) {
      const pod = pods[next++ % count];
      const object: PodObject = JSON.parse(decoder.decode(pod.json));
      const version = String(++rv);
      object.metadata.resourceVersion = version;
      object.metadata.labels = { ...object.metadata.labels, burst: version };
      const json = JSON.stringify(object);
      const metadata = metadataJson(object);
      pod.json = encoder.encode(json);
      pod.metadataJson = encoder.encode(metadata);
      lines.push(encoder.encode(
        `{"type":"MODIFIED","object":{"apiVersion":"v1","kind":"Pod",${json.slice(1)}}\n`,
      ));
      metadataLines.push(encoder.encode(`{"type":"MODIFIED","object":${metadata}}\n`));
      last = object;
    }
    prepared = { whole: socketChunks(lines), metadata: socketChunks(metadataLines) };
    const meta = last?.metadata as { name: string; namespace: string } | undefined;
    return Response.json({
      name: meta?.name,
      namespace: meta?.namespace,
      resourceVersion: String(rv),
    });
  };

  const burst = () => {
    const sent = prepared.whole.length;
    for (const w of [...watches]) {
      for (const chunk of w.metadataOnly ? prepared.metadata : prepared.whole) w.send(chunk);
    }
    prepared = { whole: [], metadata: [] };
    return Response.json({ chunks: sent, watches: watches.size });
  };

  return (req, url) => {
    if (url.pathname === "/bench/info") {
      return Response.json({
        watches: watches.size,
        opened,
        pods: count,
        jsonBytes,
        metadataBytes,
      });
    }
    if (url.pathname === "/bench/prepare") {
      return prepare(Number(url.searchParams.get("count") ?? 0));
    }
    if (url.pathname === "/bench/burst") return burst();
    if (url.pathname !== "/api/v1/pods" || req.method !== "GET") {
      return new Response("not found", { status: 404 });
    }
    const watching = url.searchParams.has("watch");
    const as = convertTo(req);
    if (as && as !== (watching ? "PartialObjectMetadata" : "PartialObjectMetadataList")) {
      return Response.json({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        code: 406,
        reason: "NotAcceptable",
        message: `you requested ${as}, which a ${watching ? "watch" : "list"} does not send`,
      }, { status: 406 });
    }
    return watching ? watch(as !== undefined) : list(url, as !== undefined);
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
