import assert from "node:assert/strict";
import { hashKey, type Snapshot, SnapshotMap } from "../../../src/util/snapshot_map.ts";
import { seeded } from "../../support/rng.ts";

/** Every way a ReadonlyMap can be read, against the plain Map it should equal. */
function assertSame(snapshot: Snapshot<number>, model: ReadonlyMap<string, number>, what: string) {
  assert.equal(snapshot.size, model.size, `${what}: size`);
  const sorted = (entries: Iterable<[string, number]>) =>
    [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(sorted(snapshot), sorted(model), `${what}: entries`);
  assert.deepEqual(sorted(snapshot.entries()), sorted(model), `${what}: entries()`);
  assert.deepEqual([...snapshot.keys()].sort(), [...model.keys()].sort(), `${what}: keys()`);
  assert.deepEqual(
    [...snapshot.values()].sort((a, b) => a - b),
    [...model.values()].sort((a, b) => a - b),
    `${what}: values()`,
  );
  const seen: [string, number][] = [];
  snapshot.forEach((value, key, map) => {
    assert.equal(map, snapshot);
    seen.push([key, value]);
  });
  assert.deepEqual(sorted(seen), sorted(model), `${what}: forEach`);
  for (const [key, value] of model) {
    assert.equal(snapshot.get(key), value, `${what}: get ${key}`);
    assert.ok(snapshot.has(key), `${what}: has ${key}`);
  }
}

/**
 * Random sets and deletes on a SnapshotMap and a plain Map side by side,
 * with snapshots taken along the way; each snapshot must still equal the
 * Map as it was when the snapshot was taken, after everything that followed.
 */
function randomRun(
  seed: number,
  options: { keys: number; steps: number; hash?: (key: string) => number },
) {
  const random = seeded(seed).next;
  const map = new SnapshotMap<number>({ hash: options.hash });
  const model = new Map<string, number>();
  const taken: [Snapshot<number>, Map<string, number>][] = [];
  for (let step = 0; step < options.steps; step++) {
    const key = `ns-${Math.floor(random() * 7)}/pod-${Math.floor(random() * options.keys)}`;
    if (random() < 0.6) {
      assert.equal(
        map.set(key, step),
        model.get(key),
        `step ${step}: set ${key} returns what it replaced`,
      );
      model.set(key, step);
    } else {
      assert.equal(
        map.delete(key),
        model.get(key),
        `step ${step}: delete ${key} returns what it removed`,
      );
      model.delete(key);
    }
    assert.equal(map.size, model.size, `step ${step}: size`);
    assert.equal(map.get(key), model.get(key), `step ${step}: get ${key}`);
    assert.equal(map.has(key), model.has(key), `step ${step}: has ${key}`);
    if (random() < 0.005) taken.push([map.snapshot(), new Map(model)]);
  }
  taken.push([map.snapshot(), new Map(model)]);
  taken.forEach(([snapshot, then], i) => assertSame(snapshot, then, `seed ${seed}, snapshot ${i}`));
  for (const key of ["absent", "ns-0/pod-none", ""]) {
    assert.equal(map.get(key), undefined);
    assert.ok(!map.has(key));
  }
}

Deno.test("snapshot map: under random sets and deletes it equals a plain Map, and every snapshot stays as it was taken", () => {
  for (const seed of [1, 2, 3]) randomRun(seed, { keys: 1_000, steps: 10_000 });
});

Deno.test("snapshot map: keys whose hashes collide share a node and still come and go one by one", () => {
  // Eight hashes for every key: the trie ends in collision nodes holding many keys each.
  for (const seed of [4, 5]) {
    randomRun(seed, {
      keys: 300,
      steps: 6_000,
      hash: (k) => hashKey(k) & 7,
    });
  }
  // Hashes equal in their low bits only: long single-child chains down to the last level.
  randomRun(6, { keys: 300, steps: 6_000, hash: (k) => (hashKey(k) & 0xf) << 28 | 0x0fffffff });
});

Deno.test("snapshot map: a snapshot costs nothing until the next write, and two with no write between are one", () => {
  const map = new SnapshotMap<string>();
  map.set("a/x", "1");
  const first = map.snapshot();
  assert.equal(map.snapshot(), first);
  map.set("a/x", "1");
  assert.equal(map.snapshot(), first, "setting the value a key already has changes nothing");
  map.delete("a/absent");
  assert.equal(map.snapshot(), first, "deleting an absent key changes nothing");
  map.set("a/x", "2");
  const second = map.snapshot();
  assert.notEqual(second, first);
  assert.equal(first.get("a/x"), "1");
  assert.equal(second.get("a/x"), "2");
});

Deno.test("snapshot map: a key may hold undefined and is still present", () => {
  const map = new SnapshotMap<string | undefined>();
  map.set("a", undefined);
  assert.ok(map.has("a"));
  assert.equal(map.size, 1);
  assert.ok(map.snapshot().has("a"));
  assert.deepEqual([...map.snapshot()], [["a", undefined]]);
});

Deno.test("snapshot map: iterators are the built-in kind, with helpers like filter, reduce and toArray", () => {
  const map = new SnapshotMap<number>();
  for (let i = 0; i < 100; i++) map.set(`k${i}`, i);
  const snapshot = map.snapshot();
  assert.equal(snapshot.values().reduce((sum, v) => sum + v, 0), 4950);
  assert.equal(snapshot.keys().filter((k) => k.startsWith("k9")).toArray().length, 11);
  assert.deepEqual(new Map(snapshot).get("k42"), 42);
});
