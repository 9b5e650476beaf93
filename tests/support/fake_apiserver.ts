/**
 * A scripted in-process API server for pods: get, list and watch with real
 * semantics (resourceVersions from a counter, a compactable history,
 * limit/continue, bookmarks, timeoutSeconds, selectors, streaming lists,
 * metadata-only answers to `as=PartialObjectMetadata`) and knobs to misbehave.
 *
 * @module
 */

import {
  Api,
  Client,
  type ClientOptions,
  type KubeObject,
  type Pod,
  type Status,
} from "../../mod.ts";
import { Credentials } from "../../src/config/credentials.ts";

type EventType = "ADDED" | "MODIFIED" | "DELETED";

interface HistoryEntry {
  rv: number;
  type: EventType;
  object: Pod;
}

interface OpenWatch {
  namespace?: string;
  matches: (pod: Pod) => boolean;
  bookmarks: boolean;
  send: (line: string) => void;
  end: () => void;
  fail: (reason: Error) => void;
}

/** Misbehaviour to apply to the next watch requests. */
export interface Knobs {
  /** Split every line written into pieces of this many bytes. */
  chunkBytes?: number;
  /** Answer the next N list/watch requests with a 500. */
  fail500?: number;
  /** The next watch sends this line (e.g. garbage) after its backlog. */
  injectLine?: string;
  /** The next watch sends half a line, then the connection breaks. */
  dropMidLine?: boolean;
  /** The next watch sends an ERROR event with a 410 Status instead of events. */
  goneEvent?: boolean;
  /** Every watch sends an ERROR event with a 410 Status, until turned off. */
  goneAlways?: boolean;
  /** The next watch sends its headers, then nothing at all. */
  stall?: boolean;
  /** The next list answer's page gets these items too (an item without metadata, say). */
  extraListItems?: unknown[];
  /**
   * How the server treats sendInitialEvents: stream, refuse (422), ignore
   * (old servers), or `noEnd`: stream the initial events but end them with
   * a plain BOOKMARK, never the `k8s.io/initial-events-end` one (as some
   * aggregated API servers do), and keep the watch open.
   */
  streaming?: "stream" | "refuse" | "ignore" | "noEnd";
  /** Every answer carries one `Warning` header per value (e.g. `299 - "text"`), until turned off. */
  warnings?: string[];
}

/** One request the server saw. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Its Accept header. */
  accept: string | null;
}

/**
 * The fake server. Make one per test and `close()` it.
 */
export class FakeApiServer {
  #server: Deno.HttpServer<Deno.NetAddr>;
  #rv = 100;
  #objects = new Map<string, Pod>();
  #history: HistoryEntry[] = [];
  #compactedTo = 0;
  #watches = new Set<OpenWatch>();
  #snapshots = new Map<string, { rv: number; items: Pod[] }>();
  knobs: Knobs = { streaming: "refuse" };
  /** How many watches have been opened (registered for live events) so far. */
  watchesOpened = 0;
  requests: SeenRequest[] = [];

