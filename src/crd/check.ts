/**
 * The runtime check of a value against a CRD's structural schema: every
 * violation the API server's schema validation would report (CEL rules
 * aside), each with its JSON path, and the defaults the server would apply.
 *
 * @module
 */

import type { JSONSchemaProps } from "../types/apiextensions_v1.ts";
import { matchesFormat } from "./formats.ts";
import { re2ToRegExp } from "./re2.ts";

/**
 * One violation: what is wrong and where, as a path of property names and
 * array indexes from the checked value. Messages never quote the value.
 *
 * @example
 * ```ts
 * import type { SchemaIssue } from "./check.ts";
 * const issue: SchemaIssue = { message: "Required value", path: ["spec", "name"] };
 * ```
 */
export interface SchemaIssue {
  /** What is wrong, e.g. `must be of type integer`. */
  readonly message: string;
  /** Where, from the root: `["spec", "ports", 0, "port"]`. */
  readonly path: readonly (string | number)[];
}

/**
 * How to check.
 *
 * @example
 * ```ts
 * import type { CheckOptions } from "./check.ts";
 * const strict: CheckOptions = { unknownFields: "report" };
 * ```
 */
export interface CheckOptions {
  /**
   * Fields the schema does not name: `ignore` them, as the API server does
   * when it prunes them from a structural schema (the default), or `report`
   * them, as it does for a request sent with `fieldValidation=Strict`.
   */
  unknownFields?: "ignore" | "report";
}

type Node = JSONSchemaProps;

type Path = (string | number)[];

interface Context {
  issues: SchemaIssue[];
  report: boolean;
}

/**
 * Checks a value against a structural schema and returns every violation:
 * type, required, enum, pattern, lengths, bounds, items, list-type
 * uniqueness, properties counts, the cheap formats, and the value
 * validations `allOf`, `anyOf`, `oneOf` and `not`. CEL rules
 * (`x-kubernetes-validations`) are not evaluated. As the API server does,
 * the value is checked with its defaults applied (a field missing, or null
 * where it may not be null, takes its default), and a null object field that
 * may not be null and has no default is dropped, not refused.
 *
 * @param schema The schema, e.g. a CRD version's `openAPIV3Schema.properties.spec`.
 * @param value The value.
 * @param options Whether unknown fields are reported.
 * @returns The violations; empty when the value passes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkSchema } from "./check.ts";
 * import type { JSONSchemaProps } from "../types/apiextensions_v1.ts";
 * const schema: JSONSchemaProps = { type: "object", required: ["replicas"], properties: { replicas: { type: "integer", minimum: 1 } } };
 * assert.deepEqual(checkSchema(schema, { replicas: 0 }), [
 *   { message: "must be greater than or equal to 1", path: ["replicas"] },
 * ]);
 * ```
 */
export function checkSchema(
  schema: JSONSchemaProps,
  value: unknown,
  options: CheckOptions = {},
): SchemaIssue[] {
  const ctx: Context = { issues: [], report: options.unknownFields === "report" };
  // The server defaults before it validates: value validations (oneOf on a
  // defaulted discriminator, say) see the defaults.
  check(schema, defaulted(schema, value), [], ctx, false);
  return ctx.issues;
}

/**
 * Checks a whole custom object against its version's `openAPIV3Schema`:
 * as {@linkcode checkSchema}, except that `apiVersion`, `kind` and
 * `metadata` are the API machinery's (only their types are checked).
 *
 * @param schema The version's `openAPIV3Schema`.
 * @param object The object.
 * @param options Whether unknown fields are reported.
 * @returns The violations; empty when the object passes.
 *
 * @example
 * ```ts
 * import { checkResource } from "./check.ts";
 * import type { JSONSchemaProps } from "../types/apiextensions_v1.ts";
 * const schema: JSONSchemaProps = { type: "object", properties: { spec: { type: "object", properties: { n: { type: "integer" } } } } };
 * checkResource(schema, { metadata: { name: "a" }, spec: { n: "1" } }).length; // 1
 * ```
 */
export function checkResource(
  schema: JSONSchemaProps,
  object: unknown,
  options: CheckOptions = {},
): SchemaIssue[] {
  const ctx: Context = { issues: [], report: options.unknownFields === "report" };
  check(schema, defaulted(schema, object), [], ctx, true);
  return ctx.issues;
}

/**
 * A path as the API server prints it: `spec.ports[0].port`.
 *
 * @param path Property names and array indexes.
 * @returns The dotted path; `<root>` for the empty path.
 *
 * @example
 * ```ts
 * import { formatPath } from "./check.ts";
 * formatPath(["spec", "ports", 0, "port"]); // "spec.ports[0].port"
 * ```
 */
