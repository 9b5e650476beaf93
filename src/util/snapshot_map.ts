/**
 * A map from strings that hands out snapshots in O(1): a hash array mapped
 * trie (HAMT, after Bagwell) whose nodes the map changes in place until a
 * snapshot shares them, and copies from then on.
 *
 * @module
 */

/** Bits of the hash a level consumes: 32 children a node. */
const BITS = 5;
const MASK = (1 << BITS) - 1;
/** The deepest shift that still selects bits of a 32-bit hash (bits 30 and 31). */
const LAST_SHIFT = 30;

/**
 * A node of the trie. A branch's `bitmap` says which of its 32 slots are
 * used; for each, in order, `slots` holds two cells: a key and its value,
 * or `null` and a child. A collision node (keys whose 32-bit hashes are all
 * equal) holds key and value cells only. One class for both keeps every
 * access to a node monomorphic.
 */
class Node {
  /** The generation of the writer that may change it in place. */
  owner: number;
  bitmap: number;
  slots: unknown[];
  collision: boolean;

  constructor(owner: number, bitmap: number, slots: unknown[], collision = false) {
    this.owner = owner;
    this.bitmap = bitmap;
    this.slots = slots;
    this.collision = collision;
  }
}

/** What a lookup of an absent key finds (a key may hold `undefined`). */
const ABSENT = Symbol("absent");

/**
 * A map's writing state: it may change in place only the nodes of its
 * current generation; a snapshot starts the next one, so every node the
 * snapshot can reach stays as it is. It also carries the hash, and what the
 * last write found.
 */
class Writer {
  readonly hash: (key: string) => number;
  owner = 1;
  /** Whether the last write found its key. */
  found = false;
  /** The value the last write replaced or removed. */
  displaced: unknown = undefined;

  constructor(hash: (key: string) => number) {
    this.hash = hash;
  }
}

/**
 * The 32-bit hash a key is filed under: two UTF-16 code units a step,
 * multiplied and folded, then murmur3's finalizer, so that keys that differ
 * only in their last characters (`web-0`, `web-1`) spread over the top
 * levels of the trie. Keys whose hashes collide still work, only slower.
 *
 * @param key The key.
 * @returns A 32-bit integer.
 *
 * @example
 * ```ts
 * import { hashKey } from "./snapshot_map.ts";
 * hashKey("default/web-0") === hashKey("default/web-0"); // true
 * ```
 */
