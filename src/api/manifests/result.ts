/**
 * What applying one object came to: its outcome, or the error that stopped it.
 *
 * @module
 */

import type { DiscoveredResource } from "../discovery.ts";
import type { DynamicObject } from "../dynamic.ts";

/**
 * What an apply did to an object, in the words `kubectl apply` prints:
 * `created`, `configured` (changed), `unchanged` (the server changed
 * nothing), or `pruned` (deleted from an ApplySet it no longer belongs to).
 *
 * @example
 * ```ts
 * import type { ApplyOutcome } from "./result.ts";
 * const outcome: ApplyOutcome = "unchanged";
 * ```
 */
export type ApplyOutcome = "created" | "configured" | "unchanged" | "pruned";

/**
 * The result for one object: an `outcome`, or an `error`.
 *
 * @example
 * ```ts
 * import type { ApplyResult } from "./result.ts";
 * function line(r: ApplyResult): string {
 *   return `${r.object.kind}/${r.object.metadata.name} ${r.outcome ?? r.error?.message}`;
 * }
 * ```
 */
export interface ApplyResult {
  /** The object as sent (its namespace filled in, ApplySet label added), or as pruned. */
  object: DynamicObject;
  /** The resource it was found to be, when discovery knew it. */
  resource?: DiscoveredResource;
  /** What happened to it; absent when it failed. */
  outcome?: ApplyOutcome;
  /** The object as the server answered the apply (absent for pruned objects and failures). */
  applied?: DynamicObject;
  /** Why it failed: the server's `ApiError`, or a `KubeError` naming what was wrong. */
  error?: Error;
  /** The server's warnings (`Warning: 299` headers): deprecations, unknown fields. */
  warnings?: string[];
}
