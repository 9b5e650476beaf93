/**
 * `kubectl apply --server-side` as a function: objects of any kind applied
 * in kubectl's order, many at a time over the client's connection, each with
 * its own outcome, and optionally kept as an ApplySet that prunes.
 *
 * @module
 */

import type { Client } from "../../http/client.ts";
import { parseWarnings } from "../../http/response.ts";
import { ApiError, KubeError } from "../../errors.ts";
import { type Clock, realClock } from "../../util/clock.ts";
import type { CustomResourceDefinition, KubeObject } from "../../types/mod.ts";
import type { CallOptions } from "../../http/request.ts";
import { type DiscoveredResource, Discovery, splitApiVersion } from "../discovery.ts";
import { dynamicApi, type DynamicObject } from "../dynamic.ts";
import { resourcePath } from "../resource.ts";
import { ApplySet, type ApplySetOptions, groupKindOf } from "./applyset.ts";
import { describeSource } from "./parse.ts";
import type { ApplyResult } from "./result.ts";

/**
 * Options of {@linkcode applyManifests}.
 *
 * @example
 * ```ts
 * import type { ApplyOptions } from "./apply.ts";
 * const options: ApplyOptions = {
 *   fieldManager: "my-tool",
 *   namespace: "team-a",
 *   applySet: { kind: "ConfigMap", name: "my-app" },
 *   prune: true,
 * };
 * ```
 */
export interface ApplyOptions extends CallOptions {
  /** The field manager the server records the applied fields under. Required. */
  fieldManager: string;
  /** Take fields that other managers own instead of failing with 409 Conflict; false by default. */
  force?: boolean;
  /** The server's dry run (`dryRun=All`): everything is checked and admitted, nothing stored. */
  dryRun?: boolean;
  /**
   * What the server does with fields the schema does not know: `Strict`
   * (kubectl's default, and this one's) fails the object, `Warn` and
   * `Ignore` drop them (server-side apply refuses unknown fields anyway).
   */
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  /**
   * The namespace of namespaced objects that name none; the client's if
   * unset. An object that names another is refused, as kubectl refuses it.
   */
  namespace?: string;
  /** How many requests may be in flight at once: 32 (over HTTP/2 they share one connection). */
  concurrency?: number;
  /** Discovery to resolve kinds with; read afresh if not given. */
  discovery?: Discovery;
  /**
   * How long custom resources wait for a CustomResourceDefinition of the
   * same call to be Established and served: 60 s.
   */
  establishTimeoutMs?: number;
  /** The clock for that wait; the real one. */
  clock?: Clock;
  /** Keep the objects as an ApplySet: its parent, tooling, adoption. */
  applySet?: ApplySetOptions;
  /**
   * Delete the ApplySet's members that this apply no longer holds, once
   * every object applied; needs `applySet`. False by default.
   */
  prune?: boolean;
}

/** Namespaces and CRDs go first, as kubectl orders them. */
function isFirst(resource: { group: string; kind: string }): boolean {
  return (resource.group === "" && resource.kind === "Namespace") ||
    (resource.group === "apiextensions.k8s.io" && resource.kind === "CustomResourceDefinition");
}

const DEFAULT_CONCURRENCY = 32;
const DEFAULT_ESTABLISH_MS = 60_000;
/** Above this many objects of one resource in one namespace, one list reads their state. */
const LIST_THRESHOLD = 8;

interface Plan {
  index: number;
  /** The object as it will be sent. */
  object: DynamicObject;
  resource?: DiscoveredResource;
  namespace?: string;
  /** The CRD of this call whose kind this is, not served yet. */
  waitsOn?: string;
  error?: Error;
}

/**
 * Server-side applies objects as `kubectl apply --server-side` does, and
 * says what happened to each. Namespaces and CustomResourceDefinitions go
 * first; the custom resources of a CRD applied in the same call wait until
 * it is Established and served; everything else is applied `concurrency`
 * at a time over the client's connection. One failure never stops the
 * others: its result carries the error. The results come back in the order
 * of the input (pruned objects after them); a change the server made is
 * `configured`, an apply it found nothing to change in (the resourceVersion
 * stayed) `unchanged`.
 *
 * With `applySet`, the objects are labelled as members of the set, whose
 * parent (a Secret by default) records their group-kinds and namespaces as
 * kubectl records them; with `prune` too, once every object applied, the
 * members this call no longer holds are deleted and reported `pruned`.
 *
 * @param client The client.
 * @param objects The objects: from {@linkcode parseManifests}, or typed ones as they are
 * (each must carry its `apiVersion` and `kind`).
 * @param options Field manager (required), force, dry run, validation,
 * namespace, concurrency, ApplySet and pruning.
 * @returns One result per object, in input order, then one per pruned object.
 * @throws {KubeError} When no fieldManager is given, `prune` comes without
 * `applySet`, or the ApplySet's parent cannot be used (another tool's,
 * say); nothing is applied then.
 *
 * @example
 * ```ts ignore
 * import { applyManifests, Client, parseManifests } from "../../../mod.ts";
 * const client = await Client.load();
 * const objects = parseManifests(await Deno.readTextFile("app.yaml"));
 * for (const r of await applyManifests(client, objects, { fieldManager: "my-tool" })) {
 *   console.log(r.object.kind, r.object.metadata.name, r.outcome ?? r.error?.message);
 * }
 * ```
 */
