/**
 * An in-process API server for discovery and server-side apply: aggregated
 * (v2 or v2beta1) or legacy discovery of a configurable catalogue, objects of
 * any resource kept in memory with resourceVersions from a counter, apply
 * PATCHes that create (201), change (new resourceVersion) or leave alone,
 * lists by label, deletes, and CRDs that become Established and served.
 *
 * @module
 */

import type { Client } from "../../../../mod.ts";
import { testClient } from "../../../support/test_client.ts";

/** A resource the server serves. */
export interface ServedResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  singular?: string;
  shortNames?: string[];
  categories?: string[];
  subresources?: string[];
  verbs?: string[];
}

/** One request the server saw. */
export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  accept: string | null;
  contentType: string | null;
  body: string;
}

// deno-lint-ignore no-explicit-any
type Obj = any;

/** The catalogue most tests use. */
export const BUILT_INS: ServedResource[] = [
  {
    group: "",
    version: "v1",
    kind: "Namespace",
    plural: "namespaces",
    namespaced: false,
    shortNames: ["ns"],
  },
  {
    group: "",
    version: "v1",
    kind: "Pod",
    plural: "pods",
    namespaced: true,
    shortNames: ["po"],
    categories: ["all"],
    subresources: ["status", "log"],
  },
  {
    group: "",
    version: "v1",
    kind: "ConfigMap",
    plural: "configmaps",
    namespaced: true,
    shortNames: ["cm"],
  },
  { group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true },
  {
    group: "",
    version: "v1",
    kind: "Service",
    plural: "services",
    namespaced: true,
    shortNames: ["svc"],
    categories: ["all"],
  },
  {
    group: "",
    version: "v1",
    kind: "Event",
    plural: "events",
    namespaced: true,
    shortNames: ["ev"],
  },
  {
    group: "apps",
    version: "v1",
    kind: "Deployment",
    plural: "deployments",
    namespaced: true,
    shortNames: ["deploy"],
    categories: ["all"],
    subresources: ["scale", "status"],
  },
  {
    group: "events.k8s.io",
    version: "v1",
    kind: "Event",
    plural: "events",
    namespaced: true,
    shortNames: ["ev"],
  },
  {
    group: "apiextensions.k8s.io",
    version: "v1",
    kind: "CustomResourceDefinition",
    plural: "customresourcedefinitions",
    namespaced: false,
    shortNames: ["crd", "crds"],
    subresources: ["status"],
  },
  {
    group: "autoscaling",
    version: "v2",
    kind: "HorizontalPodAutoscaler",
    plural: "horizontalpodautoscalers",
    namespaced: true,
    shortNames: ["hpa"],
    categories: ["all"],
  },
  {
    group: "autoscaling",
    version: "v1",
    kind: "HorizontalPodAutoscaler",
    plural: "horizontalpodautoscalers",
    namespaced: true,
    shortNames: ["hpa"],
    categories: ["all"],
  },
];

/** How the server behaves. */
export interface ServerOptions {
  /** Which discovery it serves: aggregated v2 (default), v2beta1 only, or the legacy lists. */
  discovery?: "v2" | "v2beta1" | "legacy";
  /** The resources; {@linkcode BUILT_INS} by default. */
  resources?: ServedResource[];
  /** How many GETs of a new CRD answer without the Established condition: 2. */
  establishAfterGets?: number;
}

/** The server. Make one per test and close it. */
export class ApplyServer {
  #server: Deno.HttpServer<Deno.NetAddr>;
  #rv = 1000;
  #options: ServerOptions;
  resources: ServedResource[];
  objects = new Map<string, Obj>();
  seen: Seen[] = [];
  /** Answers a request before the server does, when it returns a Response. */
  intercept: (req: Seen) => Response | Promise<Response> | undefined = () => undefined;
  /** Requests in flight now, and the most ever at once. */
  inFlight = 0;
  maxInFlight = 0;
  #crdGets = new Map<string, number>();

