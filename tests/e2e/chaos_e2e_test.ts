/**
 * The chaos suite: watch caches with default options, through a TCP proxy
 * that black-holes, cuts and survives API server restarts, must each heal
 * within 30 s of the fault, lose nothing, and never stop by themselves; a
 * request on a black-holed connection must settle within 30 s. Only on the
 * local control plane, whose faults the suite controls.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, Client } from "../../mod.ts";
import { ChaosRig, type Fault, HEAL_MS } from "../support/chaos.ts";
import { FaultProxy } from "../support/fault_proxy.ts";
import { adminClient, LOCAL, withNamespace } from "./_cluster.ts";

Deno.test({
  name:
    "chaos: after a black hole, a cut, an API server restart, a compaction and a black hole again, every cache equals a fresh list within 30 s",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, admin) => {
      await using rig = await ChaosRig.start(admin, ns);
      const faults: Fault[] = [
        "black hole",
        "cut",
        "apiserver restart",
        "compaction, then cut",
        "black hole",
      ];
      const healed = [];
      for (const fault of faults) {
        const healing = await rig.inflict(fault);
        console.log(`chaos: ${fault} healed in ${(healing.ms / 1000).toFixed(1)} s`);
        healed.push(healing);
      }
      console.log(
        `chaos: ${rig.writes} writes (${rig.writeFailures} failed while the API server was away), ` +
          `${rig.client.connections.dead} dead connections found, ` +
          `relists: configmaps ${rig.configMaps.health().relists}, secrets ${rig.secrets.health().relists}`,
      );
      assert.deepEqual(rig.ended, [], "no loop ended by itself");
      for (const { fault, ms } of healed) {
        assert.ok(ms <= HEAL_MS, `${fault} took ${ms} ms to heal`);
      }
      assert.ok(rig.client.connections.dead >= 2, "both black holes were found by the probe");
      assert.ok(rig.configMaps.health().relists >= 1, "the compaction made the ConfigMaps relist");
      for (const cache of [rig.secrets, rig.configMaps, rig.informer]) {
        assert.equal(cache.health().healthy, true);
      }
    });
  },
});

Deno.test({
  name: "chaos: a get started on a black-holed connection settles within 30 s, with the object",
  ignore: !LOCAL,
  fn: async () => {
    using admin = await adminClient();
    const server = new URL(admin.config.server);
    await using proxy = await FaultProxy.start({
      hostname: server.hostname,
      port: Number(server.port),
    });
    using client = new Client({ ...admin.config, server: proxy.url("https") });
    const namespaces = Api.v1Namespace(client);
    await namespaces.get("default");
    assert.equal(proxy.blackhole(), 1, "the one connection is black-holed");
    const started = Date.now();
    const got = await namespaces.get("default");
    const ms = Date.now() - started;
    console.log(`chaos: the get settled in ${(ms / 1000).toFixed(1)} s`);
    assert.equal(got.metadata.name, "default");
    assert.ok(ms <= HEAL_MS, `the get took ${ms} ms`);
    assert.deepEqual(client.connections, { open: 1, dead: 1 });
  },
});
