/**
 * core/v1 Pod and Node: the fields an operator reads, named and typed as in
 * the Kubernetes API reference.
 *
 * @module
 */

import type { Condition, KubeObject, ObjectMeta } from "./meta.ts";

/**
 * A port a container exposes.
 *
 * @example
 * ```ts
 * import type { ContainerPort } from "./core_v1.ts";
 * const http: ContainerPort = { name: "http", containerPort: 8080 };
 * ```
 */
export interface ContainerPort {
  /** Port number inside the container. */
  containerPort: number;
  /** IANA name, referable from Services. */
  name?: string;
  /** `TCP` (default), `UDP` or `SCTP`. */
  protocol?: string;
  /** Port on the host, rarely used. */
  hostPort?: number;
}

/**
 * An environment variable, given directly or taken from a source.
 *
 * @example
 * ```ts
 * import type { EnvVar } from "./core_v1.ts";
 * const v: EnvVar = { name: "MODE", value: "prod" };
 * ```
 */
export interface EnvVar {
  /** Variable name. */
  name: string;
  /** Literal value. */
  value?: string;
  /** Where the value comes from (field, resource, ConfigMap or Secret key). */
  valueFrom?: Record<string, unknown>;
}

/**
 * CPU and memory asked for and allowed, as quantities like `100m` or `64Mi`.
 *
 * @example
 * ```ts
 * import type { ResourceRequirements } from "./core_v1.ts";
 * const r: ResourceRequirements = { requests: { cpu: "100m" }, limits: { memory: "128Mi" } };
 * ```
 */
export interface ResourceRequirements {
  /** What the scheduler reserves. */
  requests?: Record<string, string>;
  /** The most the container may use. */
  limits?: Record<string, string>;
}

/**
 * One container of a pod.
 *
 * @example
 * ```ts
 * import type { Container } from "./core_v1.ts";
 * const c: Container = { name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] };
 * ```
 */
export interface Container {
  /** Unique within the pod. */
  name: string;
  /** Image reference. */
  image?: string;
  /** Entrypoint, replacing the image's. */
  command?: string[];
  /** Arguments to the entrypoint. */
  args?: string[];
  /** Working directory. */
  workingDir?: string;
  /** Exposed ports. */
  ports?: ContainerPort[];
  /** Environment variables. */
  env?: EnvVar[];
  /** Resource requests and limits. */
  resources?: ResourceRequirements;
  /** `Always`, `IfNotPresent` or `Never`. */
  imagePullPolicy?: string;
  /** Volumes mounted into the container. */
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  /** Probes, as the API defines them. */
  livenessProbe?: Record<string, unknown>;
  /** Probes, as the API defines them. */
  readinessProbe?: Record<string, unknown>;
  /** Security settings. */
  securityContext?: Record<string, unknown>;
}

/**
 * A taint a pod may tolerate.
 *
 * @example
 * ```ts
 * import type { Toleration } from "./core_v1.ts";
 * const t: Toleration = { key: "kwok.x-k8s.io/node", operator: "Exists", effect: "NoSchedule" };
 * ```
 */
export interface Toleration {
  /** Taint key; empty with `Exists` matches every taint. */
  key?: string;
  /** `Equal` (default) or `Exists`. */
  operator?: string;
  /** Taint value to match with `Equal`. */
  value?: string;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. */
  effect?: string;
  /** How long a `NoExecute` taint is tolerated. */
  tolerationSeconds?: number;
}

/**
 * What a pod should run and where.
 *
 * @example
 * ```ts
 * import type { PodSpec } from "./core_v1.ts";
 * const spec: PodSpec = { containers: [{ name: "app", image: "busybox" }], restartPolicy: "Never" };
 * ```
 */
export interface PodSpec {
  /** The containers; at least one. */
  containers: Container[];
  /** Containers that run to completion before the others start. */
  initContainers?: Container[];
  /** The node the pod is bound to; set by the scheduler. */
  nodeName?: string;
  /** Labels a node must have. */
  nodeSelector?: Record<string, string>;
  /** `Always` (default), `OnFailure` or `Never`. */
  restartPolicy?: string;
  /** The service account the pod runs as. */
  serviceAccountName?: string;
  /** Taints the pod tolerates. */
  tolerations?: Toleration[];
  /** Affinity rules, as the API defines them. */
  affinity?: Record<string, unknown>;
  /** Volumes, as the API defines them. */
  volumes?: ({ name: string } & Record<string, unknown>)[];
  /** Seconds to wait between SIGTERM and SIGKILL. */
  terminationGracePeriodSeconds?: number;
  /** Scheduler to use; `default-scheduler` if unset. */
  schedulerName?: string;
  /** Priority class name. */
  priorityClassName?: string;
  /** Use the host's network namespace. */
  hostNetwork?: boolean;
}

