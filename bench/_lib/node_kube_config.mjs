/**
 * A client-node KubeConfig for the local benchmark server: plain HTTP, no
 * credentials (client-node wants skipTLSVerify set to speak http://).
 *
 * @module
 */

import { KubeConfig } from "./client_node.mjs";

/**
 * Makes a KubeConfig whose current context is the local server.
 *
 * @param {string} server The server's URL, e.g. `http://127.0.0.1:8080`.
 * @returns {KubeConfig} The configuration.
 */
export function benchKubeConfig(server) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "bench", server, skipTLSVerify: true }],
    users: [{ name: "bench" }],
    contexts: [{ name: "bench", cluster: "bench", user: "bench" }],
    currentContext: "bench",
  });
  return kc;
}
