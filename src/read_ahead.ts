/**
 * Paged lists that ask for the next page while the current one is parsed.
 *
 * @module
 */

import { LinkedAbort } from "./linked_abort.ts";
import type { KubeList, KubeObject } from "./types/meta.ts";

/**
 * Fetches the page for `token` (the first page without one) and calls
 * `onContinue` with the next page's token once the answer has arrived,
 * before it is parsed: {@linkcode Api.list} with `continue` and
 * `onContinue`.
 */
export type PageFetch<T extends KubeObject> = (
  token: string | undefined,
  signal: AbortSignal,
  onContinue: (next: string) => void,
) => Promise<KubeList<T>>;

/** A page asked for, and the one asked for after it once its token was read. */
interface Request<T extends KubeObject> {
  token: string | undefined;
  page: Promise<KubeList<T>>;
  stop: LinkedAbort;
  next?: Request<T>;
}

/**
 * Reads a paged list one page at a time, the next page always one request
 * ahead: as soon as a page's text arrives its continue token is read and
 * the next page asked for, so the server works on it while this one is
 * parsed. The pages stay strictly in order and each is parsed once; a page
 * that fails, or a token that the parse contradicts, drops what was asked
 * for ahead, and the next call asks again.
 *
 * @typeParam T The listed object type.
 *
 * @example
 * ```ts ignore
 * import { ReadAhead } from "./read_ahead.ts";
 * using pages = new ReadAhead((token, signal, onContinue) =>
 *   pods.list({ limit: 500, continue: token, signal, onContinue })
 * );
 * let page = await pages.page(undefined);
 * while (page.metadata.continue) page = await pages.page(page.metadata.continue);
 * ```
 */
export class ReadAhead<T extends KubeObject> {
  #fetch: PageFetch<T>;
  #ahead: Request<T> | undefined;

  /**
   * Creates a ReadAhead.
   *
   * @param fetch Fetches one page and reports the next page's token early.
   */
  constructor(fetch: PageFetch<T>) {
    this.#fetch = fetch;
  }

  /**
   * The page for `token`: the one already asked for if it is that token's,
   * else a new request.
   *
   * @param token The previous page's `metadata.continue`; none for the first page.
   * @param signal Stops the wait. A page that was asked for ahead goes on
   * loading for the next call; one asked for by this call is cancelled.
   * @returns The page.
   */
  async page(token: string | undefined, signal?: AbortSignal): Promise<KubeList<T>> {
    let request = this.#ahead;
    this.#ahead = undefined;
    if (!request || request.token !== token) {
      this.#drop(request);
      request = this.#ask(token, new LinkedAbort(signal));
    }
    let page: KubeList<T>;
    try {
      page = await waitFor(request.page, signal);
    } catch (e) {
      // Only an abort of this wait leaves the request to a later call.
      if (signal?.aborted && !request.stop.signal.aborted) {
        this.#ahead = request;
      } else {
        request.stop[Symbol.dispose]();
        this.#drop(request.next);
      }
      throw e;
    }
    request.stop[Symbol.dispose]();
    const next = request.next;
    if (next && next.token === page.metadata.continue) this.#ahead = next;
    else this.#drop(next);
    return page;
  }

  /** Cancels what was asked for ahead. */
  close(): void {
    this.#drop(this.#ahead);
    this.#ahead = undefined;
  }

  /** Same as {@linkcode ReadAhead.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  #ask(token: string | undefined, stop: LinkedAbort): Request<T> {
    const request: Request<T> = { token, stop, page: undefined! };
    request.page = this.#fetch(token, stop.signal, (next) => {
      request.next = this.#ask(next, new LinkedAbort());
    });
    // Nobody may wait for it (a closed reader): its failure is not unhandled.
    request.page.catch(() => {});
    return request;
  }

  #drop(request: Request<T> | undefined): void {
    for (let r = request; r; r = r.next) r.stop.abort();
  }
}

/** `promise`, or the signal's reason as soon as it aborts. */
function waitFor<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
