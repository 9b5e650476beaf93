/**
 * The code generator's translation: a CustomResourceDefinition in, one
 * TypeScript module out, with an interface per served version, a type named
 * after the kind for the storage version, and ready handles.
 *
 * @module
 */

import { KubeError } from "../errors.ts";
import type {
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
  JSONSchemaProps,
} from "../types/apiextensions_v1.ts";

/**
 * How modules are generated.
 *
 * @example
 * ```ts
 * import type { CodegenOptions } from "./codegen.ts";
 * const options: CodegenOptions = { importFrom: "jsr:@denokube/kube@0.1", schemas: false };
 * ```
 */
export interface CodegenOptions {
  /** Where generated modules import kube from; `jsr:@denokube/kube`. */
  importFrom?: string;
  /**
   * Whether each handle carries its version's `openAPIV3Schema`, so that
   * its `validate` checks whole objects (and a cache can drop bad ones);
   * true. Without, handles check `apiVersion` and `kind` only.
   */
  schemas?: boolean;
}

/**
 * One generated module.
 *
 * @example
 * ```ts
 * import type { GeneratedModule } from "./codegen.ts";
 * const m: GeneratedModule = { crd: "widgets.example.com", fileName: "widgets.example.com.ts", source: "" };
 * ```
 */
export interface GeneratedModule {
  /** The CRD's name, `PLURAL.GROUP`. */
  crd: string;
  /** `PLURAL.GROUP.ts`. */
  fileName: string;
  /** The TypeScript source, not yet formatted. */
  source: string;
}

/**
 * A schema the generator cannot translate, naming the CRD, the version and
 * the path in its `openAPIV3Schema`.
 *
 * @example
 * ```ts
 * import { CodegenError } from "./codegen.ts";
 * const e = new CodegenError("widgets.example.com", "v1", "spec.size", "$ref is not allowed");
 * e.message; // "widgets.example.com v1: cannot translate spec.size: $ref is not allowed"
 * ```
 */
export class CodegenError extends KubeError {
  /** The CRD's name. */
  readonly crd: string;
  /** The schema path, e.g. `spec.template`. */
  readonly path: string;

  /**
   * Creates a CodegenError.
   *
   * @param crd The CRD's name.
   * @param version The version.
   * @param path The path in the schema.
   * @param reason What cannot be translated.
   */
  constructor(crd: string, version: string, path: string, reason: string) {
    super(`${crd} ${version}: cannot translate ${path || "the schema's root"}: ${reason}`);
    this.name = "CodegenError";
    this.crd = crd;
    this.path = path;
  }
}

/**
 * The CustomResourceDefinitions among parsed documents: `apiextensions.k8s.io/v1`
 * CRDs, and the items of lists of them; other documents are skipped.
 *
 * @param documents Parsed YAML or JSON documents.
 * @returns The CRDs.
 *
 * @example
 * ```ts
 * import { crdsOf } from "./codegen.ts";
 * crdsOf([{ apiVersion: "v1", kind: "ConfigMap" }]).length; // 0
 * ```
 */
export function crdsOf(documents: readonly unknown[]): CustomResourceDefinition[] {
  const found: CustomResourceDefinition[] = [];
  for (const doc of documents) {
    if (typeof doc !== "object" || doc === null) continue;
    const { apiVersion, kind, items } = doc as {
      apiVersion?: string;
      kind?: string;
      items?: unknown;
    };
    if (kind === "CustomResourceDefinition" && apiVersion === "apiextensions.k8s.io/v1") {
      found.push(doc as CustomResourceDefinition);
    } else if (Array.isArray(items) && kind?.endsWith("List")) {
      found.push(...crdsOf(items));
    }
  }
  return found;
}

/**
 * The TypeScript module for one CRD: an interface per served version
 * (`CertificateV1`, with one interface per nested object, doc comments from
 * the descriptions), `type Certificate` for the storage version, and a
 * handle for each (`Certificate.api(client)`, `CertificateV1alpha2.validate(o)`).
 * Required fields are required; int-or-string is `IntOrString`,
 * preserve-unknown-fields is `JsonValue`, `additionalProperties` a
 * `Record`. The source still needs `deno fmt`.
 *
 * @param crd The CustomResourceDefinition.
 * @param options The import specifier, and whether handles carry schemas.
 * @returns The module.
 * @throws {CodegenError} For a schema it cannot translate (a `$ref`, a node
 * without a type, a list of item schemas), naming the path.
 *
 * @example
 * ```ts
 * import { generateModule } from "./codegen.ts";
 * const module = generateModule({
 *   apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition",
 *   metadata: { name: "widgets.example.com" },
 *   spec: {
 *     group: "example.com", scope: "Namespaced", names: { kind: "Widget", plural: "widgets" },
 *     versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: {
 *       type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer" } } } },
 *     } } }],
 *   },
 * });
 * module.fileName; // "widgets.example.com.ts"
 * ```
 */
