/**
 * Manifests written by others type-check against kube's types, and copies
 * of them with one field misspelt at depth do not. Each document of one of
 * the 37 kinds of issue 19 becomes `const x: Kind = ...` in a generated
 * file; `deno check` runs over it once, and its diagnostics are mapped back
 * to the documents by line.
 *
 * The corpus: tests/data/manifests/types/ (see its README), the
 * kubernetes/examples manifests of tests/data/manifests/kubernetes-examples/
 * and the public CRDs of tests/data/crds/ (Gateway API, cert-manager,
 * Argo CD, Crossplane, prometheus-operator).
 *
 * @module
 */

import assert from "node:assert/strict";
import { parseYamlDocuments } from "../../../src/config/yaml.ts";
import { MOD_URL, typeCheck } from "../../support/type_check.ts";

const DATA = new URL("../../data/", import.meta.url).pathname;
/** Folders of tests/data/: this test's corpus, the apply tests' and the CRD tests' (see their READMEs). */
const CORPORA = ["manifests/types", "manifests/kubernetes-examples", "crds"];

/** The type of each of the 37 kinds, by `apiVersion kind`; other versions are not typed. */
const TYPED: Record<string, string> = Object.fromEntries(
  Object.entries({
    v1:
      "Pod Service ConfigMap Secret Namespace ServiceAccount PersistentVolumeClaim PersistentVolume " +
      "ReplicationController Endpoints LimitRange ResourceQuota Node",
    "apps/v1": "Deployment StatefulSet DaemonSet ReplicaSet",
    "batch/v1": "Job CronJob",
    "networking.k8s.io/v1": "Ingress IngressClass NetworkPolicy",
    "discovery.k8s.io/v1": "EndpointSlice",
    "rbac.authorization.k8s.io/v1": "Role ClusterRole RoleBinding ClusterRoleBinding",
    "policy/v1": "PodDisruptionBudget",
    "autoscaling/v2": "HorizontalPodAutoscaler",
    "storage.k8s.io/v1": "StorageClass",
    "scheduling.k8s.io/v1": "PriorityClass",
    "coordination.k8s.io/v1": "Lease",
    "apiextensions.k8s.io/v1": "CustomResourceDefinition",
    "admissionregistration.k8s.io/v1":
      "ValidatingWebhookConfiguration MutatingWebhookConfiguration " +
      "ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding",
  }).flatMap(([apiVersion, kinds]) =>
    kinds.split(" ").map((kind) => [`${apiVersion} ${kind}`, kind])
  ),
);

/**
 * Fields whose value is a map with keys of the user's choosing (labels,
 * resource lists, a Service's selector, a CRD schema's properties) in some
 * schema of the 37 kinds: a key directly under them is not a field name,
 * so misspelling it proves nothing. Read off the 1.37 OpenAPI schemas
 * (`additionalProperties` without `properties`).
 */
const MAPS = new Set([
  "allocatable",
  "allocatedResourceStatuses",
  "allocatedResources",
  "annotations",
  "attachmentMetadata",
  "binaryData",
  "capacity",
  "data",
  "default",
  "defaultRequest",
  "definitions",
  "dependencies",
  "hard",
  "labels",
  "limits",
  "matchLabels",
  "max",
  "maxLimitRequestRatio",
  "min",
  "nodeSelector",
  "options",
  "overhead",
  "parameters",
  "patternProperties",
  "properties",
  "requests",
  "selector",
  "stringData",
  "used",
  "volumeAttributes",
]);

/**
 * Documents of the corpus that are wrong, which the types refuse, with what
 * the 1.37 API server says to each (`kubectl create --dry-run=server
 * --validate=strict`). The one the server takes is `null` for an absent
 * value, which the types do not allow.
 */