export function formatPath(path: readonly (PropertyKey | { key: PropertyKey })[]): string {
  let text = "";
  for (const part of path) {
    const key = typeof part === "object" ? part.key : part;
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text || "<root>";
}

/**
 * The value as the API server would store it: defaults filled in where a
 * field is missing, and null object fields that may not be null dropped
 * (or defaulted). The value itself is not changed; what differs is copied.
 *
 * @param schema The schema.
 * @param value The value.
 * @returns The defaulted value (the same value when nothing applied).
 *
 * @example
 * ```ts
 * import { applyDefaults } from "./check.ts";
 * import type { JSONSchemaProps } from "../types/apiextensions_v1.ts";
 * const schema: JSONSchemaProps = { type: "object", properties: { replicas: { type: "integer", default: 1 } } };
 * applyDefaults(schema, {}); // { replicas: 1 }
 * ```
 */
export function applyDefaults(schema: JSONSchemaProps, value: unknown): unknown {
  return defaulted(schema, value);
}

function defaulted(node: Node | undefined, value: unknown): unknown {
  if (!node || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = itemsOf(node);
    if (!items) return value;
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = defaulted(items, item);
      if (next !== item) (out ??= [...value])[i] = next;
    });
    return out ?? value;
  }
  const object = value as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  const props = node.properties ?? {};
  const extra = typeof node.additionalProperties === "object"
    ? node.additionalProperties
    : undefined;
  for (const [key, field] of Object.entries(object)) {
    const sub = own(props, key) ?? extra;
    if (!sub) continue;
    if (field === null && !sub.nullable) {
      out ??= { ...object };
      if (sub.default !== undefined) out[key] = defaulted(sub, structuredClone(sub.default));
      else delete out[key];
      continue;
    }
    const next = defaulted(sub, field);
    if (next !== field) (out ??= { ...object })[key] = next;
  }
  for (const [key, sub] of Object.entries(props)) {
    if (sub.default === undefined || own(object, key) !== undefined) continue;
    (out ??= { ...object })[key] = defaulted(sub, structuredClone(sub.default));
  }
  return out ?? object;
}

/** The schema of every item; a list of schemas (one per position) is not structural and not checked. */
function itemsOf(node: Node): Node | undefined {
  return Array.isArray(node.items) ? undefined : node.items;
}

