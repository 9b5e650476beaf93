/**
 * What a controller counts, as an object and as Prometheus text.
 *
 * @module
 */

import type { CacheHealth } from "../watch/health.ts";

/** Prometheus's default histogram buckets, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A controller's figures at one moment.
 *
 * @example
 * ```ts
 * import type { MetricsSnapshot } from "./metrics.ts";
 * function report(m: MetricsSnapshot) {
 *   console.log(`${m.reconciles} reconciles, ${m.failures} failed, ${m.queueDepth} waiting`);
 * }
 * ```
 */
export interface MetricsSnapshot {
  /** The controller's name (its `controller` label). */
  controller: string;
  /** Reconciles finished, failed ones included. */
  reconciles: number;
  /** Reconciles that threw. */
  failures: number;
  /** Keys waiting in the queue. */
  queueDepth: number;
  /** Reconciles running now. */
  active: number;
  /** Reconcile durations: total seconds, count, and cumulative counts at or under each bucket's seconds. */
  duration: { sum: number; count: number; buckets: [number, number][] };
  /** Per watched resource: watch restarts (failures), relists, and whether it is healthy. */
  watches: { resource: string; restarts: number; relists: number; healthy: boolean }[];
}

/**
 * A controller's counters: reconciles, failures, queue depth, reconcile
 * duration, and the restarts and relists of its watches. Read them as an
 * object ({@linkcode ControllerMetrics.snapshot}) or serve them as
 * Prometheus text ({@linkcode ControllerMetrics.text}).
 *
 * @example Serve /metrics
 * ```ts ignore
 * Deno.serve({ port: 9090 }, (req) =>
 *   new URL(req.url).pathname === "/metrics"
 *     ? new Response(controller.metrics.text(), { headers: { "Content-Type": "text/plain; version=0.0.4" } })
 *     : new Response("not found", { status: 404 }));
 * ```
 */
export class ControllerMetrics {
  #name: string;
  #queue: () => { depth: number; active: number };
  #watches: () => { resource: string; health: CacheHealth }[];
  #reconciles = 0;
  #failures = 0;
  #sum = 0;
  #counts = new Array<number>(BUCKETS.length).fill(0);

  /**
   * Creates a ControllerMetrics; a Controller does.
   *
   * @param name The controller's name.
   * @param queue Reads the queue's depth and active count.
   * @param watches Reads the health of each watched resource.
   */
  constructor(
    name: string,
    queue: () => { depth: number; active: number },
    watches: () => { resource: string; health: CacheHealth }[],
  ) {
    this.#name = name;
    this.#queue = queue;
    this.#watches = watches;
  }

  /**
   * Counts one finished reconcile.
   *
   * @param seconds How long it took.
   * @param failed Whether it threw.
   */
  observe(seconds: number, failed: boolean): void {
    this.#reconciles++;
    if (failed) this.#failures++;
    this.#sum += seconds;
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.#counts[i]++;
    });
  }

  /**
   * The figures now.
   *
   * @returns A snapshot.
   */
  snapshot(): MetricsSnapshot {
    const { depth, active } = this.#queue();
    return {
      controller: this.#name,
      reconciles: this.#reconciles,
      failures: this.#failures,
      queueDepth: depth,
      active,
      duration: {
        sum: this.#sum,
        count: this.#reconciles,
        buckets: BUCKETS.map((le, i) => [le, this.#counts[i]]),
      },
      watches: this.#watches().map(({ resource, health }) => ({
        resource,
        restarts: health.failures,
        relists: health.relists,
        healthy: health.healthy,
      })),
    };
  }

  /**
   * The figures in the Prometheus text exposition format (version 0.0.4).
   *
   * @returns The text, ending with a newline.
   */
  text(): string {
    const m = this.snapshot();
    const c = `controller="${escape(m.controller)}"`;
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: string[]) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
    metric("kube_controller_reconciles_total", "counter", "Reconciles finished.", [
      `kube_controller_reconciles_total{${c}} ${m.reconciles}`,
    ]);
    metric("kube_controller_reconcile_failures_total", "counter", "Reconciles that failed.", [
      `kube_controller_reconcile_failures_total{${c}} ${m.failures}`,
    ]);
    metric("kube_controller_queue_depth", "gauge", "Keys waiting to be reconciled.", [
      `kube_controller_queue_depth{${c}} ${m.queueDepth}`,
    ]);
    metric("kube_controller_reconciles_active", "gauge", "Reconciles running now.", [
      `kube_controller_reconciles_active{${c}} ${m.active}`,
    ]);
    const d = "kube_controller_reconcile_duration_seconds";
    metric(d, "histogram", "How long reconciles take.", [
      ...m.duration.buckets.map(([le, n]) => `${d}_bucket{${c},le="${le}"} ${n}`),
      `${d}_bucket{${c},le="+Inf"} ${m.duration.count}`,
      `${d}_sum{${c}} ${m.duration.sum}`,
      `${d}_count{${c}} ${m.duration.count}`,
    ]);
    const w = (resource: string) => `${c},resource="${escape(resource)}"`;
    metric(
      "kube_controller_watch_restarts_total",
      "counter",
      "Watch failures, each followed by a restart.",
      m.watches.map((x) => `kube_controller_watch_restarts_total{${w(x.resource)}} ${x.restarts}`),
    );
    metric(
      "kube_controller_watch_relists_total",
      "counter",
      "Lists after the first (after a 410, mostly).",
      m.watches.map((x) => `kube_controller_watch_relists_total{${w(x.resource)}} ${x.relists}`),
    );
    metric(
      "kube_controller_watch_healthy",
      "gauge",
      "1 while the watch cache is synced and not failing.",
      m.watches.map((x) => `kube_controller_watch_healthy{${w(x.resource)}} ${x.healthy ? 1 : 0}`),
    );
    return lines.join("\n") + "\n";
  }
}

/** A label value, escaped as the exposition format asks. */
function escape(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
