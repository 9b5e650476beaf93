/**
 * JSON parsing that leaves `metadata.managedFields` as text until it is read.
 *
 * Server-side apply records which manager owns which field of an object in
 * `metadata.managedFields`: often a third of an object's JSON and more of
 * its parse, since every field path is a key of its own. Few controllers
 * ever read it. So the bytes of each object's managedFields are cut out
 * before `JSON.parse`, kept as one string, and parsed the first time the
 * property is read; until then the object holds a few kilobytes of text
 * instead of a tree of hundreds of small objects.
 *
 * The value is found by a scan of the JSON's structure that steps over
 * strings and every value off the way whole, so only the `managedFields`
 * of the object's own `metadata` is taken (a field of that name deeper in
 * a spec is not). It is replaced by a `0` for the parse: a metadata that
 * still holds the mark afterwards is the one `JSON.parse` kept, even when
 * a key was given twice. What the scan cannot read for certain is parsed
 * whole, as `JSON.parse` would.
 *
 * @module
 */

import {
  BACKSLASH,
  bytesEqual,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  isJsonSpace,
  jsonValueEnd,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./json_check.ts";

/**
 * What stands in for each value during the parse: a string no input can
 * hold by chance, made afresh for each process.
 */
const MARK = `kube-managed-fields-${crypto.randomUUID()}`;
const MARK_JSON = new TextEncoder().encode(JSON.stringify(MARK));

const utf8 = new TextDecoder();
const KEY_MANAGED_FIELDS = new TextEncoder().encode('"managedFields"');
const KEY_METADATA = new TextEncoder().encode('"metadata"');
const KEY_OBJECT = new TextEncoder().encode('"object"');
const KEY_ITEMS = new TextEncoder().encode('"items"');

/**
 * Where the objects lie in the JSON: a watch event's `object`, a list's
 * `items`, or the whole text.
 */
export type Shape = "event" | "list" | "object";

/** Each metadata object whose managedFields is still text, and that text. */
const deferred = new WeakMap<object, string>();

/** What was parsed for a metadata frozen before it was read: it can no longer hold it. */
const parsedForFrozen = new WeakMap<object, unknown>();

/** Parses the text on first read and makes it a plain property again. */
function read(this: Record<string, unknown>): unknown {
  const text = deferred.get(this);
  if (text === undefined) return parsedForFrozen.get(this);
  const value = JSON.parse(text);
  deferred.delete(this);
  if (Object.getOwnPropertyDescriptor(this, "managedFields")?.configurable) {
    Object.defineProperty(this, "managedFields", {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    parsedForFrozen.set(this, value);
  }
  return value;
}

/** An assignment replaces the text unread. */
function write(this: Record<string, unknown>, value: unknown): void {
  // A frozen object refuses, and keeps what it had.
  Object.defineProperty(this, "managedFields", {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  deferred.delete(this);
}

/** The same accessor pair for every object, so that they share one hidden class. */
const ACCESSOR: PropertyDescriptor = {
  get: read,
  set: write,
  enumerable: true,
  configurable: true,
};

/**
 * Forgets the text of an object whose managedFields was deleted unread (a
 * transform that drops it): without this the text would live as long as
 * the object.
 *
 * @param object The object as a transform left it.
 */
export function forgetDropped(object: { metadata?: object }): void {
  const metadata = object.metadata;
  if (metadata && !("managedFields" in metadata)) deferred.delete(metadata);
}

/**
 * Parses JSON bytes as `JSON.parse` would, except that the
 * `metadata.managedFields` of each object is parsed only when first read.
 *
 * @param bytes UTF-8 JSON.
 * @param shape Where the objects are: a watch event's `object`, a list's `items`, or the whole.
 * @returns The parsed value.
 * @throws {SyntaxError} As `JSON.parse` does, for bytes that are not JSON.
 *
 * @example
 * ```ts
 * import { parseDeferred } from "./managed_fields.ts";
 * const bytes = new TextEncoder().encode('{"metadata":{"name":"a","managedFields":[{"manager":"kubectl"}]}}');
 * const pod = parseDeferred(bytes, "object") as { metadata: { managedFields: { manager: string }[] } };
 * console.log(pod.metadata.managedFields[0].manager); // parsed now: "kubectl"
 * ```
 */
export function parseDeferred(bytes: Uint8Array, shape: Shape): unknown {
  const cuts = findCuts(bytes, shape);
  if (cuts.length === 0) return JSON.parse(utf8.decode(bytes));
  // Each value gives way to the mark, which shows the metadata that
  // JSON.parse kept (a key given twice keeps the last).
  let size = bytes.length;
  for (let i = 0; i < cuts.length; i += 3) size -= cuts[i + 1] - cuts[i] - MARK_JSON.length;
  const rest = new Uint8Array(size);
  const texts: string[] = [];
  let from = 0;
  let offset = 0;
  for (let i = 0; i < cuts.length; i += 3) {
    const start = cuts[i];
    const end = cuts[i + 1];
    rest.set(bytes.subarray(from, start), offset);
    offset += start - from;
    rest.set(MARK_JSON, offset);
    offset += MARK_JSON.length;
    texts.push(utf8.decode(bytes.subarray(start, end)));
    from = end;
  }
  rest.set(bytes.subarray(from), offset);
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(rest));
  } catch {
    return JSON.parse(utf8.decode(bytes));
  }
  const owners = ownersOf(value, shape, cuts);
  if (!owners) return JSON.parse(utf8.decode(bytes));
  for (let i = 0; i < owners.length; i++) {
    // A copy without the mark, the accessor added last: every such copy
    // of the same keys shares one hidden class (turning the mark itself
    // into an accessor would give each object a class of its own).
    const { managedFields: _, ...metadata } = owners[i].metadata;
    Object.defineProperty(metadata, "managedFields", ACCESSOR);
    deferred.set(metadata, texts[i]);
    owners[i].metadata = metadata;
  }
  return value;
}

/** An object whose metadata holds the mark. */
type Owner = { metadata: Record<string, unknown> };

/**
 * The objects the cuts came from, in order, or undefined when one is not
 * there or its metadata lost the mark (a key given twice).
 */
function ownersOf(value: unknown, shape: Shape, cuts: number[]): Owner[] | undefined {
  const objects = shape === "list"
    ? (value as { items?: unknown }).items
    : [shape === "event" ? (value as { object?: unknown }).object : value];
  if (!Array.isArray(objects)) return undefined;
  const owners: Owner[] = [];
  for (let i = 2; i < cuts.length; i += 3) {
    // Two cuts for one item: its metadata or its items given twice.
    if (i > 2 && cuts[i] <= cuts[i - 3]) return undefined;
    const owner = objects[cuts[i]] as Owner | null;
    if (owner?.metadata?.managedFields !== MARK) return undefined;
    owners.push(owner);
  }
  return owners;
}

/**
 * Where each object's `metadata.managedFields` value lies: for each, its
 * start and end, and which item it belongs to (0 but in a list).
 * Empty when there is none, or when the bytes are not what the scan expects.
 */
function findCuts(b: Uint8Array, shape: Shape): number[] {
  // The depth of an object's metadata, and the keys that lead to it.
  const metadataDepth = shape === "list" ? 4 : shape === "event" ? 3 : 2;
  const cuts: number[] = [];
  // Only containers on the way to a metadata are entered; the scan steps
  // over every other value whole.
  let depth = 1;
  let onTheWay = false; // whether the last key read leads to a metadata
  let item = 0; // a list's item, counted by the commas between them
  let i = b.indexOf(OPEN_BRACE);
  if (i === -1) return cuts;
  i++;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c === QUOTE) {
      const end = stringEnd(b, i);
      if (end === -1) return [];
      let after = end;
      while (isJsonSpace(b[after])) after++;
      if (b[after] !== COLON) {
        i = end;
        continue;
      }
      // A key on the way to a metadata.
      if (depth === metadataDepth && bytesEqual(b, i, end, KEY_MANAGED_FIELDS)) {
        let start = after + 1;
        while (isJsonSpace(b[start])) start++;
        // Checked as JSON.parse would check it: the text is parsed only later.
        const close = b[start] === OPEN_BRACKET ? jsonValueEnd(b, start) : -1;
        if (close === -1) return [];
        cuts.push(start, close, item);
        // An event or an object has one metadata: the rest need not be read.
        if (shape !== "list") return cuts;
        i = close;
        onTheWay = false;
        continue;
      }
      onTheWay = wayKey(b, i, end, depth, shape);
      i = end;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      // A list's items are each on the way.
      if (!onTheWay && !(shape === "list" && depth === 2)) {
        const close = valueEnd(b, i);
        if (close === -1) return [];
        i = close;
        continue;
      }
      // A list's items are counted afresh in each items array.
      if (shape === "list" && depth === 1) item = 0;
      depth++;
      onTheWay = false;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return cuts;
    } else if (c === COMMA && depth === 2 && shape === "list") {
      item++;
    }
    i++;
  }
  return [];
}

/** Whether the key between `start` and `end` leads on towards a metadata at this depth. */
function wayKey(b: Uint8Array, start: number, end: number, depth: number, shape: Shape): boolean {
  if (shape === "object") return depth === 1 && bytesEqual(b, start, end, KEY_METADATA);
  if (shape === "event") {
    return depth === 1
      ? bytesEqual(b, start, end, KEY_OBJECT)
      : depth === 2 && bytesEqual(b, start, end, KEY_METADATA);
  }
  return depth === 1
    ? bytesEqual(b, start, end, KEY_ITEMS)
    : depth === 3 && bytesEqual(b, start, end, KEY_METADATA);
}

/** The index just past the string that opens at `i`, or -1. */
function stringEnd(b: Uint8Array, i: number): number {
  for (;;) {
    const quote = b.indexOf(QUOTE, i + 1);
    if (quote === -1) return -1;
    let slashes = 0;
    for (let k = quote - 1; b[k] === BACKSLASH; k--) slashes++;
    if ((slashes & 1) === 0) return quote + 1;
    i = quote;
  }
}

/** The index just past the array or object that opens at `i`, or -1. */
function valueEnd(b: Uint8Array, i: number): number {
  let depth = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c === QUOTE) {
      i = stringEnd(b, i);
      if (i === -1) return -1;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}
