/**
 * kube's side of the cold discovery measurement: a new process loads
 * discovery once and prints each resource, as `kubectl api-resources` does.
 *
 * @module
 */

import { Client, Discovery } from "../../mod.ts";

using client = await Client.load({ context: "kube-e2e-admin" });
const discovery = await Discovery.load(client);
const lines = discovery.resources.filter((r) => r.preferred).map((r) =>
  `${r.plural}\t${r.shortNames.join(",")}\t${
    r.group ? `${r.group}/${r.version}` : r.version
  }\t${r.namespaced}\t${r.kind}`
);
console.log(lines.join("\n"));
