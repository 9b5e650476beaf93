/**
 * The keyed cache a Reflector keeps, with its indexes.
 *
 * @module
 */

import { KubeError } from "../errors.ts";
import { SnapshotMap } from "../util/snapshot_map.ts";

/**
 * A change the store went through: what happened to which key.
 *
 * @typeParam T The object type.
 *
 * @example
 * ```ts
 * import type { Change } from "./store.ts";
 * import type { Pod } from "../types/mod.ts";
 * function log(change: Change<Pod>) {
 *   console.log(change.type, change.key, change.object.status?.phase);
 * }
 * ```
 */
export interface Change<T> {
  /** `ADDED`, `MODIFIED` or `DELETED`. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The object's key: `namespace/name`, or `name` when cluster-scoped. */
  key: string;
  /** The object as it is now; for `DELETED`, as it last was. */
  object: T;
}

/**
 * A function that files an object under zero or more index values.
 *
 * @typeParam T The object type.
 *
 * @example Pods by node
 * ```ts
 * import type { IndexFunction } from "./store.ts";
 * import type { Pod } from "../types/mod.ts";
 * const byNode: IndexFunction<Pod> = (pod) => pod.spec?.nodeName ? [pod.spec.nodeName] : [];
 * ```
 */
export type IndexFunction<T> = (object: T) => string[];

interface Index<T> {
  fn: IndexFunction<T>;
  buckets: Map<string, Set<string>>;
}

/** The built-in index: objects by `metadata.namespace`. */
export const NAMESPACE_INDEX = "namespace";

/**
 * The read side of a {@linkcode Store}: what the many consumers of one
 * cache may do with it. It cannot change the store; the Reflector that
 * feeds the store is its one writer.
 *
 * @typeParam T The object type.
 *
 * @example
 * ```ts
 * import { Store, type StoreView } from "./store.ts";
 * import type { KubeObject } from "../types/mod.ts";
 * const store = new Store<KubeObject>((o) => o.metadata.name ?? "");
 * const view: StoreView<KubeObject> = store.view();
 * store.apply("ADDED", { metadata: { name: "a" } });
 * view.get("a"); // the object
 * ```
 */
export interface StoreView<T> {
  /** How many objects the store holds. */
  readonly size: number;
  /**
   * One object by key, without taking a snapshot.
   *
   * @param key `namespace/name`, or `name` when cluster-scoped.
   */
  get(key: string): T | undefined;
  /** The current state, as a snapshot that later changes leave as it is. */
  read(): ReadonlyMap<string, T>;
  /**
   * Calls `fn` for each object, without taking a snapshot.
   *
   * @param fn Called with each object and its key.
   */
  forEach(fn: (object: T, key: string) => void): void;
  /**
   * The objects whose index `name` holds `value`.
   *
   * @param name The index's name.
   * @param value The index value.
   */
  byIndex(name: string, value: string): T[];
}

/**
 * Objects by key, with secondary indexes. The map that {@linkcode Store.read}
 * hands out is a snapshot that never changes afterwards, so readers never
 * block the writer and never see half a change; and a snapshot is cheap,
 * whatever the size: it shares its structure with the store (a persistent
 * hash trie), and a `read()` costs only the changes since the last one.
 *
 * @typeParam T The object type.
 *
 * @example
 * ```ts
 * import { Store } from "./store.ts";
 * import type { KubeObject } from "../types/mod.ts";
 * const store = new Store<KubeObject>((o) => `${o.metadata.namespace}/${o.metadata.name}`);
 * store.apply("ADDED", { metadata: { name: "a", namespace: "x" } });
 * store.read().get("x/a");
 * store.byIndex("namespace", "x").length; // 1
 * ```
 */
export class Store<
  T extends { metadata: { namespace?: string; resourceVersion?: string } },
