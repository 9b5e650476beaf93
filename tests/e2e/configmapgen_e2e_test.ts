/**
 * examples/configmapgen_controller.ts as a user runs it, against the real
 * API server: what it does for a generator, and how two copies share one
 * Lease.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Api,
  type Client,
  type ConfigMap,
  type CustomResourceDefinition,
  type Event,
  type KubeObject,
} from "../../mod.ts";
import {
  eventually,
  exampleYaml,
  type RunningExample,
  startExample,
  withNamespace,
} from "./_cluster.ts";

const LEASE = "configmapgen-controller";

type Generator = KubeObject<{ content: string }, never>;

/** One copy of the example, leading through the Lease in `namespace`. */
function startController(namespace: string): Promise<RunningExample> {
  return startExample("configmapgen_controller.ts", [], { env: { POD_NAMESPACE: namespace } });
}

/** Applies the example's CRD and waits until ConfigMapGenerators are served; returns a handle in `namespace`. */
async function generatorApi(client: Client, namespace: string): Promise<Api<Generator>> {
  const [crd] = await exampleYaml<CustomResourceDefinition>("configmapgen.yaml");
  await Api.v1CustomResourceDefinition(client).patch(crd.metadata.name!, {
    type: "apply",
    fieldManager: "kube-e2e",
    force: true,
    body: crd,
  });
  const generators = Api.custom<{ content: string }, never>(client, {
    group: "kube.example",
    version: "v1",
    kind: "ConfigMapGenerator",
    plural: "configmapgenerators",
    namespaced: true,
  }).within(namespace);
  await eventually("ConfigMapGenerators to be served", () => generators.list().then(() => true));
  return generators;
}

/**
 * A copy's terms of leadership, from `leading as` to `stopped leading` (or
 * `endAt` for a copy still leading or killed); throws on a reconcile outside them.
 */
function termsOf(copy: RunningExample, endAt: number): { from: number; to: number }[] {
  const terms: { from: number; to: number }[] = [];
  let from: number | undefined;
  for (const { at, text } of copy.lines) {
    if (text.startsWith("leading as")) from = at;
    else if (text === "stopped leading" && from !== undefined) {
      terms.push({ from, to: at });
      from = undefined;
    } else if (text.startsWith("reconciled") && from === undefined) {
      throw new Error(`reconciled while not leading:\n${copy.output()}`);
    }
  }
  if (from !== undefined) terms.push({ from, to: endAt });
  return terms;
}

async function holder(client: Client, namespace: string): Promise<string | undefined> {
  const lease = await Api.v1Lease(client).within(namespace).get(LEASE).catch(() => undefined);
  return lease?.spec?.holderIdentity || undefined;
}

Deno.test("e2e configmapgen: leads, keeps each generator's ConfigMap as it should be, records Events, cleans up, and releases the Lease on Ctrl-C", async () => {
  await withNamespace(async (ns, client) => {
    const generators = await generatorApi(client, ns);
    const configMaps = Api.v1ConfigMap(client).within(ns);
    const controller = await startController(ns);
    try {
      await eventually("it to lead", () => /leading as \S+/.test(controller.output()), 60_000);
      const [hello] = await exampleYaml<Generator>("configmapgen.yaml").then((docs) =>
        docs.slice(1)
      );
      const created = await generators.create(hello);
      const made = await eventually("the ConfigMap", async () => {
        const cm = await configMaps.get("hello").catch(() => undefined);
        return cm?.data?.content === hello.spec!.content ? cm : undefined;
      });
      assert.deepEqual(
        made.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.uid, r.controller]),
        [["ConfigMapGenerator", "hello", created.metadata.uid, true]],
      );
      assert.match(controller.output(), new RegExp(`reconciled ${ns}/hello`));
      assert.deepEqual((await generators.get("hello")).metadata.finalizers, [
        "kube.example/cleanup",
      ]);

      await configMaps.delete("hello");
      await eventually("the deleted ConfigMap to come back", async () => {
        const cm = await configMaps.get("hello").catch(() => undefined);
        return cm && cm.metadata.uid !== made.metadata.uid;
      });

      await generators.patch("hello", { type: "merge", body: { spec: { content: "edited" } } });
      await eventually(
        "the ConfigMap to follow the edit",
        async () => (await configMaps.get("hello") as ConfigMap).data?.content === "edited",
      );

      const events = Api.v1Event(client).within(ns);
      const reconciled = await eventually("a Reconciled Event whose series counts up", async () => {
        const { items } = await events.list();
        return items.find((e: Event) =>
          e.regarding?.name === "hello" && e.reason === "Reconciled" && (e.series?.count ?? 0) >= 2
        );
      });
      assert.equal(reconciled.reportingController, "kube.example/configmapgen-controller");
      assert.equal(reconciled.type, "Normal");

      await generators.delete("hello");
      await eventually(
        "the cleanup to run",
        () => controller.output().includes(`cleaned up ${ns}/hello`),
      );
      await eventually(
        "the generator to be gone",
        () => generators.get("hello").then(() => false, () => true),
      );
    } finally {
      controller.kill("SIGINT");
    }
    assert.equal(await controller.status, 0, controller.output());
    assert.match(controller.output(), /stopped/);
    assert.equal(await holder(client, ns), undefined, "the Lease was released");
  });
});

