import assert from "node:assert/strict";
import { makePod } from "../../support/pods.ts";
import { type Rng, seeded } from "../../support/rng.ts";
import { forgetDropped, parseDeferred, type Shape } from "../../../src/decode/managed_fields.ts";
import { parseWatchLine } from "../../../src/decode/watch.ts";

const encode = (text: string) => new TextEncoder().encode(text);

/** What a caller sees of a value: every property read, as JSON does. */
const seen = (value: unknown) => JSON.parse(JSON.stringify(value));

/** Whether `metadata.managedFields` is still text (an accessor not yet read). */
const deferredOn = (metadata: object) =>
  typeof Object.getOwnPropertyDescriptor(metadata, "managedFields")?.get === "function";

const managedFields = [
  {
    manager: "kubectl",
    operation: "Apply",
    fieldsV1: { "f:metadata": { "f:labels": { "f:app": {} } } },
  },
  {
    manager: "kubelet",
    operation: "Update",
    subresource: "status",
    fieldsV1: { 'k:{"type":"Ready"}': {} },
  },
];

Deno.test("parseDeferred: a watch event's managedFields is parsed on first read, and the object reads as JSON.parse's in every other way", () => {
  const event = {
    type: "MODIFIED",
    object: {
      kind: "Pod",
      metadata: { name: "a", managedFields, labels: { app: "x" } },
      spec: { x: 1 },
    },
  };
  const text = JSON.stringify(event);
  const parsed = parseDeferred(encode(text), "event") as typeof event;
  assert.ok(deferredOn(parsed.object.metadata), "still text after the parse");
  assert.deepEqual(seen(parsed), JSON.parse(text));
  assert.deepEqual(structuredClone(parsed), JSON.parse(text));
  assert.deepEqual(parsed.object.metadata.managedFields, managedFields);
  assert.ok(!deferredOn(parsed.object.metadata), "a plain property once read");
  assert.equal(
    parsed.object.metadata.managedFields,
    parsed.object.metadata.managedFields,
    "parsed once",
  );
});

Deno.test("parseDeferred: a list defers each item's managedFields, items without one included", () => {
  const items = [
    { metadata: { name: "a", managedFields } },
    { metadata: { name: "b" } },
    "not an object",
    { metadata: { managedFields: [], name: "c" } },
    { spec: { metadata: { managedFields: [1] } } },
  ];
  const text = JSON.stringify({ kind: "PodList", metadata: { continue: "x" }, items });
  const list = parseDeferred(encode(text), "list") as { items: { metadata: object }[] };
  assert.ok(deferredOn(list.items[0].metadata));
  assert.ok(!deferredOn(list.items[1].metadata));
  assert.ok(deferredOn(list.items[3].metadata), "a first member is cut with the comma after it");
  assert.deepEqual(seen(list), JSON.parse(text));
});

Deno.test("parseDeferred: a field called managedFields anywhere but an object's own metadata is parsed as it is", () => {
  const pod = {
    metadata: {
      name: "a",
      annotations: { note: '{"metadata":{"managedFields":[1,2]}}', "managedFields": "[3]" },
      labels: { managedFields: "x" },
    },
    spec: { managedFields: [{ a: 1 }], metadata: { managedFields: [{ b: 2 }] } },
    status: { conditions: [{ metadata: { managedFields: [] } }] },
  };
  const text = JSON.stringify(pod);
  const parsed = parseDeferred(encode(text), "object") as typeof pod;
  assert.ok(!("managedFields" in parsed.metadata));
  assert.deepEqual(parsed, JSON.parse(text));
});

Deno.test("parseDeferred: pretty-printed JSON with escapes and non-ASCII text reads the same as JSON.parse", () => {
  const pod = {
    metadata: {
      name: 'ä-"quoted"-\\',
      managedFields: [{
        manager: 'kubectl "client" \\ ünïcödé',
        fieldsV1: { "f:data": { "f:ключ": {} } },
      }],
      uid: "1",
    },
  };
  const text = JSON.stringify({ type: "ADDED", object: pod }, null, 2);
  const parsed = parseDeferred(encode(text), "event") as { object: typeof pod };
  assert.ok(deferredOn(parsed.object.metadata));
  assert.deepEqual(seen(parsed), JSON.parse(text));
});

