/**
 * ApplySets (KEP-3659): a parent object that records which group-kinds and
 * namespaces a set of applied objects spans, the label that marks each
 * member, and pruning of members an apply no longer holds, as kubectl's
 * `apply --prune --applyset` keeps them.
 *
 * @module
 */

import type { Client } from "../../http/client.ts";
import { ApiError, KubeError } from "../../errors.ts";
import type { DiscoveredResource, Discovery } from "../discovery.ts";
import { dynamicApi, type DynamicObject } from "../dynamic.ts";
import { apiVersionOf, type Resource, resourcePath } from "../resource.ts";
import type { ApplyResult } from "./result.ts";

/** The parent's label: the set's id. */
export const APPLYSET_ID_LABEL = "applyset.kubernetes.io/id";
/** Each member's label: the id of the set it belongs to. */
export const APPLYSET_PART_OF_LABEL = "applyset.kubernetes.io/part-of";
/** The parent's annotation naming the tool that manages the set, `NAME/VERSION`. */
export const APPLYSET_TOOLING_ANNOTATION = "applyset.kubernetes.io/tooling";
/** The parent's annotation listing the members' group-kinds, `Kind.group`, sorted. */
export const APPLYSET_GROUP_KINDS_ANNOTATION = "applyset.kubernetes.io/contains-group-kinds";
/** The parent's annotation listing the members' namespaces other than its own, sorted. */
export const APPLYSET_NAMESPACES_ANNOTATION = "applyset.kubernetes.io/additional-namespaces";
/** The label on a CRD whose custom resources may be ApplySet parents. */
export const APPLYSET_PARENT_TYPE_LABEL = "applyset.kubernetes.io/is-parent-type";

/** kube's `tooling` value, in the `NAME/vVERSION` form kubectl writes (`kubectl/v1.32.4`). */
export const KUBE_TOOLING = "kube/v0.1.0";

/**
 * Which ApplySet to keep, and how.
 *
 * @example
 * ```ts
 * import type { ApplySetOptions } from "./applyset.ts";
 * const set: ApplySetOptions = { kind: "ConfigMap", name: "my-app", namespace: "default" };
 * ```
 */
export interface ApplySetOptions {
  /** The parent's kind: `Secret` (the default, as kubectl's), `ConfigMap`, or a custom resource's. */
  kind?: string;
  /** The parent's apiVersion: `v1` for a Secret or ConfigMap; needed for a custom resource. */
  apiVersion?: string;
  /** The parent's name. */
  name: string;
  /** The parent's namespace: the apply's `namespace`, or the client's. */
  namespace?: string;
  /** The `tooling` annotation to write and to expect: `kube/v0.1.0`. */
  tooling?: string;
  /**
   * Take over a set that another tool manages (or a parent without
   * ApplySet metadata); false by default, when such a set is refused.
   */
  adopt?: boolean;
}

/** What identifies a parent: the parts of its id. */
export interface ApplySetParentRef {
  /** The parent's name. */
  name: string;
  /** Its namespace; `""` when cluster-scoped. */
  namespace: string;
  /** Its kind. */
  kind: string;
  /** Its group; `""` for the core group. */
  group: string;
}

/**
 * The id of the ApplySet a parent makes: `applyset-` + base64url (RFC 4648,
 * unpadded) of the SHA-256 of `NAME.NAMESPACE.KIND.GROUP` + `-v1`.
 *
 * @param parent The parent's name, namespace, kind and group.
 * @returns The id, the value of both labels.
 *
 * @example
 * ```ts
 * import { applySetId } from "./applyset.ts";
 * const id = await applySetId({ name: "my-app", namespace: "default", kind: "ConfigMap", group: "" });
 * id.startsWith("applyset-") && id.endsWith("-v1"); // true
 * ```
 */
export async function applySetId(parent: ApplySetParentRef): Promise<string> {
  const text = [parent.name, parent.namespace, parent.kind, parent.group].join(".");
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  const base64 = btoa(String.fromCharCode(...digest));
  const url = base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  return `applyset-${url}-v1`;
}

/** A group-kind as the annotation spells it: `Deployment.apps`, `ConfigMap`. */
export function groupKindOf(resource: { kind: string; group: string }): string {
  return resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
}