Deno.test("e2e configmapgen: two copies under one Lease: one reconciles at a time, SIGKILL of the leader hands over within the lease duration, a graceful stop at once", async () => {
  await withNamespace(async (ns, client) => {
    const generators = await generatorApi(client, ns);
    const copies = [await startController(ns), await startController(ns)];
    const leading = () => copies.filter((c) => /leading as/.test(c.output()));
    const identity = (c: RunningExample) => /leading as (\S+)/.exec(c.output())?.[1];
    try {
      await eventually("one copy to lead", () => leading().length === 1, 60_000);
      const [first] = leading();
      const second = copies.find((c) => c !== first)!;
      await generators.create({ metadata: { name: "one" }, spec: { content: "1" } });
      await eventually(
        "the leader to reconcile",
        () => first.output().includes(`reconciled ${ns}/one`),
      );
      assert.equal(await holder(client, ns), identity(first));

      first.kill("SIGKILL");
      const killedAt = Date.now();
      await first.status;
      await eventually("the other copy to lead", () => identity(second) !== undefined, 40_000);
      const takeover = Date.now() - killedAt;
      console.log(`configmapgen: took over ${(takeover / 1000).toFixed(1)} s after SIGKILL`);
      // The follower counts the 15 s lease from when it first saw the last
      // renewal, which can be one try (2 s plus up to 120 % jitter) after
      // the kill, and takes over at its first try after that: at most
      // 15 s + 2 × 4.4 s, plus a second for the output to reach us.
      assert.ok(takeover <= 15_000 + 2 * 2.2 * 2_000 + 1_000, `took over after ${takeover} ms`);
      await generators.patch("one", { type: "merge", body: { spec: { content: "2" } } });
      await eventually(
        "the new leader to reconcile",
        () => second.output().includes(`reconciled ${ns}/one`),
      );

      const third = await startController(ns);
      copies.push(third);
      await eventually(
        "the new copy to see the Lease held",
        async () => (await holder(client, ns)) === identity(second),
      );
      second.kill("SIGINT");
      const stoppedAt = Date.now();
      await eventually("the third copy to lead", () => identity(third) !== undefined, 30_000);
      const handover = Date.now() - stoppedAt;
      console.log(`configmapgen: handed over ${(handover / 1000).toFixed(1)} s after SIGINT`);
      assert.ok(handover <= 3 * 2.2 * 2_000, `handed over after ${handover} ms`);
      assert.equal(await second.status, 0, second.output());

      // Over the whole test: terms of leadership never overlap, and each
      // copy reconciles only within its own terms.
      const all = copies.flatMap((copy) => termsOf(copy, copy === first ? killedAt : Infinity));
      all.sort((a, b) => a.from - b.from);
      for (let i = 1; i < all.length; i++) {
        assert.ok(all[i - 1].to <= all[i].from, `two copies led at once: ${JSON.stringify(all)}`);
      }
      assert.equal(all.length, 3, JSON.stringify(all));
    } finally {
      for (const copy of copies) copy.kill("SIGINT");
      await Promise.allSettled(copies.map((c) => c.status));
      await generators.patch("one", {
        type: "json",
        body: [{ op: "remove", path: "/metadata/finalizers" }],
      })
        .catch(() => {});
    }
  });
});
