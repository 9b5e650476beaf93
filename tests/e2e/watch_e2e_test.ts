import assert from "node:assert/strict";
import {
  Api,
  Informer,
  type InformerEvent,
  type KubeObject,
  type Pod,
  Reflector,
  Watcher,
} from "../../mod.ts";
import { deployment, eventually, LOCAL, pod, script, versions, withNamespace } from "./_cluster.ts";

Deno.test("e2e reflector: sees creations, updates and deletions in order, and equals a fresh list", async () => {
  await withNamespace(async (ns, client) => {
    const pods = Api.v1Pod(client).within(ns);
    const rf = new Reflector(pods);
    const stop = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const change of rf.run(stop.signal)) seen.push(`${change.type} ${change.key}`);
    })();
    try {
      await rf.ready;
      await pods.create(pod("a"));
      await pods.create(pod("b"));
      await pods.patch("a", { type: "merge", body: { metadata: { labels: { touched: "yes" } } } });
      await pods.delete("b", { gracePeriodSeconds: 0 });
      await eventually("the reflector to see b deleted", () => seen.includes(`DELETED ${ns}/b`));
      const forA = seen.filter((s) => s.endsWith(`${ns}/a`));
      assert.equal(forA[0], `ADDED ${ns}/a`);
      assert.ok(forA.includes(`MODIFIED ${ns}/a`));
      assert.ok(seen.indexOf(`ADDED ${ns}/b`) < seen.indexOf(`DELETED ${ns}/b`));
      await eventually("the store to equal a fresh list", async () => {
        const truth = await pods.list();
        return versions(rf.read().values()).join() === versions(truth.items).join();
      });
      assert.equal(rf.read().get(`${ns}/a`)?.metadata.labels?.touched, "yes");
    } finally {
      stop.abort();
      await loop;
    }
  });
});

Deno.test("e2e informer: polls queue every change made between and during polls, in order", async () => {
  await withNamespace(async (ns, client) => {
    const cms = Api.v1ConfigMap(client).within(ns);
    const inf = new Informer(cms).timeout(2);
    await cms.create({ metadata: { name: "before" } });
    await inf.poll(); // lists, then watches a 2 s round
    await cms.create({ metadata: { name: "x" } });
    await cms.patch("x", { type: "merge", body: { data: { v: "2" } } });
    await cms.delete("x");
    const events: string[] = [];
    await eventually("the delete of x to be queued", async () => {
      await inf.poll();
      for (let ev = inf.pop(); ev; ev = inf.pop()) events.push(describe(ev));
      return events.includes("DELETED x");
    }, 60_000);
    assert.deepEqual(
      events,
      ["ADDED x", "MODIFIED x", "DELETED x"],
      "nothing about the pod made before",
    );
  });
});

function describe(ev: InformerEvent<KubeObject>): string {
  if (ev.type === "RESTARTED") {
    return `RESTARTED ${ev.objects.map((o) => o.metadata.name).sort().join(",")}`;
  }
  if (ev.type === "ERROR") return `ERROR ${ev.object.code}`;
  return `${ev.type} ${ev.object.metadata.name}`;
}

Deno.test({
  name:
    "e2e reflector: after etcd compaction the next watch gets a 410, and the relist still equals the truth",
  ignore: !LOCAL,
  async fn() {
    await withNamespace(async (ns, client) => {
      const cms = Api.v1ConfigMap(client).within(ns);
      await cms.create({ metadata: { name: "stays" } });
      await cms.create({ metadata: { name: "goes" } });
      const rf = new Reflector(cms, { initialList: "list" }).timeout(5);
      await rf.poll();
      const watcher = new Watcher(cms, { initialList: "list", timeoutSeconds: 5 });
      const signal = new AbortController().signal;
      while ((await watcher.step(signal))?.type !== "RESTARTED");
      // While neither has a watch open: changes, then compaction past their resourceVersion.
      await cms.delete("goes");
      await cms.create({ metadata: { name: "new" } });
      await script("compact.sh");
      // The 410 comes as an ERROR event after a 200, or (from some servers) as the status.
      let answer;
      do answer = await watcher.step(signal); while (!answer && watcher.state !== "Empty");
      assert.ok(
        watcher.state === "Empty" || (answer?.type === "ERROR" && answer.status?.code === 410),
        `expected a 410, got ${JSON.stringify(answer)} and state ${watcher.state}`,
      );
      watcher.close();
      const changes = await rf.poll();
      assert.deepEqual(
        changes.map((c) => `${c.type} ${c.key}`).sort(),
        [`ADDED ${ns}/new`, `DELETED ${ns}/goes`],
      );
      const truth = await cms.list();
      assert.deepEqual(versions(rf.read().values()), versions(truth.items));
    });
  },
});

Deno.test({
  name: "e2e: after an API server restart mid-watch, reflector and informer resume by themselves",
  ignore: !LOCAL,
  async fn() {
    await withNamespace(async (ns, client) => {
      const pods = Api.v1Pod(client).within(ns);
      const rf = new Reflector(pods);
      const inf = new Informer(pods);
      const stop = new AbortController();
      const informed: string[] = [];
      const loops = [
        (async () => {
          for await (const _ of rf.run(stop.signal));
        })(),
        (async () => {
          for await (const ev of inf.run(stop.signal)) informed.push(describe(ev));
        })(),
      ];
      try {
        await rf.ready;
        await pods.create(pod("before"));
        await eventually(
          "both to see the first pod",
          () => rf.read().has(`${ns}/before`) && informed.includes("ADDED before"),
        );
        await script("restart-apiserver.sh");
        await pods.create(pod("after"));
        await eventually(
          "both to see the pod made after the restart",
          // The informer reports the pod as ADDED, or within RESTARTED if its
          // relist (after the 410 that a restarted server answers) came later.
          () =>
            rf.read().has(`${ns}/after`) &&
            informed.some((e) => e === "ADDED after" || /^RESTARTED .*\bafter\b/.test(e)),
          90_000,
        );
        const truth = await pods.list();
        assert.deepEqual(versions(rf.read().values()), versions(truth.items));
      } finally {
        stop.abort();
        await Promise.all(loops);
      }
    });
  },
});

