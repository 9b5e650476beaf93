/**
 * The Deno side of talking to the pod server's `/bench/` endpoints, and
 * forcing a garbage collection before a heap reading.
 *
 * @module
 */

/** The last object of a burst: once a cache holds it, the burst is through. */
export interface BurstEnd {
  name: string;
  namespace: string;
  resourceVersion: string;
}

/**
 * Runs a full garbage collection; needs `--v8-flags=--expose-gc`.
 *
 * @throws {Error} Without the flag: heap figures would be noise.
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --v8-flags=--expose-gc");
  gc();
}

/** What the pod server says about itself. */
export interface ServerInfo {
  /** Watches open now. */
  watches: number;
  /** Watches opened since it started. */
  opened: number;
  /** Pods it holds. */
  pods: number;
  /** Their JSON size as a list sends them. */
  jsonBytes: number;
  /** Their JSON size as a metadata-only list sends them. */
  metadataBytes: number;
}

/**
 * Asks the pod server about itself.
 *
 * @param server The server's URL.
 * @returns Its answer.
 */
export async function serverInfo(server: string): Promise<ServerInfo> {
  return await (await fetch(`${server}/bench/info`)).json();
}

/**
 * Waits until the server has opened more than `opened` watches: the
 * contender finished its list and follows changes.
 *
 * @param server The server's URL.
 * @param opened The server's `opened` count before the contender started.
 */
export async function waitForWatch(server: string, opened: number): Promise<void> {
  while ((await serverInfo(server)).opened <= opened) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Has the server make `count` MODIFIED events ready (not timed), and hands
 * back the last one and a function that sends them all.
 *
 * @param server The server's URL.
 * @param count How many events.
 * @returns The burst's last object, and its trigger.
 */
export async function startBurst(
  server: string,
  count: number,
): Promise<{ last: BurstEnd; send: () => Promise<void> }> {
  const last: BurstEnd = await (await fetch(`${server}/bench/prepare?count=${count}`, {
    method: "POST",
  })).json();
  const send = async () => {
    await (await fetch(`${server}/bench/burst`, { method: "POST" })).body?.cancel();
  };
  return { last, send };
}

/**
 * Times a burst: a contender tells it of every object it keeps, and
 * {@linkcode BurstTimer.time} measures from sending the burst until the
 * burst's last object has been kept.
 */
export class BurstTimer {
  #last: { key: string; resourceVersion: string; done: () => void } | undefined;

  /**
   * A contender kept an object at `resourceVersion`; `keyOf` gives its key,
   * asked for only when the resourceVersion is the last one's.
   */
  seen(resourceVersion: string | undefined, keyOf: () => string): void {
    const last = this.#last;
    if (last && resourceVersion === last.resourceVersion && keyOf() === last.key) last.done();
  }

  /**
   * Prepares `count` MODIFIED events (not timed), sends them, and waits
   * until the last is seen.
   *
   * @returns The milliseconds it took, and the last object's key and resourceVersion.
   */
  async time(
    server: string,
    count: number,
  ): Promise<{ burstMs: number; key: string; resourceVersion: string }> {
    const { last, send } = await startBurst(server, count);
    const key = `${last.namespace}/${last.name}`;
    const arrived = new Promise<void>((done) => {
      this.#last = { key, resourceVersion: last.resourceVersion, done };
    });
    const start = performance.now();
    await Promise.all([send(), arrived]);
    return { burstMs: performance.now() - start, key, resourceVersion: last.resourceVersion };
  }
}
