/**
 * Summaries of repeated measurements: median and spread.
 *
 * @module
 */

/** The median of several runs, and their spread. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/**
 * Summarizes measurements.
 *
 * @param values One figure a run; at least one.
 * @returns Median, min, max and count.
 *
 * @example
 * ```ts
 * import { summarize } from "./stats.ts";
 * summarize([3, 1, 2]).median; // 2
 * ```
 */
export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/**
 * Applies `fn` to each figure: e.g. milliseconds to events per second.
 * Min and max swap when `fn` is decreasing.
 *
 * @param summary The summary.
 * @param fn A monotonic function.
 * @returns The summary of the transformed figures.
 *
 * @example
 * ```ts
 * import { mapSummary, summarize } from "./stats.ts";
 * mapSummary(summarize([1, 2]), (ms) => 1000 / ms).max; // 1000
 * ```
 */
export function mapSummary(summary: Summary, fn: (value: number) => number): Summary {
  const [a, b] = [fn(summary.min), fn(summary.max)];
  return {
    median: fn(summary.median),
    min: Math.min(a, b),
    max: Math.max(a, b),
    runs: summary.runs,
  };
}

/**
 * The geometric mean: the fair average of ratios.
 *
 * @param values Positive numbers.
 * @returns Their geometric mean.
 *
 * @example
 * ```ts
 * import { geomean } from "./stats.ts";
 * geomean([2, 8]); // 4
 * ```
 */
export function geomean(values: number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}