/**
 * The state of one container as the kubelet last reported it.
 *
 * @example
 * ```ts
 * import type { ContainerStatus } from "./core_v1.ts";
 * const s: ContainerStatus = { name: "app", ready: true, restartCount: 0, image: "busybox", imageID: "", state: { running: { startedAt: "2024-01-01T00:00:00Z" } } };
 * ```
 */
export interface ContainerStatus {
  /** The container's name. */
  name: string;
  /** Passed its readiness probe. */
  ready: boolean;
  /** How often the container restarted. */
  restartCount: number;
  /** Image it runs. */
  image: string;
  /** Resolved image ID. */
  imageID: string;
  /** Runtime ID, `<type>://<id>`. */
  containerID?: string;
  /** Whether the container has started. */
  started?: boolean;
  /** Exactly one of waiting, running or terminated. */
  state?: ContainerState;
  /** The previous termination, after a restart. */
  lastState?: ContainerState;
}

/**
 * Waiting, running or terminated, with the details of that state.
 *
 * @example
 * ```ts
 * import type { ContainerState } from "./core_v1.ts";
 * const s: ContainerState = { waiting: { reason: "CrashLoopBackOff" } };
 * ```
 */
export interface ContainerState {
  /** Not yet running. */
  waiting?: { reason?: string; message?: string };
  /** Running since `startedAt`. */
  running?: { startedAt?: string };
  /** Ended, with its exit code. */
  terminated?: {
    exitCode: number;
    reason?: string;
    message?: string;
    signal?: number;
    startedAt?: string;
    finishedAt?: string;
  };
}

/**
 * What a pod is doing, as last observed.
 *
 * @example
 * ```ts
 * import type { PodStatus } from "./core_v1.ts";
 * const s: PodStatus = { phase: "Running", podIP: "10.0.0.7" };
 * ```
 */
export interface PodStatus {
  /** `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`. */
  phase?: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown" | string;
  /** `PodScheduled`, `Initialized`, `ContainersReady`, `Ready`, ... */
  conditions?: Condition[];
  /** Human-readable detail of why the pod is in this state. */
  message?: string;
  /** CamelCase reason, e.g. `Evicted`. */
  reason?: string;
  /** IP of the node it runs on. */
  hostIP?: string;
  /** IP of the pod. */
  podIP?: string;
  /** All IPs of the pod. */
  podIPs?: { ip: string }[];
  /** When the kubelet acknowledged the pod. */
  startTime?: string;
  /** `Guaranteed`, `Burstable` or `BestEffort`. */
  qosClass?: string;
  /** One entry per container. */
  containerStatuses?: ContainerStatus[];
  /** One entry per init container. */
  initContainerStatuses?: ContainerStatus[];
  /** Set when the pod was nominated to preempt others. */
  nominatedNodeName?: string;
}

/**
 * A pod: one or more containers scheduled together on a node.
 *
 * @example
 * ```ts
 * import type { Pod } from "./core_v1.ts";
 * const pod: Pod = {
 *   apiVersion: "v1", kind: "Pod",
 *   metadata: { name: "hello", namespace: "default" },
 *   spec: { containers: [{ name: "hello", image: "busybox", command: ["echo", "hi"] }] },
 * };
 * ```
 */
export type Pod = KubeObject<PodSpec, PodStatus>;

/**
 * A taint keeps pods that do not tolerate it off a node.
 *
 * @example
 * ```ts
 * import type { Taint } from "./core_v1.ts";
 * const t: Taint = { key: "node.kubernetes.io/unreachable", effect: "NoExecute" };
 * ```
 */
export interface Taint {
  /** Taint key. */
  key: string;
  /** Taint value. */
  value?: string;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. */
  effect: string;
  /** When a `NoExecute` taint was added. */
  timeAdded?: string;
}

/**
 * How a node is configured.
 *
 * @example
 * ```ts
 * import type { NodeSpec } from "./core_v1.ts";
 * const spec: NodeSpec = { unschedulable: true };
 * ```
 */
export interface NodeSpec {
  /** The pod CIDR assigned to the node. */
  podCIDR?: string;
  /** All pod CIDRs assigned to the node. */
  podCIDRs?: string[];
  /** Cloud provider's ID of the node. */
  providerID?: string;
  /** Cordoned: no new pods are scheduled here. */
  unschedulable?: boolean;
  /** The node's taints. */
  taints?: Taint[];
}

