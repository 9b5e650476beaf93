/**
 * `customResource`: a custom resource defined once in TypeScript, giving its
 * CustomResourceDefinition, a typed `Api`, a runtime check and its types.
 *
 * @module
 */

import { Api } from "../api/api.ts";
import type { Resource } from "../api/resource.ts";
import { KubeError } from "../errors.ts";
import type { Client } from "../http/client.ts";
import type {
  CustomResourceColumnDefinition,
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
  CustomResourceSubresources,
  JSONSchemaProps,
} from "../types/apiextensions_v1.ts";
import type { ObjectMeta } from "../types/meta.ts";
import {
  applyDefaults,
  type CheckOptions,
  checkResource,
  formatPath,
  type SchemaIssue,
} from "./check.ts";
import type { AnySchema, Infer, InferInput, Simplify } from "./schema.ts";
import type { StandardResult, StandardSchemaProps, StandardSchemaV1 } from "./standard_schema.ts";

/**
 * What identifies one version of a custom resource, and optionally its
 * schema, for {@linkcode customResourceHandle} (generated modules use it).
 *
 * @example
 * ```ts
 * import type { HandleOptions } from "./custom_resource.ts";
 * const options: HandleOptions = { group: "cert-manager.io", version: "v1", kind: "Certificate", plural: "certificates", namespaced: true };
 * ```
 */
export interface HandleOptions extends Resource {
  /** The version's `openAPIV3Schema`; without it, only `apiVersion` and `kind` are checked. */
  schema?: JSONSchemaProps;
}

/**
 * A typed handle on one version of a custom resource: its {@linkcode Resource},
 * a typed `Api`, a check of objects against its schema, and a maker of
 * objects that fills in `apiVersion`, `kind` and the defaults. It is a
 * Standard Schema of whole objects.
 *
 * @typeParam T The object as read from the API server.
 * @typeParam TIn The object as one may write it (defaulted fields optional).
 *
 * @example
 * ```ts ignore
 * import { Client, customResourceHandle, type KubeObject } from "../../mod.ts";
 * type Widget = KubeObject<{ size: number }, never>;
 * const Widget = customResourceHandle<Widget>({ group: "example.com", version: "v1", kind: "Widget", plural: "widgets", namespaced: true });
 * const widgets = Widget.api(await Client.load()).within("default");
 * ```
 */
