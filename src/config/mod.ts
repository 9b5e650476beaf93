/**
 * Finding and resolving configuration the way kubectl does: `KUBECONFIG`,
 * then `~/.kube/config`, then the pod's service account.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";
import type { ClientConfig } from "./client_config.ts";
import { isInCluster, loadInClusterConfig } from "./in_cluster.ts";
import { readKubeconfigs, resolveKubeconfig, type ResolveOptions } from "./kubeconfig.ts";

export type { ClientConfig } from "./client_config.ts";
export { type AuthMaterial, Credentials } from "./credentials.ts";
export { type ExecConfig, ExecPlugin, type ExecPluginOptions, type ExecResult } from "./exec.ts";
export { isInCluster, loadInClusterConfig, SERVICE_ACCOUNT_DIR } from "./in_cluster.ts";
export { type Impersonation, impersonationHeaders } from "./impersonation.ts";
export type { UrlUser } from "./userinfo.ts";
export { type OidcConfig, OidcProvider, type OidcProviderOptions } from "./oidc.ts";
export {
  type KubeconfigEntry,
  type MergedKubeconfig,
  readKubeconfigs,
  resolveKubeconfig,
  type ResolveOptions,
} from "./kubeconfig.ts";

/**
 * Where to look for configuration, and what to override.
 *
 * @example
 * ```ts
 * import type { LoadConfigOptions } from "./mod.ts";
 * const options: LoadConfigOptions = { kubeconfig: "./kubeconfig", context: "admin", namespace: "demo" };
 * ```
 */
export interface LoadConfigOptions extends ResolveOptions {
  /**
   * kubeconfig file(s) to read, in place of `KUBECONFIG` and `~/.kube/config`.
   * A file named here must exist.
   */
  kubeconfig?: string | string[];
  /** The service account directory for in-cluster configuration. */
  serviceAccountDir?: string;
}

/**
 * Resolves the configuration kubectl would use: the files in `KUBECONFIG`
 * (`:`-separated, merged), else `~/.kube/config`, else the in-cluster
 * service account.
 *
 * Needs `--allow-env` and `--allow-read` (and `--allow-run` for exec plugins).
 *
 * @param options Files, context and namespace overrides.
 * @returns The resolved configuration.
 * @throws {ConfigError} Saying what was looked for, when nothing is found,
 * or naming the file and the problem, when something is wrong.
 *
 * @example
 * ```ts ignore
 * import { loadConfig } from "./mod.ts";
 * const config = await loadConfig({ namespace: "kube-system" });
 * console.log(`${config.context} -> ${config.server}`);
 * ```
 */
export async function loadConfig(
  options: LoadConfigOptions = {},
): Promise<ClientConfig> {
  if (options.kubeconfig !== undefined) {
    const paths = [options.kubeconfig].flat();
    const merged = await readKubeconfigs(paths);
    if (merged.files.length === 0) {
      throw new ConfigError(`kubeconfig ${paths.join(", ")} does not exist`);
    }
    return resolveKubeconfig(merged, options);
  }
  const looked: string[] = [];
  const list = Deno.env.get("KUBECONFIG");
  const paths = list ? list.split(Deno.build.os === "windows" ? ";" : ":").filter(Boolean) : [];
  if (paths.length > 0) {
    looked.push(`KUBECONFIG (${paths.join(", ")})`);
  } else {
    const home = Deno.env.get("HOME") ?? Deno.env.get("USERPROFILE");
    if (home) {
      paths.push(`${home}/.kube/config`);
      looked.push(`${home}/.kube/config`);
    }
  }
  const merged = await readKubeconfigs(paths);
  if (merged.files.length > 0) return resolveKubeconfig(merged, options);
  if (isInCluster()) {
    const config = await loadInClusterConfig(options.serviceAccountDir);
    return options.namespace ? { ...config, namespace: options.namespace } : config;
  }
  looked.push("in-cluster (KUBERNETES_SERVICE_HOST is not set)");
  throw new ConfigError(
    `no Kubernetes configuration found; looked at ${looked.join(", ")}`,
  );
}
