/**
 * Prints the figures: a table per measure, then the one-line summary.
 *
 * @module
 */

import type { DecodeFigures } from "./decode_bench.ts";
import { geomean, mapSummary, type Summary } from "./stats.ts";
import type { SyncFigures } from "./sync_bench.ts";

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
  const row = (what: string, pick: (side: SyncFigures["kube"]) => Summary) => [
    [`kube ${what}`, cell(pick(s.kube)), "1.00"],
    [
      `client-node ${what}`,
      cell(pick(s.clientNode)),
      fmt(pick(s.clientNode).median / pick(s.kube).median, 2),
    ],
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
 * The memory table: heap per cached object and as a multiple of its JSON.
 *
 * @param all The sync figures, one per size.
 * @returns The table.
 */
export function memoryTable(all: SyncFigures[]): string {
  const rows = all.flatMap((s) =>
    (["kube", "clientNode"] as const).map((who) => {
      const heap = s[who].heapBytes;
      return [
        `${who === "kube" ? "kube Reflector" : "client-node informer"}, ${fmt(s.pods)} pods`,
        cell(mapSummary(heap, (b) => b / s.pods)),
        fmt(heap.median / s.jsonBytes, 2),
        fmt(heap.median / s.kube.heapBytes.median, 2),
      ];
    })
  );
  return table(
    "Memory: heap after sync less heap before (after a forced GC); lower is better",
    ["contender", "bytes/object", "x JSON", "vs kube"],
    rows,
  );
}

/**
 * The summary line: kube's ratios, each oriented so that above 1 means kube
 * is faster (decode, sync) or, for memory, below 1 means kube is leaner.
 *
 * @param decode The decode figures.
 * @param sync The sync figures; empty in smoke mode.
 * @returns The line.
 */
export function summaryLine(decode: DecodeFigures, sync: SyncFigures[]): string {
  const two = (v: number | undefined) => (v === undefined ? "n/a" : v.toFixed(2));
  const times = (v: number | undefined) => (v === undefined ? "n/a" : `${v.toFixed(2)}x`);
  const ofLimit = decode.limit.median / decode.kube.median;
  const vsNode = decode.clientNode && decode.clientNode.median / decode.kubeHttp.median;
  const syncRatio = sync.length
    ? geomean(sync.flatMap((s) => [
      s.clientNode.readyMs.median / s.kube.readyMs.median,
      s.clientNode.burstMs.median / s.kube.burstMs.median,
    ]))
    : undefined;
  const memory = sync.length
    ? geomean(sync.map((s) => s.kube.heapBytes.median / s.clientNode.heapBytes.median))
    : undefined;
  return `bench: decode=${two(ofLimit)} limit, ${times(vsNode)} client-node; ` +
    `sync=${times(syncRatio)} client-node; memory=${times(memory)} client-node`;
}