> implements StoreView<T> {
  #keyOf: (object: T) => string;
  #objects = new Map<string, T>();
  /**
   * The state as of the last read(), kept to be brought up to date by the
   * next one; the keys changed since are in #stale. A store nobody reads
   * keeps none, and pays nothing for it.
   */
  #snapshots: SnapshotMap<T> | undefined;
  /** The keys changed since, once per change: an array is cheaper to fill and empty than a Set. */
  #stale: string[] = [];
  #indexes = new Map<string, Index<T>>();

  /**
   * Creates a Store.
   *
   * @param keyOf The key of an object.
   */
  constructor(keyOf: (object: T) => string) {
    this.#keyOf = keyOf;
    this.addIndex(
      NAMESPACE_INDEX,
      (o) => o.metadata.namespace ? [o.metadata.namespace] : [],
    );
  }

  /** How many objects the store holds. */
  get size(): number {
    return this.#objects.size;
  }

  /**
   * The read-only side of this store, to hand to consumers: it reads what
   * the store holds now, and cannot change it.
   *
   * @returns A view on this store.
   */
  view(): StoreView<T> {
    const size = () => this.size;
    return {
      get size() {
        return size();
      },
      get: (key) => this.get(key),
      read: () => this.read(),
      forEach: (fn) => this.forEach(fn),
      byIndex: (name, value) => this.byIndex(name, value),
    };
  }

  /**
   * One object by key, without taking a snapshot.
   *
   * @param key `namespace/name`, or `name` when cluster-scoped.
   * @returns The object, or `undefined`.
   */
  get(key: string): T | undefined {
    return this.#objects.get(key);
  }

  /**
   * The current state, as a snapshot that later changes leave as it is. Its
   * cost is that of the changes since the previous `read()` (a microsecond
   * or so each), not of the store's size; the first `read()`, and the
   * first after a relist or after more unread changes than an eighth of the
   * keys, builds the snapshot from scratch. Its lookups are O(1) but several
   * times slower than {@linkcode Store.get}'s, and it iterates in no set order.
   *
   * @returns Objects by key. Do not change the objects.
   */
  read(): ReadonlyMap<string, T> {
    let snapshots = this.#snapshots;
    if (!snapshots) {
      snapshots = this.#snapshots = new SnapshotMap();
      for (const [key, object] of this.#objects) snapshots.set(key, object);
    } else {
      for (const key of this.#stale) {
        const object = this.#objects.get(key);
        if (object === undefined) snapshots.delete(key);
        else snapshots.set(key, object);
      }
    }
    this.#stale.length = 0;
    return snapshots.snapshot();
  }

  /**
   * Calls `fn` with each object the store holds now, without taking a
   * snapshot. `fn` must not change the store.
   *
   * @param fn Called with each object and its key.
   */
  forEach(fn: (object: T, key: string) => void): void {
    for (const [key, object] of this.#objects) fn(object, key);
  }

  /**
   * Applies one watch change: ADDED and MODIFIED store the object as sent
   * (the server's order is the truth, whatever its resourceVersion), DELETED
   * removes the key.
   *
   * @param type The change.
   * @param object The object.
   * @returns The change as the store saw it; `undefined` for the deletion
   * of a key it does not hold (nothing changed).
   */
  apply(type: "ADDED" | "MODIFIED" | "DELETED", object: T): Change<T> | undefined {
    const key = this.#keyOf(object);
    const objects = this.#objects;
    const previous = objects.get(key);
    if (type === "DELETED") {
      if (!previous) return undefined;
      objects.delete(key);
      this.#unindex(key, previous);
      this.#changed(key);
      return { type, key, object };
    }
    objects.set(key, object);
    if (previous) this.#unindex(key, previous);
    this.#index(key, object);
    this.#changed(key);
    return { type: previous ? "MODIFIED" : "ADDED", key, object };
  }

  /**
   * Replaces the whole state after a (re)list, reporting what changed:
   * objects that are new, whose resourceVersion moved, or that are gone.
   *
   * @param objects The complete new state.
   * @returns The changes, deletions last.
   */
  replace(objects: T[]): Change<T>[] {
    const before = this.#objects;
    const after = new Map<string, T>();
    const changes: Change<T>[] = [];
    for (const object of objects) {
      const key = this.#keyOf(object);
      after.set(key, object);
      const previous = before.get(key);
      if (!previous) changes.push({ type: "ADDED", key, object });
      else if (
        previous.metadata.resourceVersion !== object.metadata.resourceVersion
      ) {
        changes.push({ type: "MODIFIED", key, object });
      }
    }
    for (const [key, object] of before) {
      if (!after.has(key)) changes.push({ type: "DELETED", key, object });
    }
    this.#objects = after;
    this.#forget();
    for (const index of this.#indexes.values()) this.#rebuild(index);
    return changes;
  }

  /**
   * Adds (or replaces) a secondary index.
   *
   * @param name The index's name.
   * @param fn Files an object under its index values.
   */
  addIndex(name: string, fn: IndexFunction<T>): void {
    const index = { fn, buckets: new Map<string, Set<string>>() };
    this.#indexes.set(name, index);
    this.#rebuild(index);
  }

  /**
   * The objects filed under `value` in index `name`.
   *
   * @param name The index's name.
   * @param value The index value.
   * @returns The objects, in no set order.
   * @throws {KubeError} When there is no such index.
   */
  byIndex(name: string, value: string): T[] {
    const index = this.#indexes.get(name);
    if (!index) {
      throw new KubeError(
        `no index "${name}"; indexes: ${[...this.#indexes.keys()].join(", ")}`,
      );
    }
    const keys = index.buckets.get(value);
    if (!keys) return [];
    const objects: T[] = [];
    for (const key of keys) objects.push(this.#objects.get(key)!);
    return objects;
  }

  /** Notes a changed key for the next read(). */
  #changed(key: string): void {
    if (!this.#snapshots) return;
    this.#stale.push(key);
    // Past this the old snapshot holds on to too many objects that changed
    // meanwhile; a fresh one costs at most eight insertions per change since.
    if (this.#stale.length > 64 + this.#objects.size / 8) this.#forget();
  }

  #forget(): void {
    this.#snapshots = undefined;
    this.#stale.length = 0;
  }

  #rebuild(index: Index<T>): void {
    index.buckets.clear();
    for (const [key, object] of this.#objects) this.#file(index, key, object);
  }

  #index(key: string, object: T): void {
    for (const index of this.#indexes.values()) this.#file(index, key, object);
  }

  #file(index: Index<T>, key: string, object: T): void {
    for (const value of index.fn(object)) {
      let keys = index.buckets.get(value);
      if (!keys) index.buckets.set(value, keys = new Set());
      keys.add(key);
    }
  }

  #unindex(key: string, object: T): void {
    for (const index of this.#indexes.values()) {
      for (const value of index.fn(object)) {
        const keys = index.buckets.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.buckets.delete(value);
      }
    }
  }
}
