/**
 * Prints the figures: a table per measure, then the one-line summary.
 *
 * @module
 */

import type { DecodeFigures } from "./decode/bench.ts";
import type { LatencyResult, LatencyStats } from "./latency/bench.ts";
import type { SnapshotFigures } from "./snapshot/bench.ts";
import { geomean, mapSummary, type Summary } from "./stats.ts";
import type { ScaleFigures, SyncFigures, SyncSide } from "./sync/bench.ts";

const MIB = 1024 * 1024;

const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const cell = (s: Summary, digits = 0) =>
  `${fmt(s.median, digits)} [${fmt(s.min, digits)}-${fmt(s.max, digits)}]`;

function table(title: string, head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [title, line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)]
    .join("\n");
}

/**
 * The decode table: events/s and MiB/s (median [min-max]), ratio to kube.
 *
 * @param d The decode figures.
 * @returns The table.
 */
export function decodeTable(d: DecodeFigures): string {
  const rate = (ms: Summary, per: number) => mapSummary(ms, (v) => per / (v / 1000));
  const row = (name: string, ms: Summary | undefined, kube: Summary) =>
    ms
      ? [
        name,
        cell(rate(ms, d.events)),
        cell(rate(ms, d.bytes / MIB), 1),
        fmt(kube.median / ms.median, 2),
      ]
      : [name, "not run (smoke)", "", ""];
  return table(
    `Decode: ${fmt(d.events)} Pod events, ${fmt(d.bytes / MIB, 1)} MiB, ${d.kube.runs} runs; ` +
      `median [min-max]; higher is better; "vs kube" compares like with like (memory or HTTP)`,
    ["contender", "events/s", "MiB/s", "vs kube"],
    [
      row("limit: TextDecoder+JSON.parse, lines split", d.limit, d.kube),
      row("kube decodeWatch, chunks in memory", d.kube, d.kube),
      row("kube Api.watch+decodeWatch over HTTP", d.kubeHttp, d.kubeHttp),
      row(`client-node Watch over HTTP`, d.clientNode, d.kubeHttp),
      ...d.kubeRs.map((r) => row(`${r.setup}: Api::watch over HTTP, typed Pods`, r.ms, d.kubeHttp)),
    ],
  );
}

/**
 * The sync table for one size: ready and burst times, ratio to kube.
 *
 * @param s The sync figures.
 * @returns The table.
 */
export function syncTable(s: SyncFigures): string {
  const others: [string, SyncSide][] = [
    ["client-node", s.clientNode],
    ["limit", s.limit],
    ...s.kubeRs.map((r): [string, SyncSide] => [r.setup, r]),
  ];
  const row = (what: string, pick: (side: SyncSide) => Summary) => [
    [`kube ${what}`, cell(pick(s.kube)), "1.00"],
    ...others.map(([name, side]) => [
      `${name} ${what}`,
      cell(pick(side)),
      fmt(pick(side).median / pick(s.kube).median, 2),
    ]),
  ];
  return table(
    `Sync: ${fmt(s.pods)} pods (${fmt(s.jsonBytes / MIB, 1)} MiB JSON), burst of ${
      fmt(s.burst)
    } MODIFIED, ` +
      `${s.kube.readyMs.runs} runs; ms, median [min-max]; lower is better`,
    ["contender", "ms", "vs kube"],
    [
      ...row("start to ready (list, 500 a page)", (side) => side.readyMs),
      ...row("burst until the last is cached", (side) => side.burstMs),
    ],
  );
}

/**
 * The scale table: each contender's time to ready and bytes per object at
 * the large size against the same at a smaller one, and how much they grew
 * (time to ready should grow no faster than the pods, bytes per object stay flat).
 *
 * @param scale The figures at the large size.
 * @param base The sync figures at the smaller size.
 * @returns The table.
 */
export function scaleTable(scale: ScaleFigures, base: SyncFigures): string {
  const growth = scale.pods / base.pods;
  const sides: [string, SyncSide, SyncSide | undefined][] = [
    ["kube", scale.kube, base.kube],
    ["limit", scale.limit, base.limit],
    ...scale.kubeRs.map((r): [string, SyncSide, SyncSide | undefined] => [
      r.setup,
      r,
      base.kubeRs.find((b) => b.setup === r.setup),
    ]),
  ];
  const rows = sides.map(([name, big, small]) => [
    name,
    small ? fmt(small.readyMs.median) : "n/a",
    cell(big.readyMs),
    small ? `${fmt(big.readyMs.median / small.readyMs.median, 2)}x` : "n/a",
    fmt(big.readyMs.median / scale.kube.readyMs.median, 2),
    small ? fmt(small.heapBytes.median / base.pods) : "n/a",
    fmt(big.heapBytes.median / scale.pods),
  ]);
  return table(
    `Scale: ${fmt(scale.pods)} pods (${fmt(scale.jsonBytes / MIB, 0)} MiB JSON) against ${
      fmt(base.pods)
    } (${
      fmt(growth, 1)
    }x the pods), ${scale.kube.readyMs.runs} runs; time to ready, ms; lower is better`,
    [
      "contender",
      `ready ${fmt(base.pods)}`,
      `ready ${fmt(scale.pods)}`,
      "grew",
      "vs kube",
      `bytes/pod ${fmt(base.pods)}`,
      `bytes/pod ${fmt(scale.pods)}`,
    ],
    rows,
  );
}

