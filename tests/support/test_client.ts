/**
 * A Client for tests against in-process servers: no kubeconfig, a fixed
 * context, and a bearer token only when the test wants one.
 *
 * @module
 */

import { Client, Credentials } from "../../mod.ts";

/** What a test client differs in. */
export interface TestClientOptions {
  /** The client's default namespace: `default`. */
  namespace?: string;
  /** A bearer token to send; none by default. */
  token?: string;
  /** CA certificates (PEM) to trust, for an HTTPS test server. */
  caCerts?: string[];
}

/** A client for `server` (e.g. `http://127.0.0.1:PORT`). Close it when done. */
export function testClient(server: string, options: TestClientOptions = {}): Client {
  return new Client({
    source: "test",
    context: "test",
    cluster: "test",
    user: "test",
    server,
    namespace: options.namespace ?? "default",
    credentials: new Credentials(options.token === undefined ? {} : { token: options.token }),
    ...(options.caCerts ? { caCerts: options.caCerts } : {}),
  });
}

/** `promise`, or a failure naming `what` after `ms`: a deadline for one step of a test. */
export async function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting ${ms} ms for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