/**
 * An address by which a node is reached.
 *
 * @example
 * ```ts
 * import type { NodeAddress } from "./core_v1.ts";
 * const a: NodeAddress = { type: "InternalIP", address: "10.0.0.2" };
 * ```
 */
export interface NodeAddress {
  /** `Hostname`, `InternalIP`, `ExternalIP`, `InternalDNS` or `ExternalDNS`. */
  type: string;
  /** The address. */
  address: string;
}

/**
 * A node's observed state: conditions (`Ready`, `MemoryPressure`,
 * `DiskPressure`, `PIDPressure`, `NetworkUnavailable`), capacity, addresses.
 *
 * @example
 * ```ts
 * import type { NodeStatus } from "./core_v1.ts";
 * const s: NodeStatus = { conditions: [{ type: "Ready", status: "True" }] };
 * ```
 */
export interface NodeStatus {
  /** Total resources of the node. */
  capacity?: Record<string, string>;
  /** Resources available for pods. */
  allocatable?: Record<string, string>;
  /** Ready and pressure conditions. */
  conditions?: Condition[];
  /** Addresses of the node. */
  addresses?: NodeAddress[];
  /** Kernel, OS, runtime and kubelet versions. */
  nodeInfo?: {
    machineID?: string;
    systemUUID?: string;
    bootID?: string;
    kernelVersion?: string;
    osImage?: string;
    containerRuntimeVersion?: string;
    kubeletVersion?: string;
    kubeProxyVersion?: string;
    operatingSystem?: string;
    architecture?: string;
  };
  /** Deprecated: `Pending`, `Running` or `Terminated`. */
  phase?: string;
}

/**
 * A node: a machine (or a fake one) that runs pods.
 *
 * @example
 * ```ts
 * import type { Node } from "./core_v1.ts";
 * const node: Node = { apiVersion: "v1", kind: "Node", metadata: { name: "worker-1" } };
 * ```
 */
export type Node = KubeObject<NodeSpec, NodeStatus>;

/**
 * A pod template, as Deployments, ReplicaSets and Jobs hold it.
 *
 * @example
 * ```ts
 * import type { PodTemplateSpec } from "./core_v1.ts";
 * const t: PodTemplateSpec = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } };
 * ```
 */
export interface PodTemplateSpec {
  /** Labels and annotations of the pods made from it. */
  metadata?: ObjectMeta;
  /** The pods' spec. */
  spec?: PodSpec;
}

/**
 * A namespace's observed state.
 *
 * @example
 * ```ts
 * import type { NamespaceStatus } from "./core_v1.ts";
 * const s: NamespaceStatus = { phase: "Terminating" };
 * ```
 */
export interface NamespaceStatus {
  /** `Active` or `Terminating`. */
  phase?: "Active" | "Terminating" | string;
  /** Why deletion is stuck, when it is. */
  conditions?: Condition[];
}

/**
 * A namespace: the scope of names for namespaced objects.
 *
 * @example
 * ```ts
 * import type { Namespace } from "./core_v1.ts";
 * const ns: Namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } };
 * ```
 */
export type Namespace = KubeObject<{ finalizers?: string[] }, NamespaceStatus>;

/**
 * A ConfigMap: configuration as string (and binary) key-value pairs. It has
 * no spec or status; its content is `data`.
 *
 * @example
 * ```ts
 * import type { ConfigMap } from "./core_v1.ts";
 * const cm: ConfigMap = { metadata: { name: "settings" }, data: { mode: "fast" } };
 * ```
 */
export interface ConfigMap extends KubeObject<never, never> {
  /** UTF-8 values by key. */
  data?: Record<string, string>;
  /** Base64 values by key, for bytes that are not UTF-8. */
  binaryData?: Record<string, string>;
  /** When true, data can no longer change. */
  immutable?: boolean;
}

/**
 * A Secret: sensitive key-value pairs. kube never prints its values: errors
 * that would quote a Secret describe it instead.
 *
 * @example
 * ```ts
 * import type { Secret } from "./core_v1.ts";
 * const s: Secret = { metadata: { name: "db" }, type: "Opaque", stringData: { password: "from-a-vault" } };
 * ```
 */
export interface Secret extends KubeObject<never, never> {
  /** Base64 values by key. */
  data?: Record<string, string>;
  /** Plain values by key, merged into `data` on write; never returned by the server. */
  stringData?: Record<string, string>;
  /** E.g. `Opaque`, `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`. */
  type?: string;
  /** When true, data can no longer change. */
  immutable?: boolean;
}

