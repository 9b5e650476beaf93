/**
 * Configuration inside a pod: the API server from `KUBERNETES_SERVICE_HOST`
 * and `KUBERNETES_SERVICE_PORT`, and the service account's token, CA and
 * namespace from its mounted directory.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import type { ClientConfig } from "./client_config.ts";
import { Credentials } from "./credentials.ts";

/** Where the kubelet mounts a pod's service account. */
export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

/**
 * Whether this process looks like it runs in a pod.
 *
 * @returns True when `KUBERNETES_SERVICE_HOST` is set.
 *
 * @example
 * ```ts
 * import { isInCluster } from "./in_cluster.ts";
 * console.log(isInCluster() ? "in a pod" : "outside");
 * ```
 */
export function isInCluster(): boolean {
  return Boolean(Deno.env.get("KUBERNETES_SERVICE_HOST"));
}

/**
 * Reads the in-cluster configuration. The token and the CA are re-read
 * whenever their files change, as the kubelet rotates them; a client moves
 * to a new connection when the CA has changed.
 *
 * @param dir The service account directory; the kubelet's mount by default.
 * @returns The resolved configuration.
 * @throws {ConfigError} When the environment or the service account files are missing.
 *
 * @example
 * ```ts ignore
 * import { loadInClusterConfig } from "./in_cluster.ts";
 * const config = await loadInClusterConfig();
 * ```
 */
export async function loadInClusterConfig(
  dir: string = SERVICE_ACCOUNT_DIR,
): Promise<ClientConfig> {
  const host = Deno.env.get("KUBERNETES_SERVICE_HOST");
  const port = Deno.env.get("KUBERNETES_SERVICE_PORT");
  if (!host || !port) {
    throw new ConfigError(
      "in-cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set",
    );
  }
  const tokenFile = `${dir}/token`;
  const caFile = `${dir}/ca.crt`;
  const read = async (path: string, what: string) => {
    try {
      return await Deno.readTextFile(path);
    } catch (e) {
      throw new ConfigError(
        `in-cluster: the service account ${what} ${path} cannot be read: ${(e as Error).message}`,
        { cause: e },
      );
    }
  };
  await read(tokenFile, "token");
  const ca = await read(caFile, "CA certificate");
  let namespace = "default";
  try {
    namespace = (await Deno.readTextFile(`${dir}/namespace`)).trim() ||
      "default";
  } catch {
    // An older or hand-made mount may lack the namespace file.
  }
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return {
    source: "in-cluster",
    context: "in-cluster",
    cluster: "in-cluster",
    user: "service-account",
    server: `https://${hostPart}:${port}`,
    namespace,
    caCerts: [ca],
    credentials: new Credentials({ tokenFile, caFile }),
  };
}
