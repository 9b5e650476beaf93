/**
 * FaultProxy: bytes pass untouched until a test breaks the wire with a black
 * hole, a cut or a delay. The upstream is a bare `Deno.listen` socket (or
 * `Deno.serve` for HTTP), so each test drives both ends of a connection.
 *
 * @module
 */

import assert from "node:assert/strict";
import { FaultProxy } from "../../support/fault_proxy.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A client connection through the proxy and the upstream's end of it. */
interface Pair {
  client: Deno.TcpConn;
  server: Deno.TcpConn;
}

function listen(): Deno.TcpListener {
  return Deno.listen({ hostname: "127.0.0.1", port: 0 });
}

async function connect(proxy: FaultProxy, upstream: Deno.TcpListener): Promise<Pair> {
  const [client, server] = await Promise.all([
    Deno.connect({ hostname: "127.0.0.1", port: proxy.port }),
    upstream.accept(),
  ]);
  return { client, server };
}

function closeAll(...conns: Deno.Conn[]): void {
  for (const conn of conns) conn[Symbol.dispose]();
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  while (bytes.length > 0) bytes = bytes.subarray(await conn.write(bytes));
}

/** Reads exactly `length` bytes, failing on an early EOF. */
async function readExactly(conn: Deno.Conn, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length;) {
    const n = await conn.read(bytes.subarray(at));
    if (n === null) throw new Error(`EOF after ${at} of ${length} bytes`);
    at += n;
  }
  return bytes;
}

/** How a read ended: with bytes, with EOF, or with an error. */
async function readOutcome(conn: Deno.Conn): Promise<"data" | "eof" | "error"> {
  try {
    return (await conn.read(new Uint8Array(1024))) === null ? "eof" : "data";
  } catch {
    return "error";
  }
}

/** Settles with `promise`, or with "timeout" after `ms`; the timer never outlives it. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` until it holds, failing after `deadlineMs`. */
async function waitFor(condition: () => boolean, deadlineMs: number, what: string) {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** 16 MiB: more than loopback socket buffers hold, so a write only finishes if someone reads. */
const BIG = new Uint8Array(16 * 1024 * 1024).fill(7);

Deno.test("fault proxy forwards bytes both ways, unchanged and in order", async () => {
  using upstream = listen();
  await using proxy = await FaultProxy.start(upstream.addr);
  const { client, server } = await connect(proxy, upstream);

  const payload = crypto.getRandomValues(new Uint8Array(64 * 1024));
  const sent = new Uint8Array(1024 * 1024).map((_, i) => payload[i % payload.length]);
  const [received] = await Promise.all([
    readExactly(server, sent.length),
    writeAll(client, sent),
  ]);
  assert.deepEqual(received, sent);

  await writeAll(server, encoder.encode("pong"));
  assert.equal(decoder.decode(await readExactly(client, 4)), "pong");
  assert.equal(proxy.accepted, 1);
  assert.equal(proxy.connections, 1);
  assert.equal(proxy.url(), `https://127.0.0.1:${proxy.port}`);
  assert.equal(proxy.url("http"), `http://127.0.0.1:${proxy.port}`);

  closeAll(client, server);
});

Deno.test("fault proxy passes a half-close on and ends the link once both sides are done", async () => {
  using upstream = listen();
  await using proxy = await FaultProxy.start(upstream.addr);
  const { client, server } = await connect(proxy, upstream);

  await client.closeWrite();
  assert.equal(await readOutcome(server), "eof");
  await writeAll(server, encoder.encode("still here"));
  assert.equal(decoder.decode(await readExactly(client, 10)), "still here");

  server.close();
  assert.equal(await readOutcome(client), "eof");
  await waitFor(() => proxy.connections === 0, 2000, "the link to close");
  client.close();
});

Deno.test("fault proxy carries HTTP/1.1 from fetch to Deno.serve over one pooled connection", async () => {
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => new Response(`you asked for ${new URL(req.url).pathname}`),
  );
  await using proxy = await FaultProxy.start(server.addr);
  using http = Deno.createHttpClient({});

  for (const path of ["/a", "/b"]) {
    const res = await fetch(proxy.url("http") + path, { client: http });
    assert.equal(await res.text(), `you asked for ${path}`);
  }
  assert.equal(proxy.accepted, 1, "keep-alive reuses the connection through the proxy");
});