Deno.test("parseDeferred: an assignment or a delete replaces the text unread; forgetDropped lets it go", () => {
  const text = JSON.stringify({ metadata: { name: "a", managedFields } });
  const one = parseDeferred(encode(text), "object") as { metadata: { managedFields?: unknown } };
  one.metadata.managedFields = [];
  assert.deepEqual(one.metadata.managedFields, []);
  const two = parseDeferred(encode(text), "object") as { metadata: { managedFields?: unknown } };
  delete two.metadata.managedFields;
  forgetDropped(two);
  assert.ok(!("managedFields" in two.metadata));
  assert.deepEqual(seen(two), { metadata: { name: "a" } });
});

Deno.test("parseDeferred: what is not JSON throws as JSON.parse does, and a watch line names its line", () => {
  const cut = JSON.stringify({ type: "ADDED", object: { metadata: { name: "a", managedFields } } })
    .slice(0, 60);
  assert.throws(() => parseDeferred(encode(cut), "event"), SyntaxError);
  assert.throws(
    () => parseDeferred(encode('{"metadata":{"managedFields":[}'), "object"),
    SyntaxError,
  );
  assert.throws(() => parseWatchLine(encode(cut), 7), /watch line 7 is not JSON/);
});

/** A random JSON value, with managedFields members here and there and strings that look like JSON. */
function randomValue(rng: Rng, depth: number): unknown {
  const kind = depth > 3 ? rng.int(0, 2) : rng.int(0, 5);
  switch (kind) {
    case 0:
      return rng.pick(["", "a", '"', "\\", '\\"', '{"managedFields":[', "],", "é", "x\ny"]) +
        rng.int(0, 9);
    case 1:
      return rng.pick([0, -1.5, 1e21, true, false, null]);
    case 2:
      return rng.int(0, 1000);
    case 3:
      return Array.from({ length: rng.int(0, 3) }, () => randomValue(rng, depth + 1));
    default:
      return randomObject(rng, depth + 1);
  }
}

function randomObject(rng: Rng, depth: number): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = rng.int(0, 4); i > 0; i--) {
    const key = rng.pick(["metadata", "managedFields", "items", "object", "spec", 'k"ey', "name"]);
    object[key] = randomValue(rng, depth);
  }
  return object;
}

Deno.test("parseDeferred: random objects, events and lists read exactly as JSON.parse reads them", () => {
  const rng = seeded(11);
  const shapes: Shape[] = ["object", "event", "list"];
  let deferred = 0;
  for (let i = 0; i < 3000; i++) {
    const shape = shapes[i % 3];
    const object = () => {
      const o = randomObject(rng, 1);
      if (rng.int(0, 1)) {
        o.metadata = { ...randomObject(rng, 2), managedFields: randomValue(rng, 3) };
      }
      return o;
    };
    const value = shape === "object"
      ? object()
      : shape === "event"
      ? { type: "ADDED", object: object() }
      : {
        kind: "List",
        items: Array.from({ length: rng.int(0, 4) }, () => rng.int(0, 4) ? object() : 7),
      };
    const text = JSON.stringify(value, null, rng.int(0, 3) === 0 ? 1 : undefined);
    const parsed = parseDeferred(encode(text), shape);
    const objects = shape === "list"
      ? (parsed as { items: unknown[] }).items
      : [shape === "event" ? (parsed as { object: unknown }).object : parsed];
    for (const o of objects) {
      const metadata = (o as { metadata?: unknown })?.metadata;
      if (typeof metadata === "object" && metadata !== null && deferredOn(metadata)) deferred++;
    }
    assert.deepEqual(seen(parsed), JSON.parse(text), text);
  }
  assert.ok(deferred > 150, `some managedFields were deferred (${deferred})`);
});

Deno.test("parseDeferred: the bench's real-sized pods, as a list and as events, read as JSON.parse reads them", () => {
  const rng = seeded(3);
  const pods = Array.from({ length: 50 }, (_, i) => makePod(rng, i, String(100 + i)));
  const list = JSON.stringify({
    kind: "PodList",
    apiVersion: "v1",
    metadata: { resourceVersion: "9" },
    items: pods,
  });
  const parsed = parseDeferred(encode(list), "list") as { items: { metadata: object }[] };
  assert.ok(parsed.items.every((p) => deferredOn(p.metadata)));
  assert.deepEqual(seen(parsed), JSON.parse(list));
  for (const pod of pods) {
    const line = JSON.stringify({ type: "MODIFIED", object: pod });
    assert.deepEqual(seen(parseDeferred(encode(line), "event")), JSON.parse(line));
  }
});