/** Where an ApplySet's parent lives and how its writes are sent. */
export interface ApplySetContext {
  /** The apply's namespace, or the client's. */
  namespace: string;
  /** The server's dry run. */
  dryRun?: boolean;
  /** Field validation for the parent's apply. */
  fieldValidation?: string;
  /** Aborts. */
  signal?: AbortSignal;
}

const BUILT_IN_PARENTS: Record<string, Resource> = {
  Secret: { group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true },
  ConfigMap: {
    group: "",
    version: "v1",
    kind: "ConfigMap",
    plural: "configmaps",
    namespaced: true,
  },
};

/**
 * One ApplySet during one apply: opened (its parent read and checked),
 * widened to cover what is about to be applied, then pruned and narrowed to
 * what was applied.
 *
 * @example
 * ```ts ignore
 * const set = await ApplySet.open(client, discovery, { name: "my-app" }, { namespace: "default" });
 * const labelled = set.labelMember(object);
 * ```
 */
export class ApplySet {
  #client: Client;
  #discovery: Discovery;
  #resource: Resource;
  #ref: ApplySetParentRef;
  #id: string;
  #tooling: string;
  #context: ApplySetContext;
  #previousKinds = new Set<string>();
  #previousNamespaces = new Set<string>();
  #kinds = new Set<string>();
  #namespaces = new Set<string>();

  private constructor(
    client: Client,
    discovery: Discovery,
    resource: Resource,
    ref: ApplySetParentRef,
    id: string,
    tooling: string,
    context: ApplySetContext,
  ) {
    this.#client = client;
    this.#discovery = discovery;
    this.#resource = resource;
    this.#ref = ref;
    this.#id = id;
    this.#tooling = tooling;
    this.#context = context;
  }

  /**
   * Reads and checks the parent, as kubectl does before it applies: a
   * parent that exists must carry the `tooling` annotation of this tool,
   * the id label this parent's identity gives, and the
   * `contains-group-kinds` annotation; one that does not exist is created
   * later, unless it is a custom resource (those the caller creates).
   *
   * @param client The client.
   * @param discovery Discovery, for a custom resource parent and the members' kinds.
   * @param options The parent and tooling.
   * @param context Namespace, dry run, validation, signal.
   * @returns The open set.
   * @throws {KubeError} When the parent belongs to another tool (unless
   * `adopt`), has another id, lacks the annotations, or is a custom resource
   * that is missing or not allowed as a parent.
   *
   * @example
   * ```ts ignore
   * const set = await ApplySet.open(client, discovery, { kind: "ConfigMap", name: "my-app" }, { namespace: "default" });
   * ```
   */
  static async open(
    client: Client,
    discovery: Discovery,
    options: ApplySetOptions,
    context: ApplySetContext,
  ): Promise<ApplySet> {
    const kind = options.kind ?? "Secret";
    const resource = await parentResource(client, discovery, kind, options.apiVersion, context);
    const namespace = resource.namespaced ? options.namespace ?? context.namespace : "";
    const ref = { name: options.name, namespace, kind: resource.kind, group: resource.group };
    const id = await applySetId(ref);
    const set = new ApplySet(
      client,
      discovery,
      resource,
      ref,
      id,
      options.tooling ?? KUBE_TOOLING,
      context,
    );
    await set.#read(options.adopt ?? false);
    return set;
  }

  /** The set's id: the parent's `applyset.kubernetes.io/id` label. */
  get id(): string {
    return this.#id;
  }

  /** How the parent is named in messages: `secrets my-app in default`. */
  get parentName(): string {
    const where = this.#ref.namespace ? ` in namespace ${this.#ref.namespace}` : "";
    return `${this.#resource.plural}${
      this.#resource.group ? "." + this.#resource.group : ""
    }/${this.#ref.name}${where}`;
  }

