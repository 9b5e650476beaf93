/**
 * One run of the snapshot measure: a Store of N pods takes U updates, once
 * alone and once with a `read()` (and a lookup in it) after each, as a
 * controller that reads the cache after every change does. Each update is
 * made inside the timed loop, as a decoder hands it over, so both ways
 * allocate alike but for what the reads do. After a warm-up round, each way
 * runs three times, alternating, in this one process; the median of each is
 * printed as `{"applyMs":A,"readMs":R}` on stdout.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { type KubeObject, Store } from "../../mod.ts";
import { makePod } from "../../tests/support/pods.ts";
import { seeded } from "../../tests/support/rng.ts";
import { summarize } from "../stats.ts";

const ROUNDS = 3;

function main() {
  const { values } = parseArgs({
    args: Deno.args,
    options: { objects: { type: "string" }, updates: { type: "string" } },
  });
  const objects = Number(values.objects ?? 50_000);
  const updates = Number(values.updates ?? 10_000);
  const rng = seeded(3);
  const pods: KubeObject[] = Array.from(
    { length: objects },
    (_, i) => makePod(rng, i, String(i + 1)) as KubeObject,
  );
  let rv = objects;
  let next = 0;
  /** The next MODIFIED object, as the burst sends them: a label and the resourceVersion change. */
  const update = (): KubeObject => {
    const pod = pods[(next++ * 7919) % objects];
    const resourceVersion = String(++rv);
    return {
      ...pod,
      metadata: {
        ...pod.metadata,
        resourceVersion,
        labels: { ...pod.metadata.labels, burst: resourceVersion },
      },
    };
  };
  const store = new Store((o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`);
  store.replace(pods);
  const alone = () => {
    const start = performance.now();
    for (let i = 0; i < updates; i++) store.apply("MODIFIED", update());
    return performance.now() - start;
  };
  const reading = () => {
    const start = performance.now();
    for (let i = 0; i < updates; i++) {
      const change = store.apply("MODIFIED", update())!;
      if (store.read().get(change.key) !== change.object) {
        throw new Error(`read() missed ${change.key}`);
      }
    }
    return performance.now() - start;
  };
  alone();
  reading();
  const apply: number[] = [];
  const read: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    apply.push(alone());
    read.push(reading());
  }
  console.log(
    JSON.stringify({ applyMs: summarize(apply).median, readMs: summarize(read).median }),
  );
}

if (import.meta.main) main();