/**
 * The memory table: heap per cached object and as a multiple of its JSON.
 *
 * @param all The sync figures, one per size.
 * @returns The table.
 */
export function memoryTable(all: SyncFigures[]): string {
  const rows = all.flatMap((s) =>
    ([
      ["kube Reflector", s.kube],
      ["kube Reflector, metadata only", s.kubeMetadata],
      ["kube Reflector, metadata only, managedFields dropped", s.kubeMetadataSlim],
      ["client-node informer", s.clientNode],
      ["limit: a Map of parsed items", s.limit],
      ...s.kubeRs.map((r): [string, SyncSide] => [`${r.setup} reflector`, r]),
    ] as [string, SyncSide][]).map(([name, side]) => {
      const heap = side.heapBytes;
      return [
        `${name}, ${fmt(s.pods)} pods`,
        cell(mapSummary(heap, (b) => b / s.pods)),
        fmt(heap.median / s.jsonBytes, 2),
        fmt(heap.median / s.kube.heapBytes.median, 2),
      ];
    })
  );
  return table(
    "Memory: heap after sync less heap before (after a forced GC" +
      (all.some((s) => s.kubeRs.length)
        ? "; kube-rs: bytes held, counted by its global allocator"
        : "") +
      "); lower is better",
    ["contender", "bytes/object", "x JSON", "vs kube"],
    rows,
  );
}

/**
 * kube's metadata-only cache's bytes per object over kube-rs's full cache's
 * at its best setup, combined over sizes by geometric mean; `undefined`
 * without kube-rs. The metadata cache is the one a controller that needs
 * names, labels, owners and finalizers keeps: managedFields dropped by a
 * transform (kube-rs's and controller-runtime's advice for any cache).
 *
 * @param all The sync figures, one per size.
 * @returns The ratio (below 1: kube's metadata cache is smaller).
 */
export function metadataRatio(all: SyncFigures[]): number | undefined {
  const ratios = all.map((s) =>
    s.kubeRs.length
      ? s.kubeMetadataSlim.heapBytes.median /
        Math.min(...s.kubeRs.map((r) => r.heapBytes.median))
      : undefined
  );
  return ratios.length && ratios.every((r) => r !== undefined)
    ? geomean(ratios as number[])
    : undefined;
}

/**
 * The snapshot table: updates alone, and with a `read()` after each.
 *
 * @param s The snapshot figures.
 * @returns The table.
 */
export function snapshotTable(s: SnapshotFigures): string {
  const perUpdate = (ms: Summary) => mapSummary(ms, (v) => (v * 1000) / s.updates);
  return table(
    `Snapshots: ${fmt(s.updates)} updates to a Store of ${fmt(s.objects)} pods, ` +
      `${s.apply.runs} runs; median [min-max]; lower is better`,
    ["measure", "ms", "µs/update", "x apply"],
    [
      ["apply", cell(s.apply), cell(perUpdate(s.apply), 2), "1.00"],
      [
        "apply + read() after each",
        cell(s.withRead),
        cell(perUpdate(s.withRead), 2),
        fmt(s.withRead.median / s.apply.median, 2),
      ],
    ],
  );
}

/**
 * The latency table: p50, p99 and mean in ms, and client-node's p99 over
 * kube's; or the one line that says why latency was skipped.
 *
 * @param result The latency figures, or why they are missing.
 * @returns The table or the line.
 */
export function latencyTable(result: LatencyResult): string {
  if ("skipped" in result) return `Latency: skipped: ${result.skipped}`;
  const l = result.figures;
  const row = (name: string, s: LatencyStats) => [
    name,
    fmt(s.p50, 2),
    fmt(s.p99, 2),
    fmt(s.mean, 2),
    fmt(s.max, 2),
    fmt(s.negative),
    fmt(s.writeP50, 2),
    fmt(s.p99 / l.kube.p99, 2),
  ];
  return table(
    `Latency: write response to event in the cache, ${fmt(l.writes)} sequential ConfigMap ` +
      `merge patches each (${l.rounds} turns of ${fmt(l.writes / l.rounds)}, ` +
      `${l.warmup} unmeasured first), ${l.server}; ms, lower is better; ` +
      `"< 0": events before their response (kept as is); "write": ` +
      `the patch's round trip, p50; "vs kube": p99 over kube's p99`,
    ["contender", "p50", "p99", "mean", "max", "< 0", "write", "vs kube"],
    [
      row("kube Reflector (run)", l.kube),
      row("client-node informer", l.clientNode),
    ],
  );
}

