/**
 * One metrics registry that controllers, leader electors and clients write
 * into, served as one Prometheus text exposition; and a controller's view
 * of its own figures.
 *
 * @module
 */

import { KubeError } from "../errors.ts";
import type { RequestInfo } from "../http/client.ts";
import type { CacheHealth } from "../watch/health.ts";

/** Prometheus's default histogram buckets, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The exposition format's names: a metric's, and a label's. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * A series' labels: name to value.
 *
 * @example
 * ```ts
 * import type { Labels } from "./metrics.ts";
 * const labels: Labels = { controller: "web", resource: "pods" };
 * ```
 */
export type Labels = Readonly<Record<string, string>>;

/**
 * A histogram's figures for one series: total, count, and the cumulative
 * count at or under each bucket's upper bound (`+Inf` is `count`).
 *
 * @example
 * ```ts
 * import type { HistogramValue } from "./metrics.ts";
 * const empty: HistogramValue = { sum: 0, count: 0, buckets: [[0.1, 0], [1, 0]] };
 * ```
 */
export interface HistogramValue {
  /** The sum of the values observed. */
  sum: number;
  /** How many values were observed. */
  count: number;
  /** `[upper bound, cumulative count]`, ascending. */
  buckets: [number, number][];
}

/**
 * Options of {@linkcode Counter.track} and {@linkcode Gauge.track}.
 *
 * @example
 * ```ts
 * import type { TrackOptions } from "./metrics.ts";
 * const options: TrackOptions = { replace: true };
 * ```
 */
export interface TrackOptions {
  /**
   * Take the series over from whoever tracks it now, instead of refusing:
   * for a new object that replaces an old one under the same labels. False.
   */
  replace?: boolean;
}

interface Series {
  labels: Labels;
  value: number;
}

interface HistogramSeries {
  labels: Labels;
  sum: number;
  count: number;
  /** Cumulative counts, one per bucket. */
  counts: number[];
}

interface Tracked {
  labels: Labels;
  read: () => number;
}

