/**
 * What a reconcile asks of its controller once it is done.
 *
 * @module
 */

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
    if (!(ms >= 0)) throw new RangeError(`requeue needs a delay of 0 ms or more, not ${ms}`);
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
