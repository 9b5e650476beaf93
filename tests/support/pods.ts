/**
 * Pod objects as a real API server sends them, 7-15 KiB of JSON each:
 * labels, annotations, an owner reference, several containers with env,
 * ports, resources and probes, statuses, a long list of conditions
 * (readiness gates included), some non-ASCII text, and
 * `metadata.managedFields` (two fifths of the JSON, as on a real cluster
 * for pods like these: managed fields take a third or more). One pod in
 * ten was applied with `kubectl apply` instead of made by a ReplicaSet: it
 * has no owner, and carries the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation.
 *
 * @module
 */

import type { Rng } from "./rng.ts";

/** A generated Pod: what the benchmarks need to know, and the rest as JSON. */
export interface BenchPod {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace: string;
    resourceVersion: string;
    labels: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

const TEAMS = ["payments", "search", "ingest", "billing", "frontend", "ml-serving"];
const IMAGES = [
  "registry.example.com/platform/api-gateway",
  "registry.example.com/data/stream-processor",
  "docker.io/library/nginx",
  "quay.io/prometheus/node-exporter",
  "ghcr.io/example/sidecar-envoy",
];
/** Text users really put in annotations: accents, CJK, emoji. */
const PROSE = [
  "Équipe paiements — astreinte: café@example.com",
  "負荷試験用のポッド、削除しないでください",
  "Владелец: команда поиска",
  "deploy 🚀 by ci-bot ✅",
  "Zürich DC, Größe: mittel",
  "plain ascii note for the on-call engineer",
];
const NODES = 40;
/** Conditions of readiness gates that load balancer and mesh controllers set. */
const GATES = [
  "cloud.google.com/load-balancer-neg-ready",
  "target-health.elbv2.k8s.aws/k8s-payments-web-4b1e2c",
  "example.com/mesh-sidecar-ready",
  "example.com/config-synced",
];
/** One pod in this many was applied by kubectl rather than made by a ReplicaSet. */
const APPLIED_EVERY = 10;

/**
 * The list keys of server-side apply's field sets: a keyed list's items
 * appear under `k:{...}`; any other list is atomic (one `f:` field).
 */
const LIST_KEYS: Record<string, string[]> = {
  containers: ["name"],
  env: ["name"],
  ports: ["containerPort", "protocol"],
  volumeMounts: ["mountPath"],
  volumes: ["name"],
  conditions: ["type"],
  podIPs: ["ip"],
  hostIPs: ["ip"],
  ownerReferences: ["uid"],
};

type FieldSet = { [field: string]: FieldSet };

/**
 * The `fieldsV1` of a value, in the form managedFields records: `f:` for a
 * field, `k:` for an item of a keyed list, `.` for a map or an item owned
 * as a whole.
 */
function fieldSet(value: unknown, nested = false, name = ""): FieldSet {
  if (Array.isArray(value)) {
    const keys = LIST_KEYS[name];
    if (!keys) return {};
    const set: FieldSet = {};
    for (const item of value as Record<string, unknown>[]) {
      const key = JSON.stringify(Object.fromEntries(keys.map((k) => [k, item[k]])));
      set[`k:${key}`] = { ".": {}, ...fieldSet(item) };
    }
    return set;
  }
  if (value === null || typeof value !== "object") return {};
  const set: FieldSet = nested && Object.keys(value).length ? { ".": {} } : {};
  for (const [field, child] of Object.entries(value)) {
    set[`f:${field}`] = fieldSet(child, true, field);
  }
  return set;
}

const hex = (rng: Rng, length: number) => {
  let text = "";
  while (text.length < length) text += rng.int(0, 0xffffff).toString(16).padStart(6, "0");
  return text.slice(0, length);
};

const uid = (rng: Rng) =>
  `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`;

const time = (rng: Rng) =>
  new Date(Date.UTC(2025, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23), rng.int(0, 59)))
    .toISOString().replace(".000", "");

