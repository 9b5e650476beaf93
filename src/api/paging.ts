/**
 * Paged lists that ask for the next page while the current one is parsed.
 *
 * @module
 */

import { abortable, LinkedAbort } from "../util/abort.ts";
import type { KubeList, KubeObject } from "../types/meta.ts";

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
  /** The next page's token, once the answer told it. */
  nextToken?: string;
  /** The next page, asked for once this one is wanted and its token known. */
  next?: Request<T>;
  /** Whether a call wants this page: only then is the one after it asked for. */
  wanted: boolean;
}

/**
 * Reads a paged list one page at a time, the next page one request ahead:
 * as soon as the wanted page's text arrives its continue token is read and
 * the next page asked for, so the server works on it while this one is
 * parsed. Never more than one page is asked for ahead of the one wanted.
 * The pages stay strictly in order and each is parsed once; a page that
 * fails, or a token that the parse contradicts, drops what was asked for
 * ahead, and the next call asks again.
 *
 * @typeParam T The listed object type.
 *
 * @example
 * ```ts ignore
 * import { ReadAhead } from "./paging.ts";
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
  /** Every request not yet settled, for close. */
  #live = new Set<Request<T>>();

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
    this.#want(request);
    let page: KubeList<T>;
    try {
      page = await abortable(request.page, signal);
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
    if (next && next.token === page.metadata?.continue) this.#ahead = next;
    else this.#drop(next);
    return page;
  }

  /** Cancels every request still loading, and forgets what was asked for ahead. */
  close(): void {
    for (const request of this.#live) request.stop.abort();
    this.#live.clear();
    this.#ahead = undefined;
  }

  /** Same as {@linkcode ReadAhead.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  #ask(token: string | undefined, stop: LinkedAbort): Request<T> {
    const request: Request<T> = { token, stop, wanted: false, page: undefined! };
    this.#live.add(request);
    request.page = this.#fetch(token, stop.signal, (next) => {
      if (stop.signal.aborted || request.nextToken !== undefined) return;
      request.nextToken = next;
      if (request.wanted) this.#askNext(request);
    });
    // Nobody may wait for it (a closed reader): its failure is not unhandled.
    request.page.then(
      () => this.#live.delete(request),
      () => this.#live.delete(request),
    );
    return request;
  }

  #want(request: Request<T>): void {
    request.wanted = true;
    if (request.nextToken !== undefined && !request.next) this.#askNext(request);
  }

  #askNext(request: Request<T>): void {
    if (request.stop.signal.aborted || request.next) return;
    request.next = this.#ask(request.nextToken, new LinkedAbort());
  }

  #drop(request: Request<T> | undefined): void {
    for (let r = request; r; r = r.next) r.stop.abort();
  }
}

const utf8 = new TextDecoder();

/** How near a list's start or end its metadata must lie to be read before the parse. */
const LIST_EDGE = 64 * 1024;

/**
 * A list's continue token, read from its JSON without parsing the items:
 * from the members before `"items"` (typed lists put `metadata` there) or
 * after them (unstructured lists sort their keys, so it comes last).
 * Raw quotes never occur inside a JSON string, and the cut text must
 * parse as an object, so a match inside an item is never taken.
 *
 * @param bytes The list's JSON.
 * @returns The token, if one can be read so.
 */
export function continueOf(bytes: Uint8Array): string | undefined {
  let members: { metadata?: { continue?: unknown } } | undefined;
  const head = utf8.decode(bytes.subarray(0, LIST_EDGE));
  const items = head.indexOf(',"items":');
  if (items !== -1) members = parseOrUndefined(head.slice(0, items) + "}");
  if (members?.metadata === undefined && bytes.length > 0) {
    const tail = bytes.length > LIST_EDGE ? utf8.decode(bytes.subarray(-LIST_EDGE)) : head;
    const end = tail.lastIndexOf('],"kind":');
    if (end !== -1) members = parseOrUndefined("{" + tail.slice(end + 2));
  }
  const token = members?.metadata?.continue;
  return typeof token === "string" && token ? token : undefined;
}

function parseOrUndefined<T>(text: string): T | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
