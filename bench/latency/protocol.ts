/**
 * What the latency children take and print, shared by the parent and the
 * kube child (the client-node child follows it by hand).
 *
 * Each child: `--kubeconfig FILE --context NAME --namespace NS --name CM
 * --writes N --warmup W`. It creates ConfigMap CM in NS, starts its cache
 * (a kube Reflector or a client-node informer) on NS's ConfigMaps, waits
 * until it is ready, then makes W + N sequential merge patches of
 * `data.seq`, one at a time: each write's response time is t0, the moment
 * the cache hands over the change carrying that seq is t1. The first W are
 * left out. It prints `{"ms":[t1 - t0, ...],"writeMs":[t0 - sent, ...]}` (N
 * figures each, in write order; writeMs is each write's round trip).
 *
 * @module
 */

/** What a latency child prints on its last line. */
export interface LatencyRun {
  /** t1 - t0 of each measured write, in ms; negative when the event came first. */
  ms: number[];
  /** Each measured write's round trip (request sent to response), in ms. */
  writeMs: number[];
}

/** How long one write may wait for its event before the child gives up. */
export const EVENT_TIMEOUT_MS = 10_000;
