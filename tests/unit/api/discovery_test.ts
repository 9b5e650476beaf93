/**
 * Discovery against an in-process server: aggregated (v2, v2beta1) and
 * legacy discovery, kubectl's lookups, the re-read on a miss and its sharing,
 * the bound on age, and the error for a kind that is not served.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Discovery, KubeError } from "../../../mod.ts";
import { ApplyServer, type ServerOptions } from "./manifests/_server.ts";

async function withDiscovery(
  options: ServerOptions,
  fn: (server: ApplyServer, discovery: Discovery) => void | Promise<void>,
  discoveryOptions: Parameters<typeof Discovery.load>[1] = {},
): Promise<void> {
  const server = new ApplyServer(options);
  const client = server.client();
  try {
    await fn(server, await Discovery.load(client, discoveryOptions));
  } finally {
    client.close();
    await server.close();
  }
}

const FOO = {
  group: "clux.dev",
  version: "v1",
  kind: "Foo",
  plural: "foos",
  namespaced: true,
};

Deno.test("aggregated discovery reads everything in two requests, asking for v2, then v2beta1", async () => {
  await withDiscovery({ discovery: "v2" }, (server, discovery) => {
    assert.equal(server.seen.length, 2);
    assert.deepEqual(server.seen.map((r) => r.path).sort(), ["/api", "/apis"]);
    const accept = server.seen[0].accept!.split(",");
    assert.deepEqual(accept, [
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
      "application/json",
    ]);
    assert.equal(discovery.aggregated, true);
    const deployments = discovery.resolve("apps/v1", "Deployment");
    assert.equal(deployments?.plural, "deployments");
    assert.equal(deployments?.namespaced, true);
    assert.deepEqual(deployments?.shortNames, ["deploy"]);
    assert.deepEqual(deployments?.subresources, ["scale", "status"]);
    assert.ok(deployments?.verbs.includes("patch"));
    assert.equal(discovery.resolve("v1", "Namespace")?.namespaced, false);
    assert.equal(discovery.resolve("apps/v2", "Deployment"), undefined);
  });
});

Deno.test("a server with only v2beta1 aggregated discovery is read in two requests too", async () => {
  await withDiscovery({ discovery: "v2beta1" }, (server, discovery) => {
    assert.equal(server.seen.length, 2);
    assert.equal(discovery.aggregated, true);
    assert.equal(discovery.resolve("v1", "Pod")?.plural, "pods");
  });
});

Deno.test("legacy discovery reads each group-version and folds subresources into their resource", async () => {
  await withDiscovery({ discovery: "legacy" }, (server, discovery) => {
    assert.equal(discovery.aggregated, false);
    const paths = server.seen.map((r) => r.path).sort();
    assert.ok(paths.includes("/api/v1"));
    assert.ok(paths.includes("/apis/apps/v1"));
    assert.ok(paths.includes("/apis/autoscaling/v1") && paths.includes("/apis/autoscaling/v2"));
    const pods = discovery.resolve("v1", "Pod");
    assert.deepEqual(pods?.subresources, ["status", "log"]);
    assert.equal(discovery.resources.some((r) => r.plural.includes("/")), false);
    assert.equal(discovery.resolve("autoscaling/v2", "HorizontalPodAutoscaler")?.preferred, true);
    assert.equal(discovery.resolve("autoscaling/v1", "HorizontalPodAutoscaler")?.preferred, false);
  });
});

for (const mode of ["v2", "legacy"] as const) {
  Deno.test(`lookup takes kubectl's names (${mode} discovery)`, async () => {
    await withDiscovery({ discovery: mode }, async (server, discovery) => {
      const one = async (name: string) => {
        const found = await discovery.lookup(name);
        assert.equal(found.length, 1, name);
        return `${found[0].plural}.${found[0].group}/${found[0].version}`;
      };
      assert.equal(await one("deploy"), "deployments.apps/v1");
      assert.equal(await one("deployments"), "deployments.apps/v1");
      assert.equal(await one("deployment"), "deployments.apps/v1");
      assert.equal(await one("Deployment"), "deployments.apps/v1");
      assert.equal(await one("deployments.apps"), "deployments.apps/v1");
      assert.equal(await one("deployments.v1.apps"), "deployments.apps/v1");
      assert.equal(await one("po"), "pods./v1");
      // Several groups have events: the core group comes first, as kubectl picks.
      assert.equal(await one("events"), "events./v1");
      assert.equal(await one("events.events.k8s.io"), "events.events.k8s.io/v1");
      // The preferred version, unless one is named.
      assert.equal(await one("hpa"), "horizontalpodautoscalers.autoscaling/v2");
      assert.equal(
        await one("horizontalpodautoscalers.v1.autoscaling"),
        "horizontalpodautoscalers.autoscaling/v1",
      );
      // A resource that only a group's older version serves resolves there.
      server.resources.push({
        group: "autoscaling",
        version: "v1",
        kind: "OldThing",
        plural: "oldthings",
        namespaced: true,
      });
      assert.equal(await one("oldthings"), "oldthings.autoscaling/v1");
      const all = (await discovery.lookup("all")).map((r) => r.plural).sort();
      assert.deepEqual(all, ["deployments", "horizontalpodautoscalers", "pods", "services"]);
      assert.deepEqual(await discovery.lookup("nothing-like-this"), []);
    });
  });
}

Deno.test("a miss re-reads discovery once, and a kind created since resolves", async () => {
  await withDiscovery({}, async (server, discovery) => {
    assert.equal(discovery.resolve("clux.dev/v1", "Foo"), undefined);
    server.resources.push(FOO);
    const before = server.seen.length;
    const foos = await discovery.find("clux.dev/v1", "Foo");
    assert.equal(foos.plural, "foos");
    assert.equal(server.seen.length - before, 2, "one re-read: /api and /apis");
    assert.equal(discovery.reads, 2);
    // A hit costs nothing.
    await discovery.find("clux.dev/v1", "Foo");
    assert.equal(server.seen.length - before, 2);
  });
});

Deno.test("concurrent misses share one read", async () => {
  await withDiscovery({}, async (server, discovery) => {
    server.resources.push(FOO);
    const before = server.seen.length;
    const found = await Promise.all([
      discovery.find("clux.dev/v1", "Foo"),
      discovery.find("clux.dev/v1", "Foo"),
      discovery.lookup("foos"),
      discovery.find("v1", "Missing").catch((e) => e),
      discovery.lookup("foo"),
    ]);
    assert.equal(server.seen.length - before, 2, "one read of /api and /apis for five misses");
    assert.equal(discovery.reads, 2);
    assert.equal((found[0] as { plural: string }).plural, "foos");
    assert.ok(found[3] instanceof KubeError);
  });
});

Deno.test("a cache older than maxAgeMs is read again before a lookup", async () => {
  let now = 0;
  const clock = { now: () => now, sleep: () => Promise.resolve() };
  await withDiscovery({}, async (server, discovery) => {
    const before = server.seen.length;
    await discovery.find("v1", "Pod");
    assert.equal(server.seen.length, before);
    now += 60_001;
    await discovery.find("v1", "Pod");
    assert.equal(server.seen.length - before, 2);
  }, { maxAgeMs: 60_000, clock });
});

Deno.test("a kind the server does not serve is an error naming it and the group's versions", async () => {
  await withDiscovery({}, async (_server, discovery) => {
    await assert.rejects(
      () => discovery.find("apps/v1beta1", "Deployment"),
      (e: Error) => {
        assert.ok(e instanceof KubeError);
        assert.match(e.message, /no kind "Deployment" in apps\/v1beta1/);
        assert.match(e.message, /Deployment in apps v1 only/);
        return true;
      },
    );
    await assert.rejects(
      () => discovery.find("autoscaling/v1", "Widget"),
      /no kind "Widget" in autoscaling\/v1: autoscaling serves v2, v1, and Widget in none of them/,
    );
    await assert.rejects(
      () => discovery.find("clux.dev/v1", "Foo"),
      /no kind "Foo" in clux.dev\/v1: the server serves no group clux.dev/,
    );
  });
});