Deno.test("parseDeferred: a key given twice keeps the last, as JSON.parse does", () => {
  const texts: [string, Shape][] = [
    [
      '{"type":"ADDED","object":{"metadata":{"name":"a","managedFields":[1]}},"object":{"metadata":{"name":"b"}}}',
      "event",
    ],
    [
      '{"type":"ADDED","object":{"metadata":{"name":"a","managedFields":[1]},"metadata":{"name":"b"}}}',
      "event",
    ],
    ['{"metadata":{"name":"a","managedFields":[1],"managedFields":[2]}}', "object"],
    [
      '{"items":[{"metadata":{"managedFields":[1]},"metadata":{"name":"b"}}],"items":[{"metadata":{"name":"c"}}]}',
      "list",
    ],
  ];
  for (const [text, shape] of texts) {
    assert.deepEqual(seen(parseDeferred(encode(text), shape)), JSON.parse(text), text);
  }
});

Deno.test("parseDeferred: a frozen object still reads its managedFields, the same value each time", () => {
  const text = JSON.stringify({ metadata: { name: "a", managedFields } });
  const pod = parseDeferred(encode(text), "object") as { metadata: { managedFields?: unknown } };
  Object.freeze(pod.metadata);
  assert.deepEqual(pod.metadata.managedFields, managedFields);
  assert.equal(pod.metadata.managedFields, pod.metadata.managedFields);
  assert.deepEqual(seen(pod), JSON.parse(text));
});

Deno.test("parseDeferred: managedFields that is not JSON fails the parse itself, as JSON.parse fails", () => {
  const bad = [
    "[,]",
    "[1}",
    '["\\x"]',
    '[{"a":1,}]',
    "[01]",
    "[1.]",
    "[-]",
    "[nul]",
    '["a\nb"]',
    "[1 2]",
    '[{"a" 1}]',
  ];
  for (const value of bad) {
    for (
      const [text, shape] of [
        [`{"metadata":{"name":"a","managedFields":${value}}}`, "object"],
        [`{"type":"ADDED","object":{"metadata":{"managedFields":${value}}}}`, "event"],
        [`{"items":[{"metadata":{"managedFields":${value}}}]}`, "list"],
      ] as [string, Shape][]
    ) {
      assert.throws(() => JSON.parse(text), SyntaxError, text);
      assert.throws(() => parseDeferred(encode(text), shape), SyntaxError, text);
    }
  }
  const good = '[{"a":[1,-0.5e+3,true,false,null,"\\u00e9\\n\\"",{}],"b":{}} , []]';
  const text = `{"metadata":{"managedFields":${good}}}`;
  assert.deepEqual(seen(parseDeferred(encode(text), "object")), JSON.parse(text));
});

Deno.test("parseDeferred: no input can pass for the mark: zeros, escaped keys and repeated items read as JSON.parse reads them", () => {
  const texts: [string, Shape][] = [
    ['{"metadata":{"managedFields":[1],"managedFields":0}}', "object"],
    ['{"metadata":{"managedFields":[1]},"metadata":{"managedFields":-0}}', "object"],
    [
      '{"type":"ADDED","object":{"metadata":{"managedFields":[1]}},"object":{"metadata":{"managedFields":0}}}',
      "event",
    ],
    ['{"items":[{"metadata":{"managedFields":[1],"managed\\u0046ields":0}}]}', "list"],
    [
      '{"items":[{},{}],"items":[{"metadata":{"managedFields":[2]}},{"metadata":{"managed\\u0046ields":0}}]}',
      "list",
    ],
    [
      '{"items":[{"metadata":{"managedFields":[1]}}],"items":[{"metadata":{"managedFields":[2]}}]}',
      "list",
    ],
  ];
  for (const [text, shape] of texts) {
    assert.deepEqual(seen(parseDeferred(encode(text), shape)), seen(JSON.parse(text)), text);
  }
});

Deno.test("parseDeferred: an assignment a frozen object refuses keeps what it had", () => {
  const text = JSON.stringify({ metadata: { name: "a", managedFields } });
  const pod = parseDeferred(encode(text), "object") as { metadata: { managedFields?: unknown } };
  Object.freeze(pod.metadata);
  assert.throws(() => pod.metadata.managedFields = 5, TypeError);
  assert.deepEqual(pod.metadata.managedFields, managedFields);
});
