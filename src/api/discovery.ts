/**
 * Discovery: which groups, versions and resources the API server serves, read
 * in two requests (aggregated discovery) or per group-version on older
 * servers, cached, and looked up the way kubectl looks names up.
 *
 * @module
 */

import type { Client } from "../http/client.ts";
import { KubeError } from "../errors.ts";
import { type Clock, realClock } from "../util/clock.ts";
import { abortable } from "../util/abort.ts";
import type { CallOptions } from "../http/request.ts";
import type { Resource } from "./resource.ts";

/**
 * A resource as discovery describes it: what identifies it, and what it
 * offers (verbs, subresources, short names, categories).
 *
 * @example
 * ```ts
 * import type { DiscoveredResource } from "./discovery.ts";
 * const deployments: DiscoveredResource = {
 *   group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true,
 *   singular: "deployment", verbs: ["get", "list", "watch", "patch"], shortNames: ["deploy"],
 *   categories: ["all"], subresources: ["scale", "status"], preferred: true,
 * };
 * ```
 */
export interface DiscoveredResource extends Resource {
  /** Lower-case singular name, e.g. `deployment`. */
  singular: string;
  /** Verbs the server allows on it, e.g. `get`, `list`, `watch`, `patch`. */
  verbs: string[];
  /** Short names, e.g. `deploy`. */
  shortNames: string[];
  /** Categories it belongs to, e.g. `all`. */
  categories: string[];
  /** Subresources, e.g. `status`, `scale`. */
  subresources: string[];
  /** Whether `version` is its group's preferred version. */
  preferred: boolean;
}

/**
 * A group as the server serves it: its versions, the preferred first.
 *
 * @example
 * ```ts
 * import type { DiscoveredGroup } from "./discovery.ts";
 * const apps: DiscoveredGroup = { name: "apps", versions: ["v1"], preferredVersion: "v1" };
 * ```
 */
export interface DiscoveredGroup {
  /** The group's name; `""` for the core group. */
  name: string;
  /** Served versions, in the server's order of preference. */
  versions: string[];
  /** The version kubectl picks when none is named. */
  preferredVersion: string;
}

/**
 * Options of {@linkcode Discovery.load}.
 *
 * @example
 * ```ts
 * import type { DiscoveryOptions } from "./discovery.ts";
 * const options: DiscoveryOptions = { maxAgeMs: 60_000, signal: AbortSignal.timeout(10_000) };
 * ```
 */
export interface DiscoveryOptions extends CallOptions {
  /**
   * How old the cache may grow before a lookup reads discovery again:
   * 5 minutes by default (kubectl keeps its disk cache for 6 hours, but a
   * miss re-reads it at once, as here).
   */
  maxAgeMs?: number;
  /** The clock the cache's age is measured by; the real one. */
  clock?: Clock;
}

/**
 * What `Accept` asks for: aggregated discovery v2 (GA in 1.30), else v2beta1
 * (1.26-1.29), else the legacy lists. The server answers with the first it
 * serves.
 */
const ACCEPT_AGGREGATED = [
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
  "application/json",
].join(",");

const DEFAULT_MAX_AGE_MS = 5 * 60_000;

interface Snapshot {
  groups: DiscoveredGroup[];
  /** Every served resource in every version, groups in the server's order, core first. */
  resources: DiscoveredResource[];
  readAt: number;
  aggregated: boolean;
}

/**
 * What the API server serves, read once and cached: the groups, their
 * versions (preferred first) and every resource of each. Lookups by
 * `apiVersion` and `kind` ({@linkcode Discovery.resolve}) or by the names
 * kubectl accepts ({@linkcode Discovery.lookup}). A lookup that misses, or
 * that finds the cache older than `maxAgeMs`, reads discovery again once (a
 * CRD created a second ago resolves); concurrent misses share that read.
 *
 * @example
 * ```ts ignore
 * import { Client, Discovery } from "../../mod.ts";
 * const client = await Client.load();
 * const discovery = await Discovery.load(client);
 * discovery.resolve("apps/v1", "Deployment")?.plural; // "deployments"
 * (await discovery.lookup("deploy"))[0].group; // "apps"
 * ```
 */
export class Discovery {
  #client: Client;
  #maxAgeMs: number;
  #clock: Clock;
  #timeoutMs: number | undefined;
  #snapshot: Snapshot;
  #reading: Promise<Snapshot> | undefined;
  #reads = 1;

  private constructor(client: Client, snapshot: Snapshot, options: DiscoveryOptions) {
    this.#client = client;
    this.#snapshot = snapshot;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#clock = options.clock ?? realClock;
    this.#timeoutMs = options.timeoutMs;
  }