export class CustomResourceHandle<T extends CustomObject, TIn = T>
  implements StandardSchemaV1<TIn, T> {
  /** The resource: group, version, kind, plural, namespaced. */
  readonly resource: Resource;
  /** The object type, for `typeof X.Type`; only a type, undefined at run time. */
  declare readonly Type: T;
  /** The written object type, for `typeof X.Input`; only a type, undefined at run time. */
  declare readonly Input: TIn;
  /** The Standard Schema interface, validating whole objects. */
  readonly "~standard": StandardSchemaProps<TIn, T>;
  readonly #schema: JSONSchemaProps | undefined;

  /**
   * Creates a handle.
   *
   * @param options The resource, and its schema if known.
   */
  constructor(options: HandleOptions) {
    const { schema, ...resource } = options;
    this.resource = resource;
    this.#schema = schema;
    this["~standard"] = { version: 1, vendor: "kube", validate: (value) => this.#standard(value) };
  }

  /** `group/version`, as objects of this version carry it. */
  get apiVersion(): string {
    return `${this.resource.group}/${this.resource.version}`;
  }

  /**
   * The version's `openAPIV3Schema`, when known.
   *
   * @returns A copy, or undefined.
   *
   * @example
   * ```ts ignore
   * console.log(JSON.stringify(Foo.openAPIV3Schema()));
   * ```
   */
  openAPIV3Schema(): JSONSchemaProps | undefined {
    return this.#schema && structuredClone(this.#schema);
  }

  /**
   * A typed `Api` for this version, in all namespaces (`.within(ns)` for one).
   *
   * @param client The client.
   * @returns The handle.
   *
   * @example
   * ```ts ignore
   * const foos = Foo.api(client).within("default");
   * for (const foo of (await foos.list()).items) console.log(foo.spec.size);
   * ```
   */
  api(client: Client): Api<T> {
    return new Api<T>(client, this.resource);
  }

  /**
   * Every violation of this version's schema in an object, with its path
   * from the object's root (`spec.replicas`), CEL rules aside; and an
   * `apiVersion` or `kind` other than this version's. Bound to the handle,
   * so it can be passed as it is (a cache's `validate` option).
   *
   * @param object The object.
   * @param options Whether to report unknown fields (the server prunes them).
   * @returns The violations; empty when it passes.
   *
   * @example
   * ```ts ignore
   * const issues = Foo.validate({ metadata: { name: "a" }, spec: { size: "big" } });
   * ```
   */
  readonly validate = (object: unknown, options?: CheckOptions): SchemaIssue[] => {
    const issues: SchemaIssue[] = [];
    if (typeof object !== "object" || object === null || Array.isArray(object)) {
      return [{ message: "must be of type object", path: [] }];
    }
    const { apiVersion, kind } = object as { apiVersion?: unknown; kind?: unknown };
    if (apiVersion !== undefined && apiVersion !== this.apiVersion) {
      issues.push({ message: `must be ${this.apiVersion}`, path: ["apiVersion"] });
    }
    if (kind !== undefined && kind !== this.resource.kind) {
      issues.push({ message: `must be ${this.resource.kind}`, path: ["kind"] });
    }
    if (this.#schema) issues.push(...checkResource(this.#schema, object, options));
    return issues;
  };

  /**
   * A whole object of this version from what one writes: `apiVersion` and
   * `kind` filled in, the schema's defaults applied, and checked.
   *
   * @param object The object without `apiVersion` and `kind`.
   * @returns The object, typed as read back.
   * @throws {KubeError} Naming the paths of the violations (not their values).
   *
   * @example
   * ```ts ignore
   * await Foo.api(client).within("default").create(Foo.make({ metadata: { name: "a" }, spec: { size: 3 } }));
   * ```
   */
  make(object: Omit<TIn, "apiVersion" | "kind">): T {
    const whole = { apiVersion: this.apiVersion, kind: this.resource.kind, ...object };
    const issues = this.validate(whole);
    if (issues.length > 0) {
      throw new KubeError(`${this.resource.kind} ${describeIssues(issues)}`);
    }
    return (this.#schema ? applyDefaults(this.#schema, whole) : whole) as T;
  }

  #standard(value: unknown): StandardResult<T> {
    const issues = this.validate(value);
    if (issues.length > 0) return { issues };
    return { value: (this.#schema ? applyDefaults(this.#schema, value) : value) as T };
  }
}

/**
 * The first violations, as `path: message; ...` (values never quoted).
 *
 * @param issues The violations.
 * @param limit How many to name; 5.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { describeIssues } from "./custom_resource.ts";
 * describeIssues([{ message: "Required value", path: ["spec", "size"] }]); // "spec.size: Required value"
 * ```
 */
export function describeIssues(issues: readonly SchemaIssue[], limit = 5): string {
  const named = issues.slice(0, limit).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = issues.length > limit ? `; and ${issues.length - limit} more` : "";
  return named.join("; ") + more;
}

/**
 * A handle on one version of a custom resource whose types were declared
 * elsewhere (the code generator's modules use it).
 *
 * @typeParam T The object type.
 * @typeParam TIn The written object type.
 * @param options Group, version, kind, plural, namespaced, and the schema if known.
 * @returns The handle.
 *
 * @example
 * ```ts
 * import { customResourceHandle } from "./custom_resource.ts";
 * import type { KubeObject } from "../types/meta.ts";
 * type Widget = KubeObject<{ size: number }, never>;
 * const Widget = customResourceHandle<Widget>({ group: "example.com", version: "v1", kind: "Widget", plural: "widgets", namespaced: true });
 * Widget.validate({ apiVersion: "example.com/v2", metadata: {} }); // [{ message: "must be example.com/v1", path: ["apiVersion"] }]
 * ```
 */
export function customResourceHandle<T extends CustomObject, TIn = T>(
  options: HandleOptions,
): CustomResourceHandle<T, TIn> {
  return new CustomResourceHandle<T, TIn>(options);
}

/**
 * The least a custom object has: `metadata`, and the optional `apiVersion`
 * and `kind` (a `KubeObject`).
 *
 * @example
 * ```ts
 * import type { CustomObject } from "./custom_resource.ts";
 * const o: CustomObject = { metadata: { name: "a" } };
 * ```
 */
export interface CustomObject {
  /** `group/version`. */
  apiVersion?: string;
  /** The kind. */
  kind?: string;
  /** Object metadata. */
  metadata: ObjectMeta;
  /** Desired state. */
  spec?: unknown;
  /** Observed state. */
  status?: unknown;
}

/**
 * A column of `kubectl get` (`additionalPrinterColumns`).
 *
 * @example
 * ```ts
 * import type { PrinterColumn } from "./custom_resource.ts";
 * const ready: PrinterColumn = { name: "Ready", type: "string", jsonPath: ".status.conditions[?(@.type==\"Ready\")].status" };
 * ```
 */
export interface PrinterColumn {
  /** The column's header. */
  name: string;
  /** How the value is shown. */
  type: "integer" | "number" | "string" | "boolean" | "date";
  /** Where the value is, e.g. `.spec.replicas`. */
  jsonPath: string;
  /** What it means. */
  description?: string;
  /** A format, e.g. `int32`, `date-time`. */
  format?: string;
  /** 0 shows it always; higher only with `-o wide`. */
  priority?: number;
}

/**
 * The subresources of a version.
 *
 * @example
 * ```ts
 * import type { Subresources } from "./custom_resource.ts";
 * const sub: Subresources = { status: true, scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" } };
 * ```
 */
export interface Subresources {
  /** `/status`: status is written only through it, and spec only through the main resource. */
  status?: boolean;
  /** `/scale`, for `kubectl scale` and autoscalers: where the replica counts are. */
  scale?: {
    specReplicasPath: string;
    statusReplicasPath: string;
    labelSelectorPath?: string;
  };
}

/**
 * One version of a custom resource: its schemas and what the server does
 * with it.
 *
 * @typeParam Spec The spec's schema.
 * @typeParam Status The status's schema.
 *
 * @example
 * ```ts
 * import type { VersionOptions } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const v1: VersionOptions = { spec: s.object({ size: s.integer() }), subresources: { status: true } };
 * ```
 */
export interface VersionOptions<
  Spec extends AnySchema = AnySchema,
  Status extends AnySchema | undefined = AnySchema | undefined,
> {
  /** The spec's schema; `.optional()` makes `spec` optional on the object. */
  spec: Spec;
  /** The status's schema; `status` is always optional on the object. */
  status?: Status;
  /** Served through the REST API; true. */
  served?: boolean;
  /** Deprecated: clients get a warning. */
  deprecated?: boolean;
  /** The warning deprecated clients get. */
  deprecationWarning?: string;
  /** Columns for `kubectl get`. */
  printerColumns?: PrinterColumn[];
  /** The status and scale subresources. */
  subresources?: Subresources;
  /** JSON paths usable in field selectors, e.g. `.spec.size`. */
  selectableFields?: string[];
  /** The description of the whole object. */
  description?: string;
}

/**
 * What names and scopes a custom resource, whatever its versions.
 *
 * @example
 * ```ts
 * import type { NameOptions } from "./custom_resource.ts";
 * const names: NameOptions = { group: "example.com", kind: "Widget", scope: "Namespaced", shortNames: ["wd"] };
 * ```
 */
export interface NameOptions {
  /** The API group; it must contain a dot, e.g. `example.com`. */
  group: string;
  /** The CamelCase kind, e.g. `Widget`. */
  kind: string;
  /** The URL word; by default the lower-cased kind made plural (`policy` -> `policies`). */
  plural?: string;
  /** The singular name; the lower-cased kind. */
  singular?: string;
  /** `Namespaced` or `Cluster`. */
  scope: "Namespaced" | "Cluster";
  /** Short names for kubectl. */
  shortNames?: string[];
  /** Categories, e.g. `all`. */
  categories?: string[];
  /** The list's kind; `KindList`. */
  listKind?: string;
}

/**
 * A custom resource with one version.
 *
 * @typeParam Spec The spec's schema.
 * @typeParam Status The status's schema.
 *
 * @example
 * ```ts
 * import type { SingleVersionOptions } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const options: SingleVersionOptions = { group: "example.com", version: "v1", kind: "Widget", scope: "Namespaced", spec: s.object({}) };
 * ```
 */
export interface SingleVersionOptions<
  Spec extends AnySchema = AnySchema,
  Status extends AnySchema | undefined = AnySchema | undefined,
> extends NameOptions, VersionOptions<Spec, Status> {
  /** The version, e.g. `v1`. */
  version: string;
}

/**
 * A custom resource with several versions, one of them stored.
 *
 * @typeParam V The versions by name.
 * @typeParam S The name of the storage version.
 *
 * @example
 * ```ts
 * import type { MultiVersionOptions } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const options: MultiVersionOptions = {
 *   group: "example.com", kind: "Widget", scope: "Namespaced", storage: "v1",
 *   versions: { v1: { spec: s.object({ size: s.integer() }) }, v1beta1: { spec: s.object({ size: s.string() }) } },
 * };
 * ```
 */
export interface MultiVersionOptions<
  V extends Record<string, VersionOptions> = Record<string, VersionOptions>,
  S extends keyof V & string = keyof V & string,
> extends NameOptions {
  /** The versions, by name. Without a conversion webhook, the server converts by changing `apiVersion` only. */
  versions: V;
  /** The version objects are stored as. */
  storage: S;
}

/**
 * The object type of a version: `metadata`, `spec` (required unless its
 * schema is optional), and an optional `status`.
 *
 * @typeParam V The version's options.
 *
 * @example
 * ```ts
 * import type { ObjectOf } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const spec = s.object({ size: s.integer() });
 * type Widget = ObjectOf<{ spec: typeof spec }>; // { apiVersion?, kind?, metadata, spec: { size: number } }
 * ```
 */
export type ObjectOf<V extends VersionOptions> = Simplify<
  & { apiVersion?: string; kind?: string; metadata: ObjectMeta }
  & (V["spec"]["presence"] extends "optional" ? { spec?: Infer<V["spec"]> }
    : { spec: Infer<V["spec"]> })
  & (V["status"] extends AnySchema ? { status?: Infer<V["status"]> } : unknown)
>;

/**
 * The written object type of a version: as {@linkcode ObjectOf}, with
 * defaulted fields optional.
 *
 * @typeParam V The version's options.
 *
 * @example
 * ```ts
 * import type { InputOf } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const spec = s.object({ size: s.integer().default(1) });
 * const w: InputOf<{ spec: typeof spec }> = { metadata: { name: "a" }, spec: {} };
 * ```
 */
export type InputOf<V extends VersionOptions> = Simplify<
  & { apiVersion?: string; kind?: string; metadata: ObjectMeta }
  & (V["spec"]["presence"] extends "required" ? { spec: InferInput<V["spec"]> }
    : { spec?: InferInput<V["spec"]> })
  & (V["status"] extends AnySchema ? { status?: InferInput<V["status"]> } : unknown)
>;

/**
 * The object type of a custom resource (its storage version) or of a handle.
 *
 * @typeParam R The resource or handle.
 *
 * @example
 * ```ts ignore
 * type Widget = InferResource<typeof Widget>;
 * ```
 */
export type InferResource<R extends { readonly Type: unknown }> = R["Type"];

/**
 * A custom resource made by {@linkcode customResource}: the handle on its
 * storage version, plus its CustomResourceDefinition and its other versions.
 *
 * @typeParam V The versions by name.
 * @typeParam S The storage version's name.
 *
 * @example
 * ```ts
 * import { customResource } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const Widget = customResource({
 *   group: "example.com", version: "v1", kind: "Widget", scope: "Namespaced",
 *   spec: s.object({ size: s.integer({ minimum: 1 }) }),
 * });
 * Widget.definition.metadata.name; // "widgets.example.com"
 * ```
 */
export class CustomResource<
  V extends Record<string, VersionOptions>,
  S extends keyof V & string,
> extends CustomResourceHandle<ObjectOf<V[S]>, InputOf<V[S]>> {
  readonly #definition: CustomResourceDefinition;
  /**
   * The handle on each version, by name (the storage version's is this
   * resource itself): `Widget.versions.v1beta1.api(client)`,
   * `typeof Widget.versions.v1beta1.Type`.
   */
  readonly versions: {
    readonly [K in keyof V]: CustomResourceHandle<ObjectOf<V[K]>, InputOf<V[K]>>;
  };

  /**
   * Builds the resource; {@linkcode customResource} is the way to call it.
   *
   * @param options Names, scope, versions and the storage version.
   * @throws {KubeError} When the group has no dot, the storage version is
   * not among the versions, or a version name is not a DNS label.
   */
  constructor(options: MultiVersionOptions<V, S>) {
    const plural = options.plural ?? pluralOf(options.kind);
    const namespaced = options.scope === "Namespaced";
    const names = Object.keys(options.versions);
    if (!options.group.includes(".")) {
      throw new KubeError(`${options.kind}: the group "${options.group}" must contain a dot`);
    }
    if (!names.includes(options.storage)) {
      throw new KubeError(
        `${options.kind}: the storage version "${options.storage}" is not among its versions`,
      );
    }
    const schemas = new Map<string, JSONSchemaProps>();
    const versions: CustomResourceDefinitionVersion[] = [];
    for (const name of names) {
      if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
        throw new KubeError(
          `${options.kind}: the version "${name}" is not a DNS label (e.g. v1, v1beta1)`,
        );
      }
      const version = options.versions[name];
      const schema = rootSchema(version);
      schemas.set(name, schema);
      versions.push(definitionVersion(name, name === options.storage, version, schema));
    }
    super({
      group: options.group,
      version: options.storage,
      kind: options.kind,
      plural,
      namespaced,
      schema: schemas.get(options.storage),
    });
    this.#definition = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: `${plural}.${options.group}` },
      spec: {
        group: options.group,
        names: withoutUndefined({
          kind: options.kind,
          plural,
          singular: options.singular ?? options.kind.toLowerCase(),
          listKind: options.listKind,
          shortNames: options.shortNames,
          categories: options.categories,
        }),
        scope: options.scope,
        versions,
      },
    };
    const handles = Object.fromEntries(names.map((name) => [
      name,
      name === options.storage
        ? this as CustomResourceHandle<CustomObject, unknown>
        : customResourceHandle({
          group: options.group,
          version: name,
          kind: options.kind,
          plural,
          namespaced,
          schema: schemas.get(name),
        }),
    ]));
    this.versions = handles as unknown as this["versions"];
  }

  /**
   * The CustomResourceDefinition, ready to apply (server-side apply through
   * `Api.v1CustomResourceDefinition`, or `applyManifests`).
   *
   * @returns A fresh copy.
   *
   * @example
   * ```ts ignore
   * await Api.v1CustomResourceDefinition(client).patch(Widget.definition.metadata.name!, {
   *   type: "apply", fieldManager: "my-operator", force: true, body: Widget.definition,
   * });
   * ```
   */
  get definition(): CustomResourceDefinition {
    return structuredClone(this.#definition);
  }
}

/**
 * Defines a custom resource from schemas: one version (`version`, `spec`,
 * `status`, ...) or several (`versions`, `storage`). The result is a handle
 * on the storage version — `.api(client)`, `.validate(object)`,
 * `.make(object)`, `typeof X.Type` — with `.definition`, the CRD to apply,
 * and `.versions` for each version.
 *
 * @param options Names, scope, and the version(s).
 * @returns The custom resource.
 * @throws {KubeError} When the group has no dot or a version is misnamed.
 *
 * @example One version
 * ```ts
 * import assert from "node:assert/strict";
 * import { customResource, type InferResource } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const Widget = customResource({
 *   group: "example.com", version: "v1", kind: "Widget", scope: "Namespaced", shortNames: ["wd"],
 *   spec: s.object({ size: s.integer({ minimum: 1 }), color: s.enum(["red", "blue"]).default("red") }),
 *   status: s.object({ ready: s.boolean() }).optional(),
 *   subresources: { status: true },
 * });
 * type Widget = InferResource<typeof Widget>;
 * const w: Widget = Widget.make({ metadata: { name: "a" }, spec: { size: 2 } });
 * assert.equal(w.spec.color, "red");
 * assert.equal(Widget.validate({ metadata: { name: "b" }, spec: { size: 0 } })[0].message, "must be greater than or equal to 1");
 * ```
 *
 * @example Two versions
 * ```ts
 * import { customResource } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const Widget = customResource({
 *   group: "example.com", kind: "Widget", scope: "Namespaced", storage: "v1",
 *   versions: {
 *     v1: { spec: s.object({ size: s.integer() }) },
 *     v1beta1: { spec: s.object({ size: s.integer().optional() }), deprecated: true },
 *   },
 * });
 * Widget.definition.spec.versions.map((v) => `${v.name}:${v.storage}`); // ["v1:true", "v1beta1:false"]
 * ```
 */
export function customResource<
  const Spec extends AnySchema,
  const Status extends AnySchema | undefined = undefined,
>(
  options: SingleVersionOptions<Spec, Status>,
): CustomResource<{ [K in string]: { spec: Spec; status: Status } }, string>;
/**
 * Defines a custom resource with several versions, one of them stored.
 *
 * @param options Names, scope, `versions` by name, and `storage`.
 * @returns The custom resource; `.versions` holds a handle per version.
 * @throws {KubeError} When the group has no dot, a version is misnamed, or
 * `storage` is not among the versions.
 *
 * @example
 * ```ts
 * import { customResource } from "./custom_resource.ts";
 * import { s } from "./schema.ts";
 * const Widget = customResource({
 *   group: "example.com", kind: "Widget", scope: "Cluster", storage: "v2",
 *   versions: { v2: { spec: s.object({ size: s.integer() }) }, v1: { spec: s.object({}), served: false } },
 * });
 * Widget.versions.v1.resource.version; // "v1"
 * ```
 */
export function customResource<
  const V extends Record<string, VersionOptions>,
  const S extends keyof V & string,
>(options: MultiVersionOptions<V, S>): CustomResource<V, S>;
export function customResource(
  options: SingleVersionOptions | MultiVersionOptions,
): CustomResource<Record<string, VersionOptions>, string> {
  if ("versions" in options) return new CustomResource(options);
  const {
    version,
    group,
    kind,
    plural,
    singular,
    scope,
    shortNames,
    categories,
    listKind,
    ...rest
  } = options;
  return new CustomResource({
    group,
    kind,
    plural,
    singular,
    scope,
    shortNames,
    categories,
    listKind,
    storage: version,
    versions: { [version]: rest },
  });
}

/** The version's `openAPIV3Schema`: an object with `spec` and `status`. */
function rootSchema(version: VersionOptions): JSONSchemaProps {
  const properties: Record<string, JSONSchemaProps> = { spec: version.spec.toJSONSchema() };
  if (version.status) properties.status = version.status.toJSONSchema();
  const root: JSONSchemaProps = { type: "object", properties };
  if (version.description) root.description = version.description;
  if (version.spec.presence !== "optional") root.required = ["spec"];
  return root;
}

function definitionVersion(
  name: string,
  storage: boolean,
  version: VersionOptions,
  schema: JSONSchemaProps,
): CustomResourceDefinitionVersion {
  const out: CustomResourceDefinitionVersion = {
    name,
    served: version.served ?? true,
    storage,
    schema: { openAPIV3Schema: schema },
  };
  const sub = version.subresources;
  if (sub?.status || sub?.scale) {
    const subresources: CustomResourceSubresources = {};
    if (sub.status) subresources.status = {};
    if (sub.scale) subresources.scale = withoutUndefined({ ...sub.scale });
    out.subresources = subresources;
  }
  if (version.printerColumns) {
    out.additionalPrinterColumns = version.printerColumns.map((c) =>
      withoutUndefined({ ...c }) as CustomResourceColumnDefinition
    );
  }
  if (version.selectableFields) {
    out.selectableFields = version.selectableFields.map((jsonPath) => ({ jsonPath }));
  }
  if (version.deprecated !== undefined) out.deprecated = version.deprecated;
  if (version.deprecationWarning !== undefined) out.deprecationWarning = version.deprecationWarning;
  return out;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The plural a kind gets when none is given: lower-cased, then English's
 * cheap rules — a consonant and `y` become `ies` (`policy` -> `policies`,
 * but `gateway` -> `gateways`), `s`, `x`, `z`, `ch` and `sh` take `es`
 * (`ingress` -> `ingresses`), anything else takes `s`.
 *
 * @param kind The kind, e.g. `NetworkPolicy`.
 * @returns The plural, e.g. `networkpolicies`.
 *
 * @example
 * ```ts
 * import { pluralOf } from "./custom_resource.ts";
 * pluralOf("NetworkPolicy"); // "networkpolicies"
 * pluralOf("Ingress"); // "ingresses"
 * ```
 */
export function pluralOf(kind: string): string {
  const word = kind.toLowerCase();
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + "ies";
  if (/(s|x|z|ch|sh)$/.test(word)) return word + "es";
  return word + "s";
}
