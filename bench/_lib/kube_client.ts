/**
 * A kube Client for the local benchmark server: plain HTTP, no credentials.
 *
 * @module
 */

import { Client } from "../../mod.ts";
import { Credentials } from "../../src/config/credentials.ts";

/**
 * Makes a Client that talks to `server` without TLS or credentials.
 *
 * @param server The server's URL, e.g. `http://127.0.0.1:8080`.
 * @returns The client.
 *
 * @example
 * ```ts ignore
 * using client = benchClient("http://127.0.0.1:8080");
 * ```
 */
export function benchClient(server: string): Client {
  return new Client({
    source: "bench",
    context: "bench",
    cluster: "bench",
    user: "",
    server,
    namespace: "default",
    credentials: new Credentials(),
  });
}