/** A record's own property: `constructor` and friends are not fields. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function issue(ctx: Context, path: Path, message: string): void {
  ctx.issues.push({ message, path: [...path] });
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return true;
  }
}

function check(node: Node, value: unknown, path: Path, ctx: Context, root: boolean): void {
  const intOrString = node["x-kubernetes-int-or-string"] === true;
  if (value === null) {
    // An untyped node (preserve-unknown-fields) takes any value, null too.
    if (node.nullable || (!node.type && !intOrString)) return;
    issue(ctx, path, `must be of type ${intOrString ? "integer or string" : node.type}, not null`);
    return;
  }
  if (intOrString && !hasType("integer", value) && !hasType("string", value)) {
    issue(ctx, path, `must be of type integer or string, not ${typeOf(value)}`);
    return;
  }
  if (node.type && !hasType(node.type, value)) {
    issue(ctx, path, `must be of type ${node.type}, not ${typeOf(value)}`);
    return;
  }
  if (node.enum && !node.enum.some((allowed) => sameValue(allowed, value))) {
    const allowed = node.enum.map((v) => JSON.stringify(v)).join(", ");
    issue(ctx, path, `must be one of ${allowed}`);
  }
  if (typeof value === "string") checkString(node, value, path, ctx);
  else if (typeof value === "number") checkNumber(node, value, path, ctx);
  else if (Array.isArray(value)) checkArray(node, value, path, ctx);
  else if (typeof value === "object") {
    checkObject(node, value as Record<string, unknown>, path, ctx, root);
  }
  checkCombinations(node, value, path, ctx);
}

function checkString(node: Node, value: string, path: Path, ctx: Context): void {
  if (node.pattern !== undefined) {
    const re = compiled(node.pattern);
    if (re && !re.test(value)) issue(ctx, path, `must match the pattern ${node.pattern}`);
  }
  if (node.minLength !== undefined || node.maxLength !== undefined) {
    // The server counts characters (Unicode code points), not UTF-16 units.
    let length = 0;
    for (const _ of value) length++;
    if (node.minLength !== undefined && length < node.minLength) {
      issue(ctx, path, `must be at least ${node.minLength} characters long`);
    }
    if (node.maxLength !== undefined && length > node.maxLength) {
      issue(ctx, path, `must be at most ${node.maxLength} characters long`);
    }
  }
  if (node.format && !matchesFormat(node.format, value)) {
    issue(ctx, path, `must be in the format ${node.format}`);
  }
}

const INT32 = 2 ** 31;
const INT64 = 2 ** 63;

function checkNumber(node: Node, value: number, path: Path, ctx: Context): void {
  if (node.minimum !== undefined) {
    if (node.exclusiveMinimum ? value <= node.minimum : value < node.minimum) {
      issue(
        ctx,
        path,
        `must be greater than ${node.exclusiveMinimum ? "" : "or equal to "}${node.minimum}`,
      );
    }
  }
  if (node.maximum !== undefined) {
    if (node.exclusiveMaximum ? value >= node.maximum : value > node.maximum) {
      issue(
        ctx,
        path,
        `must be less than ${node.exclusiveMaximum ? "" : "or equal to "}${node.maximum}`,
      );
    }
  }
  if (node.multipleOf !== undefined && node.multipleOf > 0) {
    const quotient = value / node.multipleOf;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9) {
      issue(ctx, path, `must be a multiple of ${node.multipleOf}`);
    }
  }
  if (node.type === "integer" && node.format === "int32" && (value < -INT32 || value >= INT32)) {
    issue(ctx, path, "must fit in a 32-bit integer (format int32)");
  }
  if (node.type === "integer" && (value < -INT64 || value >= INT64)) {
    issue(ctx, path, "must fit in a 64-bit integer");
  }
}

function checkArray(node: Node, value: unknown[], path: Path, ctx: Context): void {
  if (node.minItems !== undefined && value.length < node.minItems) {
    issue(ctx, path, `must have at least ${node.minItems} items`);
  }
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    issue(ctx, path, `must have at most ${node.maxItems} items`);
  }
  const items = itemsOf(node);
  if (items) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      check(items, value[i], path, ctx, false);
      path.pop();
    }
  }
  const listType = node["x-kubernetes-list-type"];
  if (listType === "set" || listType === "map") {
    const keys = node["x-kubernetes-list-map-keys"] ?? [];
    const seen = new Set<string>();
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const identity = listType === "set"
        ? canonical(item)
        : canonical(keys.map((k) =>
          item && typeof item === "object"
            ? own(item as Record<string, unknown>, k) ?? null
            : null
        ));
      if (seen.has(identity)) {
        issue(
          ctx,
          [...path, i],
          listType === "set"
            ? "Duplicate value: the list is a set"
            : `Duplicate value: another item has the same ${keys.join(", ")}`,
        );
      }
      seen.add(identity);
    }
  }
}

function checkObject(
  node: Node,
  value: Record<string, unknown>,
  path: Path,
  ctx: Context,
  root: boolean,
): void {
  const props = node.properties ?? {};
  for (const name of node.required ?? []) {
    const field = own(value, name);
    const sub = own(props, name);
    const pruned = field === null && !sub?.nullable;
    if ((field === undefined || pruned) && sub?.default === undefined) {
      issue(ctx, [...path, name], "Required value");
    }
  }
  const extra = node.additionalProperties;
  const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
  const embedded = node["x-kubernetes-embedded-resource"] === true;
  let count = 0;
  for (const name in value) {
    const field = value[name];
    if (field === undefined) continue;
    count++;
    const sub = own(props, name) ?? (typeof extra === "object" ? extra : undefined);
    if (sub) {
      // A null the field may not hold is dropped before validation (and
      // defaulted, if it has a default): required fields were seen above.
      if (field === null && !sub.nullable) continue;
      path.push(name);
      if ((root || embedded) && name === "metadata") {
        if (!hasType("object", field)) {
          issue(ctx, path, `must be of type object, not ${typeOf(field)}`);
        }
      } else {
        check(sub, field, path, ctx, false);
      }
      path.pop();
    } else if (
      ctx.report && extra !== true && !preserve &&
      !((root || embedded) && (name === "apiVersion" || name === "kind" || name === "metadata"))
    ) {
      issue(ctx, [...path, name], "unknown field");
    }
  }
  if (node.minProperties !== undefined && count < node.minProperties) {
    issue(ctx, path, `must have at least ${node.minProperties} properties`);
  }
  if (node.maxProperties !== undefined && count > node.maxProperties) {
    issue(ctx, path, `must have at most ${node.maxProperties} properties`);
  }
}

/** allOf, anyOf, oneOf and not: value validations beside the structural schema. */
function checkCombinations(node: Node, value: unknown, path: Path, ctx: Context): void {
  for (const sub of node.allOf ?? []) check(sub, value, path, ctx, false);
  const passes = (sub: Node) => {
    const inner: Context = { issues: [], report: false };
    check(sub, value, [], inner, false);
    return inner.issues.length === 0;
  };
  if (node.anyOf && !node.anyOf.some(passes)) {
    issue(ctx, path, "must match at least one of the schemas in anyOf");
  }
  if (node.oneOf && node.oneOf.filter(passes).length !== 1) {
    issue(ctx, path, "must match exactly one of the schemas in oneOf");
  }
  if (node.not && passes(node.not)) issue(ctx, path, "must not match the schema in not");
}

const patterns = new Map<string, RegExp | undefined>();

/** The pattern as a JavaScript RegExp, compiled once; undefined when it cannot be matched the same way. */
function compiled(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) patterns.set(pattern, re2ToRegExp(pattern));
  return patterns.get(pattern);
}

/** JSON equality, for enum members and set items. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return canonical(a) === canonical(b);
}

/** JSON text with object keys sorted: equal for equal JSON values. */
function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]))
        : v,
  );
}
