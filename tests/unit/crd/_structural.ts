/**
 * The API server's structural-schema rules, as a test helper: the problems
 * that would make it refuse a CRD's openAPIV3Schema.
 *
 * @module
 */

import type { JSONSchemaProps } from "../../../mod.ts";

/** Every rule a node breaks, with its path: a type (or an extension) everywhere, no $ref, no additionalProperties beside properties, anyOf only as int-or-string's. */
export function structuralProblems(node: JSONSchemaProps, path = "<root>"): string[] {
  const problems: string[] = [];
  const intOrString = node["x-kubernetes-int-or-string"] === true;
  const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
  if (!node.type && !intOrString && !preserve) problems.push(`${path}: no type`);
  if (intOrString && node.type) problems.push(`${path}: int-or-string with a type`);
  if (node.$ref !== undefined) problems.push(`${path}: $ref`);
  if (node.properties && node.additionalProperties !== undefined) {
    problems.push(`${path}: additionalProperties beside properties`);
  }
  if (node.uniqueItems) problems.push(`${path}: uniqueItems`);
  if (node.anyOf) {
    const types = node.anyOf.map((n) => n.type).join(",");
    if (!intOrString || types !== "integer,string") problems.push(`${path}: anyOf beside a type`);
  }
  if (node.type === "array" && !node.items) problems.push(`${path}: an array without items`);
  if (node["x-kubernetes-list-type"] === "map") {
    const item = node.items as JSONSchemaProps;
    for (const key of node["x-kubernetes-list-map-keys"] ?? []) {
      if (!item.required?.includes(key) && item.properties?.[key]?.default === undefined) {
        problems.push(`${path}: list map key ${key} neither required nor defaulted`);
      }
    }
  }
  for (const [name, sub] of Object.entries(node.properties ?? {})) {
    problems.push(...structuralProblems(sub, `${path}.${name}`));
  }
  if (node.items && !Array.isArray(node.items)) {
    problems.push(...structuralProblems(node.items, `${path}[]`));
  }
  if (typeof node.additionalProperties === "object") {
    problems.push(...structuralProblems(node.additionalProperties, `${path}[*]`));
  }
  return problems;
}