export function generateModule(
  crd: CustomResourceDefinition,
  options: CodegenOptions = {},
): GeneratedModule {
  const { group, names, scope, versions } = crd.spec;
  const crdName = crd.metadata.name ?? `${names.plural}.${group}`;
  const storage = versions.find((v) => v.storage) ?? versions[0];
  if (!storage) throw new CodegenError(crdName, "", "", "the CRD has no versions");
  const wanted = versions.filter((v) => v.served || v === storage);
  const out = new Writer(crdName, options.importFrom ?? "jsr:@denokube/kube");
  for (const version of wanted) out.version(crd, version);
  const storageType = typeName(names.kind, storage.name);
  out.raw(
    `/** A ${names.kind} as the API server stores it: version ${storage.name} (${storageType}). */\n` +
      `export type ${names.kind} = ${storageType};\n`,
  );
  for (const version of wanted) {
    out.handle(crd, version, options.schemas ?? true);
  }
  out.raw(
    `/** The handle on ${crdName} in its storage version, ${storage.name}. */\n` +
      `export const ${names.kind}: CustomResourceHandle<${names.kind}> = ${storageType};\n`,
  );
  out.use("CustomResourceHandle");
  return {
    crd: crdName,
    fileName: `${crdName}.ts`,
    source: out.source(scope),
  };
}

/** A schema path as a reader sees it: `spec.ports[].name`, `spec.labels[*]`. */
function shown(path: readonly string[]): string {
  let text = "";
  for (const part of path) {
    if (part === "items") text += "[]";
    else if (part === "additionalProperties") text += "[*]";
    else text += text ? `.${part}` : part;
  }
  return text;
}

/** `Certificate` and `v1alpha2` make `CertificateV1alpha2`. */
function typeName(kind: string, version: string): string {
  return kind + pascal(version);
}

