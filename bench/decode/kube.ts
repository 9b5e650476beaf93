/**
 * The Deno side of the decode benchmark: the limit (TextDecoder and
 * JSON.parse over lines already split), kube's decoder over the recorded
 * chunks in memory, and kube's full watch (Api.watch and decodeWatch) from
 * the local server. Prints `{"limit":[ms...],"kube":[...],"kubeHttp":[...],
 * "events":E,"bytes":B}` on stdout.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Api, decodeWatch } from "../../mod.ts";
import { benchClient } from "../_lib/kube_client.ts";
import { loadStream, splitLines } from "../fixtures/stream.ts";

/**
 * Parses every line as the fastest plain code can: the ceiling for a decoder.
 *
 * @param lines The lines, already split.
 * @returns How many events it parsed.
 */
export function limit(lines: Uint8Array[]): number {
  const utf8 = new TextDecoder();
  let events = 0;
  for (const line of lines) {
    const event = JSON.parse(utf8.decode(line));
    if (event.type) events++;
  }
  return events;
}

/**
 * Decodes the chunks with kube's decoder, as if they came from a socket.
 *
 * @param chunks The recorded chunks.
 * @returns How many events it decoded.
 */
export async function kubeDecode(chunks: Uint8Array[]): Promise<number> {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
  let events = 0;
  for await (const event of decodeWatch(body)) if (event.type) events++;
  return events;
}

/**
 * Watches the local server with kube's Api, decoding what arrives.
 *
 * @param server The server's URL.
 * @returns How many events it decoded.
 */
export async function kubeHttp(server: string): Promise<number> {
  using client = benchClient(server);
  const body = await Api.v1Pod(client).watch({ resourceVersion: "0" });
  let events = 0;
  for await (const event of decodeWatch(body)) if (event.type) events++;
  return events;
}

async function time(what: () => number | Promise<number>, expected: number): Promise<number> {
  const start = performance.now();
  const events = await what();
  const ms = performance.now() - start;
  if (events !== expected) throw new Error(`decoded ${events} events, expected ${expected}`);
  return ms;
}

async function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: { data: { type: "string" }, server: { type: "string" }, runs: { type: "string" } },
  });
  const stream = await loadStream(values.data!);
  const lines = splitLines(stream.bytes);
  const runs = Number(values.runs ?? 5);
  const result = { limit: [] as number[], kube: [] as number[], kubeHttp: [] as number[] };
  // One untimed pass of each warms the JIT, as a long-running watch would be.
  limit(lines);
  await kubeDecode(stream.chunks);
  for (let run = 0; run < runs; run++) {
    result.limit.push(await time(() => limit(lines), stream.events));
    result.kube.push(await time(() => kubeDecode(stream.chunks), stream.events));
    if (values.server) {
      result.kubeHttp.push(await time(() => kubeHttp(values.server!), stream.events));
    }
  }
  console.log(JSON.stringify({ ...result, events: stream.events, bytes: stream.bytes.length }));
}

if (import.meta.main) await main();
