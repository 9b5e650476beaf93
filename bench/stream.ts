/**
 * A recorded-style watch stream: Pod events one JSON object a line, cut into
 * chunks of the sizes a socket hands out (1-64 KiB, at random places), and
 * stored as two files so that every process reads the very same bytes.
 *
 * @module
 */

import { makePod } from "../tests/support/pods.ts";
import { seeded } from "../tests/support/rng.ts";

/** A watch stream: its bytes, and where the socket would cut them. */
export interface RecordedStream {
  /** Every line, newline included, back to back. */
  bytes: Uint8Array;
  /** The chunks, in order: views into `bytes`. */
  chunks: Uint8Array[];
  /** How many events (lines) it holds. */
  events: number;
}

const BYTES_FILE = "watch.jsonl";
const CHUNKS_FILE = "chunks.u32";
const MAX_CHUNK = 64 * 1024;
/** A BOOKMARK this often, as an API server does every minute or so. */
const BOOKMARK_EVERY = 1000;
/** How many distinct pods the events are about. */
const POD_POOL = 5000;

/**
 * Makes a stream of `events` Pod events: ADDED for the first of each pod,
 * then mostly MODIFIED, some DELETED, and a BOOKMARK now and then.
 *
 * @param events How many events.
 * @param seed The random seed; the same seed gives the same bytes.
 * @returns The stream.
 *
 * @example
 * ```ts
 * import { recordStream } from "./stream.ts";
 * const stream = recordStream(10, 1);
 * stream.chunks.length > 0;
 * ```
 */
export function recordStream(events: number, seed: number): RecordedStream {
  const rng = seeded(seed);
  const encoder = new TextEncoder();
  const lines: Uint8Array[] = [];
  const seen = new Set<number>();
  let total = 0;
  for (let i = 0; i < events; i++) {
    const rv = String(100_000 + i);
    let line: string;
    if (i % BOOKMARK_EVERY === BOOKMARK_EVERY - 1) {
      line = JSON.stringify({
        type: "BOOKMARK",
        object: { kind: "Pod", apiVersion: "v1", metadata: { resourceVersion: rv } },
      });
    } else {
      const index = rng.int(0, POD_POOL - 1);
      const type = !seen.has(index) ? "ADDED" : rng.next() < 0.03 ? "DELETED" : "MODIFIED";
      if (type === "DELETED") seen.delete(index);
      else seen.add(index);
      line = JSON.stringify({ type, object: makePod(rng, index, rv) });
    }
    const bytes = encoder.encode(line + "\n");
    lines.push(bytes);
    total += bytes.length;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const line of lines) {
    bytes.set(line, offset);
    offset += line.length;
  }
  const sizes: number[] = [];
  for (let left = total; left > 0;) {
    const size = Math.min(left, rng.int(1, MAX_CHUNK));
    sizes.push(size);
    left -= size;
  }
  return { bytes, chunks: cut(bytes, sizes), events };
}

function cut(bytes: Uint8Array, sizes: ArrayLike<number>): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; i < sizes.length; i++) {
    chunks.push(bytes.subarray(offset, offset + sizes[i]));
    offset += sizes[i];
  }
  return chunks;
}

/**
 * Writes a stream into `dir`, for the other processes to read.
 *
 * @param dir An existing directory.
 * @param stream The stream.
 *
 * @example
 * ```ts ignore
 * await saveStream(await Deno.makeTempDir(), recordStream(10, 1));
 * ```
 */
export async function saveStream(dir: string, stream: RecordedStream): Promise<void> {
  const sizes = new Uint32Array(stream.chunks.map((chunk) => chunk.length));
  await Deno.writeFile(`${dir}/${BYTES_FILE}`, stream.bytes);
  await Deno.writeFile(`${dir}/${CHUNKS_FILE}`, new Uint8Array(sizes.buffer));
}

/**
 * Reads a stream that {@linkcode saveStream} wrote.
 *
 * @param dir The directory.
 * @returns The stream, chunked as it was recorded.
 *
 * @example
 * ```ts ignore
 * const { chunks } = await loadStream(dir);
 * ```
 */
export async function loadStream(dir: string): Promise<RecordedStream> {
  const bytes = await Deno.readFile(`${dir}/${BYTES_FILE}`);
  const raw = await Deno.readFile(`${dir}/${CHUNKS_FILE}`);
  const sizes = new Uint32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  let events = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) events++;
  return { bytes, chunks: cut(bytes, sizes), events };
}

/**
 * The stream's lines, newline left off, as views: the input of the limit.
 *
 * @param bytes The stream's bytes.
 * @returns One view a line.
 *
 * @example
 * ```ts
 * import { splitLines } from "./stream.ts";
 * splitLines(new TextEncoder().encode("a\nb\n")).length; // 2
 * ```
 */
export function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, end));
    start = end + 1;
  }
  return lines;
}
