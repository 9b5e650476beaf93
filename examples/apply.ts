/**
 * A small `kubectl apply --server-side`: applies the manifests of files,
 * directories or standard input in kubectl's order and prints one line per
 * object, as kubectl does; with `--prune --applyset`, keeps them as an
 * ApplySet and deletes what left it.
 *
 *     deno run --allow-net --allow-read --allow-env examples/apply.ts -f FILE|DIR|- [-f ...] [-R]
 *       [-n NAMESPACE] [--dry-run] [--field-manager NAME] [--force-conflicts]
 *       [--prune --applyset [secrets/|configmaps/|RESOURCE.GROUP/]NAME]
 *
 * It prints `deployment.apps/web created`, `configmap/cfg unchanged`,
 * `configmap/old pruned` (with ` (server dry run)` after a dry run), and an
 * `error:` line on stderr for each object that failed; it exits 1 if any
 * did, after trying them all.
 */
import { parseArgs } from "node:util";
import {
  applyManifests,
  type ApplyResult,
  type ApplySetOptions,
  Client,
  Discovery,
  type DynamicObject,
  readManifests,
  splitApiVersion,
} from "../mod.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    filename: { type: "string", short: "f", multiple: true },
    recursive: { type: "boolean", short: "R" },
    namespace: { type: "string", short: "n" },
    "dry-run": { type: "boolean" },
    "field-manager": { type: "string", default: "kube-apply" },
    "force-conflicts": { type: "boolean" },
    prune: { type: "boolean" },
    applyset: { type: "string" },
  },
});
if (!values.filename?.length) {
  console.error("error: give the manifests with -f FILE, -f DIR or -f -");
  Deno.exit(2);
}
if (values.prune && !values.applyset) {
  console.error("error: --prune needs --applyset NAME");
  Deno.exit(2);
}

const objects: DynamicObject[] = [];
try {
  for (const path of values.filename) {
    objects.push(...await readManifests(path, { recursive: values.recursive }));
  }
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  Deno.exit(1);
}

using client = await Client.load();
const discovery = await Discovery.load(client);
const applySet = values.applyset ? await applySetOf(values.applyset) : undefined;
let results: ApplyResult[];
try {
  results = await applyManifests(client, objects, {
    fieldManager: values["field-manager"]!,
    force: values["force-conflicts"],
    dryRun: values["dry-run"],
    namespace: values.namespace,
    discovery,
    applySet,
    prune: values.prune,
  });
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  Deno.exit(1);
}

const dry = values["dry-run"] ? " (server dry run)" : "";
for (const r of results) {
  const group = r.resource?.group ?? splitApiVersion(r.object.apiVersion ?? "").group;
  const name = `${r.object.kind?.toLowerCase()}${
    group ? `.${group}` : ""
  }/${r.object.metadata.name}`;
  if (r.outcome) console.log(`${name} ${r.outcome}${dry}`);
  else console.error(`error: ${name}: ${r.error?.message}`);
}
if (results.some((r) => r.error)) Deno.exit(1);

/** kubectl's `--applyset` forms: `NAME` (a Secret), `secrets/NAME`, `configmaps/NAME`, `RESOURCE.GROUP/NAME`. */
async function applySetOf(ref: string): Promise<ApplySetOptions> {
  const slash = ref.indexOf("/");
  if (slash === -1) return { name: ref, namespace: values.namespace };
  const [resource, name] = [ref.slice(0, slash), ref.slice(slash + 1)];
  const [found] = await discovery.lookup(resource);
  if (!found) {
    console.error(`error: --applyset: the server has no resource ${resource}`);
    Deno.exit(2);
  }
  const apiVersion = found.group ? `${found.group}/${found.version}` : found.version;
  return { kind: found.kind, apiVersion, name, namespace: values.namespace };
}
