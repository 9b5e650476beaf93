import assert from "node:assert/strict";
import { decodeWatch, type KubeObject, WatchError, type WatchEvent } from "../../../mod.ts";

const encoder = new TextEncoder();

function line(name: string, type = "ADDED"): string {
  return JSON.stringify({ type, object: { metadata: { name } } }) + "\n";
}

/** A body that delivers `bytes` cut at the given offsets. */
function chunked(
  bytes: Uint8Array,
  cuts: number[],
): ReadableStream<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > start) pieces.push(bytes.slice(start, cut));
    start = Math.max(start, cut);
  }
  return ReadableStream.from(pieces);
}

function everyByte(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return chunked(bytes, Array.from({ length: bytes.length }, (_, i) => i));
}

async function collect(
  body: ReadableStream<Uint8Array>,
): Promise<WatchEvent<KubeObject>[]> {
  const events: WatchEvent<KubeObject>[] = [];
  for await (const event of decodeWatch<KubeObject>(body)) events.push(event);
  return events;
}

function names(events: WatchEvent<KubeObject>[]): string[] {
  return events.map((e) => (e.object as KubeObject).metadata.name ?? "");
}

Deno.test("decodeWatch: lines split at every byte decode to the same events", async () => {
  const text = line("a") + line("b", "MODIFIED") + line("c", "DELETED");
  const events = await collect(everyByte(encoder.encode(text)));
  assert.deepEqual(events.map((e) => e.type), ["ADDED", "MODIFIED", "DELETED"]);
  assert.deepEqual(names(events), ["a", "b", "c"]);
});

Deno.test("decodeWatch: multi-byte UTF-8 characters split across chunks stay whole", async () => {
  const name = "pod-ünïcødé-日本語-🚀";
  const bytes = encoder.encode(line(name) + line("zwei-ß"));
  for (let cut = 1; cut < bytes.length; cut++) {
    const events = await collect(chunked(bytes, [cut]));
    assert.deepEqual(names(events), [name, "zwei-ß"], `cut at byte ${cut}`);
  }
  assert.deepEqual(names(await collect(everyByte(bytes))), [name, "zwei-ß"]);
});

Deno.test("decodeWatch: CRLF line ends, blank lines and a last line without newline", async () => {
  const text = line("a").replace("\n", "\r\n") + "\n\r\n" + line("b") +
    line("c").trimEnd();
  const events = await collect(chunked(encoder.encode(text), [3, 40, 41, 70]));
  assert.deepEqual(names(events), ["a", "b", "c"]);
});

Deno.test("decodeWatch: a 5 MiB object in 64 KiB chunks decodes intact", async () => {
  const big = "x".repeat(5 * 1024 * 1024);
  const text = JSON.stringify({
    type: "MODIFIED",
    object: { metadata: { name: "big", annotations: { big } } },
  }) +
    "\n" + line("after");
  const bytes = encoder.encode(text);
  const cuts = [];
  for (let i = 65536; i < bytes.length; i += 65536) cuts.push(i);
  const events = await collect(chunked(bytes, cuts));
  assert.equal(events.length, 2);
  assert.equal(
    (events[0].object as KubeObject).metadata.annotations?.big.length,
    big.length,
  );
  assert.equal(names(events)[1], "after");
});

Deno.test("decodeWatch: a line that is not JSON ends the stream with a WatchError quoting it, after the good events", async () => {
  const text = line("a") + "this is <html> not json\n" + line("b");
  const seen: string[] = [];
  await assert.rejects(
    async () => {
      for await (
        const ev of decodeWatch<KubeObject>(chunked(encoder.encode(text), [5]))
      ) {
        seen.push((ev.object as KubeObject).metadata.name ?? "");
      }
    },
    (e: unknown) => {
      assert.ok(e instanceof WatchError);
      assert.match(e.message, /watch line 2 is not JSON/);
      assert.match(e.message, /this is <html> not json/);
      return true;
    },
  );
  assert.deepEqual(seen, ["a"]);
});

Deno.test("decodeWatch: JSON that is not a watch event is a WatchError, and long lines are cut in the message", async () => {
  const text = JSON.stringify({ kind: "Pod", metadata: { name: "y".repeat(2000) } }) +
    "\n";
  await assert.rejects(
    () => collect(ReadableStream.from([encoder.encode(text)])),
    (e: unknown) => {
      assert.ok(e instanceof WatchError);
      assert.match(e.message, /not a watch event/);
      assert.ok(e.message.length < 600, `message is ${e.message.length} chars`);
      return true;
    },
  );
});

Deno.test("decodeWatch: leaving the loop early cancels the body", async () => {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(line("a") + line("b")));
    },
    cancel() {
      cancelled = true;
    },
  });
  for await (const _ of decodeWatch(body)) break;
  assert.ok(cancelled);
});

Deno.test("decodeWatch: onChunk is called for bytes that complete no line", async () => {
  let chunks = 0;
  const bytes = encoder.encode(line("a"));
  const events = [];
  for await (
    const ev of decodeWatch(chunked(bytes, [4, 8]), { onChunk: () => chunks++ })
  ) events.push(ev);
  assert.equal(chunks, 3);
  assert.equal(events.length, 1);
});

Deno.test("decodeWatch: a broken line from a Secret watch names the Secret but quotes none of its content", async () => {
  const text =
    '{"type":"ADDED","object":{"kind":"Secret","metadata":{"name":"s","namespace":"prod"},"data":{"password":"aHVudGVyMg=="}}\n';
  await assert.rejects(() => collect(ReadableStream.from([encoder.encode(text)])), (e: unknown) => {
    assert.ok(e instanceof WatchError);
    assert.match(e.message, /watch line 1 is not JSON/);
    assert.match(e.message, /ADDED Secret prod\/s/);
    assert.ok(!e.message.includes("aHVudGVyMg=="), e.message);
    return true;
  });
});

Deno.test("decodeWatch: a line cut mid-way inside a last-applied-configuration annotation does not leak the escaped secret in it", async () => {
  const applied = JSON.stringify({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db" },
    stringData: { password: "hunter2-in-clear" },
  });
  const event = JSON.stringify({
    type: "MODIFIED",
    object: {
      kind: "Secret",
      metadata: {
        name: "db",
        namespace: "prod",
        annotations: { "kubectl.kubernetes.io/last-applied-configuration": applied },
      },
    },
  });
  const cut = event.slice(0, event.indexOf("hunter2") + 12);
  const errors: unknown[] = [];
  for (const broken of [cut, cut + '"}', event.replace("{", "{,")]) {
    await assert.rejects(
      () => collect(ReadableStream.from([encoder.encode(broken + "\n")])),
      (e: unknown) => {
        errors.push(e);
        return e instanceof WatchError;
      },
    );
  }
  for (const e of errors) {
    const message = (e as Error).message;
    assert.ok(!message.includes("hunter2"), message);
    assert.match(message, /MODIFIED Secret prod\/db/);
  }
});
