/**
 * The chaos rig: watch caches with default options behind a TCP fault proxy,
 * a writer that changes objects straight through the API server, faults on
 * cue, and the time each fault takes to heal (every cache equal to a fresh
 * list). Shared by the chaos e2e test and `deno task chaos`.
 *
 * @module
 */

import {
  Api,
  Client,
  type ConfigMap,
  Informer,
  type KubeObject,
  Reflector,
  type Secret,
} from "../../mod.ts";
import { script } from "../e2e/_cluster.ts";
import { FaultProxy } from "./fault_proxy.ts";

/**
 * The bound on healing, from a fault until every cache equals a fresh list
 * (and until a request caught by it settles): 30 s. A dead connection is
 * found 20 s after its last byte (the pool's silence and probe deadline).
 */
export const HEAL_MS = 30_000;

/** The faults the rig can cause. */
export const FAULTS = {
  /** Every open connection stops forwarding without closing. */
  "black hole": (rig: ChaosRig) => void rig.proxy.blackhole(),
  /** Every open connection is closed. */
  "cut": (rig: ChaosRig) => void rig.proxy.cut(),
  /** kube-apiserver stops and starts again on the same port. */
  "apiserver restart": async () => void await script("restart-apiserver.sh"),
  /** etcd forgets old revisions (ConfigMap watches, served from etcd, get 410), then a cut. */
  "compaction, then cut": async (rig: ChaosRig) => {
    // Two Secret writes first, with the writer paused so that no ConfigMap
    // write slips in after them: the ConfigMap caches' resourceVersion is
    // then older than the revision compacted to, and resuming from it
    // answers 410.
    await rig.stopWriting();
    await rig.writeSecrets(2);
    await script("compact.sh");
    rig.proxy.cut();
    rig.startWriting();
  },
} as const;

/** A fault's name. */
export type Fault = keyof typeof FAULTS;

/** What one fault cost. */
export interface Healing {
  fault: Fault;
  /** Milliseconds from the fault until every cache equalled a fresh list. */
  ms: number;
}

/** Names and resourceVersions, sorted: two caches that agree on these hold the same objects. */
function versions(objects: Iterable<KubeObject>): string {
  return [...objects].map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).sort()
    .join(" ");
}

const OBJECTS = 12;

/**
 * Two Reflectors (Secrets, served from the API server's watch cache, and
 * ConfigMaps, served from etcd: the local control plane turns the cache off
 * for them) and an Informer on ConfigMaps, all on one client whose every
 * connection goes through the proxy; and a writer on a direct client.
 */
export class ChaosRig implements AsyncDisposable {
  readonly proxy: FaultProxy;
  readonly client: Client;
  readonly secrets: Reflector<Secret>;
  readonly configMaps: Reflector<ConfigMap>;
  readonly informer: Informer<ConfigMap>;
  /** Objects as the Informer's events say they are. */
  readonly informed = new Map<string, ConfigMap>();
  /** Loops that ended, or failed, without being asked to. */
  readonly ended: string[] = [];
  /** Writes that failed (expected while the API server restarts). */
  writeFailures = 0;
  writes = 0;
  #direct: { secrets: Api<Secret>; configMaps: Api<ConfigMap> };
  #stop = new AbortController();
  #loops: Promise<void>[] = [];
  #writer: Promise<void> | undefined;
  #writing = false;
  #serial = 0;