  constructor(options: ServerOptions = {}) {
    this.#options = options;
    this.resources = [...(options.resources ?? BUILT_INS)];
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (req) => this.#handle(req),
    );
  }

  /** A client of this server whose default namespace is `default`. */
  client(): Client {
    return testClient(`http://127.0.0.1:${this.#server.addr.port}`);
  }

  /** Requests to a path, or matching a method and path prefix. */
  requests(method: string, prefix = ""): Seen[] {
    return this.seen.filter((r) => r.method === method && r.path.startsWith(prefix));
  }

  /** Stores an object as if some other client had written it. */
  put(path: string, object: Obj): Obj {
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(++this.#rv);
    stored.metadata.uid ??= crypto.randomUUID();
    this.objects.set(path, stored);
    return stored;
  }

  async close(): Promise<void> {
    await this.#server.shutdown();
  }

  async #handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const seen: Seen = {
      method: req.method,
      path: url.pathname,
      query: url.searchParams,
      accept: req.headers.get("accept"),
      contentType: req.headers.get("content-type"),
      body: await req.text(),
    };
    this.seen.push(seen);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // Let concurrent requests overlap, as a real server's would.
      await new Promise((resolve) => setTimeout(resolve, 1));
      const scripted = await this.intercept(seen);
      if (scripted) return scripted;
      return this.#route(seen);
    } finally {
      this.inFlight--;
    }
  }

  #route(req: Seen): Response {
    if (req.path === "/api" || req.path === "/apis") return this.#discovery(req);
    const legacy = req.path.match(/^\/(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))$/);
    if (legacy) {
      const [group, version] = legacy[1] ? ["", legacy[1]] : [legacy[2], legacy[3]];
      return Response.json(this.#resourceList(group, version));
    }
    const m = req.path.match(
      /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?$/,
    );
    if (!m) return status(404, "NotFound", `no route ${req.path}`);
    const [group, version] = m[1] ? ["", m[1]] : [m[2], m[3]];
    const namespace = m[4];
    const plural = m[5];
    const name = m[6];
    const resource = this.resources.find((r) =>
      r.group === group && r.version === version && r.plural === plural
    );
    if (!resource) {
      return status(404, "NotFound", `the server could not find the requested resource`);
    }
    const collection = `${group}/${plural}/${namespace ?? ""}`;
    const key = `${collection}/${name}`;
    const metadataOnly = req.accept?.includes("as=PartialObjectMetadata") ?? false;
    if (req.method === "GET" && name) {
      const object = this.objects.get(key);
      if (!object) return status(404, "NotFound", `${plural} "${name}" not found`);
      if (resource.kind === "CustomResourceDefinition") this.#maybeEstablish(object);
      return Response.json(metadataOnly ? partial(object) : object);
    }
    if (req.method === "GET") {
      const selector = req.query.get("labelSelector");
      const items = [...this.objects.entries()]
        .filter(([k]) => k.startsWith(`${group}/${plural}/${namespace ?? ""}`))
        .map(([, o]) => o)
        .filter((o) => matches(o, selector));
      return Response.json({
        kind: metadataOnly ? "PartialObjectMetadataList" : `${resource.kind}List`,
        apiVersion: metadataOnly ? "meta.k8s.io/v1" : (group ? `${group}/${version}` : version),
        metadata: { resourceVersion: String(this.#rv) },
        items: items.map((o) => metadataOnly ? partial(o) : o),
      });
    }
    if (req.method === "DELETE" && name) {
      const object = this.objects.get(key);
      if (!object) return status(404, "NotFound", `${plural} "${name}" not found`);
      // As the API server reads them: from the body when there is one, the query ignored.
      const dryRun = req.body
        ? JSON.parse(req.body).dryRun?.includes("All")
        : req.query.get("dryRun") === "All";
      if (!dryRun) this.objects.delete(key);
      return Response.json({ kind: "Status", apiVersion: "v1", status: "Success" });
    }
    if (req.method === "PATCH" && name) return this.#apply(req, resource, key, namespace, name);
    return status(405, "MethodNotAllowed", `${req.method} ${req.path}`);
  }

  #apply(
    req: Seen,
    resource: ServedResource,
    key: string,
    namespace: string | undefined,
    name: string,
  ): Response {
    if (req.contentType !== "application/apply-patch+yaml") {
      return status(415, "UnsupportedMediaType", `unsupported ${req.contentType}`);
    }
    if (!req.query.get("fieldManager")) {
      return status(400, "BadRequest", "fieldManager is required for apply requests");
    }
    const body = JSON.parse(req.body);
    if (body.metadata?.name !== name) {
      return status(400, "BadRequest", "the name of the object does not match the name on the URL");
    }
    if (resource.namespaced && body.metadata?.namespace && body.metadata.namespace !== namespace) {
      return status(
        400,
        "BadRequest",
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    const dryRun = req.query.get("dryRun") === "All";
    const existing = this.objects.get(key);
    const { metadata, ...rest } = body;
    const next = {
      ...(existing ?? {}),
      ...rest,
      metadata: {
        ...(existing?.metadata ?? {}),
        ...metadata,
        labels: { ...(existing?.metadata?.labels ?? {}), ...(metadata.labels ?? {}) },
        annotations: {
          ...(existing?.metadata?.annotations ?? {}),
          ...(metadata.annotations ?? {}),
        },
        ...(resource.namespaced ? { namespace } : {}),
      },
    };
    if (!Object.keys(next.metadata.labels).length) delete next.metadata.labels;
    if (!Object.keys(next.metadata.annotations).length) delete next.metadata.annotations;
    if (
      existing && canonical(existing) === canonical({ ...next, metadata: { ...next.metadata } })
    ) {
      return Response.json(existing);
    }
    next.metadata.uid = existing?.metadata.uid ?? crypto.randomUUID();
    next.metadata.resourceVersion = existing && dryRun
      ? existing.metadata.resourceVersion
      : String(++this.#rv);
    if (!dryRun) this.objects.set(key, next);
    if (resource.kind === "CustomResourceDefinition" && !dryRun && !existing) {
      this.#crdGets.set(name, 0);
    }
    return Response.json(next, { status: existing ? 200 : 201 });
  }

  /** A CRD answers Established after a few GETs, and its resource is served from then on. */
  #maybeEstablish(crd: Obj): void {
    const name = crd.metadata.name;
    const gets = (this.#crdGets.get(name) ?? Infinity) + 1;
    this.#crdGets.set(name, gets);
    if (gets <= (this.#options.establishAfterGets ?? 2) || crd.status) return;
    crd.status = { conditions: [{ type: "Established", status: "True" }] };
    const spec = crd.spec;
    for (const v of spec.versions) {
      this.resources.push({
        group: spec.group,
        version: v.name,
        kind: spec.names.kind,
        plural: spec.names.plural,
        namespaced: spec.scope === "Namespaced",
      });
    }
  }

  #discovery(req: Seen): Response {
    const mode = this.#options.discovery ?? "v2";
    const core = req.path === "/api";
    const wants = (v: string) =>
      req.accept?.includes(`g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`);
    if (mode !== "legacy" && wants(mode)) {
      return Response.json({
        kind: "APIGroupDiscoveryList",
        apiVersion: `apidiscovery.k8s.io/${mode}`,
        items: this.#groups().filter((g) => (g === "") === core).map((g) => ({
          metadata: { name: g },
          versions: this.#versions(g).map((version) => ({
            version,
            freshness: "Current",
            resources: this.resources.filter((r) => r.group === g && r.version === version).map((
              r,
            ) => ({
              resource: r.plural,
              responseKind: { group: r.group, version: r.version, kind: r.kind },
              scope: r.namespaced ? "Namespaced" : "Cluster",
              singularResource: r.singular ?? r.kind.toLowerCase(),
              verbs: r.verbs ?? ["create", "delete", "get", "list", "patch", "update", "watch"],
              ...(r.shortNames ? { shortNames: r.shortNames } : {}),
              ...(r.categories ? { categories: r.categories } : {}),
              subresources: (r.subresources ?? []).map((s) => ({ subresource: s, verbs: ["get"] })),
            })),
          })),
        })),
      }, {
        headers: {
          "content-type":
            `application/json;g=apidiscovery.k8s.io;v=${mode};as=APIGroupDiscoveryList`,
        },
      });
    }
    if (core) return Response.json({ kind: "APIVersions", versions: ["v1"] });
    return Response.json({
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: this.#groups().filter((g) => g !== "").map((g) => ({
        name: g,
        versions: this.#versions(g).map((v) => ({ groupVersion: `${g}/${v}`, version: v })),
        preferredVersion: {
          groupVersion: `${g}/${this.#versions(g)[0]}`,
          version: this.#versions(g)[0],
        },
      })),
    });
  }

  #resourceList(group: string, version: string): Obj {
    const rs = this.resources.filter((r) => r.group === group && r.version === version);
    return {
      kind: "APIResourceList",
      groupVersion: group ? `${group}/${version}` : version,
      resources: rs.flatMap((r) => [
        {
          name: r.plural,
          singularName: r.singular ?? r.kind.toLowerCase(),
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: r.verbs ?? ["create", "delete", "get", "list", "patch", "update", "watch"],
          ...(r.shortNames ? { shortNames: r.shortNames } : {}),
          ...(r.categories ? { categories: r.categories } : {}),
        },
        ...(r.subresources ?? []).map((s) => ({
          name: `${r.plural}/${s}`,
          singularName: "",
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: ["get"],
        })),
      ]),
    };
  }

  /** Groups in the order resources list them. */
  #groups(): string[] {
    return [...new Set(this.resources.map((r) => r.group))];
  }

  /** A group's versions in the order resources list them (the first preferred). */
  #versions(group: string): string[] {
    return [...new Set(this.resources.filter((r) => r.group === group).map((r) => r.version))];
  }
}

function partial(object: Obj): Obj {
  return { apiVersion: "meta.k8s.io/v1", kind: "PartialObjectMetadata", metadata: object.metadata };
}

function matches(object: Obj, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(",").every((term) => {
    const [k, v] = term.split("=");
    return v === undefined
      ? k in (object.metadata.labels ?? {})
      : object.metadata.labels?.[k] === v;
  });
}

function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
        : v,
  );
}

/** A Status answer. */
export function status(code: number, reason: string, message: string): Response {
  return Response.json(
    { kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message },
    { status: code },
  );
}