  /**
   * A member with the set's `part-of` label.
   *
   * @param object The object to apply.
   * @returns A copy with the label.
   * @throws {KubeError} When the object already sets the label (kubectl refuses it too).
   */
  labelMember(object: DynamicObject): DynamicObject {
    const labels = object.metadata.labels ?? {};
    if (APPLYSET_PART_OF_LABEL in labels) {
      throw new KubeError(
        `the ApplySet label ${APPLYSET_PART_OF_LABEL} is already set in the input; ` +
          `the ApplySet sets it`,
      );
    }
    return {
      ...object,
      metadata: { ...object.metadata, labels: { ...labels, [APPLYSET_PART_OF_LABEL]: this.#id } },
    };
  }

  /**
   * Counts a member in: its group-kind, and its namespace if it has one.
   *
   * @param groupKind `Kind.group`.
   * @param namespace The member's namespace, for a namespaced kind.
   */
  add(groupKind: string, namespace?: string): void {
    this.#kinds.add(groupKind);
    if (namespace) this.#namespaces.add(namespace);
  }

  /**
   * Writes the parent to cover both what it covered and what is about to be
   * applied, so that an apply cut short leaves no member untracked.
   */
  async widen(): Promise<void> {
    await this.#write(
      union(this.#previousKinds, this.#kinds),
      union(this.#previousNamespaces, this.#namespaces),
    );
  }

  /**
   * Deletes every member, of the group-kinds and in the namespaces the
   * parent recorded before this apply, whose UID the apply did not see.
   *
   * @param applied The UIDs of the objects this apply applied.
   * @returns One `pruned` result (or error) per member deleted.
   */
  async prune(applied: ReadonlySet<string>): Promise<ApplyResult[]> {
    const results: ApplyResult[] = [];
    const namespaces = [...this.#previousNamespaces].sort();
    for (const groupKind of [...this.#previousKinds].sort()) {
      const resource = this.#served(groupKind);
      if (!resource) continue;
      const scopes = resource.namespaced ? namespaces : [undefined];
      for (const namespace of scopes) {
        const api = dynamicApi(this.#client, resource, namespace);
        let members: DynamicObject[];
        try {
          members = (await api.listAll({
            labelSelector: `${APPLYSET_PART_OF_LABEL}=${this.#id}`,
            signal: this.#context.signal,
          })).items;
        } catch (e) {
          results.push({
            object: {
              apiVersion: apiVersionOf(resource),
              kind: resource.kind,
              metadata: namespace ? { namespace } : {},
            },
            resource,
            error: e as Error,
          });
          continue;
        }
        for (const member of members) {
          if (member.metadata.uid && applied.has(member.metadata.uid)) continue;
          const name = member.metadata.name!;
          try {
            await api.delete(name, {
              propagationPolicy: "Background",
              dryRun: this.#context.dryRun,
              signal: this.#context.signal,
            });
            results.push({ object: member, resource, outcome: "pruned" });
          } catch (e) {
            if (e instanceof ApiError && e.code === 404) continue;
            results.push({ object: member, resource, error: e as Error });
          }
        }
      }
    }
    return results;
  }

  /** Writes the parent to cover exactly what this apply applied. */
  async narrow(): Promise<void> {
    await this.#write(this.#kinds, this.#namespaces);
  }

  /** The preferred version of a recorded group-kind, if the server still serves it. */
  #served(groupKind: string): DiscoveredResource | undefined {
    const dot = groupKind.indexOf(".");
    const kind = dot === -1 ? groupKind : groupKind.slice(0, dot);
    const group = dot === -1 ? "" : groupKind.slice(dot + 1);
    return this.#discovery.resources.find((r) =>
      r.kind === kind && r.group === group && r.preferred
    );
  }

  async #read(adopt: boolean): Promise<void> {
    const api = dynamicApi(this.#client, this.#resource, this.#ref.namespace || undefined);
    let parent: DynamicObject;
    try {
      parent = await api.get(this.#ref.name, { signal: this.#context.signal });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) throw e;
      if (!BUILT_IN_PARENTS[this.#resource.kind] || this.#resource.group) {
        throw new KubeError(
          `ApplySet parent ${this.parentName} does not exist: a custom resource parent ` +
            `must be created before the apply`,
        );
      }
      return;
    }
    const annotations = parent.metadata.annotations ?? {};
    const labels = parent.metadata.labels ?? {};
    if (!adopt) {
      const tooling = annotations[APPLYSET_TOOLING_ANNOTATION];
      if (tooling === undefined) {
        throw new KubeError(
          `ApplySet parent ${this.parentName} exists and has no ${APPLYSET_TOOLING_ANNOTATION} ` +
            `annotation: it is no ApplySet (set adopt to make it one)`,
        );
      }
      const ours = toolName(this.#tooling);
      if (toolName(tooling) !== ours) {
        throw new KubeError(
          `ApplySet parent ${this.parentName} is managed by tooling "${
            toolName(tooling)
          }", not "${ours}" (set adopt to take it over)`,
        );
      }
      if (labels[APPLYSET_ID_LABEL] !== this.#id) {
        throw new KubeError(
          `ApplySet parent ${this.parentName} has ${
            labels[APPLYSET_ID_LABEL] === undefined ? "no" : "another"
          } ${APPLYSET_ID_LABEL} label than its identity gives (${this.#id})`,
        );
      }
      if (annotations[APPLYSET_GROUP_KINDS_ANNOTATION] === undefined) {
        throw new KubeError(
          `ApplySet parent ${this.parentName} has no ${APPLYSET_GROUP_KINDS_ANNOTATION} annotation`,
        );
      }
    }
    for (const gk of splitList(annotations[APPLYSET_GROUP_KINDS_ANNOTATION])) {
      this.#previousKinds.add(gk);
    }
    for (const ns of splitList(annotations[APPLYSET_NAMESPACES_ANNOTATION])) {
      this.#previousNamespaces.add(ns);
    }
    if (this.#ref.namespace) this.#previousNamespaces.add(this.#ref.namespace);
  }

  /**
   * Server-side applies the parent's metadata alone, as kubectl does, with
   * the field manager `TOOL-applyset`; a conflict is retried with force.
   */
  async #write(kinds: ReadonlySet<string>, namespaces: ReadonlySet<string>): Promise<void> {
    const body = {
      apiVersion: apiVersionOf(this.#resource),
      kind: this.#resource.kind,
      metadata: {
        name: this.#ref.name,
        ...(this.#ref.namespace ? { namespace: this.#ref.namespace } : {}),
        labels: { [APPLYSET_ID_LABEL]: this.#id },
        annotations: {
          [APPLYSET_TOOLING_ANNOTATION]: this.#tooling,
          [APPLYSET_GROUP_KINDS_ANNOTATION]: [...kinds].sort().join(","),
          [APPLYSET_NAMESPACES_ANNOTATION]: [...namespaces]
            .filter((ns) => ns !== this.#ref.namespace).sort().join(","),
        },
      },
    };
    const fieldManager = `${toolName(this.#tooling)}-applyset`;
    const send = (force: boolean) =>
      this.#client.request({
        method: "PATCH",
        path: resourcePath(this.#resource, {
          namespace: this.#ref.namespace || undefined,
          name: this.#ref.name,
        }),
        query: {
          fieldManager,
          force: force || undefined,
          dryRun: this.#context.dryRun ? "All" : undefined,
          fieldValidation: this.#context.fieldValidation,
        },
        body: JSON.stringify(body),
        contentType: "application/apply-patch+yaml",
        signal: this.#context.signal,
      }).then((res) => res.body?.cancel());
    try {
      await send(false);
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 409)) throw e;
      await send(true);
    }
  }
}

/** `kubectl/v1.32.4` -> `kubectl`: everything before the last `/`, as kubectl compares them. */
function toolName(tooling: string): string {
  const slash = tooling.lastIndexOf("/");
  return slash === -1 ? tooling : tooling.slice(0, slash);
}

function splitList(value: string | undefined): string[] {
  return value ? value.split(",").filter(Boolean) : [];
}

function union<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): Set<T> {
  return new Set([...a, ...b]);
}

/** The parent's resource: a built-in, or a custom resource whose CRD allows it. */
async function parentResource(
  client: Client,
  discovery: Discovery,
  kind: string,
  apiVersion: string | undefined,
  context: ApplySetContext,
): Promise<Resource> {
  const builtIn = BUILT_IN_PARENTS[kind];
  if (builtIn && (apiVersion === undefined || apiVersion === "v1")) return builtIn;
  if (!apiVersion) {
    throw new KubeError(`ApplySet parent of kind ${kind}: its apiVersion is needed`);
  }
  const resource = await discovery.find(apiVersion, kind, { signal: context.signal });
  const crds = dynamicApi(client, {
    group: "apiextensions.k8s.io",
    version: "v1",
    kind: "CustomResourceDefinition",
    plural: "customresourcedefinitions",
    namespaced: false,
  });
  const allowed = await crds.list({
    labelSelector: APPLYSET_PARENT_TYPE_LABEL,
    signal: context.signal,
  });
  const name = `${resource.plural}.${resource.group}`;
  if (!allowed.items.some((crd) => crd.metadata.name === name)) {
    throw new KubeError(
      `${kind} (${name}) cannot be an ApplySet parent: its CustomResourceDefinition ` +
        `lacks the ${APPLYSET_PARENT_TYPE_LABEL} label`,
    );
  }
  return resource;
}