/**
 * The latency part of the summary line: client-node's p99 over kube's
 * (above 1: kube is faster), or `n/a` when skipped.
 *
 * @param result The latency figures, or why they are missing.
 * @returns `latency=X.XXx client-node`.
 */
export function latencyPart(result: LatencyResult): string {
  if ("skipped" in result) return "latency=n/a client-node";
  const { kube, clientNode } = result.figures;
  return `latency=${(clientNode.p99 / kube.p99).toFixed(2)}x client-node`;
}

/** Figures the summary line takes from measures of their own. */
export interface SummaryExtras {
  /** kube's metadata-only cache's bytes per object over kube-rs's full cache's (best setup). */
  metadata?: number;
  /** `apply` with a `read()` after each over `apply` alone. */
  snapshot?: number;
}

/** The median of the setup whose median is lowest: kube-rs at its best. */
function best(sides: SyncSide[], pick: (side: SyncSide) => Summary): number | undefined {
  return sides.length ? Math.min(...sides.map((side) => pick(side).median)) : undefined;
}

/**
 * The summary line: kube's ratios, each oriented so that above 1 means kube
 * is faster (decode, sync, burst) or, for memory and metadata, below 1 means
 * kube is leaner. `decode=` and `sync=` against the limit are kube's share of
 * the limit's speed (1.00 is the limit). `sync=` is time to ready against the
 * limit and kube-rs, ready and burst together against client-node (as it
 * always was). Each kube-rs ratio is against its best setup for that figure
 * at each size; sizes combine by geometric mean. `n/a` where a figure is
 * missing (smoke mode, no cargo, a measure not run).
 *
 * @param decode The decode figures.
 * @param sync The sync figures; empty in smoke mode.
 * @param latency The latency figures (or why skipped); absent in smoke mode.
 * @param extras The metadata and snapshot ratios, where measured.
 * @returns The line.
 */
export function summaryLine(
  decode: DecodeFigures,
  sync: SyncFigures[],
  latency?: LatencyResult,
  extras: SummaryExtras = {},
): string {
  const two = (v: number | undefined) => (v === undefined ? "n/a" : v.toFixed(2));
  const times = (v: number | undefined) => (v === undefined ? "n/a" : `${v.toFixed(2)}x`);
  /** The geometric mean over sizes, or undefined if any size lacks the figure. */
  const perSize = (ratio: (s: SyncFigures) => number | undefined) => {
    const ratios = sync.map(ratio);
    return ratios.length && ratios.every((r) => r !== undefined)
      ? geomean(ratios as number[])
      : undefined;
  };
  const ofLimit = decode.limit.median / decode.kube.median;
  const vsNode = decode.clientNode && decode.clientNode.median / decode.kubeHttp.median;
  const decodeRs = decode.kubeRs.length
    ? Math.min(...decode.kubeRs.map((r) => r.ms.median)) / decode.kubeHttp.median
    : undefined;
  const syncRatio = sync.length
    ? geomean(sync.flatMap((s) => [
      s.clientNode.readyMs.median / s.kube.readyMs.median,
      s.clientNode.burstMs.median / s.kube.burstMs.median,
    ]))
    : undefined;
  const syncLimit = perSize((s) => s.limit.readyMs.median / s.kube.readyMs.median);
  const ready = (side: SyncSide) => side.readyMs;
  const burst = (side: SyncSide) => side.burstMs;
  const heap = (side: SyncSide) => side.heapBytes;
  const over = (s: SyncFigures, pick: (side: SyncSide) => Summary) => {
    const rs = best(s.kubeRs, pick);
    return rs === undefined ? undefined : rs / pick(s.kube).median;
  };
  const syncRs = perSize((s) => over(s, ready));
  const burstRs = perSize((s) => over(s, burst));
  const memory = sync.length
    ? geomean(sync.map((s) => s.kube.heapBytes.median / s.clientNode.heapBytes.median))
    : undefined;
  const memoryRs = perSize((s) => {
    const rs = over(s, heap);
    return rs === undefined ? undefined : 1 / rs;
  });
  return `bench: decode=${two(ofLimit)} limit, ${times(vsNode)} client-node, ` +
    `${times(decodeRs)} kube-rs; ` +
    `sync=${times(syncLimit)} limit, ${times(syncRatio)} client-node, ${times(syncRs)} kube-rs; ` +
    `burst=${times(burstRs)} kube-rs; ` +
    `memory=${times(memory)} client-node, ${times(memoryRs)} kube-rs; ` +
    `metadata=${times(extras.metadata)} kube-rs; snapshot=${times(extras.snapshot)} apply; ` +
    (latency ? latencyPart(latency) : "latency=n/a client-node");
}