function pascal(word: string): string {
  return word.split(/[^A-Za-z0-9]+/).filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1)).join("");
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** A doc comment, indented; descriptions are the CRD's own documentation. */
function doc(text: string, indent = ""): string {
  const body = text.trim().replaceAll("*/", "*\\/").split("\n");
  if (body.length === 1) return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${
    body.map((l) => `${indent} *${l ? " " + l : ""}`).join("\n")
  }\n${indent} */\n`;
}

/** Builds one module: the declarations in order, and the names imported. */
class Writer {
  #crd: string;
  #importFrom: string;
  #parts: string[] = [];
  #imports = new Set<string>();
  #taken = new Set<string>();
  #version = "";

  constructor(crd: string, importFrom: string) {
    this.#crd = crd;
    this.#importFrom = importFrom;
  }

  use(name: string): void {
    this.#imports.add(name);
  }

  raw(text: string): void {
    this.#parts.push(text);
  }

  fail(path: string[], reason: string): never {
    throw new CodegenError(this.#crd, this.#version, path.join("."), reason);
  }

  /** A unique interface name for a path. */
  name(base: string): string {
    let name = base;
    for (let n = 2; this.#taken.has(name); n++) name = `${base}${n}`;
    this.#taken.add(name);
    return name;
  }

  version(crd: CustomResourceDefinition, version: CustomResourceDefinitionVersion): void {
    this.#version = version.name;
    const kind = crd.spec.names.kind;
    const name = typeName(kind, version.name);
    this.#taken.add(name);
    const root = version.schema?.openAPIV3Schema;
    if (!root) this.fail([], "the version has no openAPIV3Schema");
    const props = root.properties ?? {};
    const required = new Set(root.required ?? []);
    const apiVersion = `${crd.spec.group}/${version.name}`;
    this.use("ObjectMeta");
    let body = `  /** \`${apiVersion}\`. */\n  apiVersion?: string;\n` +
      `  /** \`${kind}\`. */\n  kind?: string;\n` +
      `  /** The object's name, namespace, labels and other metadata. */\n  metadata: ObjectMeta;\n`;
    for (const [field, node] of Object.entries(props)) {
      if (field === "apiVersion" || field === "kind" || field === "metadata") continue;
      body += this.property(field, node, required.has(field), [field], name);
    }
    const described = root.description ??
      `A ${kind} of ${crd.spec.group}, version ${version.name}.`;
    const deprecated = version.deprecated
      ? `\n\n@deprecated ${version.deprecationWarning ?? `${apiVersion} ${kind} is deprecated.`}`
      : "";
    this.raw(`${doc(described + deprecated)}export interface ${name} {\n${body}}\n`);
  }

  property(
    field: string,
    node: JSONSchemaProps,
    required: boolean,
    path: string[],
    owner: string,
  ): string {
    const type = this.type(node, path, owner + pascal(field));
    const text = doc(node.description ?? `\`${shown(path)}\`.`, "  ");
    return `${text}  ${key(field)}${required ? "" : "?"}: ${type};\n`;
  }

  /** The TypeScript type of a schema node; nested objects become named interfaces. */
  type(node: JSONSchemaProps, path: string[], hint: string): string {
    const base = this.baseType(node, path, hint);
    return node.nullable ? `${base} | null` : base;
  }

  baseType(node: JSONSchemaProps, path: string[], hint: string): string {
    if (node.$ref !== undefined) this.fail(path, "$ref is not allowed in a CRD schema");
    if (node["x-kubernetes-int-or-string"]) {
      this.use("IntOrString");
      return "IntOrString";
    }
    const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
    const enumType = this.enumType(node);
    if (enumType) return enumType;
    switch (node.type) {
      case "string":
        return "string";
      case "integer":
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      case "array": {
        if (Array.isArray(node.items)) this.fail(path, "a list of item schemas is not structural");
        if (!node.items) {
          this.use("JsonValue");
          return "JsonValue[]";
        }
        const item = this.type(node.items, [...path, "items"], hint);
        return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
      }
      case "object":
        return this.objectType(node, path, hint, preserve);
      case undefined:
        if (preserve || node["x-kubernetes-embedded-resource"]) {
          return this.objectType(node, path, hint, true);
        }
        return this.fail(
          path,
          "the node has no type (a structural schema needs one, or x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields)",
        );
      default:
        return this.fail(path, `unknown type "${node.type}"`);
    }
  }

  enumType(node: JSONSchemaProps): string | undefined {
    const values = node.enum;
    if (!values || values.length === 0) return undefined;
    if (!values.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v))) {
      return undefined;
    }
    return [...new Set(values.map((v) => JSON.stringify(v)))].join(" | ");
  }

  objectType(node: JSONSchemaProps, path: string[], hint: string, preserve: boolean): string {
    const props = node.properties ?? {};
    const embedded = node["x-kubernetes-embedded-resource"] === true;
    const extra = node.additionalProperties;
    if (Object.keys(props).length === 0 && !embedded) {
      if (typeof extra === "object") {
        return `Record<string, ${
          this.type(extra, [...path, "additionalProperties"], hint + "Value")
        }>`;
      }
      if (preserve || extra === true) {
        this.use("JsonValue");
        return node.type === "object" ? "Record<string, JsonValue>" : "JsonValue";
      }
      return "Record<string, never>";
    }
    const name = this.name(hint);
    const required = new Set(node.required ?? []);
    let body = "";
    if (embedded) {
      this.use("ObjectMeta");
      if (!props.apiVersion) {
        body += "  /** The embedded object's `group/version`. */\n  apiVersion?: string;\n";
      }
      if (!props.kind) body += "  /** The embedded object's kind. */\n  kind?: string;\n";
      if (!props.metadata) {
        body += "  /** The embedded object's metadata. */\n  metadata?: ObjectMeta;\n";
      }
    }
    for (const [field, sub] of Object.entries(props)) {
      body += this.property(field, sub, required.has(field), [...path, field], name);
    }
    if (typeof extra === "object") {
      this.fail(path, "additionalProperties beside properties is not structural");
    }
    if (preserve || extra === true) {
      body += "  /** Other fields, kept as they are. */\n  [field: string]: unknown;\n";
    }
    const described = node.description ?? `\`${shown(path)}\` of ${this.#crd} ${this.#version}.`;
    this.raw(`${doc(described)}export interface ${name} {\n${body}}\n`);
    return name;
  }

  handle(
    crd: CustomResourceDefinition,
    version: CustomResourceDefinitionVersion,
    schemas: boolean,
  ): void {
    this.use("customResourceHandle");
    this.use("CustomResourceHandle");
    const { group, names, scope } = crd.spec;
    const name = typeName(names.kind, version.name);
    const options: Record<string, unknown> = {
      group,
      version: version.name,
      kind: names.kind,
      plural: names.plural,
      namespaced: scope === "Namespaced",
    };
    if (schemas && version.schema?.openAPIV3Schema) {
      options.schema = version.schema.openAPIV3Schema;
    }
    this.raw(
      `/** The handle on ${this.#crd} ${version.name}: \`${name}.api(client)\`, \`${name}.validate(object)\`. */\n` +
        `export const ${name}: CustomResourceHandle<${name}> = customResourceHandle<${name}>(${
          JSON.stringify(options)
        });\n`,
    );
  }

  source(scope: string): string {
    const values = ["customResourceHandle"].filter((n) => this.#imports.has(n));
    const types = [...this.#imports].filter((n) => !values.includes(n)).sort();
    const specifiers = [...values, ...types.map((t) => `type ${t}`)].join(", ");
    const header = doc(
      `Types and handles for the custom resource ${this.#crd} (${scope}), generated by\nkube's codegen from its CustomResourceDefinition.\n\n@module`,
    );
    const from = JSON.stringify(this.#importFrom);
    return `${header}\nimport { ${specifiers} } from ${from};\n\n${this.#parts.join("\n")}`;
  }
}
