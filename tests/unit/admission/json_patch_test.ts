/**
 * Tests of the JSON patch that mutating webhooks answer with: the operations
 * for each kind of change, and that applying them gives the changed value.
 *
 * @module
 */

import assert from "node:assert/strict";
import { escapePointer, jsonPatch, type JsonPatchOperation } from "../../../mod.ts";
import { seeded } from "../../support/rng.ts";

/** Applies add, remove and replace as RFC 6902 says, to check the diff's operations independently. */
function apply(doc: unknown, ops: JsonPatchOperation[]): unknown {
  let root = structuredClone(doc);
  for (const op of ops) {
    if (op.path === "") {
      assert.equal(op.op, "replace");
      root = structuredClone((op as { value: unknown }).value);
      continue;
    }
    const parts = op.path.slice(1).split("/").map((p) =>
      p.replaceAll("~1", "/").replaceAll("~0", "~")
    );
    const last = parts.pop()!;
    let parent = root as Record<string, unknown> | unknown[];
    for (const p of parts) parent = (parent as Record<string, unknown>)[p] as typeof parent;
    const value = "value" in op ? structuredClone(op.value) : undefined;
    if (Array.isArray(parent)) {
      const index = last === "-" ? parent.length : Number(last);
      assert.ok(Number.isInteger(index) && index >= 0, `array index ${last} in ${op.path}`);
      if (op.op === "add") {
        assert.ok(index <= parent.length, `add past the end at ${op.path}`);
        parent.splice(index, 0, value);
      } else {
        assert.ok(index < parent.length, `${op.op} of a missing element at ${op.path}`);
        if (op.op === "remove") parent.splice(index, 1);
        else parent[index] = value;
      }
    } else {
      if (op.op === "add") parent[last] = value;
      else {
        assert.ok(last in parent, `${op.op} of a missing member at ${op.path}`);
        if (op.op === "remove") delete parent[last];
        else parent[last] = value;
      }
    }
  }
  return root;
}

function roundTrip(before: unknown, after: unknown): JsonPatchOperation[] {
  const ops = jsonPatch(before, after);
  assert.deepEqual(apply(before, ops), JSON.parse(JSON.stringify(after)));
  return ops;
}

Deno.test("jsonPatch adds a missing member, and a missing parent whole", () => {
  assert.deepEqual(
    roundTrip({ metadata: { name: "p" } }, { metadata: { name: "p", labels: { team: "a" } } }),
    [{ op: "add", path: "/metadata/labels", value: { team: "a" } }],
  );
  assert.deepEqual(
    roundTrip({ metadata: { labels: { app: "web" } } }, {
      metadata: { labels: { app: "web", team: "a" } },
    }),
    [{ op: "add", path: "/metadata/labels/team", value: "a" }],
  );
});

Deno.test("jsonPatch removes members, counting undefined as absent", () => {
  assert.deepEqual(
    roundTrip({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2, d: undefined } }),
    [{ op: "remove", path: "/a" }, { op: "remove", path: "/b/d" }],
  );
  assert.deepEqual(jsonPatch({ a: undefined }, {}), []);
  assert.deepEqual(roundTrip({ a: null }, {}), [{ op: "remove", path: "/a" }]);
});

Deno.test("jsonPatch replaces changed scalars and values of another type", () => {
  assert.deepEqual(
    roundTrip(
      {
        spec: {
          replicas: 1,
          paused: false,
          image: "a",
          selector: { app: "x" },
          ports: [1],
          x: null,
        },
      },
      { spec: { replicas: 3, paused: true, image: "b", selector: ["app"], ports: { p: 1 }, x: 0 } },
    ),
    [
      { op: "replace", path: "/spec/replicas", value: 3 },
      { op: "replace", path: "/spec/paused", value: true },
      { op: "replace", path: "/spec/image", value: "b" },
      { op: "replace", path: "/spec/selector", value: ["app"] },
      { op: "replace", path: "/spec/ports", value: { p: 1 } },
      { op: "replace", path: "/spec/x", value: 0 },
    ],
  );
  assert.deepEqual(roundTrip(1, "1"), [{ op: "replace", path: "", value: "1" }]);
});