Deno.test("e2e watcher: bookmarks arrive and carry the resourceVersion past pods changed in other namespaces", async () => {
  await withNamespace(async (ns, client) => {
    await withNamespace(async (other) => {
      const watcher = new Watcher(Api.v1Pod(client).within(ns), { timeoutSeconds: 5 });
      // Each 5 s watch gets a bookmark 2 s before its end; the watch cache also
      // sends one about once a minute, which is what a watch waits for while the
      // cache of a just-restarted API server catches up: allow two of those.
      const signal = AbortSignal.timeout(150_000);
      const steps: string[] = [];
      const step = async () => {
        const ev = await watcher.step(signal).catch((e) => {
          throw new Error(`no bookmark past the pod elsewhere; the steps: ${steps.join(", ")}`, {
            cause: e,
          });
        });
        steps.push(ev?.type === "BOOKMARK" ? `BOOKMARK ${ev.resourceVersion}` : ev?.type ?? "-");
        return ev;
      };
      while ((await step())?.type !== "RESTARTED");
      const listedAt = Number(watcher.resourceVersion);
      // A pod elsewhere moves the pods' resourceVersion; our watch sees only a bookmark of it.
      const elsewhere = await Api.v1Pod(client).within(other).create(pod("elsewhere"));
      steps.push(`(elsewhere at ${elsewhere.metadata.resourceVersion})`);
      const seen: string[] = [];
      while (!seen.length || Number(seen.at(-1)) < Number(elsewhere.metadata.resourceVersion)) {
        const ev = await step();
        if (ev?.type === "BOOKMARK") seen.push(ev.resourceVersion);
        assert.ok(ev?.type !== "ADDED", "no pod was made in the watched namespace");
      }
      watcher.close();
      assert.ok(Number(seen.at(-1)) > listedAt);
      assert.equal(watcher.resourceVersion, seen.at(-1));
    });
  });
});

Deno.test({
  name: "e2e watcher: the streaming list is used where the server supports it",
  ignore: !LOCAL,
  async fn() {
    await withNamespace(async (ns, client) => {
      const pods = Api.v1Pod(client).within(ns);
      await pods.create(pod("a"));
      const watcher = new Watcher(pods);
      const signal = AbortSignal.timeout(30_000);
      let names: string[] = [];
      while (!names.length) {
        const event = await watcher.step(signal);
        if (event?.type === "RESTARTED") names = event.objects.map((p) => p.metadata.name!);
      }
      watcher.close();
      assert.equal(watcher.initialList, "stream");
      assert.deepEqual(names, ["a"]);
    });
  },
});

Deno.test("e2e: a Deployment made through the client yields a ReplicaSet and Pods that a pod informer sees", async () => {
  await withNamespace(async (ns, client) => {
    const pods = Api.v1Pod(client).within(ns);
    const inf = new Informer(pods);
    const stop = new AbortController();
    const added: Pod[] = [];
    const loop = (async () => {
      for await (const ev of inf.run(stop.signal)) if (ev.type === "ADDED") added.push(ev.object);
    })();
    try {
      await eventually("the informer to watch", () => inf.resourceVersion !== undefined);
      await Api.v1Deployment(client).within(ns).create(deployment("web", 2));
      await eventually("two pods of the deployment", () => added.length >= 2, 60_000);
      for (const p of added) {
        assert.equal(p.metadata.labels?.app, "web");
        assert.equal(p.metadata.ownerReferences?.[0].kind, "ReplicaSet");
      }
    } finally {
      stop.abort();
      await loop;
    }
  });
});

Deno.test("e2e metadata-only cache: a Reflector over asMetadata() holds each pod's metadata and nothing else, and follows changes", async () => {
  await withNamespace(async (ns, client) => {
    const pods = Api.v1Pod(client).within(ns);
    for (const name of ["m1", "m2"]) await pods.create(pod(name, { tier: "meta" }));
    const rf = new Reflector(pods.asMetadata(), {
      transform: (o) => ({ ...o, metadata: { ...o.metadata, managedFields: undefined } }),
    });
    const stop = new AbortController();
    const running = rf.start(stop.signal);
    try {
      await rf.synced({ timeoutMs: 30_000 });
      const m1 = rf.get(`${ns}/m1`);
      assert.ok(m1);
      assert.equal(m1.kind, "PartialObjectMetadata");
      assert.equal(m1.apiVersion, "meta.k8s.io/v1");
      assert.deepEqual(Object.keys(m1).sort(), ["apiVersion", "kind", "metadata"]);
      assert.equal(m1.metadata.labels?.tier, "meta");
      assert.equal(m1.metadata.managedFields, undefined, "the transform dropped managedFields");

      await pods.patch("m2", {
        type: "merge",
        body: { metadata: { labels: { tier: "changed" } } },
      });
      await pods.delete("m1", { gracePeriodSeconds: 0 });
      await eventually(
        "the cache to follow the label change and the deletion",
        () =>
          rf.get(`${ns}/m2`)?.metadata.labels?.tier === "changed" &&
          !rf.get(`${ns}/m1`),
      );
      const fresh = await pods.asMetadata().list();
      assert.deepEqual(versions(rf.read().values()), versions(fresh.items));
    } finally {
      stop.abort();
      await running;
    }
  });
});