/** One metric family: its name, help and type, and its series by label set. */
class Family {
  readonly series = new Map<string, Series>();
  readonly histograms = new Map<string, HistogramSeries>();
  readonly tracked = new Map<string, Tracked>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "gauge" | "histogram",
    readonly buckets: number[] = [],
  ) {}

  /** Label sets already checked. */
  #checked = new Set<string>();

  /** The key of a label set, checking its names the first time it is seen. */
  key(labels: Labels): string {
    const entries = Object.entries(labels).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    const key = JSON.stringify(entries);
    if (!this.#checked.has(key)) {
      for (const [name, value] of entries) {
        if (!LABEL_NAME.test(name) || name.startsWith("__")) {
          throw new KubeError(`metric ${this.name}: "${name}" is not a label name`);
        }
        if (this.type === "histogram" && name === "le") {
          throw new KubeError(`metric ${this.name}: a histogram keeps the label "le" for buckets`);
        }
        if (typeof value !== "string") {
          throw new KubeError(`metric ${this.name}: label ${name} needs a string value`);
        }
      }
      this.#checked.add(key);
    }
    return key;
  }

  add(labels: Labels, by: number): void {
    const key = this.key(labels);
    const series = this.series.get(key);
    if (series) series.value += by;
    else this.series.set(key, { labels: { ...labels }, value: by });
  }

  set(labels: Labels, value: number): void {
    this.series.set(this.key(labels), { labels: { ...labels }, value });
  }

  value(labels: Labels): number {
    const key = this.key(labels);
    const tracked = this.tracked.get(key);
    if (tracked) return read(tracked) ?? 0;
    return this.series.get(key)?.value ?? 0;
  }

  track(labels: Labels, fn: () => number, options: TrackOptions): Disposable {
    const key = this.key(labels);
    if (!options.replace && (this.tracked.has(key) || this.series.has(key))) {
      throw new KubeError(`metric ${this.name}${render(labels)} is already tracked or counted`);
    }
    const tracked: Tracked = { labels: { ...labels }, read: fn };
    this.tracked.set(key, tracked);
    return {
      [Symbol.dispose]: () => {
        if (this.tracked.get(key) === tracked) this.tracked.delete(key);
      },
    };
  }

  observe(labels: Labels, value: number): void {
    const key = this.key(labels);
    let series = this.histograms.get(key);
    if (!series) {
      series = { labels: { ...labels }, sum: 0, count: 0, counts: this.buckets.map(() => 0) };
      this.histograms.set(key, series);
    }
    series.sum += value;
    series.count++;
    this.buckets.forEach((le, i) => {
      if (value <= le) series.counts[i]++;
    });
  }

  histogram(labels: Labels): HistogramValue {
    const series = this.histograms.get(this.key(labels));
    return {
      sum: series?.sum ?? 0,
      count: series?.count ?? 0,
      buckets: this.buckets.map((le, i) => [le, series?.counts[i] ?? 0]),
    };
  }

  /** The sample lines of the series whose labels include `match`. */
  samples(match: Labels | undefined): string[] {
    const lines: string[] = [];
    const wanted = (labels: Labels) =>
      !match || Object.entries(match).every(([k, v]) => labels[k] === v);
    if (this.type === "histogram") {
      for (const s of this.histograms.values()) {
        if (!wanted(s.labels)) continue;
        this.buckets.forEach((le, i) => {
          lines.push(`${this.name}_bucket${render(s.labels, ["le", number(le)])} ${s.counts[i]}`);
        });
        lines.push(
          `${this.name}_bucket${render(s.labels, ["le", "+Inf"])} ${s.count}`,
          `${this.name}_sum${render(s.labels)} ${number(s.sum)}`,
          `${this.name}_count${render(s.labels)} ${s.count}`,
        );
      }
      return lines;
    }
    for (const s of this.series.values()) {
      if (wanted(s.labels)) lines.push(`${this.name}${render(s.labels)} ${number(s.value)}`);
    }
    for (const t of this.tracked.values()) {
      if (!wanted(t.labels)) continue;
      const value = read(t);
      if (value !== undefined) lines.push(`${this.name}${render(t.labels)} ${number(value)}`);
    }
    return lines;
  }
}

