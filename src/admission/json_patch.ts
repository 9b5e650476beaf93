/**
 * The RFC 6902 JSON patch that turns one JSON value into another, as a
 * mutating webhook answers with it.
 *
 * @module
 */

import type { JsonPatchOperation } from "../api/options.ts";

/**
 * Escapes an object key for a JSON pointer (RFC 6901): `~` becomes `~0`,
 * then `/` becomes `~1`, so `app.kubernetes.io/name` is
 * `app.kubernetes.io~1name`.
 *
 * @param key The key.
 * @returns The pointer segment.
 *
 * @example
 * ```ts
 * import { escapePointer } from "./json_patch.ts";
 * console.assert(escapePointer("a/b~c") === "a~1b~0c");
 * ```
 */
export function escapePointer(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * Computes a JSON patch from `before` to `after`: objects are compared key
 * by key (a key whose value is `undefined` counts as absent, as in JSON
 * text); arrays keep their common start and end, and the elements between
 * are diffed in place, then added or removed; other values that differ are
 * replaced. Applying the operations in order to `before` gives `after`.
 *
 * @param before The original value, e.g. the object the API server sent.
 * @param after The changed value.
 * @returns The operations; empty when the two are equal as JSON.
 *
 * @example
 * ```ts
 * import { jsonPatch } from "./json_patch.ts";
 * const ops = jsonPatch(
 *   { metadata: { labels: { app: "web" } } },
 *   { metadata: { labels: { app: "web", team: "a" } } },
 * );
 * console.assert(JSON.stringify(ops) === '[{"op":"add","path":"/metadata/labels/team","value":"a"}]');
 * ```
 */
export function jsonPatch(before: unknown, after: unknown): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  diff(before, after, "", ops);
  return ops;
}

function diff(before: unknown, after: unknown, path: string, ops: JsonPatchOperation[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      if (before[key] !== undefined && after[key] === undefined) {
        ops.push({ op: "remove", path: `${path}/${escapePointer(key)}` });
      }
    }
    for (const key of Object.keys(after)) {
      if (after[key] === undefined) continue;
      const at = `${path}/${escapePointer(key)}`;
      if (before[key] === undefined) ops.push({ op: "add", path: at, value: after[key] });
      else diff(before[key], after[key], at, ops);
    }
  } else if (Array.isArray(before) && Array.isArray(after)) {
    // JSON text has no undefined elements: JSON.stringify writes them as null.
    diffArrays(before.map((v) => v ?? null), after.map((v) => v ?? null), path, ops);
  } else if (!equal(before, after)) {
    ops.push({ op: "replace", path, value: after });
  }
}

function diffArrays(
  before: unknown[],
  after: unknown[],
  path: string,
  ops: JsonPatchOperation[],
): void {
  let start = 0;
  while (start < before.length && start < after.length && equal(before[start], after[start])) {
    start++;
  }
  let end = 0;
  while (
    end < before.length - start && end < after.length - start &&
    equal(before[before.length - 1 - end], after[after.length - 1 - end])
  ) end++;
  const oldCount = before.length - start - end;
  const newCount = after.length - start - end;
  const common = Math.min(oldCount, newCount);
  for (let i = 0; i < common; i++) {
    diff(before[start + i], after[start + i], `${path}/${start + i}`, ops);
  }
  // Removals at one index, each shifting the rest left; additions in order, each after the last.
  for (let i = common; i < oldCount; i++) {
    ops.push({ op: "remove", path: `${path}/${start + common}` });
  }
  for (let i = common; i < newCount; i++) {
    ops.push({ op: "add", path: `${path}/${start + i}`, value: after[start + i] });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Equality as JSON: `undefined` members are absent, and in arrays `null`. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => equal(x ?? null, b[i] ?? null));
  }
  if (isObject(a) && isObject(b)) {
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
    const ka = keys(a);
    return ka.length === keys(b).length && ka.every((k) => b[k] !== undefined && equal(a[k], b[k]));
  }
  return false;
}
