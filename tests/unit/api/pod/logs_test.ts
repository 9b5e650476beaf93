/**
 * PodApi.logs against an in-process server that streams a log in chunks
 * split anywhere: lines whole, multi-byte characters whole, the last line
 * without a newline, the query, failures, and follow ending on abort.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, ApiError } from "../../../../mod.ts";
import { testClient, within } from "../../../support/test_client.ts";

const text = new TextEncoder();

interface Seen {
  path: string;
  query: URLSearchParams;
  accept: string | null;
}

/**
 * Runs `fn` against a server whose answer `respond` makes; `cancelled`
 * resolves when a streamed body is cancelled by the client.
 */
async function withLogServer(
  respond: (seen: Seen, cancelled: () => void) => Response,
  fn: (
    h: { pods: ReturnType<typeof Api.v1Pod>; seen: Seen[]; cancelled: Promise<void> },
  ) => Promise<void>,
): Promise<void> {
  const seen: Seen[] = [];
  let onCancel!: () => void;
  const cancelled = new Promise<void>((resolve) => onCancel = resolve);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const url = new URL(req.url);
    const entry = {
      path: url.pathname,
      query: url.searchParams,
      accept: req.headers.get("accept"),
    };
    seen.push(entry);
    return respond(entry, onCancel);
  });
  const client = testClient(`http://127.0.0.1:${server.addr.port}`, {
    namespace: "client-ns",
    token: "t",
  });
  try {
    await fn({ pods: Api.v1Pod(client).within("team-a"), seen, cancelled });
  } finally {
    client.close();
    await server.shutdown();
  }
}

/** A body that sends `chunks` one by one, then ends (or, with `hold`, stays open until cancelled). */
function chunked(chunks: Uint8Array[], options: { hold?: boolean; onCancel?: () => void } = {}) {
  let i = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < chunks.length) controller.enqueue(chunks[i++]);
        else if (!options.hold) controller.close();
        else return new Promise(() => {}); // a follow stream that has nothing more yet
      },
      cancel: () => options.onCancel?.(),
    }, { highWaterMark: 0 }),
    { headers: { "content-type": "text/plain" } },
  );
}

/** `bytes` split into pieces of `size` bytes. */
function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

const LOG = "first line\nnaïve café — ünïcödé 🚀 line\r\n\nlast line without newline";
const LINES = ["first line", "naïve café — ünïcödé 🚀 line", "", "last line without newline"];

Deno.test("logs: lines split across chunks at every byte arrive whole, multi-byte characters included, and a last line without a newline is a line", async () => {
  for (const size of [1, 2, 3, 5, 7, 1024]) {
    await withLogServer(() => chunked(pieces(text.encode(LOG), size)), async ({ pods }) => {
      const lines = await within(Array.fromAsync(pods.logs("web-0")), "the lines");
      assert.deepEqual(lines, LINES, `chunks of ${size} bytes`);
    });
  }
});

Deno.test("logs: GETs pods/NAME/log with each option as the API names it, and asks for a Status on failure", async () => {
  await withLogServer(() => chunked([]), async ({ pods, seen }) => {
    await Array.fromAsync(pods.logs("web-0", {
      container: "app",
      follow: true,
      sinceSeconds: 300,
      tailLines: 20,
      timestamps: true,
      previous: true,
      limitBytes: 4096,
    }));
    await Array.fromAsync(
      pods.logs("web-0", { sinceTime: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)) }),
    );
    await Array.fromAsync(pods.logs("web-0", { sinceTime: "2025-01-02T03:04:05Z" }));
    await Array.fromAsync(Api.v1Pod(pods.client).logs("web-1"));
    assert.equal(seen[0].path, "/api/v1/namespaces/team-a/pods/web-0/log");
    assert.deepEqual(Object.fromEntries(seen[0].query), {
      container: "app",
      follow: "true",
      sinceSeconds: "300",
      tailLines: "20",
      timestamps: "true",
      previous: "true",
      limitBytes: "4096",
    });
    assert.match(seen[0].accept ?? "", /application\/json/);
    assert.deepEqual(Object.fromEntries(seen[1].query), { sinceTime: "2025-01-02T03:04:05Z" });
    assert.deepEqual(Object.fromEntries(seen[2].query), { sinceTime: "2025-01-02T03:04:05Z" });
    assert.equal(seen[3].path, "/api/v1/namespaces/client-ns/pods/web-1/log");
    assert.deepEqual(Object.fromEntries(seen[3].query), {});
  });
});

Deno.test("logs: follow ends quietly when the signal aborts, and the stream is cancelled", async () => {
  await withLogServer(
    (_, onCancel) =>
      chunked([text.encode("one\ntw"), text.encode("o\n")], { hold: true, onCancel }),
    async ({ pods, cancelled }) => {
      const stop = new AbortController();
      const lines: string[] = [];
      await within(
        (async () => {
          for await (const line of pods.logs("web-0", { follow: true, signal: stop.signal })) {
            lines.push(line);
            if (lines.length === 2) stop.abort();
          }
        })(),
        "the lines to end after the abort",
      );
      assert.deepEqual(lines, ["one", "two"]);
      await within(cancelled, "the server to see the stream cancelled");
    },
  );
});

