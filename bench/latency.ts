/**
 * The latency part (write to event, against a real API server) is not
 * measured yet; this says why it is skipped.
 *
 * @module
 */

const KUBECONFIG = new URL("../tests/cluster/.run/kubeconfig", import.meta.url).pathname;

/**
 * Says whether a test cluster is there, and that latency is skipped.
 *
 * @returns One line for the report.
 *
 * @example
 * ```ts ignore
 * console.log(await latencyNote());
 * ```
 */
export async function latencyNote(): Promise<string> {
  try {
    await Deno.stat(KUBECONFIG);
  } catch {
    return "Latency: skipped: no tests/cluster/.run/kubeconfig (start one with `deno task cluster:up`)";
  }
  return "Latency: skipped: a test cluster's kubeconfig exists, but the write-to-event " +
    "latency measurement is not written yet";
}
