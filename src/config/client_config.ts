/**
 * The resolved configuration a {@linkcode Client} is made from.
 *
 * @module
 */

import type { Credentials } from "./credentials.ts";
import type { Impersonation } from "./impersonation.ts";

/**
 * Everything needed to reach and authenticate to one API server, resolved
 * from a kubeconfig context or from the pod's service account. It holds no
 * secret in a readable field: those live inside {@linkcode Credentials}.
 *
 * @example
 * ```ts ignore
 * import { loadConfig } from "../../mod.ts";
 * const config = await loadConfig({ context: "kind-kind" });
 * console.log(config.server, config.namespace, String(config.credentials));
 * ```
 */
export interface ClientConfig {
  /** Where it came from: the kubeconfig files, or `in-cluster`. */
  readonly source: string;
  /** The context's name (`in-cluster` when in a cluster). */
  readonly context: string;
  /** The cluster's name. */
  readonly cluster: string;
  /** The user's name. */
  readonly user: string;
  /** The API server's base URL, e.g. `https://127.0.0.1:6443`. */
  readonly server: string;
  /** The default namespace: the context's, the service account's, or `default`. */
  readonly namespace: string;
  /**
   * CA certificates (PEM) to trust for the server. Deno adds them to its
   * default roots (Mozilla's, or the system's with `DENO_TLS_CA_STORE=system`,
   * and `DENO_CERT`'s) and cannot make them the only ones: a certificate for
   * the server's name from any of those CAs is accepted too.
   */
  readonly caCerts?: string[];
  /** An HTTP(S) or SOCKS5 proxy to reach the server through. */
  readonly proxyUrl?: string;
  /**
   * The name to expect in the server's certificate (and send as SNI) in
   * place of the server URL's host: the cluster's `tls-server-name`.
   */
  readonly tlsServerName?: string;
  /** How to authenticate. */
  readonly credentials: Credentials;
  /**
   * Who to act as once authenticated: the user's `as`, `as-uid`,
   * `as-groups` and `as-user-extra`. Names, not secrets.
   */
  readonly impersonate?: Impersonation;
}
