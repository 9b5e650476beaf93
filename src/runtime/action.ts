/**
 * What a reconcile asks of its controller once it is done.
 *
 * @module
 */

import { KubeError } from "../errors.ts";

/**
 * The result of a reconcile: run it again after a while
 * ({@linkcode Action.requeue}), or only when something changes
 * ({@linkcode Action.awaitChange}). A change always reconciles again, and
 * an earlier trigger wins over a later one.
 *
 * @example
 * ```ts
 * import { Action } from "./action.ts";
 * const retryInAMinute = Action.requeue(60_000);
 * const done = Action.awaitChange();
 * console.log(retryInAMinute.requeueAfterMs, done.requeueAfterMs); // 60000 undefined
 * ```
 */
export class Action {
  /** Milliseconds after which to reconcile again; `undefined` to wait for a change. */
  readonly requeueAfterMs: number | undefined;

  private constructor(requeueAfterMs: number | undefined) {
    this.requeueAfterMs = requeueAfterMs;
  }

  /**
   * Reconcile again after `ms` milliseconds (or sooner, if something changes).
   *
   * @param ms The delay.
   * @returns The action.
   */
  static requeue(ms: number): Action {
    if (!(ms >= 0)) throw new KubeError(`requeue needs a delay of 0 ms or more, not ${ms}`);
    return new Action(ms);
  }

  /**
   * Reconcile again only when the object (or something mapped to it) changes.
   *
   * @returns The action.
   */
  static awaitChange(): Action {
    return new Action(undefined);
  }
}

/**
 * Whether `value` can be used as an {@linkcode Action}: an instance, or an
 * object of the same shape (from another copy of this module) whose
 * `requeueAfterMs` is `undefined` or a delay of 0 ms or more.
 *
 * @param value What a reconcile or an error policy returned.
 * @returns True when the controller can act on it.
 *
 * @example
 * ```ts
 * import { Action, isAction } from "./action.ts";
 * isAction(Action.requeue(1_000)); // true
 * isAction(undefined); // false
 * ```
 */
export function isAction(value: unknown): value is Action {
  if (value instanceof Action) return true;
  if (typeof value !== "object" || value === null || !("requeueAfterMs" in value)) return false;
  const ms = value.requeueAfterMs;
  return ms === undefined || (typeof ms === "number" && ms >= 0);
}