const REFUSED: Record<string, string> = {
  "manifests/types/ingress-nginx/deploy/static/provider/cloud/deploy.yaml#11":
    "accepted: `data:` with no value is null, which the server reads as absent",
  "manifests/types/kubernetes-website/access/admission-webhook-match-conditions.yaml#0":
    "illegal base64 data (caBundle: '<omitted>'); a docs snippet without metadata or " +
    "admissionReviewVersions",
  "manifests/types/metrics-server/manifests/base/deployment.yaml#0":
    "spec.selector: Required value (a kustomize base, completed by its overlays)",
  "manifests/kubernetes-examples/_archived/volumes/aws_ebs/aws-ebs-web.yaml#0":
    'protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
  "manifests/kubernetes-examples/_archived/volumes/cinder/cinder-web.yaml#0":
    'protocol: Unsupported value: "tcp"',
  "manifests/kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml#0":
    "cannot unmarshal string into FCVolumeSource.lun (a placeholder left in)",
  "manifests/kubernetes-examples/_archived/volumes/rbd/rbd.yaml#0":
    'unknown field "spec.volumes[0].rbd.imagefeatures", "imageformat"',
  "manifests/kubernetes-examples/_archived/volumes/scaleio/pod.yaml#0":
    'unknown field "spec.volumes[0].scaleIO.protectionDoamin" (a typo)',
  "manifests/kubernetes-examples/_archived/volumes/storageos/storageos-pod.yaml#0":
    'unknown field "spec.volumes[0].storageos.pool"',
  "manifests/kubernetes-examples/_archived/volumes/storageos/storageos-pv.yaml#0":
    'unknown field "spec.storageos.secretName"',
};

/** Free-form JSON in a CRD schema (`default`, `example`): nothing under them is a field. */
const FREE = new Set(["default", "example"]);

interface Document {
  /** `FILE#N` (the N-th document of the file, from 0). */
  source: string;
  kind: string;
  object: Record<string, unknown>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every YAML file under `dir`, recursively, sorted. */
async function yamlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) found.push(...await yamlFiles(path));
    else if (/\.ya?ml$/.test(entry.name)) found.push(path);
  }
  return found.sort();
}

/** The corpus's documents of the typed kinds, and how many documents there were in all. */
async function corpus(): Promise<{ documents: Document[]; all: number; files: number }> {
  const documents: Document[] = [];
  let all = 0;
  let files = 0;
  for (const name of CORPORA) {
    for (const file of await yamlFiles(`${DATA}${name}`)) {
      files++;
      const where = file.slice(DATA.length);
      const text = await Deno.readTextFile(file);
      let values: unknown[];
      try {
        // kubectl's YAML rules, as `kubectl apply -f` reads the file.
        values = parseYamlDocuments(text, where, { schema: "kubectl" });
      } catch {
        // A template or a configuration file, not a manifest kubectl can read.
        continue;
      }
      values.forEach((value, i) => {
        const items = isObject(value) && value.kind === "List" && Array.isArray(value.items)
          ? value.items
          : [value];
        for (const item of items) {
          if (!isObject(item)) continue;
          all++;
          const kind = TYPED[`${item.apiVersion} ${item.kind}`];
          if (kind) documents.push({ source: `${where}#${i}`, kind, object: item });
        }
      });
    }
  }
  return { documents, all, files };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The object with its deepest field name misspelt (its last letter
 * doubled), and the path of that field; undefined when no key is a field
 * name. Keys of maps and of free-form values are left alone.
 */
function misspell(object: Json): { object: Json; path: string } | undefined {
  let best: { path: (string | number)[]; depth: number } | undefined;
  const visit = (value: Json, path: (string | number)[], parent: string | undefined) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i], parent));
      return;
    }
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      const here = [...path, key];
      if (FREE.has(key)) continue;
      const isField = parent === undefined || !MAPS.has(parent);
      if (isField && !(`${key}${key.at(-1)}` in value) && (!best || here.length > best.depth)) {
        best = { path: here, depth: here.length };
      }
      visit(child, here, key);
    }
  };
  visit(object, [], undefined);
  if (!best) return undefined;
  const copy = structuredClone(object);
  const keys = best.path;
  let holder = copy as Record<string | number, Json>;
  for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string | number, Json>;
  const last = keys.at(-1) as string;
  holder[`${last}${last.at(-1)}`] = holder[last];
  delete holder[last];
  return {
    object: copy,
    path: keys.map((k) => typeof k === "number" ? `[${k}]` : `.${k}`).join(""),
  };
}

