/**
 * Discovery and apply on the local control plane, with Debian's kubectl as
 * the oracle: a Namespace, a CRD, a custom resource of it, a Deployment and
 * a ConfigMap in one call; outcomes on re-apply and change; server dry run;
 * ApplySet ids, labels and annotations against what kubectl writes, pruning,
 * and each tool refusing the other's set; and a corpus of real manifests
 * accepted or rejected object by object as kubectl's dry run answers.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Api,
  applyManifests,
  type ApplyResult,
  type Client,
  Discovery,
  dynamicApi,
  type DynamicObject,
  KubeError,
  parseManifests,
  readManifests,
  Reflector,
} from "../../mod.ts";
import { adminClient, cluster, eventually, startExample } from "./_cluster.ts";

/** Runs kubectl on the suite's cluster. */
async function kubectl(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { kubeconfig, context } = await cluster();
  const out = await new Deno.Command("kubectl", {
    args: ["--context", context, ...args],
    env: { KUBECONFIG: kubeconfig.join(":"), ...env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

function outcomes(results: ApplyResult[]): string[] {
  return results.map((r) =>
    `${r.object.kind}/${r.object.metadata.name} ${r.outcome ?? `error: ${r.error?.message}`}`
  );
}

const suffix = () => crypto.randomUUID().slice(0, 8);

/** Deletes what a test made, whatever happened. */
async function cleanUp(client: Client, namespaces: string[], crds: string[] = []): Promise<void> {
  for (const ns of namespaces) await Api.v1Namespace(client).delete(ns).catch(() => {});
  for (const crd of crds) await Api.v1CustomResourceDefinition(client).delete(crd).catch(() => {});
}

function app(ns: string, group: string, mode = "fast"): string {
  return `
apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.${group}}
spec:
  group: ${group}
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget, shortNames: [gd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties: {size: {type: integer}}
---
apiVersion: ${group}/v1
kind: Gadget
metadata: {name: g1, namespace: ${ns}}
spec: {size: 3}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: main, image: registry.k8s.io/pause:3.10}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: ${ns}}
data: {mode: ${mode}}
`;
}

Deno.test("e2e apply: one call applies a Namespace, a CRD and its custom resource, a Deployment and a ConfigMap; again unchanged; a change configured; a dry run changes nothing", async () => {
  const client = await adminClient();
  const ns = `kube-e2e-apply-${suffix()}`;
  const group = `e2e${suffix()}.kube.test`;
  try {
    const first = await applyManifests(client, parseManifests(app(ns, group)), {
      fieldManager: "kube-e2e",
    });
    assert.deepEqual(outcomes(first), [
      `Namespace/${ns} created`,
      `CustomResourceDefinition/gadgets.${group} created`,
      "Gadget/g1 created",
      "Deployment/web created",
      "ConfigMap/cfg created",
    ]);
    // The CRD's kind resolves through discovery now, by kind and by short name.
    const discovery = await Discovery.load(client);
    assert.equal(discovery.resolve(`${group}/v1`, "Gadget")?.plural, "gadgets");
    assert.equal((await discovery.lookup(`gd.${group}`))[0]?.kind, "Gadget");
    const gadgets = dynamicApi(client, discovery.resolve(`${group}/v1`, "Gadget")!, ns);
    assert.deepEqual((await gadgets.get("g1")).spec, { size: 3 });
    // A kind learnt at run time feeds a Reflector like any other.
    const reflector = new Reflector(gadgets);
    await reflector.poll();
    assert.deepEqual([...reflector.read().keys()], [`${ns}/g1`]);

    // The API server rewrites a Namespace on its second apply (the managedFields
    // of its creation become "before-first-apply"; kubectl sees the resourceVersion
    // move too): from the third apply on, every object is unchanged.
    const second = await applyManifests(client, parseManifests(app(ns, group)), {
      fieldManager: "kube-e2e",
      discovery,
    });
    assert.deepEqual(outcomes(second).slice(1), [
      `CustomResourceDefinition/gadgets.${group} unchanged`,
      "Gadget/g1 unchanged",
      "Deployment/web unchanged",
      "ConfigMap/cfg unchanged",
    ]);
    const third = await applyManifests(client, parseManifests(app(ns, group)), {
      fieldManager: "kube-e2e",
      discovery,
    });
    assert.ok(third.every((r) => r.outcome === "unchanged"), outcomes(third).join("\n"));

    const configMaps = Api.v1ConfigMap(client).within(ns);
    const changed = await applyManifests(client, parseManifests(app(ns, group, "slow")), {
      fieldManager: "kube-e2e",
      discovery,
    });
    assert.deepEqual(changed.map((r) => r.outcome), [
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "configured",
    ]);
    const stored = await configMaps.get("cfg");
    assert.equal(stored.data?.mode, "slow");

    // A dry run: a change and a new object are reported, and nothing is stored.
    const dryText = app(ns, group, "dry") +
      `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: ${ns}}\n`;
    const dry = await applyManifests(client, parseManifests(dryText), {
      fieldManager: "kube-e2e",
      dryRun: true,
      discovery,
    });
    assert.deepEqual(dry.map((r) => r.outcome), [
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
      "configured",
      "created",
    ]);
    const after = await configMaps.get("cfg");
    assert.equal(after.metadata.resourceVersion, stored.metadata.resourceVersion);
    assert.equal(after.data?.mode, "slow");
    await assert.rejects(() => configMaps.get("extra"), /404/);

    // Strict field validation, as kubectl's: an unknown field fails that object alone.
    const bad = await applyManifests(
      client,
      parseManifests(
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad, namespace: ${ns}}\nbogus: 1\n---\n` +
          `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good, namespace: ${ns}}\n`,
      ),
      { fieldManager: "kube-e2e", discovery },
    );
    assert.match(bad[0].error!.message, /bogus/);
    assert.equal(bad[1].outcome, "created");
  } finally {
    await cleanUp(client, [ns], [`gadgets.${group}`]);
    client.close();
  }
});

Deno.test("e2e apply: an ApplySet has kubectl's id, labels and annotations, prunes what left it, and each tool refuses the other's set", async () => {
  const client = await adminClient();
  const ns = `kube-e2e-applyset-${suffix()}`;
  const dir = await Deno.makeTempDir();
  try {
    await Api.v1Namespace(client).create({ metadata: { name: ns } });
    const members = (...names: string[]) =>
      names.map((n) =>
        n === "web"
          ? `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: registry.k8s.io/pause:3.10}]}\n`
          : `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${n}, namespace: ${ns}}\ndata: {k: v}\n`
      ).join("---\n");
    const file = `${dir}/set.yaml`;
    await Deno.writeTextFile(file, members("a", "b", "web"));
    const configMaps = Api.v1ConfigMap(client).within(ns);

    // What kubectl writes for parent configmaps/by-kubectl.
    const byKubectl = await kubectl(
      [
        "apply",
        "--server-side",
        "--prune",
        "--applyset=configmaps/by-kubectl",
        "-n",
        ns,
        "-f",
        file,
      ],
      { KUBECTL_APPLYSET: "true" },
    );
    assert.equal(byKubectl.code, 0, byKubectl.stderr);
    const kubectlParent = await configMaps.get("by-kubectl");
    const kubectlMember = (await configMaps.get("a")).metadata.labels;
    // Take kubectl's set apart: its parent and members go, so kube starts afresh with the same parent.
    await configMaps.delete("by-kubectl");
    for (const n of ["a", "b"]) await configMaps.delete(n);
    await Api.v1Deployment(client).within(ns).delete("web");
    await eventually("kubectl's members to be gone", async () => {
      const left = await configMaps.list({ labelSelector: "applyset.kubernetes.io/part-of" });
      return left.items.length === 0;
    });

    const applySet = { kind: "ConfigMap", name: "by-kubectl", namespace: ns };
    const results = await applyManifests(client, await readManifests(file), {
      fieldManager: "kube-e2e",
      applySet,
      prune: true,
    });
    assert.deepEqual(outcomes(results), [
      "ConfigMap/a created",
      "ConfigMap/b created",
      "Deployment/web created",
    ]);
    const kubeParent = await configMaps.get("by-kubectl");
    assert.deepEqual(kubeParent.metadata.labels, kubectlParent.metadata.labels, "the same id");
    const { "applyset.kubernetes.io/tooling": kubeTooling, ...kubeAnnotations } = kubeParent
      .metadata
      .annotations!;
    const { "applyset.kubernetes.io/tooling": kubectlTooling, ...kubectlAnnotations } =
      kubectlParent
        .metadata.annotations!;
    assert.deepEqual(
      kubeAnnotations,
      kubectlAnnotations,
      "the same contains-group-kinds and additional-namespaces",
    );
    assert.deepEqual(kubectlAnnotations, {
      "applyset.kubernetes.io/contains-group-kinds": "ConfigMap,Deployment.apps",
      "applyset.kubernetes.io/additional-namespaces": "",
    });
    assert.equal(kubeTooling, "kube/v0.1.0");
    assert.match(kubectlTooling, /^kubectl\/v1\.\d+/);
    assert.deepEqual(
      (await configMaps.get("a")).metadata.labels,
      kubectlMember,
      "the same member label",
    );

    // b and the Deployment leave the set: pruned.
    await Deno.writeTextFile(file, members("a"));
    const pruned = await applyManifests(client, await readManifests(file), {
      fieldManager: "kube-e2e",
      applySet,
      prune: true,
    });
    assert.deepEqual(outcomes(pruned), [
      "ConfigMap/a unchanged",
      "ConfigMap/b pruned",
      "Deployment/web pruned",
    ]);
    await assert.rejects(() => configMaps.get("b"), /404/);
    assert.equal(
      (await configMaps.get("by-kubectl")).metadata.annotations
        ?.["applyset.kubernetes.io/contains-group-kinds"],
      "ConfigMap",
    );

    // kubectl meets kube's set: its own refusal, not a report of corruption.
    const refused = await kubectl(
      [
        "apply",
        "--server-side",
        "--prune",
        "--applyset=configmaps/by-kubectl",
        "-n",
        ns,
        "-f",
        file,
      ],
      { KUBECTL_APPLYSET: "true" },
    );
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.stderr,
      /ApplySet parent object "configmaps\.\/by-kubectl" already exists and is managed by tooling "kube" instead of "kubectl"/,
    );

    // kube meets kubectl's set.
    const otherFile = `${dir}/other.yaml`;
    await Deno.writeTextFile(otherFile, members("k1"));
    const other = await kubectl(
      [
        "apply",
        "--server-side",
        "--prune",
        "--applyset=configmaps/kubectls",
        "-n",
        ns,
        "-f",
        otherFile,
      ],
      { KUBECTL_APPLYSET: "true" },
    );
    assert.equal(other.code, 0, other.stderr);
    await assert.rejects(
      () =>
        applyManifests(client, parseManifests(members("z")), {
          fieldManager: "kube-e2e",
          applySet: { kind: "ConfigMap", name: "kubectls", namespace: ns },
          prune: true,
        }),
      (e: Error) =>
        e instanceof KubeError && /managed by tooling "kubectl", not "kube"/.test(e.message),
    );
    await assert.rejects(() => configMaps.get("z"), /404/);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await cleanUp(client, [ns]);
    client.close();
  }
});

/** `kind.group/name` (or `kind/name`), the key both tools' answers are compared by. */
function keyOf(
  object: { apiVersion?: string; kind?: string; metadata?: { name?: string } },
): string {
  const group = object.apiVersion?.includes("/") ? object.apiVersion.split("/")[0] : "";
  return `${object.kind?.toLowerCase()}${group ? `.${group}` : ""}/${object.metadata?.name}`;
}

Deno.test("e2e apply: a corpus of real manifests gets, object by object, kubectl's server dry run answer", async () => {
  const client = await adminClient();
  const root = new URL("../data/manifests/kubernetes-examples/", import.meta.url).pathname;
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) await walk(`${dir}${e.name}/`);
      else if (/\.ya?ml$/.test(e.name)) files.push(`${dir}${e.name}`);
    }
  };
  await walk(root);
  files.sort();
  const discovery = await Discovery.load(client);
  let objects = 0;
  let agreed = 0;
  let accepted = 0;
  let filesBothRefused = 0;
  const disagreements: string[] = [];
  try {
    for (const file of files) {
      const run = await kubectl([
        "apply",
        "--server-side",
        "--dry-run=server",
        "--field-manager=kube-e2e",
        "-f",
        file,
      ]);
      // kubectl prints `kind.group/name serverside-applied (server dry run)` for each object it applied.
      const kubectlAccepted = new Set(
        run.stdout.split("\n").map((l) =>
          l.match(/^(\S+) serverside-applied \(server dry run\)$/)?.[1]
        )
          .filter((k): k is string => !!k),
      );
      let parsed: DynamicObject[];
      try {
        parsed = await readManifests(file);
      } catch {
        // kube cannot read the file: kubectl must refuse all of it too.
        if (kubectlAccepted.size === 0 && run.code !== 0) filesBothRefused++;
        else {disagreements.push(
            `${file}: kube cannot parse it, kubectl applied ${[...kubectlAccepted]}`,
          );}
        continue;
      }
      const results = await applyManifests(client, parsed, {
        fieldManager: "kube-e2e",
        dryRun: true,
        discovery,
      });
      for (const r of results) {
        objects++;
        const kubeAccepted = r.outcome !== undefined;
        if (kubeAccepted) accepted++;
        const key = keyOf(r.object);
        if (kubeAccepted === kubectlAccepted.has(key)) agreed++;
        else {
          disagreements.push(
            `${file.slice(root.length)} ${key}: kube ${
              kubeAccepted ? "accepted" : `refused (${r.error?.message})`
            }, kubectl ${
              kubeAccepted ? `refused (${run.stderr.trim().split("\n").at(-1)})` : "accepted"
            }`,
          );
        }
      }
    }
  } finally {
    client.close();
  }
  console.log(
    `corpus: ${files.length} files, ${objects} objects (${accepted} accepted and ${
      objects - accepted
    } refused by kube), ${agreed} agree with kubectl (${
      (100 * agreed / objects).toFixed(1)
    }%); ${filesBothRefused} files neither can read`,
  );
  for (const d of disagreements) console.log(`  differs: ${d}`);
  assert.ok(objects > 200, `a corpus of ${objects} objects`);
  assert.deepEqual(disagreements, []);
});

Deno.test("e2e apply: examples/apply.ts prints one kubectl-style line per object and exits 1 after trying them all when one fails", async () => {
  const client = await adminClient();
  const ns = `kube-e2e-apply-example-${suffix()}`;
  const dir = await Deno.makeTempDir();
  try {
    await Api.v1Namespace(client).create({ metadata: { name: ns } });
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(
      `${dir}/a.yaml`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {k: v}\n---\n` +
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: registry.k8s.io/pause:3.10}]}\n`,
    );
    await Deno.writeTextFile(
      `${dir}/sub/b.yaml`,
      `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\n`,
    );
    const run = async (...args: string[]) => {
      const example = await startExample("apply.ts", args);
      const code = await example.status;
      return { code, lines: example.output().trim().split("\n") };
    };
    const first = await run(
      "-f",
      dir,
      "-R",
      "-n",
      ns,
      "--prune",
      "--applyset",
      "configmaps/example",
    );
    assert.equal(first.code, 0, first.lines.join("\n"));
    assert.deepEqual(first.lines, [
      "configmap/cfg created",
      "deployment.apps/web created",
      "secret/s created",
    ]);
    const dry = await run(
      "-f",
      `${dir}/a.yaml`,
      "-n",
      ns,
      "--dry-run",
      "--prune",
      "--applyset",
      "configmaps/example",
    );
    assert.deepEqual(dry.lines, [
      "configmap/cfg unchanged (server dry run)",
      "deployment.apps/web unchanged (server dry run)",
      "secret/s pruned (server dry run)",
    ]);
    await Api.v1Secret(client).within(ns).get("s");
    await Deno.writeTextFile(
      `${dir}/sub/b.yaml`,
      `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: v}\nbogus: true\n`,
    );
    const failing = await run(
      "-f",
      dir,
      "-R",
      "-n",
      ns,
      "--prune",
      "--applyset",
      "configmaps/example",
    );
    assert.equal(failing.code, 1);
    assert.equal(failing.lines.length, 3, "the others applied, nothing pruned");
    assert.deepEqual(failing.lines.slice(0, 2), [
      "configmap/cfg unchanged",
      "deployment.apps/web unchanged",
    ]);
    assert.match(failing.lines[2], /^error: secret\/s: .*bogus/);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await cleanUp(client, [ns]);
    client.close();
  }
});
