/**
 * client-node, as installed by `deno task bench` into bench/.node (outside
 * Node's usual lookup path, hence the explicit URL).
 *
 * @module
 */

const entry = new URL(
  "../.node/node_modules/@kubernetes/client-node/dist/index.js",
  import.meta.url,
);

/** The parts of client-node the benchmarks use. */
export const { CoreV1Api, KubeConfig, PatchStrategy, Watch, makeInformer, setHeaderOptions } =
  await import(entry.href);