/** A generated file of `const dN: K.Kind = ...;`, with the line range of each document. */
function generate(entries: { kind: string; object: Json }[]): {
  text: string;
  ranges: [number, number][];
} {
  const lines = [`import type * as K from "${MOD_URL}";`];
  const ranges: [number, number][] = [];
  entries.forEach(({ kind, object }, i) => {
    const body = JSON.stringify(object, null, 2).split("\n");
    const start = lines.length + 1;
    lines.push(`export const d${i}: K.${kind} = ${body[0]}`, ...body.slice(1));
    lines[lines.length - 1] += ";";
    ranges.push([start, lines.length]);
  });
  return { text: lines.join("\n") + "\n", ranges };
}

/** The indexes of the documents that some diagnostic in `file` points into. */
function failing(
  diagnostics: { file: string; line: number; message: string }[],
  file: string,
  ranges: [number, number][],
): Map<number, string> {
  const found = new Map<number, string>();
  for (const d of diagnostics) {
    if (d.file !== file) continue;
    const i = ranges.findIndex(([start, end]) => d.line >= start && d.line <= end);
    if (i >= 0 && !found.has(i)) found.set(i, d.message);
  }
  return found;
}

Deno.test("manifests of the 37 kinds from public repositories type-check, and their misspelt copies do not", async () => {
  const { documents, all, files } = await corpus();
  assert.ok(documents.length >= 200, `a corpus of a few hundred documents (${documents.length})`);
  const kinds = new Set(documents.map((d) => d.kind));
  assert.ok(kinds.size >= 25, `most of the 37 kinds are in the corpus (${[...kinds].join(", ")})`);

  const misspelt = documents.map((d) => ({ ...d, ...misspell(d.object as Json) }));
  const dir = await Deno.makeTempDir({ prefix: "kube-manifests-" });
  try {
    const original = generate(documents.map((d) => ({ kind: d.kind, object: d.object as Json })));
    const changed = generate(misspelt.map((d) => ({ kind: d.kind, object: d.object as Json })));
    const originalFile = `${dir}/corpus.ts`;
    const changedFile = `${dir}/misspelt.ts`;
    await Deno.writeTextFile(originalFile, original.text);
    await Deno.writeTextFile(changedFile, changed.text);
    const { diagnostics } = await typeCheck([originalFile, changedFile]);
    const elsewhere = diagnostics.filter((d) => d.file !== originalFile && d.file !== changedFile);
    assert.deepEqual(elsewhere, [], "the project's own sources type-check");

    const refused = failing(diagnostics, originalFile, original.ranges);
    const caught = failing(diagnostics, changedFile, changed.ranges);
    const checked = documents.map((_, i) => i).filter((i) => !refused.has(i) && misspelt[i].path);
    const missed = checked.filter((i) => !caught.has(i));
    const byKind = [...kinds].sort().map((kind) =>
      `${kind} ${documents.filter((d) => d.kind === kind).length}`
    );
    console.log(
      `corpus: ${files} files, ${all} documents, ${documents.length} of the 37 kinds ` +
        `(${byKind.join(", ")})\n` +
        `type-check: ${documents.length - refused.size}/${documents.length}\n` +
        `misspelt copies refused: ${checked.length - missed.length}/${checked.length}, e.g. ` +
        checked.slice(0, 3).map((i) => `${documents[i].kind}${misspelt[i].path}`).join(", "),
    );
    assert.deepEqual(
      [...refused].filter(([i]) => !(documents[i].source in REFUSED)).map(([i, message]) =>
        `${documents[i].source} (${documents[i].kind}): ${message}`
      ),
      [],
      "every manifest type-checks, but the wrong ones",
    );
    const sources = new Set([...refused.keys()].map((i) => documents[i].source));
    assert.deepEqual(
      Object.keys(REFUSED).filter((source) => !sources.has(source)),
      [],
      "the wrong manifests are refused",
    );
    assert.deepEqual(
      missed.map((i) => `${documents[i].source}: ${misspelt[i].path}`),
      [],
      "every misspelt copy is refused",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