/**
 * A reference to one object, as Events (`regarding`, `related`) and other
 * objects hold it. `fieldPath` points into the object, e.g.
 * `spec.containers{web}` for one container of a pod.
 *
 * @example
 * ```ts
 * import type { ObjectReference } from "./core_v1.ts";
 * const ref: ObjectReference = { apiVersion: "v1", kind: "Pod", name: "web-0", namespace: "default", uid: "0b1c" };
 * ```
 */
export interface ObjectReference {
  /** API version of the object, e.g. `apps/v1`. */
  apiVersion?: string;
  /** Kind of the object, e.g. `Deployment`. */
  kind?: string;
  /** Name of the object. */
  name?: string;
  /** Namespace of the object; empty when cluster-scoped. */
  namespace?: string;
  /** UID of the object. */
  uid?: string;
  /** The resourceVersion the reference was made at. */
  resourceVersion?: string;
  /** A part of the object, e.g. `spec.containers{web}`. */
  fieldPath?: string;
}

/**
 * One port a Service exposes, and where it forwards to.
 *
 * @example
 * ```ts
 * import type { ServicePort } from "./core_v1.ts";
 * const http: ServicePort = { name: "http", port: 80, targetPort: "http", protocol: "TCP" };
 * ```
 */
export interface ServicePort {
  /** Unique within the Service; required when it has more than one port. */
  name?: string;
  /** `TCP` (default), `UDP` or `SCTP`. */
  protocol?: string;
  /** The port the Service listens on. */
  port: number;
  /** The pods' port: a number, or the name of a container port; `port` if unset. */
  targetPort?: number | string;
  /** The port on every node, for `NodePort` and `LoadBalancer` Services. */
  nodePort?: number;
  /** The application protocol, e.g. `http`, `kubernetes.io/h2c`. */
  appProtocol?: string;
}

/**
 * What a Service should be: which pods it selects and how it is reached.
 *
 * @example
 * ```ts
 * import type { ServiceSpec } from "./core_v1.ts";
 * const spec: ServiceSpec = { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] };
 * ```
 */
export interface ServiceSpec {
  /** `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`. */
  type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName" | string;
  /** Pods with these labels receive the traffic; none means endpoints are managed by hand. */
  selector?: Record<string, string>;
  /** The ports. */
  ports?: ServicePort[];
  /** The virtual IP; `None` for a headless Service. Set by the server if empty. */
  clusterIP?: string;
  /** The virtual IPs, one per IP family. */
  clusterIPs?: string[];
  /** `IPv4`, `IPv6`, or both, in order. */
  ipFamilies?: string[];
  /** `SingleStack`, `PreferDualStack` or `RequireDualStack`. */
  ipFamilyPolicy?: string;
  /** The DNS name an `ExternalName` Service aliases. */
  externalName?: string;
  /** Other IPs the nodes accept traffic for this Service on. */
  externalIPs?: string[];
  /** `None` (default) or `ClientIP`, to send a client to the same pod each time. */
  sessionAffinity?: string;
  /** `Cluster` (default) or `Local`: whether external traffic may cross nodes. */
  externalTrafficPolicy?: string;
  /** `Cluster` (default) or `Local`, for traffic from inside the cluster. */
  internalTrafficPolicy?: string;
  /** Route to pods before they are ready, e.g. for peer discovery. */
  publishNotReadyAddresses?: boolean;
  /** Which load balancer implementation should serve a `LoadBalancer` Service. */
  loadBalancerClass?: string;
  /** Client ranges a cloud load balancer lets in. */
  loadBalancerSourceRanges?: string[];
}

/**
 * A Service's observed state: the load balancer's addresses, if any.
 *
 * @example
 * ```ts
 * import type { ServiceStatus } from "./core_v1.ts";
 * const s: ServiceStatus = { loadBalancer: { ingress: [{ ip: "203.0.113.7" }] } };
 * ```
 */
export interface ServiceStatus {
  /** Where a `LoadBalancer` Service is reachable. */
  loadBalancer?: {
    ingress?: {
      ip?: string;
      hostname?: string;
      ipMode?: string;
      ports?: { port: number; protocol?: string; error?: string }[];
    }[];
  };
  /** E.g. the load balancer's provisioning state. */
  conditions?: Condition[];
}

/**
 * A Service (core/v1): a stable name and virtual IP in front of a set of pods.
 *
 * @example
 * ```ts
 * import type { Service } from "./core_v1.ts";
 * const svc: Service = {
 *   apiVersion: "v1", kind: "Service", metadata: { name: "web" },
 *   spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
 * };
 * ```
 */
export type Service = KubeObject<ServiceSpec, ServiceStatus>;