Deno.test("jsonPatch is empty for values equal as JSON", () => {
  const pod = {
    metadata: { name: "p", labels: { a: "1" } },
    spec: { containers: [{ name: "c" }] },
  };
  assert.deepEqual(jsonPatch(pod, structuredClone(pod)), []);
  assert.deepEqual(jsonPatch({ a: 1, b: 2 }, { b: 2, a: 1 }), [], "key order does not matter");
  assert.deepEqual(jsonPatch([null], [undefined]), []);
});

Deno.test("jsonPatch inserts, appends and removes array elements at their indices", () => {
  const c = (name: string) => ({ name, image: `${name}:1` });
  assert.deepEqual(
    roundTrip({ containers: [c("a"), c("b")] }, { containers: [c("sidecar"), c("a"), c("b")] }),
    [{ op: "add", path: "/containers/0", value: c("sidecar") }],
  );
  assert.deepEqual(
    roundTrip({ containers: [c("a")] }, { containers: [c("a"), c("b"), c("c")] }),
    [
      { op: "add", path: "/containers/1", value: c("b") },
      { op: "add", path: "/containers/2", value: c("c") },
    ],
  );
  assert.deepEqual(
    roundTrip({ args: ["x", "y", "z", "w"] }, { args: ["x", "w"] }),
    [{ op: "remove", path: "/args/1" }, { op: "remove", path: "/args/1" }],
  );
  assert.deepEqual(roundTrip({ args: ["x"] }, { args: [] }), [{ op: "remove", path: "/args/0" }]);
});

Deno.test("jsonPatch diffs a changed array element in place", () => {
  assert.deepEqual(
    roundTrip(
      { containers: [{ name: "a", image: "nginx:latest" }, { name: "b", image: "b:1" }] },
      { containers: [{ name: "a", image: "nginx:1.27" }, { name: "b", image: "b:1" }] },
    ),
    [{ op: "replace", path: "/containers/0/image", value: "nginx:1.27" }],
  );
  assert.deepEqual(
    roundTrip(["a", "b", "c"], ["a", "X", "Y", "c"]),
    [{ op: "replace", path: "/1", value: "X" }, { op: "add", path: "/2", value: "Y" }],
  );
});

Deno.test("jsonPatch escapes ~ as ~0 and / as ~1 in keys", () => {
  assert.equal(escapePointer("app.kubernetes.io/name"), "app.kubernetes.io~1name");
  assert.equal(escapePointer("a~1b"), "a~01b", "an existing ~1 is not read as a slash");
  assert.equal(escapePointer("~/"), "~0~1");
  assert.deepEqual(
    roundTrip(
      { metadata: { labels: { "a~b": "1", "x/y": "2" } } },
      { metadata: { labels: { "a~b": "9", "app.kubernetes.io/name": "web", "~1": "t" } } },
    ),
    [
      { op: "remove", path: "/metadata/labels/x~1y" },
      { op: "replace", path: "/metadata/labels/a~0b", value: "9" },
      { op: "add", path: "/metadata/labels/app.kubernetes.io~1name", value: "web" },
      { op: "add", path: "/metadata/labels/~01", value: "t" },
    ],
  );
  assert.deepEqual(roundTrip({ "": 1 }, { "": 2 }), [{ op: "replace", path: "/", value: 2 }]);
});

/** A random JSON value, small enough that changes collide: shared keys, short arrays. */
function randomValue(rng: ReturnType<typeof seeded>, depth: number): unknown {
  const kind = depth > 2 ? rng.int(0, 3) : rng.int(0, 5);
  switch (kind) {
    case 0:
      return rng.int(0, 3);
    case 1:
      return rng.pick(["a", "b", "~", "/", "a/b"]);
    case 2:
      return rng.pick([null, true, false]);
    case 3:
      return rng.pick(["x", "y"]);
    case 4:
      return Array.from({ length: rng.int(0, 4) }, () => randomValue(rng, depth + 1));
    default:
      return Object.fromEntries(
        Array.from(
          { length: rng.int(0, 4) },
          () => [rng.pick(["a", "b", "c/d", "e~f", ""]), randomValue(rng, depth + 1)],
        ),
      );
  }
}

Deno.test("jsonPatch turns 5,000 random pairs of values into each other", () => {
  const rng = seeded(18);
  for (let i = 0; i < 5_000; i++) {
    const before = randomValue(rng, 0);
    const after = rng.next() < 0.3 ? before : randomValue(rng, 0);
    roundTrip(before, after);
  }
});