  /**
   * Reads discovery: `GET /api` and `GET /apis` asking for aggregated
   * discovery, then, if the server answers with the legacy lists, each
   * group-version's resources.
   *
   * @param client The client.
   * @param options Cache age, clock, signal, deadline.
   * @returns The discovery, loaded.
   * @throws {ApiError} When the server refuses discovery.
   *
   * @example
   * ```ts ignore
   * const discovery = await Discovery.load(client, { signal: AbortSignal.timeout(10_000) });
   * ```
   */
  static async load(client: Client, options: DiscoveryOptions = {}): Promise<Discovery> {
    const clock = options.clock ?? realClock;
    const snapshot = await readDiscovery(client, clock, options);
    return new Discovery(client, snapshot, options);
  }

  /** Every group the server serves, core first, in the server's order. */
  get groups(): readonly DiscoveredGroup[] {
    return this.#snapshot.groups;
  }

  /** Every resource in every served version (not subresources). */
  get resources(): readonly DiscoveredResource[] {
    return this.#snapshot.resources;
  }

  /** True when the server answered with aggregated discovery (two requests). */
  get aggregated(): boolean {
    return this.#snapshot.aggregated;
  }

  /** How many times discovery has been read, the first load included. */
  get reads(): number {
    return this.#reads;
  }

