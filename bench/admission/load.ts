/**
 * A load generator cheap enough not to be what limits the server: raw
 * HTTP/1.1 over a few connections, each keeping several POSTs in flight
 * (pipelined), counting whole responses as they arrive.
 *
 * @module
 */

/** How hard to push. */
export interface LoadOptions {
  /** Open connections. */
  connections: number;
  /** Requests in flight on each connection. */
  depth: number;
  /** How long to count, after the warm-up. */
  durationMs: number;
  /** How long to send before counting. */
  warmupMs: number;
  /** The CA to trust, for HTTPS. */
  ca?: string;
  /** Called as counting starts and as it ends, e.g. to read the server's CPU time. */
  onWindow?: (edge: "start" | "end") => void;
}

/** What a load run saw. */
export interface LoadResult {
  /** Responses completed while counting, per second. */
  perSecond: number;
  /** Responses completed while counting. */
  count: number;
  /** The body of one response, to check what the server said. */
  sample: string;
  /** Responses whose status was not 200. */
  errors: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * POSTs `body` to `/` on `127.0.0.1:port` as fast as the server answers.
 *
 * @param port The server's port.
 * @param body The request body (an AdmissionReview).
 * @param options Connections, depth, timing and TLS.
 * @returns Responses per second, one response body and the error count.
 */
export async function load(port: number, body: string, options: LoadOptions): Promise<LoadResult> {
  const payload = encoder.encode(body);
  const request = encoder.encode(
    `POST / HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${payload.length}\r\n\r\n`,
  );
  const one = new Uint8Array(request.length + payload.length);
  one.set(request);
  one.set(payload, request.length);

  let counting = false;
  let stop = false;
  let count = 0;
  let errors = 0;
  let sample = "";
  const connection = async () => {
    const conn = options.ca
      ? await Deno.connectTls({ hostname: "127.0.0.1", port, caCerts: [options.ca] })
      : await Deno.connect({ hostname: "127.0.0.1", port });
    const writer = conn.writable.getWriter();
    let inFlight = 0;
    const send = async (n: number) => {
      const batch = new Uint8Array(one.length * n);
      for (let i = 0; i < n; i++) batch.set(one, i * one.length);
      inFlight += n;
      await writer.write(batch);
    };
    await send(options.depth);
    let buffer = new Uint8Array(0);
    for await (const chunk of conn.readable) {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      let done = 0;
      for (;;) {
        const end = headerEnd(buffer);
        if (end < 0) break;
        const head = decoder.decode(buffer.subarray(0, end));
        const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffer.length < end + 4 + length) break;
        if (!head.startsWith("HTTP/1.1 200")) errors++;
        if (!sample) sample = decoder.decode(buffer.subarray(end + 4, end + 4 + length));
        buffer = buffer.subarray(end + 4 + length);
        done++;
      }
      if (counting) count += done;
      inFlight -= done;
      if (stop) {
        if (inFlight === 0) break;
      } else if (done > 0) await send(done);
    }
    try {
      conn.close();
    } catch {
      // Leaving the loop cancelled the readable, which closed the connection.
    }
  };
  const running = Array.from({ length: options.connections }, connection);
  await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
  counting = true;
  options.onWindow?.("start");
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, options.durationMs));
  counting = false;
  options.onWindow?.("end");
  const seconds = (performance.now() - start) / 1000;
  stop = true;
  await Promise.all(running);
  return { perSecond: count / seconds, count, sample, errors };
}

/** Where `\r\n\r\n` starts, or -1. */
function headerEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) {
      return i;
    }
  }
  return -1;
}
