/**
 * A longer chaos soak on the local control plane: `deno task chaos
 * [--minutes N]` (default 5). The writer runs throughout; about every 20 s a
 * random fault strikes, and the time until every cache equals a fresh list
 * is recorded. The figures come at the end; the exit code is 1 if a fault
 * took over 30 s to heal or a loop stopped by itself.
 *
 * @module
 */

import { ChaosRig, type Fault, FAULTS, HEAL_MS, type Healing } from "../support/chaos.ts";
import { withNamespace } from "./_cluster.ts";

function minutesArg(args: string[]): number {
  const at = args.indexOf("--minutes");
  const value = at >= 0 ? Number(args[at + 1]) : 5;
  if (!(value > 0)) throw new Error(`--minutes needs a positive number, not ${args[at + 1]}`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const minutes = minutesArg(Deno.args);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
let failed = false;

await withNamespace(async (ns, admin) => {
  await using rig = await ChaosRig.start(admin, ns);
  const faults = Object.keys(FAULTS) as Fault[];
  const healed: Healing[] = [];
  const end = Date.now() + minutes * 60_000;
  console.log(`chaos soak: ${minutes} min in namespace ${ns}`);
  while (Date.now() < end) {
    rig.startWriting();
    await new Promise((resolve) => setTimeout(resolve, 15_000 + Math.random() * 10_000));
    const fault = faults[Math.floor(Math.random() * faults.length)];
    const healing = await rig.inflict(fault, 5 * 60_000);
    healed.push(healing);
    console.log(`  ${fault}: healed in ${seconds(healing.ms)}`);
  }
  await rig.stopWriting();
  console.log("\nfault                  count  median    max");
  for (const fault of faults) {
    const times = healed.filter((h) => h.fault === fault).map((h) => h.ms);
    if (!times.length) continue;
    console.log(
      `${fault.padEnd(22)} ${String(times.length).padStart(5)}  ${
        seconds(median(times)).padStart(7)
      } ${seconds(Math.max(...times)).padStart(7)}`,
    );
  }
  console.log(
    `\n${rig.writes} writes (${rig.writeFailures} failed), ${rig.client.connections.dead} dead connections found, ` +
      `relists: secrets ${rig.secrets.health().relists}, configmaps ${rig.configMaps.health().relists}, ` +
      `informer ${rig.informer.health().relists}`,
  );
  // inflict() throws unless every cache came to equal a fresh list: each fault counted healed lost nothing.
  console.log(
    `changes lost: 0 (after each of ${healed.length} faults every cache equalled a fresh list)`,
  );
  console.log(`bound: ${seconds(HEAL_MS)}`);
  const slow = healed.filter((h) => h.ms > HEAL_MS);
  for (const h of slow) console.log(`SLOW: ${h.fault} took ${seconds(h.ms)}`);
  for (const line of rig.ended) console.log(`ENDED: ${line}`);
  failed = slow.length > 0 || rig.ended.length > 0;
});
if (failed) Deno.exit(1);
