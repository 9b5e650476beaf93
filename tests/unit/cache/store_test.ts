import assert from "node:assert/strict";
import { KubeError, type KubeObject, NAMESPACE_INDEX, Store } from "../../../mod.ts";
import { seeded } from "../../support/rng.ts";

const keyOf = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
const byNode = (o: KubeObject) => {
  const node = (o.spec as { nodeName?: string } | undefined)?.nodeName;
  return node ? [node] : [];
};

function pod(namespace: string, name: string, resourceVersion: string, nodeName?: string) {
  return { metadata: { namespace, name, resourceVersion }, spec: { nodeName } } as KubeObject;
}

const versionsOf = (map: ReadonlyMap<string, KubeObject>) =>
  [...map].map(([key, o]) => `${key}@${o.metadata.resourceVersion}`).sort();

const keysOf = (objects: KubeObject[]) => objects.map(keyOf).sort();

Deno.test("store: a snapshot never changes after later adds, updates, deletes and relists", () => {
  const store = new Store(keyOf);
  store.apply("ADDED", pod("a", "x", "1"));
  store.apply("ADDED", pod("a", "y", "2"));
  const first = store.read();
  store.apply("MODIFIED", pod("a", "x", "3"));
  store.apply("DELETED", pod("a", "y", "4"));
  store.apply("ADDED", pod("b", "z", "5"));
  const second = store.read();
  store.replace([pod("c", "only", "6")]);
  const third = store.read();
  store.apply("ADDED", pod("c", "more", "7"));

  assert.deepEqual(versionsOf(first), ["a/x@1", "a/y@2"]);
  assert.deepEqual(versionsOf(second), ["a/x@3", "b/z@5"]);
  assert.deepEqual(versionsOf(third), ["c/only@6"]);
  assert.deepEqual(versionsOf(store.read()), ["c/more@7", "c/only@6"]);
  assert.equal(first.get("a/y")?.metadata.resourceVersion, "2");
  assert.ok(!second.has("a/y"));
});

Deno.test("store: two reads with no change between them hand out the same snapshot", () => {
  const store = new Store(keyOf);
  store.apply("ADDED", pod("a", "x", "1"));
  const snapshot = store.read();
  assert.equal(store.read(), snapshot);
  store.apply("DELETED", pod("a", "absent", "2"));
  assert.equal(store.read(), snapshot, "deleting a key the store lacks changes nothing");
  store.apply("MODIFIED", pod("a", "x", "3"));
  assert.notEqual(store.read(), snapshot);
});

Deno.test("store: indexes follow updates that move an object, deletes and relists", () => {
  const store = new Store(keyOf);
  store.addIndex("node", byNode);
  store.apply("ADDED", pod("a", "x", "1", "n1"));
  store.apply("ADDED", pod("b", "y", "2", "n1"));
  assert.deepEqual(keysOf(store.byIndex("node", "n1")), ["a/x", "b/y"]);
  store.apply("MODIFIED", pod("a", "x", "3", "n2"));
  assert.deepEqual(keysOf(store.byIndex("node", "n1")), ["b/y"]);
  assert.deepEqual(keysOf(store.byIndex("node", "n2")), ["a/x"]);
  store.apply("DELETED", pod("b", "y", "4", "n1"));
  assert.deepEqual(store.byIndex("node", "n1"), []);
  assert.deepEqual(keysOf(store.byIndex("namespace", "a")), ["a/x"]);
  store.replace([pod("c", "z", "5", "n2")]);
  assert.deepEqual(keysOf(store.byIndex("node", "n2")), ["c/z"]);
  assert.deepEqual(store.byIndex("namespace", "a"), []);
  store.addIndex("late", (o) => [o.metadata.name!]);
  assert.deepEqual(
    keysOf(store.byIndex("late", "z")),
    ["c/z"],
    "an index added later files what is there",
  );
  assert.throws(
    () => store.byIndex("nope", "x"),
    /no index "nope"; indexes: namespace, node, late/,
  );
});