function container(rng: Rng, name: string) {
  const env = Array.from({ length: rng.int(2, 4) }, (_, i) =>
    i % 3 === 2
      ? {
        name: `POD_FIELD_${i}`,
        valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } },
      }
      : { name: `SETTING_${i}_${hex(rng, 4).toUpperCase()}`, value: hex(rng, rng.int(4, 12)) });
  const port = rng.int(1024, 9999);
  return {
    name,
    image: `${rng.pick(IMAGES)}:v${rng.int(1, 3)}.${rng.int(0, 30)}.${rng.int(0, 9)}`,
    args: ["--log-level=info", `--listen=:${port}`],
    env,
    ports: [
      { name: "http", containerPort: port, protocol: "TCP" },
      { name: "metrics", containerPort: 9090, protocol: "TCP" },
    ],
    resources: {
      limits: { cpu: `${rng.int(1, 4)}`, memory: `${rng.int(1, 8)}Gi` },
      requests: { cpu: `${rng.int(1, 9)}00m`, memory: `${rng.int(1, 9)}00Mi` },
    },
    ...(name === "main"
      ? {
        readinessProbe: {
          httpGet: { path: "/healthz", port, scheme: "HTTP" },
          periodSeconds: 10,
          failureThreshold: 3,
        },
      }
      : {}),
    volumeMounts: [
      {
        name: "kube-api-access",
        readOnly: true,
        mountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
      },
    ],
    imagePullPolicy: "IfNotPresent",
  };
}

function containerStatus(rng: Rng, spec: { name: string; image: string }, started: string) {
  return {
    name: spec.name,
    state: { running: { startedAt: started } },
    ready: true,
    restartCount: rng.int(0, 3),
    image: spec.image,
    imageID: `${spec.image.split(":")[0]}@sha256:${hex(rng, 64)}`,
    containerID: `containerd://${hex(rng, 64)}`,
    started: true,
  };
}

/** The pod's conditions: the kubelet's five, then one per readiness gate. */
function conditions(rng: Rng, gates: string[], started: string) {
  const kubelet = [
    "PodReadyToStartContainers",
    "Initialized",
    "Ready",
    "ContainersReady",
    "PodScheduled",
  ]
    .map((type) => ({ type, status: "True", lastProbeTime: null, lastTransitionTime: started }));
  const gated = gates.map((type) => ({
    type,
    status: "True",
    lastProbeTime: null,
    lastTransitionTime: time(rng),
    reason: "ReadinessGateSatisfied",
    message: `target registered and healthy after ${rng.int(2, 90)}s (attempt ${rng.int(1, 4)})`,
  }));
  return [...kubelet, ...gated];
}

/**
 * Makes one Pod as the API server would send it in a watch event.
 *
 * @param rng The seeded generator.
 * @param index Its number: names are `<team>-<index>` and unique per index.
 * @param resourceVersion Its resourceVersion.
 * @returns The Pod.
 *
 * @example
 * ```ts
 * import { makePod } from "./pods.ts";
 * import { seeded } from "./rng.ts";
 * const pod = makePod(seeded(1), 0, "100");
 * JSON.stringify(pod).length; // between 7 and 15 KiB
 * ```
 */