export function hashKey(key: string): number {
  let h = 0x811c9dc5 ^ key.length;
  const last = key.length - 1;
  let i = 0;
  for (; i < last; i += 2) {
    h = Math.imul(h ^ (key.charCodeAt(i) | (key.charCodeAt(i + 1) << 16)), 0x5bd1e995);
    h ^= h >>> 15;
  }
  if (i === last) h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The value filed under `key`, or {@linkcode ABSENT}. */
function lookup(root: Node, hash: number, key: string): unknown {
  let node = root;
  for (let shift = 0;; shift += BITS) {
    const slots = node.slots;
    if (node.collision) {
      for (let i = 0; i < slots.length; i += 2) {
        if (slots[i] === key) return slots[i + 1];
      }
      return ABSENT;
    }
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return ABSENT;
    const i = 2 * popcount(node.bitmap & (bit - 1));
    const k = slots[i];
    if (k !== null) return k === key ? slots[i + 1] : ABSENT;
    node = slots[i + 1] as Node;
  }
}

/** `node` if the writer owns it, else a copy it owns. */
function owned(node: Node, writer: Writer): Node {
  if (node.owner === writer.owner) return node;
  return new Node(writer.owner, node.bitmap, node.slots.slice(), node.collision);
}

/** `node` with cell `j` set: in place when the writer owns it, else in a copy. */
function withCell(node: Node, j: number, cell: unknown, writer: Writer): Node {
  const target = owned(node, writer);
  target.slots[j] = cell;
  return target;
}

/** `node` with the pair at `i` set to `key` (or `null`) and `cell`. */
function withPair(node: Node, i: number, key: string | null, cell: unknown, writer: Writer): Node {
  const target = owned(node, writer);
  target.slots[i] = key;
  target.slots[i + 1] = cell;
  return target;
}

function inserted(node: Node, bit: number, i: number, key: string, value: unknown, writer: Writer) {
  if (node.owner === writer.owner) {
    node.slots.splice(i, 0, key, value);
    node.bitmap |= bit;
    return node;
  }
  const old = node.slots;
  const slots = old.slice(0, i);
  slots.push(key, value);
  for (let j = i; j < old.length; j++) slots.push(old[j]);
  return new Node(writer.owner, node.bitmap | bit, slots);
}

function removed(node: Node, bit: number, i: number, writer: Writer): Node {
  if (node.owner === writer.owner) {
    node.slots.splice(i, 2);
    node.bitmap &= ~bit;
    return node;
  }
  const old = node.slots;
  const slots = old.slice(0, i);
  for (let j = i + 2; j < old.length; j++) slots.push(old[j]);
  return new Node(writer.owner, node.bitmap & ~bit, slots);
}

/** A subtree for two keys whose hashes agree on the bits above `shift`. */
function pair(
  shift: number,
  h1: number,
  k1: string,
  v1: unknown,
  h2: number,
  k2: string,
  v2: unknown,
  writer: Writer,
): Node {
  if (shift > LAST_SHIFT) return new Node(writer.owner, 0, [k1, v1, k2, v2], true);
  const i1 = (h1 >>> shift) & MASK;
  const i2 = (h2 >>> shift) & MASK;
  if (i1 === i2) {
    const child = pair(shift + BITS, h1, k1, v1, h2, k2, v2, writer);
    return new Node(writer.owner, 1 << i1, [null, child]);
  }
  const slots = i1 < i2 ? [k1, v1, k2, v2] : [k2, v2, k1, v1];
  return new Node(writer.owner, (1 << i1) | (1 << i2), slots);
}

function assoc(
  node: Node,
  shift: number,
  hash: number,
  key: string,
  value: unknown,
  writer: Writer,
): Node {
  if (node.collision) return assocCollision(node, key, value, writer);
  const bit = 1 << ((hash >>> shift) & MASK);
  const i = 2 * popcount(node.bitmap & (bit - 1));
  if ((node.bitmap & bit) === 0) return inserted(node, bit, i, key, value, writer);
  const k = node.slots[i];
  if (k === null) {
    const child = node.slots[i + 1] as Node;
    const next = assoc(child, shift + BITS, hash, key, value, writer);
    return next === child ? node : withCell(node, i + 1, next, writer);
  }
  if (k === key) {
    writer.found = true;
    writer.displaced = node.slots[i + 1];
    return writer.displaced === value ? node : withCell(node, i + 1, value, writer);
  }
  const other = k as string;
  const child = pair(
    shift + BITS,
    writer.hash(other),
    other,
    node.slots[i + 1],
    hash,
    key,
    value,
    writer,
  );
  return withPair(node, i, null, child, writer);
}

function assocCollision(node: Node, key: string, value: unknown, writer: Writer): Node {
  const slots = node.slots;
  let i = 0;
  while (i < slots.length && slots[i] !== key) i += 2;
  if (i < slots.length) {
    writer.found = true;
    writer.displaced = slots[i + 1];
    if (writer.displaced === value) return node;
    return withCell(node, i + 1, value, writer);
  }
  const target = owned(node, writer);
  target.slots.push(key, value);
  return target;
}

/** A node left holding one key and no child: its parent takes the key in. */
function lone(node: Node): boolean {
  return node.slots.length === 2 && node.slots[0] !== null;
}

function dissoc(node: Node, shift: number, hash: number, key: string, writer: Writer): Node {
  if (node.collision) return dissocCollision(node, key, writer);
  const bit = 1 << ((hash >>> shift) & MASK);
  if ((node.bitmap & bit) === 0) return node;
  const i = 2 * popcount(node.bitmap & (bit - 1));
  const k = node.slots[i];
  if (k === null) {
    const child = node.slots[i + 1] as Node;
    const next = dissoc(child, shift + BITS, hash, key, writer);
    if (next === child) return node;
    return lone(next)
      ? withPair(node, i, next.slots[0] as string, next.slots[1], writer)
      : withCell(node, i + 1, next, writer);
  }
  if (k !== key) return node;
  writer.found = true;
  writer.displaced = node.slots[i + 1];
  return removed(node, bit, i, writer);
}

function dissocCollision(node: Node, key: string, writer: Writer): Node {
  const slots = node.slots;
  for (let i = 0; i < slots.length; i += 2) {
    if (slots[i] !== key) continue;
    writer.found = true;
    writer.displaced = slots[i + 1];
    const target = owned(node, writer);
    target.slots.splice(i, 2);
    return target;
  }
  return node;
}

/** Walks the trie depth first with an explicit stack: no generator per level. */
function* walk<R>(
  root: Node,
  pick: (key: string, value: unknown) => R,
): Generator<R, undefined, unknown> {
  const nodes: Node[] = [root];
  const next: number[] = [0];
  let depth = 0;
  while (depth >= 0) {
    const slots = nodes[depth].slots;
    const i = next[depth];
    if (i >= slots.length) {
      depth--;
      continue;
    }
    next[depth] = i + 2;
    const key = slots[i];
    if (key === null) {
      depth++;
      nodes[depth] = slots[i + 1] as Node;
      next[depth] = 0;
    } else {
      yield pick(key as string, slots[i + 1]);
    }
  }
  return undefined;
}

function visit(node: Node, fn: (value: unknown, key: string) => void): void {
  const slots = node.slots;
  for (let i = 0; i < slots.length; i += 2) {
    const key = slots[i];
    if (key === null) visit(slots[i + 1] as Node, fn);
    else fn(slots[i + 1], key as string);
  }
}

const entry = (key: string, value: unknown): [string, unknown] => [key, value];
const keyOnly = (key: string) => key;
const valueOnly = (_: string, value: unknown) => value;

/**
 * The state of a {@linkcode SnapshotMap} at one moment. It never changes:
 * later writes to the map copy the nodes they touch instead of changing
 * them. Lookups hash the key and descend at most seven levels (three or four
 * at 50,000 keys); iteration follows the hashes, not the order of insertion.
 *
 * @typeParam V The value type.
 *
 * @example
 * ```ts
 * import { SnapshotMap } from "./snapshot_map.ts";
 * const map = new SnapshotMap<number>();
 * map.set("a", 1);
 * const before = map.snapshot();
 * map.set("a", 2);
 * before.get("a"); // 1
 * map.snapshot().get("a"); // 2
 * ```
 */
export class Snapshot<V> implements ReadonlyMap<string, V> {
  #root: Node;
  #size: number;
  #hash: (key: string) => number;

  /**
   * Wraps a trie; {@linkcode SnapshotMap.snapshot} makes them.
   *
   * @param root The trie's root, never to change again.
   * @param size How many keys it holds.
   * @param hash The hash its keys are filed under.
   */
  constructor(root: unknown, size: number, hash: (key: string) => number) {
    this.#root = root as Node;
    this.#size = size;
    this.#hash = hash;
  }

  /** How many keys it holds. */
  get size(): number {
    return this.#size;
  }

  /**
   * The value of a key.
   *
   * @param key The key.
   * @returns The value, or `undefined`.
   */
  get(key: string): V | undefined {
    const value = lookup(this.#root, this.#hash(key), key);
    return value === ABSENT ? undefined : value as V;
  }

  /**
   * Whether a key is present.
   *
   * @param key The key.
   * @returns True when present.
   */
  has(key: string): boolean {
    return lookup(this.#root, this.#hash(key), key) !== ABSENT;
  }

  /**
   * Calls `fn` for each entry.
   *
   * @param fn Called with value, key and this snapshot.
   * @param thisArg `this` inside `fn`.
   */
  forEach(
    fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void,
    thisArg?: unknown,
  ): void {
    visit(this.#root, (value, key) => fn.call(thisArg, value as V, key, this));
  }

  /**
   * The entries.
   *
   * @returns An iterator of `[key, value]`.
   */
  entries(): MapIterator<[string, V]> {
    return walk(this.#root, entry) as MapIterator<[string, V]>;
  }

  /**
   * The keys.
   *
   * @returns An iterator of keys.
   */
  keys(): MapIterator<string> {
    return walk(this.#root, keyOnly);
  }

  /**
   * The values.
   *
   * @returns An iterator of values.
   */
  values(): MapIterator<V> {
    return walk(this.#root, valueOnly) as MapIterator<V>;
  }

  /**
   * The entries, as `for (const [key, value] of snapshot)` reads them.
   *
   * @returns An iterator of `[key, value]`.
   */
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/**
 * A mutable map from strings whose {@linkcode SnapshotMap.snapshot} costs
 * O(1): writes change the trie's nodes in place until a snapshot shares
 * them; the first write after a snapshot copies the nodes on its path (three
 * or four small arrays at 50,000 keys) and changes the copies in place from
 * then on. Memory is that of the current state plus whatever the snapshots
 * still held keep alive.
 *
 * @typeParam V The value type.
 *
 * @example
 * ```ts
 * import { SnapshotMap } from "./snapshot_map.ts";
 * const map = new SnapshotMap<string>();
 * map.set("default/web", "v1");
 * const frozen = map.snapshot();
 * map.delete("default/web");
 * frozen.has("default/web"); // true
 * map.get("default/web"); // undefined
 * ```
 */
export class SnapshotMap<V> {
  #root: Node;
  #size = 0;
  #writer: Writer;
  #snapshot: Snapshot<V> | undefined;

  /**
   * Creates an empty SnapshotMap.
   *
   * @param options `hash` files keys; {@linkcode hashKey} by default (tests
   * pass a weaker one to make keys collide).
   */
  constructor(options: { hash?: (key: string) => number } = {}) {
    this.#writer = new Writer(options.hash ?? hashKey);
    this.#root = new Node(this.#writer.owner, 0, []);
  }

  /** How many keys it holds. */
  get size(): number {
    return this.#size;
  }

  /**
   * The value of a key.
   *
   * @param key The key.
   * @returns The value, or `undefined`.
   */
  get(key: string): V | undefined {
    const value = lookup(this.#root, this.#writer.hash(key), key);
    return value === ABSENT ? undefined : value as V;
  }

  /**
   * Whether a key is present.
   *
   * @param key The key.
   * @returns True when present.
   */
  has(key: string): boolean {
    return lookup(this.#root, this.#writer.hash(key), key) !== ABSENT;
  }

  /**
   * Sets a key's value.
   *
   * @param key The key.
   * @param value The value.
   * @returns The value it replaced, or `undefined` when the key is new.
   */
  set(key: string, value: V): V | undefined {
    const writer = this.#begin();
    this.#changed(assoc(this.#root, 0, writer.hash(key), key, value, writer));
    if (!writer.found) this.#size++;
    return writer.displaced as V | undefined;
  }

  /**
   * Removes a key.
   *
   * @param key The key.
   * @returns The value it had, or `undefined` when it was absent.
   */
  delete(key: string): V | undefined {
    const writer = this.#begin();
    this.#changed(dissoc(this.#root, 0, writer.hash(key), key, writer));
    if (writer.found) this.#size--;
    return writer.displaced as V | undefined;
  }

  /**
   * The current state, frozen: later writes leave it as it is. Two
   * snapshots with no write between them are the same object.
   *
   * @returns The snapshot.
   */
  snapshot(): Snapshot<V> {
    if (!this.#snapshot) {
      this.#snapshot = new Snapshot<V>(this.#root, this.#size, this.#writer.hash);
      // A new generation: the nodes the snapshot shares are never changed again.
      this.#writer.owner++;
    }
    return this.#snapshot;
  }

  /**
   * The entries, in hash order. Do not write while iterating: take a
   * {@linkcode SnapshotMap.snapshot} to iterate across writes.
   *
   * @returns An iterator of `[key, value]`.
   */
  [Symbol.iterator](): MapIterator<[string, V]> {
    return walk(this.#root, entry) as MapIterator<[string, V]>;
  }

  #begin(): Writer {
    const writer = this.#writer;
    writer.found = false;
    writer.displaced = undefined;
    return writer;
  }

  #changed(root: Node): void {
    // The same root: nothing changed, or only nodes that no snapshot shares
    // (a snapshot starts a generation, so the first write after it copies the root).
    if (root === this.#root) return;
    this.#root = root;
    this.#snapshot = undefined;
  }
}