Deno.test("store: under random changes, reads and relists it equals a plain Map, its indexes agree, and old snapshots stay as they were", () => {
  for (const seed of [1, 2, 3]) {
    const random = seeded(seed).next;
    const store = new Store(keyOf);
    store.addIndex("node", byNode);
    const model = new Map<string, KubeObject>();
    const taken: [ReadonlyMap<string, KubeObject>, string[]][] = [];
    let rv = 0;
    // Reads come often, then rarely: the store must catch its snapshot up
    // in both regimes, and give it up when too much changed unread.
    let readEvery = 1;
    for (let step = 0; step < 6_000; step++) {
      if (step % 1_000 === 0) readEvery = [1, 3, 50, 400][Math.floor(random() * 4)];
      const name = `p${Math.floor(random() * 300)}`;
      const namespace = `ns${Math.floor(random() * 3)}`;
      const object = pod(namespace, name, String(++rv), `n${Math.floor(random() * 5)}`);
      const key = keyOf(object);
      const roll = random();
      if (roll < 0.002) {
        const list = [...model.values()].filter(() => random() < 0.8).map((o) => ({
          ...o,
          metadata: { ...o.metadata, resourceVersion: String(++rv) },
        }));
        store.replace(list);
        model.clear();
        for (const o of list) model.set(keyOf(o), o);
      } else if (roll < 0.35) {
        const change = store.apply("DELETED", object);
        assert.equal(change?.key, model.has(key) ? key : undefined, `step ${step}: delete ${key}`);
        model.delete(key);
      } else {
        const change = store.apply(model.has(key) ? "MODIFIED" : "ADDED", object);
        assert.equal(change?.type, model.has(key) ? "MODIFIED" : "ADDED");
        model.set(key, object);
      }
      assert.equal(store.get(key), model.get(key), `step ${step}: get ${key}`);
      assert.equal(store.size, model.size);
      if (step % readEvery === 0) {
        const snapshot = store.read();
        assert.equal(snapshot.get(key), model.get(key), `step ${step}: read().get ${key}`);
        assert.equal(snapshot.size, model.size, `step ${step}: read().size`);
        if (random() < 0.05) taken.push([snapshot, versionsOf(model)]);
      }
      if (random() < 0.01) {
        const node = `n${Math.floor(random() * 5)}`;
        const expected = [...model.values()].filter((o) => byNode(o)[0] === node);
        assert.deepEqual(
          keysOf(store.byIndex("node", node)),
          keysOf(expected),
          `step ${step}: node index`,
        );
        const ns = `ns${Math.floor(random() * 3)}`;
        const inNs = [...model.values()].filter((o) => o.metadata.namespace === ns);
        assert.deepEqual(
          keysOf(store.byIndex("namespace", ns)),
          keysOf(inNs),
          `step ${step}: namespace index`,
        );
      }
    }
    assert.deepEqual(versionsOf(store.read()), versionsOf(model));
    for (const [snapshot, then] of taken) {
      assert.deepEqual(versionsOf(snapshot), then, `seed ${seed}`);
    }
  }
});

Deno.test("store: forEach visits what the store holds now, without a snapshot", () => {
  const store = new Store(keyOf);
  store.apply("ADDED", pod("a", "x", "1"));
  store.apply("ADDED", pod("a", "y", "2"));
  store.apply("DELETED", pod("a", "x", "3"));
  const seen: string[] = [];
  store.forEach((object, key) => seen.push(`${key}@${object.metadata.resourceVersion}`));
  assert.deepEqual(seen, ["a/y@2"]);
});

Deno.test("store view: reads what the store holds now and offers no way to change it", () => {
  const store = new Store<KubeObject>((o) => o.metadata.name ?? "");
  const view = store.view();
  assert.equal(view.size, 0);
  store.apply("ADDED", { metadata: { name: "a", namespace: "x" } });
  assert.equal(view.size, 1);
  assert.equal(view.get("a")?.metadata.namespace, "x");
  assert.deepEqual([...view.read().keys()], ["a"]);
  assert.deepEqual(view.byIndex(NAMESPACE_INDEX, "x").map((o) => o.metadata.name), ["a"]);
  const keys: string[] = [];
  view.forEach((_, key) => keys.push(key));
  assert.deepEqual(keys, ["a"]);
  assert.equal("apply" in view, false);
  assert.equal("replace" in view, false);
  assert.throws(() => view.byIndex("node", "n1"), KubeError);
});