  /**
   * The resource of `kind` in `apiVersion`, from the cache as it stands (no
   * request; see {@linkcode Discovery.find} for one that re-reads on a miss).
   *
   * @param apiVersion E.g. `apps/v1`, or `v1` for the core group.
   * @param kind E.g. `Deployment`.
   * @returns The resource, or `undefined` when the cache has no such kind.
   *
   * @example
   * ```ts ignore
   * const deployments = discovery.resolve("apps/v1", "Deployment");
   * if (deployments) console.log(deployments.plural, deployments.namespaced);
   * ```
   */
  resolve(apiVersion: string, kind: string): DiscoveredResource | undefined {
    const { group, version } = splitApiVersion(apiVersion);
    return this.#snapshot.resources.find((r) =>
      r.kind === kind && r.group === group && r.version === version
    );
  }

  /**
   * The resource of `kind` in `apiVersion`; on a miss (or a cache older than
   * `maxAgeMs`), discovery is read again once, and a miss then is an error.
   *
   * @param apiVersion E.g. `clux.dev/v1`.
   * @param kind E.g. `Foo`.
   * @param options The signal.
   * @returns The resource.
   * @throws {KubeError} Naming the kind and what the group serves instead:
   * `no kind "Foo" in clux.dev/v2: the server serves clux.dev in v1`.
   *
   * @example
   * ```ts ignore
   * const foos = await discovery.find("clux.dev/v1", "Foo");
   * ```
   */
  async find(
    apiVersion: string,
    kind: string,
    options: CallOptions = {},
  ): Promise<DiscoveredResource> {
    const found = await this.#withRetry(() => this.resolve(apiVersion, kind), options);
    if (found) return found;
    throw new KubeError(this.#missing(apiVersion, kind));
  }

  /**
   * Resources by the names kubectl takes: a plural (`deployments`), a
   * singular (`deployment`), a short name (`deploy`, `po`), a kind
   * (`Deployment`), each optionally with a group (`deployments.apps`) or
   * version and group (`deployments.v1.apps`), or a category (`all`). A
   * name gives one resource in its group's preferred version (the first
   * group in the server's order when several match, core first, as kubectl
   * picks); a category gives every resource in it. On a miss, discovery is
   * read again once.
   *
   * @param name What to look up.
   * @param options The signal.
   * @returns The resources; empty when nothing matches.
   *
   * @example
   * ```ts ignore
   * const [deployments] = await discovery.lookup("deploy");
   * const everything = await discovery.lookup("all"); // pods, services, deployments, ...
   * ```
   */
  async lookup(name: string, options: CallOptions = {}): Promise<DiscoveredResource[]> {
    const found = await this.#withRetry(() => {
      const matches = this.match(name);
      return matches.length ? matches : undefined;
    }, options);
    return found ?? [];
  }

  /**
   * {@linkcode Discovery.lookup} from the cache as it stands, without a request.
   *
   * @param name What to look up.
   * @returns The resources; empty when nothing matches.
   *
   * @example
   * ```ts ignore
   * discovery.match("po")[0].kind; // "Pod"
   * ```
   */
  match(name: string): DiscoveredResource[] {
    // The resources run group by group in the server's order, each group's
    // versions most preferred first: the first match is kubectl's pick (the
    // preferred version, or the most preferred one that has the resource).
    const resources = this.#snapshot.resources;
    const [word, ...rest] = name.toLowerCase().split(".");
    const qualifier = rest.join(".");
    const named = (r: DiscoveredResource) =>
      r.plural === word || r.singular === word || r.kind.toLowerCase() === word ||
      r.shortNames.includes(word);
    if (qualifier) {
      // `deployments.v1.apps` when `v1` is a version of `apps`, else `deployments.apps`
      // (a group may itself hold dots: `foos.clux.dev`).
      const [maybeVersion, ...groupParts] = rest;
      const versionGroup = groupParts.join(".");
      const exact = resources.find((r) =>
        named(r) && groupParts.length > 0 && r.version === maybeVersion && r.group === versionGroup
      );
      const found = exact ?? resources.find((r) => named(r) && r.group === qualifier);
      return found ? [found] : [];
    }
    const found = resources.find(named);
    if (found) return [found];
    const seen = new Set<string>();
    return resources.filter((r) => {
      const groupKind = `${r.kind}.${r.group}`;
      if (!r.categories.includes(word) || seen.has(groupKind)) return false;
      seen.add(groupKind);
      return true;
    });
  }

  /**
   * Reads discovery again now (joining a read already under way).
   *
   * @param options The signal.
   * @returns When the cache holds the new answer.
   *
   * @example
   * ```ts ignore
   * await discovery.refresh();
   * ```
   */
  async refresh(options: CallOptions = {}): Promise<void> {
    // One read for every waiter: none of their signals ends it (the deadline does).
    this.#reading ??= readDiscovery(this.#client, this.#clock, { timeoutMs: this.#timeoutMs })
      .then((snapshot) => {
        this.#snapshot = snapshot;
        this.#reads++;
        return snapshot;
      })
      .finally(() => this.#reading = undefined);
    await abortable(this.#reading, options.signal);
  }

  /** `look` on the cache; on a miss or an old cache, once more after a read. */
  async #withRetry<T>(look: () => T | undefined, options: CallOptions): Promise<T | undefined> {
    const stale = this.#clock.now() - this.#snapshot.readAt > this.#maxAgeMs;
    if (!stale) {
      const found = look();
      if (found !== undefined) return found;
    }
    // A read that started after this lookup began answers it; one already
    // under way may predate the change, but joining it keeps misses to one read.
    await this.refresh(options);
    return look();
  }

  #missing(apiVersion: string, kind: string): string {
    const { group, version } = splitApiVersion(apiVersion);
    const served = this.#snapshot.groups.find((g) => g.name === group);
    const groupName = group || "the core group";
    if (!served) {
      return `no kind "${kind}" in ${apiVersion}: the server serves no group ${groupName}` +
        (group ? " (is its CustomResourceDefinition installed?)" : "");
    }
    const elsewhere = this.#snapshot.resources
      .filter((r) => r.group === group && r.kind === kind)
      .map((r) => r.version);
    if (elsewhere.length) {
      return `no kind "${kind}" in ${apiVersion}: the server serves ${kind} in ${groupName} ` +
        `${elsewhere.join(", ")} only (${groupName} serves ${served.versions.join(", ")})`;
    }
    const versionServed = served.versions.includes(version);
    return `no kind "${kind}" in ${apiVersion}: ${groupName} serves ${served.versions.join(", ")}${
      versionServed ? `, and ${kind} in none of them` : ""
    }`;
  }
}

/**
 * Splits an `apiVersion` into its group and version.
 *
 * @param apiVersion E.g. `apps/v1` or `v1`.
 * @returns The group (`""` for the core group) and version.
 *
 * @example
 * ```ts
 * import { splitApiVersion } from "./discovery.ts";
 * splitApiVersion("apps/v1"); // { group: "apps", version: "v1" }
 * ```
 */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash === -1
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

// The wire shapes, as far as discovery reads them.

interface AggregatedList {
  kind?: string;
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      freshness?: string;
      resources?: {
        resource: string;
        responseKind?: { kind?: string };
        scope?: string;
        singularResource?: string;
        verbs?: string[];
        shortNames?: string[];
        categories?: string[];
        subresources?: { subresource: string }[];
      }[];
    }[];
  }[];
}

interface LegacyVersions {
  kind?: string;
  versions?: string[];
}

interface LegacyGroups {
  kind?: string;
  groups?: {
    name: string;
    versions?: { version: string }[];
    preferredVersion?: { version: string };
  }[];
}