export function makePod(rng: Rng, index: number, resourceVersion: string): BenchPod {
  const applied = index % APPLIED_EVERY === APPLIED_EVERY - 1;
  const team = TEAMS[index % TEAMS.length];
  const app = `${team}-${["api", "worker", "cache"][index % 3]}`;
  const hash = hex(rng, 10);
  const started = time(rng);
  const containers = Array.from(
    { length: rng.int(1, 3) },
    (_, i) => container(rng, i === 0 ? "main" : `sidecar-${i}`),
  );
  const gates = GATES.slice(0, rng.int(2, GATES.length));
  const labels: Record<string, string> = {
    app,
    "app.kubernetes.io/name": app,
    "app.kubernetes.io/part-of": team,
    "app.kubernetes.io/version": `1.${rng.int(0, 40)}.${rng.int(0, 9)}`,
    "pod-template-hash": hash,
    tier: rng.pick(["backend", "frontend", "data"]),
    shard: String(index % 64),
  };
  const name = `${app}-${hash}-${index.toString(36).padStart(5, "0")}`;
  const namespace = `${team}-${index % 7}`;
  const annotations: Record<string, string> = {
    "kubectl.kubernetes.io/restartedAt": time(rng),
    "prometheus.io/scrape": "true",
    "prometheus.io/port": "9090",
    "example.com/owner-note": rng.pick(PROSE),
    "example.com/change-cause": `${rng.pick(PROSE)} (ticket #${rng.int(1000, 99999)})`,
  };
  const spec = {
    volumes: [{
      name: "kube-api-access",
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
          {
            configMap: {
              name: "kube-root-ca.crt",
              items: [{ key: "ca.crt", path: "ca.crt" }],
            },
          },
        ],
        defaultMode: 420,
      },
    }],
    containers,
    restartPolicy: "Always",
    terminationGracePeriodSeconds: 30,
    dnsPolicy: "ClusterFirst",
    serviceAccountName: "default",
    nodeName: `worker-${index % NODES}`,
    securityContext: { runAsNonRoot: true, runAsUser: 65532 },
    schedulerName: "default-scheduler",
    tolerations: [
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ],
    readinessGates: gates.map((conditionType) => ({ conditionType })),
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: "PreemptLowerPriority",
  };
  const podIP = `10.244.${rng.int(0, 255)}.${rng.int(2, 250)}`;
  const hostIP = `10.0.${index % NODES}.${rng.int(2, 250)}`;
  const status = {
    phase: "Running",
    conditions: conditions(rng, gates, started),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: started,
    containerStatuses: containers.map((c) => containerStatus(rng, c, started)),
    qosClass: "Burstable",
  };
  const ownerReferences = applied ? undefined : [{
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    name: `${app}-${hash}`,
    uid: uid(rng),
    controller: true,
    blockOwnerDeletion: true,
  }];
  if (applied) {
    // What `kubectl apply` records: the manifest as the user wrote it.
    annotations["kubectl.kubernetes.io/last-applied-configuration"] = JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { annotations: { ...annotations }, labels, name, namespace },
      spec: { containers: containers.map(({ imagePullPolicy: _, ...c }) => c) },
    }) + "\n";
  }
  // What the manager set: the pod template, without what the scheduler
  // (nodeName), admission (tolerations, priority, the service account's
  // volume) and defaulting added, which managedFields do not record.
  const {
    nodeName: _node,
    tolerations: _tolerations,
    priority: _priority,
    preemptionPolicy: _preemption,
    enableServiceLinks: _links,
    schedulerName: _scheduler,
    volumes: _volumes,
    containers: _containers,
    ...podTemplate
  } = spec;
  const template = {
    ...podTemplate,
    containers: containers.map(({ volumeMounts: _, imagePullPolicy: _p, ...c }) => c),
  };
  const { qosClass: _qos, ...reported } = status;
  const updated = time(rng);
  const managedFields = [
    {
      manager: applied ? "kubectl-client-side-apply" : "kube-controller-manager",
      operation: "Update",
      apiVersion: "v1",
      time: started,
      fieldsType: "FieldsV1",
      fieldsV1: {
        "f:metadata": fieldSet(
          applied ? { annotations, labels } : { generateName: 1, labels, ownerReferences },
        ),
        "f:spec": fieldSet(template),
      },
    },
    {
      manager: "kubelet",
      operation: "Update",
      apiVersion: "v1",
      time: updated,
      fieldsType: "FieldsV1",
      fieldsV1: { "f:status": fieldSet(reported) },
      subresource: "status",
    },
  ];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      ...(applied ? {} : { generateName: `${app}-${hash}-` }),
      namespace,
      uid: uid(rng),
      resourceVersion,
      creationTimestamp: started,
      labels,
      annotations,
      ...(ownerReferences ? { ownerReferences } : {}),
      managedFields,
    },
    spec,
    status,
  };
}