export async function applyManifests(
  client: Client,
  objects: readonly KubeObject[],
  options: ApplyOptions,
): Promise<ApplyResult[]> {
  if (!options.fieldManager) {
    throw new KubeError("applyManifests: a fieldManager is required for server-side apply");
  }
  if (options.prune && !options.applySet) {
    throw new KubeError("applyManifests: prune needs an applySet to know what to prune");
  }
  const clock = options.clock ?? realClock;
  const signal = options.signal;
  const discovery = options.discovery ??
    await Discovery.load(client, { signal, timeoutMs: options.timeoutMs, clock });
  const namespace = options.namespace ?? client.namespace;
  const set = options.applySet
    ? await ApplySet.open(client, discovery, options.applySet, {
      namespace,
      dryRun: options.dryRun,
      fieldValidation: options.fieldValidation ?? "Strict",
      signal,
    })
    : undefined;

  const crds = definedKinds(objects);
  const plans = await Promise.all(
    objects.map((object, index) =>
      plan(object as DynamicObject, index, discovery, crds, namespace, options, set)
    ),
  );
  const results: ApplyResult[] = plans.map((p) => ({
    object: p.object,
    resource: p.resource,
    error: p.error,
  }));
  await set?.widen();

  const limiter = new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const prior = new PriorState(client, options.dryRun ?? false, signal);
  for (const p of plans) if (p.resource && !p.error) prior.expect(p.resource, p.namespace);
  const applyAll = (batch: Plan[]) =>
    Promise.all(batch.map((p) =>
      limiter.run(async () => {
        results[p.index] = await applyOne(client, p, prior, options);
      })
    ));

  const ready = plans.filter((p) => !p.error && !p.waitsOn);
  await applyAll(ready.filter((p) => isFirst(p.resource!)));
  const waiting = plans.filter((p) => !p.error && p.waitsOn);
  await Promise.all([
    applyAll(ready.filter((p) => !isFirst(p.resource!))),
    ...[...new Set(waiting.map((p) => p.waitsOn!))].map(async (crd) => {
      const dependents = waiting.filter((p) => p.waitsOn === crd);
      const definition = plans.find((p) =>
        p.resource?.kind === "CustomResourceDefinition" && p.object.metadata.name === crd
      );
      if (definition && results[definition.index].error) {
        for (const p of dependents) {
          results[p.index] = failed(p, `it waits on CustomResourceDefinition ${crd}, which failed`);
        }
        return;
      }
      const deadline = clock.now() + (options.establishTimeoutMs ?? DEFAULT_ESTABLISH_MS);
      try {
        await established(client, crd, clock, deadline, signal);
      } catch (e) {
        for (const p of dependents) results[p.index] = failed(p, (e as Error).message);
        return;
      }
      await Promise.all(dependents.map(async (p) => {
        try {
          p.resource = await servedBy(discovery, p.object, clock, deadline, signal);
          prior.expect(p.resource, p.namespace);
        } catch (e) {
          results[p.index] = { object: p.object, error: e as Error };
          return;
        }
        await limiter.run(async () => {
          results[p.index] = await applyOne(client, p, prior, options);
        });
      }));
    }),
  ]);

  if (set && options.prune && results.every((r) => !r.error)) {
    const applied = new Set(
      results.map((r) => r.applied?.metadata.uid).filter((uid): uid is string => !!uid),
    );
    const pruned = await set.prune(applied);
    results.push(...pruned);
    if (pruned.every((r) => !r.error)) {
      try {
        await set.narrow();
      } catch (e) {
        results.push({
          object: {
            apiVersion: "v1",
            kind: options.applySet?.kind ?? "Secret",
            metadata: { name: options.applySet!.name },
          },
          error: new KubeError(
            `apply and prune succeeded, but the ApplySet parent ${set.parentName} could not be updated: ${
              (e as Error).message
            }`,
            { cause: e },
          ),
        });
      }
    }
  }
  return results;
}

