/**
 * Manifests: multi-document YAML or JSON text turned into objects, as
 * `kubectl apply -f` reads it.
 *
 * @module
 */

import { KubeError } from "../../errors.ts";
import { parseYamlStream, type YamlDocument } from "../../config/yaml.ts";
import type { DynamicObject } from "../dynamic.ts";

/**
 * Options of {@linkcode parseManifests}.
 *
 * @example
 * ```ts
 * import type { ParseManifestsOptions } from "./parse.ts";
 * const options: ParseManifestsOptions = { source: "deploy/app.yaml" };
 * ```
 */
export interface ParseManifestsOptions {
  /** Where the text came from, for error messages: `manifest` by default. */
  source?: string;
}

/**
 * Where an object of a manifest came from.
 *
 * @example
 * ```ts
 * import type { ManifestSource } from "./parse.ts";
 * const at: ManifestSource = { source: "app.yaml", document: 2, line: 14 };
 * ```
 */
export interface ManifestSource {
  /** The file (or what the caller named the text). */
  source: string;
  /** The document's number in the stream, from 1. */
  document: number;
  /** The line the document (or the List item's document) starts on, from 1. */
  line: number;
}

const sources = new WeakMap<object, ManifestSource>();

/**
 * Reads multi-document YAML (JSON is YAML too) into objects, as kubectl
 * does: documents are separated by `---`, empty ones are skipped, a
 * `kind: List` (or any `...List` with `items`) gives its items, and values
 * follow kubectl's YAML 1.1 rules (sigs.k8s.io/yaml over go-yaml v2): `<<`
 * merge keys are resolved, `yes`/`on`/`no`/`off` are booleans, `0777` is
 * octal. Every object must have an `apiVersion` and a `kind`.
 *
 * @param text The manifests.
 * @param options Where they came from, for the errors.
 * @returns The objects, in order.
 * @throws {KubeError} Naming the source, the document's number and its line,
 * and what is wrong, quoting no value: `app.yaml: document 3 (line 21): no
 * kind`.
 *
 * @example
 * ```ts
 * import { parseManifests } from "./parse.ts";
 * const objects = parseManifests(`
 * apiVersion: v1
 * kind: ConfigMap
 * metadata: { name: cfg }
 * data: { fast: "yes" }
 * ---
 * apiVersion: v1
 * kind: List
 * items:
 *   - { apiVersion: v1, kind: Namespace, metadata: { name: team-a } }
 * `);
 * objects.map((o) => o.kind); // ["ConfigMap", "Namespace"]
 * ```
 */
export function parseManifests(text: string, options: ParseManifestsOptions = {}): DynamicObject[] {
  const source = options.source ?? "manifest";
  const objects: DynamicObject[] = [];
  for (const doc of documentsOf(text, source)) {
    if (doc.value === null) continue;
    const where = { source, document: doc.number, line: doc.line };
    const object = checkObject(doc.value, where, "");
    if (isList(object)) {
      const items = object.items as unknown[];
      items.forEach((item, i) =>
        objects.push(checkObject(item, where, `item ${i + 1} of the List: `))
      );
    } else {
      objects.push(object);
    }
  }
  return objects;
}

/**
 * Where an object that {@linkcode parseManifests} returned came from.
 *
 * @param object An object of the result (not a copy of it).
 * @returns Its source, document number and line; `undefined` for any other object.
 *
 * @example
 * ```ts
 * import { manifestSource, parseManifests } from "./parse.ts";
 * const [cm] = parseManifests("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n", { source: "a.yaml" });
 * manifestSource(cm); // { source: "a.yaml", document: 1, line: 2 }
 * ```
 */
export function manifestSource(object: object): ManifestSource | undefined {
  return sources.get(object);
}

/**
 * Describes where an object came from, for a message: `a.yaml document 2
 * (line 9)`, or nothing for an object that no manifest gave.
 *
 * @param object The object.
 * @returns The description, or `""`.
 *
 * @example
 * ```ts
 * import { describeSource } from "./parse.ts";
 * describeSource({}); // ""
 * ```
 */
export function describeSource(object: object): string {
  const at = sources.get(object);
  return at ? `${at.source} document ${at.document} (line ${at.line})` : "";
}

/** The documents: JSON parsed as JSON (fast, exact), anything else as YAML. */
function documentsOf(text: string, source: string): YamlDocument[] {
  const start = text.search(/\S/);
  if (start !== -1 && text[start] === "{") {
    try {
      const line = text.slice(0, start).split("\n").length;
      return [{ value: JSON.parse(text), number: 1, line }];
    } catch {
      // Not one JSON value (several, or YAML in braces): YAML reads it and places the error.
    }
  }
  try {
    return parseYamlStream(text, source, { schema: "kubectl" });
  } catch (e) {
    throw new KubeError((e as Error).message);
  }
}

function isList(object: DynamicObject): boolean {
  return object.kind!.endsWith("List") && Array.isArray(object.items);
}

function checkObject(value: unknown, where: ManifestSource, item: string): DynamicObject {
  const fail = (what: string) =>
    new KubeError(
      `${where.source}: document ${where.document} (line ${where.line}): ${item}${what}`,
    );
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail(`not an object but ${Array.isArray(value) ? "a list" : typeof value}`);
  }
  const object = value as Partial<DynamicObject>;
  for (const field of ["apiVersion", "kind"] as const) {
    const v = object[field];
    if (v === undefined || v === null || v === "") throw fail(`no ${field}`);
    if (typeof v !== "string") throw fail(`${field} is not a string`);
  }
  if (object.metadata === undefined || object.metadata === null) object.metadata = {};
  else if (typeof object.metadata !== "object" || Array.isArray(object.metadata)) {
    throw fail("metadata is not an object");
  }
  sources.set(object, where);
  return object as DynamicObject;
}