/** A tracked value now; `undefined` when its reader throws or gives no number. */
function read(tracked: Tracked): number | undefined {
  try {
    const value = tracked.read();
    return typeof value === "number" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `{a="x",b="y"}`, escaped as the exposition format asks; empty without labels. */
function render(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  if (extra) pairs.push(`${extra[0]}="${extra[1]}"`);
  return pairs.length ? `{${pairs.join(",")}}` : "";
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** A sample value as the format writes it: `+Inf`, `-Inf`, `NaN`, or the number. */
function number(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/**
 * A monotonic counter in a {@linkcode MetricsRegistry}, one series per label
 * set; or a value read at each scrape from something that counts by itself
 * ({@linkcode Counter.track}).
 *
 * @example
 * ```ts
 * import { MetricsRegistry } from "./metrics.ts";
 * const registry = new MetricsRegistry();
 * const applied = registry.counter("myop_applies_total", "Objects applied.");
 * applied.inc({ kind: "ConfigMap" });
 * applied.get({ kind: "ConfigMap" }); // 1
 * ```
 */
export interface Counter {
  /**
   * Adds `by` (1 by default, never negative) to the series of `labels`.
   * Throws a KubeError when `by` is negative or a label name is not valid.
   */
  inc(labels?: Labels, by?: number): void;
  /** The series' value now; 0 for a series never counted. */
  get(labels?: Labels): number;
  /**
   * Reads the series from `read` at every scrape until the returned handle
   * is disposed. Throws a KubeError when the series is tracked or counted
   * already, unless `options.replace`.
   */
  track(labels: Labels, read: () => number, options?: TrackOptions): Disposable;
}

/**
 * A value that goes up and down, in a {@linkcode MetricsRegistry}: set it, or
 * have it read at each scrape ({@linkcode Gauge.track}).
 *
 * @example
 * ```ts
 * import { MetricsRegistry } from "./metrics.ts";
 * const registry = new MetricsRegistry();
 * const items: string[] = [];
 * using _ = registry.gauge("myop_pending", "Items pending.").track({}, () => items.length);
 * ```
 */
export interface Gauge {
  /** Sets the series of `labels` to `value`. */
  set(labels: Labels, value: number): void;
  /** The series' value now; 0 for a series never set. */
  get(labels?: Labels): number;
  /**
   * Reads the series from `read` at every scrape until the returned handle
   * is disposed. Throws a KubeError when the series is tracked or set
   * already, unless `options.replace`.
   */
  track(labels: Labels, read: () => number, options?: TrackOptions): Disposable;
}

/**
 * A distribution in a {@linkcode MetricsRegistry}: counts of observed values
 * at or under each bucket's upper bound, their sum and count.
 *
 * @example
 * ```ts
 * import { MetricsRegistry } from "./metrics.ts";
 * const registry = new MetricsRegistry();
 * const took = registry.histogram("myop_apply_seconds", "How long applies take.");
 * took.observe({}, 0.042);
 * took.get().count; // 1
 * ```
 */
export interface Histogram {
  /** Counts one value (in the family's unit: seconds, for durations) in the series of `labels`, which never has `le`. */
  observe(labels: Labels, value: number): void;
  /** The series' sum, count and cumulative buckets now. */
  get(labels?: Labels): HistogramValue;
}

/**
 * Metric families, served together as one Prometheus text exposition
 * (version 0.0.4): each family's `# HELP` and `# TYPE` once, before its
 * samples. Controllers and leader electors write into
 * {@linkcode MetricsRegistry.default} unless given another; a client does
 * when its `onRequest` is this registry's {@linkcode MetricsRegistry.onRequest}.
 *
 * Asking for a family that exists gives it back (so many writers share one),
 * provided its type, help and buckets agree.
 *
 * What kube writes: `kube_controller_*` (reconciles, failures, reconcile
 * duration, queue depth, active reconciles, queue latency, reported errors,
 * watch restarts, relists and health, by `controller`),
 * `kube_leader_election_*` (by `lease` and `identity`), and
 * `kube_client_requests_total` / `kube_client_request_duration_seconds` (by
 * `verb` and `code`; `code="<error>"` when no answer came).
 *
 * @example Serve every controller's, the elector's and the client's figures on /metrics
 * ```ts ignore
 * import { Client, Controller, MetricsRegistry } from "jsr:@denokube/kube";
 * const metrics = MetricsRegistry.default;
 * const client = await Client.load({ onRequest: metrics.onRequest });
 * Deno.serve({ port: 9090 }, () =>
 *   new Response(metrics.text(), { headers: { "Content-Type": MetricsRegistry.contentType } }));
 * ```
 */
export class MetricsRegistry {
  static #default: MetricsRegistry | undefined;
  #families = new Map<string, Family>();

  /** The registry that controllers and leader electors use unless told otherwise. */
  static get default(): MetricsRegistry {
    return MetricsRegistry.#default ??= new MetricsRegistry();
  }

  /** The `Content-Type` of {@linkcode MetricsRegistry.text}. */
  static readonly contentType = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * The counter family `name`, made on first use.
   *
   * @param name The metric's name; a counter's ends in `_total`.
   * @param help What it counts.
   * @returns The counter.
   * @throws {KubeError} When the name is not valid, or it exists with another type or help.
   */
  counter(name: string, help: string): Counter {
    const family = this.#family(name, help, "counter");
    return {
      inc: (labels = {}, by = 1) => {
        if (!(by >= 0)) throw new KubeError(`counter ${name} cannot go down by ${by}`);
        family.add(labels, by);
      },
      get: (labels = {}) => family.value(labels),
      track: (labels, read, options = {}) => family.track(labels, read, options),
    };
  }

  /**
   * The gauge family `name`, made on first use.
   *
   * @param name The metric's name.
   * @param help What it measures.
   * @returns The gauge.
   * @throws {KubeError} When the name is not valid, or it exists with another type or help.
   */
  gauge(name: string, help: string): Gauge {
    const family = this.#family(name, help, "gauge");
    return {
      set: (labels, value) => family.set(labels, value),
      get: (labels = {}) => family.value(labels),
      track: (labels, read, options = {}) => family.track(labels, read, options),
    };
  }

  /**
   * The histogram family `name`, made on first use.
   *
   * @param name The metric's name; `_seconds` for durations.
   * @param help What it measures.
   * @param buckets The upper bounds, ascending; Prometheus's defaults (5 ms to 10 s).
   * @returns The histogram.
   * @throws {KubeError} When the name or buckets are not valid, or it exists
   * with another type, help or buckets.
   */
  histogram(name: string, help: string, buckets: number[] = BUCKETS): Histogram {
    if (!buckets.every((b, i) => Number.isFinite(b) && (i === 0 || b > buckets[i - 1]))) {
      throw new KubeError(`metric ${name}: buckets must be finite and ascending`);
    }
    const family = this.#family(name, help, "histogram", buckets);
    return {
      observe: (labels, value) => family.observe(labels, value),
      get: (labels = {}) => family.histogram(labels),
    };
  }

  /**
   * Counts one request of a client, for `ClientOptions.onRequest`: into
   * `kube_client_requests_total{verb,code}` and
   * `kube_client_request_duration_seconds{verb}` (the wait for the
   * response's headers). Bound to this registry: pass it as it is.
   *
   * @param info The request's method, status code and duration.
   */
  readonly onRequest = (info: RequestInfo): void => {
    const verb = info.method.toUpperCase();
    this.counter(
      "kube_client_requests_total",
      "Requests sent to the API server, each attempt counted, by verb and status code.",
    ).inc({ verb, code: info.code === undefined ? "<error>" : String(info.code) });
    this.histogram(
      "kube_client_request_duration_seconds",
      "How long the API server took to answer a request (until the response headers), by verb.",
    ).observe({ verb }, info.durationMs / 1000);
  };

  /**
   * Every family with samples, in the Prometheus text exposition format.
   *
   * @param options `match`: only the series whose labels include these.
   * @returns The text, ending with a newline (empty when nothing is recorded).
   *
   * @example
   * ```ts
   * import { MetricsRegistry } from "./metrics.ts";
   * const registry = new MetricsRegistry();
   * registry.counter("demo_total", "A demo.").inc({ app: "a" });
   * registry.text();
   * // # HELP demo_total A demo.
   * // # TYPE demo_total counter
   * // demo_total{app="a"} 1
   * ```
   */
  text(options: { match?: Labels } = {}): string {
    const lines: string[] = [];
    for (const family of this.#families.values()) {
      const samples = family.samples(options.match);
      if (!samples.length) continue;
      lines.push(
        `# HELP ${family.name} ${escapeHelp(family.help)}`,
        `# TYPE ${family.name} ${family.type}`,
        ...samples,
      );
    }
    return lines.length ? lines.join("\n") + "\n" : "";
  }

  #family(name: string, help: string, type: Family["type"], buckets?: number[]): Family {
    const found = this.#families.get(name);
    if (found) {
      const same = found.type === type && found.help === help &&
        (type !== "histogram" || JSON.stringify(found.buckets) === JSON.stringify(buckets));
      if (!same) {
        throw new KubeError(
          `metric ${name} exists already as a ${found.type} with other help or buckets`,
        );
      }
      return found;
    }
    if (!METRIC_NAME.test(name)) throw new KubeError(`"${name}" is not a metric name`);
    const family = new Family(name, help, type, buckets);
    this.#families.set(name, family);
    return family;
  }
}

/**
 * A controller's figures at one moment: its series in its registry (which
 * go on across Controller objects of the same name, as a new leadership
 * term's), with the queue and watches as they are now.
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
  /** Reconciles that threw, or resolved to no Action. */
  failures: number;
  /** Keys waiting in the queue. */
  queueDepth: number;
  /** Reconciles running now. */
  active: number;
  /** Reconcile durations: total seconds, count, and cumulative counts at or under each bucket's seconds. */
  duration: HistogramValue;
  /** How long keys waited in the queue, from when they were due until a worker took them. */
  queueLatency: HistogramValue;
  /** Failures reported to `onError` (predicates, mappers, watches, error policies). */
  errors: number;
  /** Per watched resource: watch restarts (failures), relists, and whether it is healthy. */
  watches: { resource: string; restarts: number; relists: number; healthy: boolean }[];
}

/**
 * A controller's figures in a {@linkcode MetricsRegistry} (the default one
 * unless its options name another): reconciles, failures, reconcile
 * duration, queue depth and latency, reported errors, and the restarts,
 * relists and health of its watches. Read them as an object
 * ({@linkcode ControllerMetrics.snapshot}) or as Prometheus text of this
 * controller alone ({@linkcode ControllerMetrics.text}); serve the
 * registry's `text()` to expose several controllers at once.
 *
 * @example Serve /metrics
 * ```ts ignore
 * Deno.serve({ port: 9090 }, (req) =>
 *   new URL(req.url).pathname === "/metrics"
 *     ? new Response(MetricsRegistry.default.text(), { headers: { "Content-Type": MetricsRegistry.contentType } })
 *     : new Response("not found", { status: 404 }));
 * ```
 */
export class ControllerMetrics {
  #name: string;
  #labels: Labels;
  #registry: MetricsRegistry;
  #queue: () => { depth: number; active: number };
  #watches: () => { resource: string; health: CacheHealth }[];
  #reconciles: Counter;
  #failures: Counter;
  #errors: Counter;
  #duration: Histogram;
  #latency: Histogram;
  #tracked: Disposable[] = [];

  /**
   * Creates a ControllerMetrics; a Controller does. Its queue and watch
   * series are read from `queue` and `watches` at each scrape, once it
   * holds them: at once if no other ControllerMetrics of its name does,
   * else from {@linkcode ControllerMetrics.track}.
   *
   * @param name The controller's name.
   * @param queue Reads the queue's depth and active count.
   * @param watches Reads the health of each watched resource.
   * @param registry Where its series live; {@linkcode MetricsRegistry.default}.
   */
  constructor(
    name: string,
    queue: () => { depth: number; active: number },
    watches: () => { resource: string; health: CacheHealth }[],
    registry: MetricsRegistry = MetricsRegistry.default,
  ) {
    this.#name = name;
    this.#labels = { controller: name };
    this.#registry = registry;
    this.#queue = queue;
    this.#watches = watches;
    this.#reconciles = registry.counter("kube_controller_reconciles_total", "Reconciles finished.");
    this.#failures = registry.counter(
      "kube_controller_reconcile_failures_total",
      "Reconciles that failed: threw, or resolved to no Action.",
    );
    this.#duration = registry.histogram(
      "kube_controller_reconcile_duration_seconds",
      "How long reconciles take.",
    );
    this.#latency = registry.histogram(
      "kube_controller_queue_latency_seconds",
      "How long a key waits in the queue, from when it is due until a worker takes it.",
    );
    this.#errors = registry.counter(
      "kube_controller_errors_total",
      "Failures reported to onError while the controller ran on: predicates, mappers, watches, error policies.",
    );
    this.track({ replace: false });
  }

  /** The registry its series live in. */
  get registry(): MetricsRegistry {
    return this.#registry;
  }

  /**
   * Takes this controller's queue and watch series in the registry, from
   * another ControllerMetrics of the same name that had them (an earlier
   * leadership term's): a Controller does when it starts to run, and when
   * it gains a source.
   *
   * @param options `replace: false` takes only the series no one holds; true by default.
   */
  track(options: TrackOptions = {}): void {
    for (const t of this.#tracked.splice(0)) t[Symbol.dispose]();
    const r = this.#registry;
    const c = this.#labels;
    const replace = { replace: options.replace ?? true };
    const take = (track: () => Disposable) => {
      try {
        this.#tracked.push(track());
      } catch (e) {
        // Held by another of this name, which keeps it until this one runs.
        if (replace.replace) throw e;
      }
    };
    take(() =>
      r.gauge("kube_controller_queue_depth", "Keys waiting to be reconciled.")
        .track(c, () => this.#queue().depth, replace)
    );
    take(() =>
      r.gauge("kube_controller_reconciles_active", "Reconciles running now.")
        .track(c, () => this.#queue().active, replace)
    );
    const watches = this.#watches();
    const health = (resource: string) =>
      this.#watches().find((w) => w.resource === resource)?.health;
    for (const resource of new Set(watches.map((w) => w.resource))) {
      const l = { ...c, resource };
      take(() =>
        r.counter(
          "kube_controller_watch_restarts_total",
          "Watch failures, each followed by a restart.",
        ).track(l, () => health(resource)!.failures, replace)
      );
      take(() =>
        r.counter(
          "kube_controller_watch_relists_total",
          "Lists after the first (after a 410, mostly).",
        ).track(l, () => health(resource)!.relists, replace)
      );
      take(() =>
        r.gauge(
          "kube_controller_watch_healthy",
          "1 while the watch cache is synced and not failing.",
        ).track(l, () => health(resource)!.healthy ? 1 : 0, replace)
      );
    }
  }

  /**
   * Counts one finished reconcile.
   *
   * @param seconds How long it took.
   * @param failed Whether it failed.
   */
  observe(seconds: number, failed: boolean): void {
    this.#reconciles.inc(this.#labels);
    if (failed) this.#failures.inc(this.#labels);
    this.#duration.observe(this.#labels, seconds);
  }

  /**
   * Counts one key taken from the queue.
   *
   * @param seconds How long it waited since it was due.
   */
  observeQueueLatency(seconds: number): void {
    this.#latency.observe(this.#labels, seconds);
  }

  /**
   * Counts one failure reported to `onError`.
   *
   * @param stage Where it arose: `predicate`, `mapper`, `watch`, `errorPolicy`.
   */
  countError(stage: string): void {
    this.#errors.inc({ ...this.#labels, stage });
  }

  /**
   * The figures now.
   *
   * @returns A snapshot.
   */
  snapshot(): MetricsSnapshot {
    const { depth, active } = this.#queue();
    const duration = this.#duration.get(this.#labels);
    const stages = ["predicate", "mapper", "watch", "errorPolicy"];
    return {
      controller: this.#name,
      reconciles: this.#reconciles.get(this.#labels),
      failures: this.#failures.get(this.#labels),
      queueDepth: depth,
      active,
      duration,
      queueLatency: this.#latency.get(this.#labels),
      errors: stages.reduce((n, stage) => n + this.#errors.get({ ...this.#labels, stage }), 0),
      watches: this.#watches().map(({ resource, health }) => ({
        resource,
        restarts: health.failures,
        relists: health.relists,
        healthy: health.healthy,
      })),
    };
  }

  /**
   * This controller's series in the Prometheus text exposition format
   * (version 0.0.4). To serve several controllers, serve their registry's
   * `text()`: texts of two controllers put together would repeat the
   * families' `# HELP` and `# TYPE`, which the format forbids.
   *
   * @returns The text, ending with a newline.
   */
  text(): string {
    return this.#registry.text({ match: this.#labels });
  }
}