interface LegacyResources {
  resources?: {
    name: string;
    singularName?: string;
    namespaced?: boolean;
    kind: string;
    verbs?: string[];
    shortNames?: string[];
    categories?: string[];
  }[];
}

async function readDiscovery(
  client: Client,
  clock: Clock,
  options: CallOptions,
): Promise<Snapshot> {
  const get = <T>(path: string, accept: string) =>
    client.json<T>({
      path,
      headers: { Accept: accept },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  const [core, named] = await Promise.all([
    get<AggregatedList & LegacyVersions>("/api", ACCEPT_AGGREGATED),
    get<AggregatedList & LegacyGroups>("/apis", ACCEPT_AGGREGATED),
  ]);
  if (core.kind === "APIGroupDiscoveryList" && named.kind === "APIGroupDiscoveryList") {
    return { ...fromAggregated([core, named]), readAt: clock.now(), aggregated: true };
  }
  const legacy = await fromLegacy(
    core,
    named,
    (path) => get<LegacyResources>(path, "application/json"),
  );
  return { ...legacy, readAt: clock.now(), aggregated: false };
}

function fromAggregated(lists: AggregatedList[]): Omit<Snapshot, "readAt" | "aggregated"> {
  const groups: DiscoveredGroup[] = [];
  const resources: DiscoveredResource[] = [];
  for (const list of lists) {
    for (const item of list.items ?? []) {
      const group = item.metadata?.name ?? "";
      // A Stale version is one an aggregated API server failed to report: skip it.
      const versions = (item.versions ?? []).filter((v) => v.freshness !== "Stale");
      if (!versions.length) continue;
      groups.push({
        name: group,
        versions: versions.map((v) => v.version),
        preferredVersion: versions[0].version,
      });
      versions.forEach((v, i) => {
        for (const r of v.resources ?? []) {
          const kind = r.responseKind?.kind;
          if (!kind) continue;
          resources.push({
            group,
            version: v.version,
            kind,
            plural: r.resource,
            namespaced: r.scope === "Namespaced",
            singular: r.singularResource || kind.toLowerCase(),
            verbs: r.verbs ?? [],
            shortNames: r.shortNames ?? [],
            categories: r.categories ?? [],
            subresources: (r.subresources ?? []).map((s) => s.subresource),
            preferred: i === 0,
          });
        }
      });
    }
  }
  return { groups, resources };
}

async function fromLegacy(
  core: LegacyVersions,
  named: LegacyGroups,
  get: (path: string) => Promise<LegacyResources>,
): Promise<Omit<Snapshot, "readAt" | "aggregated">> {
  const groups: DiscoveredGroup[] = [];
  const coreVersions = core.versions ?? [];
  if (coreVersions.length) {
    groups.push({ name: "", versions: coreVersions, preferredVersion: coreVersions[0] });
  }
  for (const g of named.groups ?? []) {
    const versions = (g.versions ?? []).map((v) => v.version);
    if (!versions.length) continue;
    const preferredVersion = g.preferredVersion?.version ?? versions[0];
    groups.push({
      name: g.name,
      versions: [preferredVersion, ...versions.filter((v) => v !== preferredVersion)],
      preferredVersion,
    });
  }
  const perVersion = await Promise.all(groups.flatMap((g) =>
    g.versions.map(async (version) => {
      const path = g.name ? `/apis/${g.name}/${version}` : `/api/${version}`;
      // An aggregated API server that is down (metrics.k8s.io, say) answers
      // 503: kubectl leaves its resources out, and so does this.
      const list = await get(path).catch(() => undefined);
      return list ? fromResourceList(g, version, list) : [];
    })
  ));
  return { groups, resources: perVersion.flat() };
}

function fromResourceList(
  group: DiscoveredGroup,
  version: string,
  list: LegacyResources,
): DiscoveredResource[] {
  const entries = list.resources ?? [];
  const subresources = new Map<string, string[]>();
  for (const entry of entries) {
    const slash = entry.name.indexOf("/");
    if (slash === -1) continue;
    const parent = entry.name.slice(0, slash);
    subresources.set(parent, [...(subresources.get(parent) ?? []), entry.name.slice(slash + 1)]);
  }
  return entries.filter((entry) => !entry.name.includes("/")).map((entry) => ({
    group: group.name,
    version,
    kind: entry.kind,
    plural: entry.name,
    namespaced: entry.namespaced ?? false,
    singular: entry.singularName || entry.kind.toLowerCase(),
    verbs: entry.verbs ?? [],
    shortNames: entry.shortNames ?? [],
    categories: entry.categories ?? [],
    subresources: subresources.get(entry.name) ?? [],
    preferred: version === group.preferredVersion,
  }));
}