  constructor() {
    this.#server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (req) => this.#handle(req),
    );
  }

  /** The base URL. */
  get url(): string {
    return `http://127.0.0.1:${this.#server.addr.port}`;
  }

  /** The current resourceVersion. */
  get resourceVersion(): string {
    return String(this.#rv);
  }

  /** A client for this server (plain HTTP, no credentials). */
  client(options: ClientOptions = {}): Client {
    return new Client({
      source: "fake",
      context: "fake",
      cluster: "fake",
      user: "",
      server: this.url,
      namespace: "default",
      credentials: new Credentials(),
    }, options);
  }

  /** The objects as the server holds them, by `namespace/name`. */
  truth(): Map<string, Pod> {
    return new Map(this.#objects);
  }

  /** Watch requests seen, in order. */
  get watchRequests(): SeenRequest[] {
    return this.requests.filter((r) => r.query.get("watch") === "1");
  }

  /** List requests seen, in order. */
  get listRequests(): SeenRequest[] {
    return this.requests.filter((r) => r.query.get("watch") !== "1");
  }

  /** How many watches are open now. */
  get openWatches(): number {
    return this.#watches.size;
  }

  /** Creates a pod. */
  create(namespace: string, name: string, extra: Partial<Pod> = {}): Pod {
    const key = `${namespace}/${name}`;
    if (this.#objects.has(key)) throw new Error(`${key} exists`);
    const pod: Pod = {
      apiVersion: "v1",
      kind: "Pod",
      ...extra,
      metadata: {
        ...extra.metadata,
        name,
        namespace,
        uid: crypto.randomUUID(),
      },
    };
    return this.#record("ADDED", pod);
  }

  /** Changes a pod; `fn` edits a copy. */
  modify(namespace: string, name: string, fn: (pod: Pod) => void): Pod {
    const current = this.#objects.get(`${namespace}/${name}`);
    if (!current) throw new Error(`${namespace}/${name} does not exist`);
    const pod = structuredClone(current);
    fn(pod);
    return this.#record("MODIFIED", pod);
  }

  /** Deletes a pod. */
  remove(namespace: string, name: string): Pod {
    const current = this.#objects.get(`${namespace}/${name}`);
    if (!current) throw new Error(`${namespace}/${name} does not exist`);
    return this.#record("DELETED", structuredClone(current));
  }

  /** Sends a raw watch event line to open watches, as the server would (for odd orderings). */
  sendRaw(type: EventType, object: Pod): void {
    for (const watch of this.#watches) {
      if (watch.matches(object)) watch.send(JSON.stringify({ type, object }));
    }
  }

  /** Forgets history up to the current resourceVersion: older ones answer 410. */
  compact(): void {
    this.#compactedTo = this.#rv;
    this.#history = [];
    this.#snapshots.clear();
  }

  /** Sends a BOOKMARK at the current resourceVersion to watches that asked for them. */
  bookmark(): void {
    for (const watch of this.#watches) {
      if (watch.bookmarks) watch.send(bookmarkLine(String(this.#rv)));
    }
  }

  /** Ends every open watch normally, as the server does at timeoutSeconds. */
  endWatches(): void {
    for (const watch of [...this.#watches]) watch.end();
  }

  /** Breaks every open watch's connection. */
  breakWatches(): void {
    for (const watch of [...this.#watches]) {
      watch.fail(scriptedReset("connection reset"));
    }
  }

  /** Waits until `count` watches in all have been opened. */
  async waitForWatchesOpened(count: number, deadlineMs = 5_000): Promise<void> {
    await waitFor(() => this.watchesOpened >= count, deadlineMs, `watch number ${count} to open`);
  }

  /** Stops the server and every open watch. */
  async close(): Promise<void> {
    for (const watch of [...this.#watches]) watch.end();
    await this.#server.shutdown();
  }

  #record(type: EventType, pod: Pod): Pod {
    const rv = ++this.#rv;
    pod.metadata.resourceVersion = String(rv);
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (type === "DELETED") this.#objects.delete(key);
    else this.#objects.set(key, pod);
    this.#history.push({ rv, type, object: pod });
    for (const watch of this.#watches) {
      if (watch.matches(pod)) watch.send(JSON.stringify({ type, object: pod }));
    }
    return pod;
  }

  #handle(req: Request): Response {
    const res = this.#answer(req);
    for (const value of this.knobs.warnings ?? []) res.headers.append("Warning", value);
    return res;
  }

  #answer(req: Request): Response {
    const url = new URL(req.url);
    const query = url.searchParams;
    const accept = req.headers.get("accept");
    this.requests.push({ method: req.method, path: url.pathname, query, accept });
    const match = url.pathname.match(
      /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?pods(?:\/([^/]+))?$/,
    );
    if (!match || (match[2] && (!match[1] || req.method !== "GET"))) {
      return status(404, "NotFound", `no route ${req.method} ${url.pathname}`);
    }
    if (this.knobs.fail500) {
      this.knobs.fail500--;
      return status(500, "InternalError", "scripted failure");
    }
    const namespace = match[1] ? decodeURIComponent(match[1]) : undefined;
    const name = match[2] ? decodeURIComponent(match[2]) : undefined;
    const watching = query.get("watch") === "1";
    // As the API server does: `as=PartialObjectMetadataList` for lists,
    // `as=PartialObjectMetadata` for single objects and watch events.
    const as = accept?.match(/;\s*as=([A-Za-z]+)/)?.[1];
    const list = !name && !watching;
    if (as && as !== (list ? "PartialObjectMetadataList" : "PartialObjectMetadata")) {
      return status(
        406,
        "NotAcceptable",
        `you requested ${as}, but the requested object is ${list ? "a list" : "not a list"}`,
      );
    }
    if (name) return this.#get(`${namespace}/${name}`, as !== undefined);
    const matches = selector(namespace, query);
    return watching
      ? this.#watch(query, matches, namespace, as !== undefined)
      : this.#list(query, matches, as !== undefined);
  }

  #get(key: string, metadataOnly: boolean): Response {
    const pod = this.#objects.get(key);
    if (!pod) return status(404, "NotFound", `pods "${key.split("/")[1]}" not found`);
    return Response.json(metadataOnly ? partialObjectMetadata(pod) : pod);
  }

  #list(query: URLSearchParams, matches: (pod: Pod) => boolean, metadataOnly: boolean): Response {
    const limit = Number(query.get("limit") ?? 0);
    const token = query.get("continue");
    let snapshot: { rv: number; items: Pod[] };
    if (token) {
      const found = this.#snapshots.get(token);
      if (!found) {
        return status(
          410,
          "Expired",
          "The provided continue parameter is too old to display a consistent list result.",
        );
      }
      snapshot = found;
    } else {
      snapshot = {
        rv: this.#rv,
        items: [...this.#objects.values()].filter(matches),
      };
    }
    const items = limit ? snapshot.items.slice(0, limit) : snapshot.items;
    const rest = snapshot.items.slice(items.length);
    let next: string | undefined;
    if (rest.length) {
      next = crypto.randomUUID();
      this.#snapshots.set(next, { rv: snapshot.rv, items: rest });
    }
    const body = {
      kind: metadataOnly ? "PartialObjectMetadataList" : "PodList",
      apiVersion: metadataOnly ? "meta.k8s.io/v1" : "v1",
      metadata: {
        resourceVersion: String(snapshot.rv),
        ...(next ? { continue: next } : {}),
      },
      items: [
        ...(metadataOnly
          ? items.map(partialObjectMetadata)
          : items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest)),
        ...(this.knobs.extraListItems ?? []),
      ],
    };
    this.knobs.extraListItems = undefined;
    return Response.json(body);
  }

  #watch(
    query: URLSearchParams,
    matches: (pod: Pod) => boolean,
    namespace: string | undefined,
    metadataOnly: boolean,
  ): Response {
    const knobs = this.knobs;
    const initial = query.get("sendInitialEvents") === "true";
    if (initial && knobs.streaming === "refuse") {
      return status(
        422,
        "Invalid",
        "sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled",
      );
    }
    const streamList = initial && (knobs.streaming === "stream" || knobs.streaming === "noEnd");
    const endsInitialEvents = knobs.streaming !== "noEnd";
    const from = Number(query.get("resourceVersion") || 0);
    if (!streamList && from && from < this.#compactedTo) {
      return status(
        410,
        "Expired",
        `too old resource version: ${from} (${this.#compactedTo})`,
      );
    }
    const bookmarks = query.get("allowWatchBookmarks") === "true";
    const timeoutSeconds = Number(query.get("timeoutSeconds") ?? 0);
    const encoder = new TextEncoder();
    const chunkBytes = knobs.chunkBytes;
    const stall = knobs.stall;
    const goneEvent = knobs.goneEvent || knobs.goneAlways;
    const injectLine = knobs.injectLine;
    const dropMidLine = knobs.dropMidLine;
    knobs.stall = knobs.goneEvent = knobs.dropMidLine = false;
    knobs.injectLine = undefined;

    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const servers = this.#watches;
    const watch: OpenWatch = {
      namespace,
      matches,
      bookmarks,
      send: () => {},
      end: () => {},
      fail: () => {},
    };
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        const finish = () => {
          if (closed) return;
          closed = true;
          clearTimeout(timer);
          servers.delete(watch);
        };
        watch.end = () => {
          if (closed) return;
          finish();
          controller.close();
        };
        watch.fail = (reason) => {
          if (closed) return;
          finish();
          controller.error(reason);
        };
        watch.send = (line) => {
          if (closed || stall) return;
          if (metadataOnly) line = metadataLine(line);
          const bytes = encoder.encode(line + "\n");
          if (!chunkBytes) return controller.enqueue(bytes);
          for (let i = 0; i < bytes.length; i += chunkBytes) {
            controller.enqueue(bytes.slice(i, i + chunkBytes));
          }
        };
        if (stall) {
          servers.add(watch);
          this.watchesOpened++;
          return;
        }
        if (goneEvent) {
          watch.send(JSON.stringify({
            type: "ERROR",
            object: {
              kind: "Status",
              apiVersion: "v1",
              status: "Failure",
              code: 410,
              reason: "Expired",
              message: "too old resource version",
            } satisfies Status,
          }));
          finish();
          controller.close();
          return;
        }
        if (streamList) {
          for (const pod of this.#objects.values()) {
            if (matches(pod)) {
              watch.send(JSON.stringify({ type: "ADDED", object: pod }));
            }
          }
          watch.send(bookmarkLine(String(this.#rv), endsInitialEvents));
        } else if (initial && !from) {
          // An old server ignoring sendInitialEvents: synthetic ADDED for everything, no end bookmark.
          for (const pod of this.#objects.values()) {
            if (matches(pod)) {
              watch.send(JSON.stringify({ type: "ADDED", object: pod }));
            }
          }
        } else {
          for (const entry of this.#history) {
            if (entry.rv > from && matches(entry.object)) {
              watch.send(
                JSON.stringify({ type: entry.type, object: entry.object }),
              );
            }
          }
        }
        if (injectLine !== undefined) {
          controller.enqueue(encoder.encode(injectLine + "\n"));
        }
        if (dropMidLine) {
          const half = JSON.stringify({
            type: "ADDED",
            object: { metadata: { name: "half" } },
          });
          controller.enqueue(encoder.encode(half.slice(0, half.length / 2)));
          finish();
          controller.error(scriptedReset("connection reset mid-line"));
          return;
        }
        servers.add(watch);
        this.watchesOpened++;
        if (timeoutSeconds) {
          timer = setTimeout(() => watch.end(), timeoutSeconds * 1000);
        }
      },
      cancel: () => {
        closed = true;
        clearTimeout(timer);
        servers.delete(watch);
      },
    });
    return new Response(body, {
      headers: { "content-type": "application/json" },
    });
  }
}

/**
 * The error that breaks a response body on purpose. Deno's server logs it;
 * one line without a stack says it was scripted.
 */
function scriptedReset(what: string): Error {
  const error = new Error(what);
  error.stack = `fake API server: scripted ${what} (expected in tests)`;
  return error;
}

/** An object as a metadata-only request gets it, bookmarks included. */
function partialObjectMetadata(object: KubeObject) {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: object.metadata };
}

/** A watch line as a metadata-only watch gets it; a Status (ERROR) is left whole. */
function metadataLine(line: string): string {
  const event = JSON.parse(line);
  if (event.type === "ERROR") return line;
  return JSON.stringify({ type: event.type, object: partialObjectMetadata(event.object) });
}

function bookmarkLine(
  resourceVersion: string,
  initialEventsEnd = false,
): string {
  return JSON.stringify({
    type: "BOOKMARK",
    object: {
      kind: "Pod",
      apiVersion: "v1",
      metadata: {
        resourceVersion,
        ...(initialEventsEnd ? { annotations: { "k8s.io/initial-events-end": "true" } } : {}),
      },
    },
  });
}

function status(code: number, reason: string, message: string): Response {
  return Response.json(
    {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      code,
      reason,
      message,
    } satisfies Status,
    { status: code },
  );
}

/** Equality-based label (`a=b,c!=d`) and field (`metadata.name`, `spec.nodeName`) selectors. */
function selector(
  namespace: string | undefined,
  query: URLSearchParams,
): (pod: Pod) => boolean {
  const labels = parse(query.get("labelSelector"));
  const fields = parse(query.get("fieldSelector"));
  const field = (pod: Pod, path: string) =>
    path.split(".").reduce<unknown>(
      (v, k) => (v as Record<string, unknown> | undefined)?.[k],
      pod,
    ) ?? "";
  return (pod) =>
    (!namespace || pod.metadata.namespace === namespace) &&
    labels.every(([k, op, v]) => (pod.metadata.labels?.[k] === v) === (op === "=")) &&
    fields.every(([k, op, v]) => (field(pod, k) === v) === (op === "="));
}

function parse(text: string | null): [string, string, string][] {
  if (!text) return [];
  return text.split(",").map((term) => {
    const m = term.match(/^([^!=]+)(!=|==|=)(.*)$/);
    if (!m) throw new Error(`bad selector ${term}`);
    return [m[1], m[2] === "!=" ? "!=" : "=", m[3]];
  });
}

/** Waits until `condition` holds, checking every few milliseconds, or fails after the deadline. */
export async function waitFor(
  condition: () => boolean,
  deadlineMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) {
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The keys and resourceVersions of a map of objects, for comparing caches with the truth. */
export function versions(
  objects: ReadonlyMap<string, KubeObject>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    [...objects].map(([k, v]) => [k, v.metadata.resourceVersion]).sort(),
  );
}

/** Paged lists, and backoff short enough that tests never wait on it. */
export const fast = { initialList: "list", backoff: { initialMs: 1, jitter: 0 } } as const;

/** Runs `fn` with a fresh server and a pod Api on it, then closes both. */
export async function withServer(
  fn: (server: FakeApiServer, pods: Api<Pod>) => Promise<void>,
): Promise<void> {
  const server = new FakeApiServer();
  const client = server.client();
  try {
    await fn(server, Api.v1Pod(client));
  } finally {
    client.close();
    await server.close();
  }
}

/**
 * Runs one poll through one watch round: waits for its watch to open, makes
 * the changes of `act`, then ends the round as the server does at its timeout.
 */
export async function pollRound<T>(
  server: FakeApiServer,
  poll: () => Promise<T>,
  act: () => void = () => {},
): Promise<T> {
  const opened = server.watchesOpened + 1;
  const done = poll();
  await server.waitForWatchesOpened(opened);
  act();
  server.endWatches();
  return await done;
}