/** The kinds the CRDs among `objects` define: `group/version/Kind` -> CRD name and scope. */
function definedKinds(
  objects: readonly KubeObject[],
): Map<string, { name: string; namespaced: boolean }> {
  const kinds = new Map<string, { name: string; namespaced: boolean }>();
  for (const object of objects) {
    if (
      object.kind !== "CustomResourceDefinition" ||
      !object.apiVersion?.startsWith("apiextensions.k8s.io/")
    ) continue;
    const crd = object as CustomResourceDefinition;
    const spec = crd.spec;
    if (!spec?.group || !spec.names?.kind || !crd.metadata.name) continue;
    for (const v of spec.versions ?? []) {
      kinds.set(`${spec.group}/${v.name}/${spec.names.kind}`, {
        name: crd.metadata.name,
        namespaced: spec.scope !== "Cluster",
      });
    }
  }
  return kinds;
}

/** What an object will be sent as, and where; or why it cannot be. */
async function plan(
  input: DynamicObject,
  index: number,
  discovery: Discovery,
  crds: Map<string, { name: string; namespaced: boolean }>,
  defaultNamespace: string,
  options: ApplyOptions,
  set: ApplySet | undefined,
): Promise<Plan> {
  const from = describeSource(input);
  const what = `${input.kind ?? "an object"} ${
    typeof input.metadata?.name === "string" ? input.metadata.name : "without a name"
  }${from ? ` (${from})` : ""}`;
  const fail = (message: string): Plan => ({
    index,
    object: input,
    error: new KubeError(`${what}: ${message}`),
  });
  if (!input.apiVersion || !input.kind) return fail("no apiVersion or kind");
  const name: unknown = input.metadata?.name;
  if (name === undefined || name === "") {
    return fail("no metadata.name (server-side apply cannot generate names)");
  }
  if (typeof name !== "string") return fail("metadata.name is not a string");
  let resource = discovery.resolve(input.apiVersion, input.kind);
  const defined = crds.get(`${input.apiVersion}/${input.kind}`);
  let waitsOn: string | undefined;
  if (!resource && defined && !options.dryRun) {
    waitsOn = defined.name;
  } else if (!resource) {
    try {
      resource = await discovery.find(input.apiVersion, input.kind, { signal: options.signal });
    } catch (e) {
      return fail(
        `${(e as Error).message}${
          defined ? "" : " (ensure its CustomResourceDefinition is installed first)"
        }`,
      );
    }
  }
  const namespaced = resource ? resource.namespaced : defined!.namespaced;
  let object = input;
  let namespace: string | undefined;
  if (namespaced) {
    const own = input.metadata.namespace;
    if (own && options.namespace && own !== options.namespace) {
      // kubectl's words for the same refusal.
      return fail(
        `the namespace from the provided object "${own}" does not match the namespace ` +
          `"${options.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    namespace = own || defaultNamespace;
    if (own !== namespace) object = { ...object, metadata: { ...object.metadata, namespace } };
  }
  if (set) {
    try {
      object = set.labelMember(object);
    } catch (e) {
      return fail((e as Error).message);
    }
    const group = splitApiVersion(input.apiVersion).group;
    set.add(groupKindOf({ kind: input.kind, group }), namespace);
  }
  return { index, object, resource, namespace, waitsOn };
}

function failed(p: Plan, message: string): ApplyResult {
  return {
    object: p.object,
    error: new KubeError(`${p.object.kind} ${p.object.metadata.name}: ${message}`),
  };
}

/** One server-side apply, and what it came to. */
async function applyOne(
  client: Client,
  p: Plan,
  prior: PriorState,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const resource = p.resource!;
  const name = p.object.metadata.name!;
  try {
    const before = await prior.get(resource, p.namespace, name);
    const res = await client.request({
      method: "PATCH",
      path: resourcePath(resource, { namespace: p.namespace, name }),
      query: {
        fieldManager: options.fieldManager,
        force: options.force || undefined,
        dryRun: options.dryRun ? "All" : undefined,
        fieldValidation: options.fieldValidation ?? "Strict",
      },
      body: JSON.stringify(p.object),
      contentType: "application/apply-patch+yaml",
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const applied = await res.json() as DynamicObject;
    const warnings = warningsOf(res.headers);
    const outcome = res.status === 201
      ? "created"
      : !before
      ? "configured"
      : options.dryRun
      ? (sameObject(before, applied) ? "unchanged" : "configured")
      : applied.metadata?.resourceVersion === before.metadata.resourceVersion
      ? "unchanged"
      : "configured";
    return {
      object: p.object,
      resource,
      outcome,
      applied,
      ...(warnings.length ? { warnings } : {}),
    };
  } catch (e) {
    return { object: p.object, resource, error: e as Error };
  }
}

/** The texts of `Warning: 299 - "text"` headers (the client has printed them as well). */
function warningsOf(headers: Headers): string[] {
  const header = headers.get("warning");
  if (!header) return [];
  return parseWarnings(header).filter((w) => w.code === 299 && w.text).map((w) => w.text);
}

/** A dry run keeps the resourceVersion either way: compare the objects, managedFields aside. */
function sameObject(a: DynamicObject, b: DynamicObject): boolean {
  const strip = (o: DynamicObject) => ({
    ...o,
    metadata: { ...o.metadata, managedFields: undefined },
  });
  return canonical(strip(a)) === canonical(strip(b));
}

function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
        : v,
  );
}

/**
 * The state of objects before their apply, to tell `configured` from
 * `unchanged`: their metadata (their whole selves in a dry run, which keeps
 * the resourceVersion), read one by one, or with one list where many
 * objects share a resource and namespace.
 */
class PriorState {
  #client: Client;
  #whole: boolean;
  #signal: AbortSignal | undefined;
  #counts = new Map<string, number>();
  #lists = new Map<string, Promise<Map<string, DynamicObject>>>();

  constructor(client: Client, whole: boolean, signal: AbortSignal | undefined) {
    this.#client = client;
    this.#whole = whole;
    this.#signal = signal;
  }

  expect(resource: DiscoveredResource, namespace: string | undefined): void {
    const key = keyOf(resource, namespace);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + 1);
  }

  async get(
    resource: DiscoveredResource,
    namespace: string | undefined,
    name: string,
  ): Promise<DynamicObject | undefined> {
    const api = dynamicApi(this.#client, resource, namespace);
    const key = keyOf(resource, namespace);
    if ((this.#counts.get(key) ?? 0) > LIST_THRESHOLD && resource.verbs.includes("list")) {
      let list = this.#lists.get(key);
      if (!list) {
        const handle = this.#whole ? api : api.asMetadata();
        list = handle.listAll({ signal: this.#signal }).then((page) =>
          new Map(page.items.map((item) => [item.metadata.name!, item as DynamicObject]))
        );
        this.#lists.set(key, list);
      }
      return (await list).get(name);
    }
    try {
      const handle = this.#whole ? api : api.asMetadata();
      return await handle.get(name, { signal: this.#signal }) as DynamicObject;
    } catch (e) {
      if (e instanceof ApiError && e.code === 404) return undefined;
      throw e;
    }
  }
}

function keyOf(resource: DiscoveredResource, namespace: string | undefined): string {
  return `${resource.plural}.${resource.group}/${resource.version}/${namespace ?? ""}`;
}

/** Waits for a CRD to be Established, polling it, until the deadline. */
async function established(
  client: Client,
  name: string,
  clock: Clock,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const crds = dynamicApi(client, {
    group: "apiextensions.k8s.io",
    version: "v1",
    kind: "CustomResourceDefinition",
    plural: "customresourcedefinitions",
    namespaced: false,
  });
  let wait = 50;
  while (true) {
    const crd = await crds.get(name, { signal }) as CustomResourceDefinition;
    const conditions = crd.status?.conditions ?? [];
    if (conditions.some((c) => c.type === "Established" && c.status === "True")) return;
    const names = conditions.find((c) => c.type === "NamesAccepted" && c.status === "False");
    if (names) {
      throw new KubeError(
        `CustomResourceDefinition ${name} is not Established: NamesAccepted is False (${names.reason})`,
      );
    }
    if (clock.now() + wait > deadline) {
      throw new KubeError(`CustomResourceDefinition ${name} was not Established in time`);
    }
    await clock.sleep(wait, signal);
    wait = Math.min(wait * 2, 1_000);
  }
}

/** The resource of a custom resource whose CRD is Established: discovery may lag a moment. */
async function servedBy(
  discovery: Discovery,
  object: DynamicObject,
  clock: Clock,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<DiscoveredResource> {
  let wait = 50;
  while (true) {
    const found = discovery.resolve(object.apiVersion!, object.kind!);
    if (found) return found;
    try {
      return await discovery.find(object.apiVersion!, object.kind!, { signal });
    } catch (e) {
      if (clock.now() + wait > deadline) throw e;
    }
    await clock.sleep(wait, signal);
    wait = Math.min(wait * 2, 1_000);
  }
}

/** At most `limit` tasks at once; the rest wait their turn in order. */
class Limiter {
  #free: number;
  #queue: (() => void)[] = [];

  constructor(limit: number) {
    this.#free = Math.max(1, limit);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#queue.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#queue.shift();
      if (next) next();
      else this.#free++;
    }
  }
}