  private constructor(proxy: FaultProxy, admin: Client, namespace: string) {
    this.proxy = proxy;
    this.client = new Client({ ...admin.config, server: proxy.url("https") });
    this.secrets = new Reflector(Api.v1Secret(this.client).within(namespace));
    this.configMaps = new Reflector(Api.v1ConfigMap(this.client).within(namespace));
    this.informer = new Informer(Api.v1ConfigMap(this.client).within(namespace));
    this.#direct = {
      secrets: Api.v1Secret(admin).within(namespace),
      configMaps: Api.v1ConfigMap(admin).within(namespace),
    };
  }

  /**
   * Starts the proxy in front of `admin`'s API server, and the caches
   * behind it; resolves once all three have listed.
   */
  static async start(admin: Client, namespace: string): Promise<ChaosRig> {
    const server = new URL(admin.config.server);
    const proxy = await FaultProxy.start({ hostname: server.hostname, port: Number(server.port) });
    const rig = new ChaosRig(proxy, admin, namespace);
    const signal = rig.#stop.signal;
    rig.#follow("secrets reflector", rig.secrets.run(signal));
    rig.#follow("configmaps reflector", rig.configMaps.run(signal));
    rig.#follow("configmaps informer", rig.#inform(signal));
    await Promise.all([rig.secrets.ready, rig.configMaps.ready]);
    await rig.#until(() => rig.informer.health().synced, 30_000, "the informer to list");
    return rig;
  }

  /** Starts changing objects: creates, updates and deletes, one after another. */
  startWriting(): void {
    this.#writing = true;
    this.#writer ??= (async () => {
      while (this.#writing) {
        await this.#write().then(() => this.writes++, () => this.writeFailures++);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })();
  }

  /** Writes `count` Secrets at once, whatever the writer is doing. */
  async writeSecrets(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.#direct.secrets.patch("obj-0", {
        type: "apply",
        fieldManager: "chaos",
        force: true,
        body: { metadata: { name: "obj-0" }, stringData: { touch: crypto.randomUUID() } },
      });
    }
  }

  /** Stops the writer once its write in flight is done. */
  async stopWriting(): Promise<void> {
    this.#writing = false;
    await this.#writer;
    this.#writer = undefined;
  }

  /**
   * Causes `fault` with the writer running, stops the writer a moment
   * later, and measures the time from the fault until every cache equals a
   * fresh list.
   */
  async inflict(fault: Fault, deadlineMs = 120_000): Promise<Healing> {
    this.startWriting();
    await this.#writesMore(10);
    const at = Date.now();
    await FAULTS[fault](this);
    await this.#writesMore(10, 30_000).catch(() => {});
    await this.stopWriting();
    await this.#until(() => this.#healed(), deadlineMs, `the caches to heal after ${fault}`);
    return { fault, ms: Date.now() - at };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#writing = false;
    await this.#writer;
    this.#stop.abort();
    await Promise.all(this.#loops);
    this.client.close();
    await this.proxy.close();
  }

  #follow(name: string, loop: AsyncIterable<unknown>): void {
    this.#loops.push((async () => {
      try {
        for await (const _ of loop);
        if (!this.#stop.signal.aborted) this.ended.push(`${name} ended`);
      } catch (e) {
        this.ended.push(`${name} failed: ${e}`);
      }
    })());
  }

  async *#inform(signal: AbortSignal): AsyncGenerator<void> {
    for await (const ev of this.informer.run(signal)) {
      if (ev.type === "RESTARTED") {
        this.informed.clear();
        for (const o of ev.objects) this.informed.set(o.metadata.name!, o);
      } else if (ev.type === "DELETED") {
        this.informed.delete(ev.object.metadata.name!);
      } else if (ev.type !== "ERROR") {
        this.informed.set(ev.object.metadata.name!, ev.object);
      }
      yield;
    }
  }

  async #healed(): Promise<boolean> {
    const [secrets, configMaps] = await Promise.all([
      this.#direct.secrets.list({ timeoutMs: 5_000 }),
      this.#direct.configMaps.list({ timeoutMs: 5_000 }),
    ]);
    // The Informer reports what happens after its first list, which may
    // already hold the namespace's kube-root-ca.crt: compare what the writer made.
    const written = (o: KubeObject) => o.metadata.name!.startsWith("obj-");
    return versions(this.secrets.read().values()) === versions(secrets.items) &&
      versions(this.configMaps.read().values()) === versions(configMaps.items) &&
      versions([...this.informed.values()].filter(written)) ===
        versions(configMaps.items.filter(written));
  }

  async #writesMore(count: number, deadlineMs = 10_000): Promise<void> {
    const target = this.writes + this.writeFailures + count;
    await this.#until(() => this.writes + this.writeFailures >= target, deadlineMs, "writes");
  }

  /** One random write: create while there are few objects, else update or delete. */
  async #write(): Promise<void> {
    const n = this.#serial++;
    const api = (n % 2 ? this.#direct.secrets : this.#direct.configMaps) as unknown as Api<
      KubeObject & { data?: Record<string, string> }
    >;
    const name = `obj-${Math.floor(Math.random() * OBJECTS)}`;
    const write = { timeoutMs: 5_000 };
    const choice = Math.random();
    try {
      if (choice < 0.6) {
        await api.patch(name, {
          type: "merge",
          body: n % 2 ? { stringData: { n: String(n) } } : { data: { n: String(n) } },
        }, write);
      } else {
        await api.delete(name, write);
      }
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
      await api.create({ metadata: { name }, ...(n % 2 ? {} : { data: { n: String(n) } }) }, write);
    }
  }

  async #until(
    check: () => boolean | Promise<boolean>,
    deadlineMs: number,
    what: string,
  ): Promise<void> {
    const end = Date.now() + deadlineMs;
    while (Date.now() < end) {
      if (await Promise.resolve().then(check).catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
  }
}