Deno.test("blackhole() swallows traffic both ways on open connections without closing them", async () => {
  using upstream = listen();
  await using proxy = await FaultProxy.start(upstream.addr);
  const { client, server } = await connect(proxy, upstream);
  await writeAll(client, encoder.encode("before"));
  assert.equal(decoder.decode(await readExactly(server, 6)), "before");

  assert.equal(proxy.blackhole(), 1);
  assert.equal(proxy.blackhole(), 0, "already black-holed");

  // Neither side's writes block: the proxy keeps reading and drops the bytes.
  const writes = Promise.all([writeAll(client, BIG), writeAll(server, BIG)]);
  assert.notEqual(await within(writes, 5000), "timeout", "writes into a black hole block");

  // Nor does either side hear anything: no bytes, no EOF, no reset.
  const clientRead = readOutcome(client);
  const serverRead = readOutcome(server);
  assert.equal(await within(clientRead, 300), "timeout");
  assert.equal(await within(serverRead, 300), "timeout");
  assert.equal(proxy.connections, 1);

  closeAll(client, server);
  await Promise.all([clientRead, serverRead]);
});

Deno.test("blackhole() leaves connections accepted afterwards working", async () => {
  using upstream = listen();
  await using proxy = await FaultProxy.start(upstream.addr);
  const stuck = await connect(proxy, upstream);
  assert.equal(proxy.blackhole(), 1);

  const fresh = await connect(proxy, upstream);
  await writeAll(fresh.client, encoder.encode("ping"));
  assert.equal(decoder.decode(await readExactly(fresh.server, 4)), "ping");
  await writeAll(fresh.server, encoder.encode("pong"));
  assert.equal(decoder.decode(await readExactly(fresh.client, 4)), "pong");
  assert.equal(proxy.connections, 2);

  closeAll(stuck.client, stuck.server, fresh.client, fresh.server);
});

Deno.test("cut() closes both sides of every open connection at once", async () => {
  using upstream = listen();
  await using proxy = await FaultProxy.start(upstream.addr);
  const pairs = [await connect(proxy, upstream), await connect(proxy, upstream)];
  const ends = pairs.flatMap(({ client, server }) => [client, server]);
  const reads = ends.map(readOutcome);

  assert.equal(proxy.cut(), 2);
  const outcomes = await within(Promise.all(reads), 1000);
  assert.notEqual(outcomes, "timeout", "a read outlived the cut");
  for (const outcome of outcomes) assert.notEqual(outcome, "data");
  assert.equal(proxy.connections, 0);

  closeAll(...ends);
});

Deno.test("delay(ms) holds each chunk back, keeps order, and 0 turns it off", async () => {
  using upstream = listen();
  await using proxy = await FaultProxy.start(upstream.addr);
  const { client, server } = await connect(proxy, upstream);

  proxy.delay(300);
  const started = performance.now();
  for (const part of ["1", "2", "3"]) await writeAll(client, encoder.encode(part));
  assert.equal(decoder.decode(await readExactly(server, 3)), "123");
  const elapsed = performance.now() - started;
  assert.ok(elapsed >= 290, `arrived after ${elapsed.toFixed(0)} ms`);

  proxy.delay(0);
  const again = performance.now();
  await writeAll(server, encoder.encode("back"));
  assert.equal(decoder.decode(await readExactly(client, 4)), "back");
  const undelayed = performance.now() - again;
  assert.ok(undelayed < 290, `still delayed: ${undelayed.toFixed(0)} ms`);

  closeAll(client, server);
});

Deno.test("fault proxy closes the client at once when the upstream refuses", async () => {
  const gone = listen();
  const upstream = gone.addr;
  gone.close();
  await using proxy = await FaultProxy.start(upstream);

  using client = await Deno.connect({ hostname: "127.0.0.1", port: proxy.port });
  const outcome = await within(readOutcome(client), 1000);
  assert.ok(outcome === "eof" || outcome === "error", `read ended with ${outcome}`);
  assert.equal(proxy.accepted, 1);
  await waitFor(() => proxy.connections === 0, 1000, "the refused link to go");
});

Deno.test("close() ends every connection, even one waiting out a delay, and stops listening", async () => {
  using upstream = listen();
  const proxy = await FaultProxy.start(upstream.addr);
  const held = await connect(proxy, upstream);
  proxy.delay(60_000);
  await writeAll(held.client, encoder.encode("held back"));
  // Opening another connection takes several turns of the event loop: time
  // enough for the proxy to pick up the chunk above and start waiting.
  const idle = await connect(proxy, upstream);
  const ends = [held.client, held.server, idle.client, idle.server];
  const reads = ends.map(readOutcome);

  assert.notEqual(await within(proxy.close(), 1000), "timeout", "close waited out the delay");
  for (const outcome of await Promise.all(reads)) assert.notEqual(outcome, "data");
  assert.equal(proxy.connections, 0);
  await assert.rejects(
    Deno.connect({ hostname: "127.0.0.1", port: proxy.port }),
    Deno.errors.ConnectionRefused,
  );
  await proxy.close(); // a second close is harmless

  closeAll(...ends);
});
