/**
 * A small seeded random number generator, so every run makes the same data.
 *
 * @module
 */

/** Random numbers from a seed: the same seed gives the same sequence. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T;
}

/**
 * Makes a seeded generator (mulberry32: 32 bits of state, fast, well spread).
 *
 * @param seed Any 32-bit integer.
 * @returns The generator.
 *
 * @example
 * ```ts
 * import { seeded } from "./rng.ts";
 * const rng = seeded(42);
 * rng.int(1, 6);
 * ```
 */
export function seeded(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)] };
}