Deno.test("logs: breaking out of the loop cancels the stream", async () => {
  await withLogServer(
    (_, onCancel) => chunked([text.encode("a\nb\nc\n")], { hold: true, onCancel }),
    async ({ pods, cancelled }) => {
      for await (const line of pods.logs("web-0", { follow: true })) {
        assert.equal(line, "a");
        break;
      }
      await within(cancelled, "the server to see the stream cancelled");
    },
  );
});

Deno.test("logs: a signal aborted before the first line yields nothing and sends nothing", async () => {
  await withLogServer(() => chunked([text.encode("x\n")]), async ({ pods, seen }) => {
    const lines = await Array.fromAsync(pods.logs("web-0", { signal: AbortSignal.abort() }));
    assert.deepEqual(lines, []);
    assert.equal(seen.length, 0);
  });
});

Deno.test("logs: a container that is not running is an ApiError 400 with the server's message", async () => {
  await withLogServer(
    () =>
      Response.json({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        message: 'container "app" in pod "web-0" is waiting to start: ContainerCreating',
        reason: "BadRequest",
        code: 400,
      }, { status: 400 }),
    async ({ pods }) => {
      await assert.rejects(Array.fromAsync(pods.logs("web-0")), (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, 400);
        assert.match(e.message, /waiting to start/);
        return true;
      });
    },
  );
});

Deno.test("logs: an empty log is no lines", async () => {
  await withLogServer(() => chunked([]), async ({ pods }) => {
    assert.deepEqual(await Array.fromAsync(pods.logs("web-0")), []);
  });
});

const MIB = 1024 * 1024;

Deno.test("logs: a line that never ends (a progress bar redrawn with \\r) comes in pieces of at most 1 MiB while the stream is still open, and no byte is lost", async () => {
  let bar = "";
  for (let i = 0; bar.length < 3 * MIB; i++) {
    bar += `\r[${"é".repeat(i % 50)}🚀${" ".repeat(50 - i % 50)}] ${i}`;
  }
  const bytes = text.encode(bar);
  await withLogServer(
    (_, cancelled) => chunked(pieces(bytes, 64 * 1024), { hold: true, onCancel: cancelled }),
    async ({ pods, cancelled }) => {
      const got: string[] = [];
      const reading = (async () => {
        for await (const piece of pods.logs("web-0", { follow: true })) {
          got.push(piece);
          if (got.length === 2) break;
        }
      })();
      await within(reading, "two pieces of the unending line");
      for (const piece of got) {
        const size = text.encode(piece).length;
        assert.ok(size <= MIB && size > MIB - 4, `a piece of ${size} bytes`);
        assert.ok(!piece.includes("\uFFFD"), "cut between characters");
      }
      assert.ok(bar.startsWith(got.join("")), "the pieces, joined, are the line");
      await within(cancelled, "the stream to be cancelled");
    },
  );
});

Deno.test("logs: maxLineBytes bounds each piece, cutting before a character that would not fit, and lines within it stay whole", async () => {
  const log = "ab€cd€ef🚀gh\nabcdefgh🚀xy\nshort";
  for (const size of [1, 2, 3, 5, 7, 1024]) {
    await withLogServer(() => chunked(pieces(text.encode(log), size)), async ({ pods }) => {
      const lines = await within(
        Array.fromAsync(pods.logs("web-0", { maxLineBytes: 10 })),
        "the lines",
      );
      assert.deepEqual(
        lines,
        ["ab€cd€", "ef🚀gh", "abcdefgh", "🚀xy", "short"],
        `chunks of ${size}`,
      );
    });
  }
});

Deno.test("logBytes: the log's bytes as the server sent them, carriage returns and bytes that are not UTF-8 included, from the same request as logs", async () => {
  const bytes = new Uint8Array([...text.encode("a\r\nb\rc"), 0xff, 0xfe, ...text.encode("\n")]);
  await withLogServer(() => chunked(pieces(bytes, 3)), async ({ pods, seen }) => {
    const log = await pods.logBytes("web-0", { container: "app", tailLines: 5 });
    assert.deepEqual(new Uint8Array(await new Response(log).arrayBuffer()), bytes);
    assert.equal(seen[0].path, "/api/v1/namespaces/team-a/pods/web-0/log");
    assert.equal(seen[0].query.get("container"), "app");
    assert.equal(seen[0].query.get("tailLines"), "5");
  });
});

Deno.test("logBytes: follow ends quietly when the signal aborts, and a failure is the server's ApiError", async () => {
  await withLogServer(
    (seen, cancelled) =>
      seen.query.get("container") === "missing"
        ? Response.json({
          kind: "Status",
          apiVersion: "v1",
          status: "Failure",
          message: "container missing is not valid for pod web-0",
          reason: "BadRequest",
          code: 400,
        }, { status: 400 })
        : chunked([text.encode("line\n")], { hold: true, onCancel: cancelled }),
    async ({ pods }) => {
      const stop = new AbortController();
      const log = await pods.logBytes("web-0", { follow: true, signal: stop.signal });
      const reader = log.getReader();
      assert.equal(new TextDecoder().decode((await reader.read()).value), "line\n");
      const next = reader.read();
      stop.abort();
      assert.deepEqual(await within(next, "the end after abort"), { done: true, value: undefined });
      await assert.rejects(pods.logBytes("web-0", { container: "missing" }), (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, 400);
        return true;
      });
    },
  );
});
