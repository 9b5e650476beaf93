/**
 * The snapshot measure: what a `read()` after every change costs a Store of
 * 50,000 pods, against the changes alone. Each run is a fresh process.
 *
 * @module
 */

import { runJson } from "../_lib/procs.ts";
import { summarize, type Summary } from "../stats.ts";

/** The snapshot figures: `apply` alone and `apply` + `read()`, per run. */
export interface SnapshotFigures {
  /** Objects in the store. */
  objects: number;
  /** Updates per measure. */
  updates: number;
  /** ms for the updates alone. */
  apply: Summary;
  /** ms for the updates with a `read()` (and a lookup in it) after each. */
  withRead: Summary;
}

/**
 * Runs the snapshot measure `runs` times.
 *
 * @param options Objects in the store (50,000), updates (10,000), runs (5).
 * @returns The figures.
 *
 * @example
 * ```ts ignore
 * const figures = await snapshotBench({ runs: 3 });
 * console.log(figures.withRead.median / figures.apply.median);
 * ```
 */
export async function snapshotBench(
  options: { objects?: number; updates?: number; runs?: number } = {},
): Promise<SnapshotFigures> {
  const { objects = 50_000, updates = 10_000, runs = 5 } = options;
  const script = new URL("./kube.ts", import.meta.url).pathname;
  const results: { applyMs: number; readMs: number }[] = [];
  for (let run = 0; run < runs; run++) {
    results.push(
      await runJson(Deno.execPath(), [
        "run",
        "--allow-read",
        script,
        "--objects",
        String(objects),
        "--updates",
        String(updates),
      ]),
    );
  }
  return {
    objects,
    updates,
    apply: summarize(results.map((r) => r.applyMs)),
    withRead: summarize(results.map((r) => r.readMs)),
  };
}
