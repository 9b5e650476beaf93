/**
 * core/v1: every field of Kubernetes 1.37's Pod, Service, ConfigMap, Secret,
 * Namespace, ServiceAccount, PersistentVolumeClaim, PersistentVolume,
 * ReplicationController, Endpoints, LimitRange, ResourceQuota, Node and
 * PodTemplate, with their parts, named as the API reference names them.
 *
 * Every object is closed: a misspelt field is a compile error at any depth.
 * Quantities and int-or-string fields take a number or a string, as the API
 * server does.
 *
 * @module
 */

import type {
  Condition,
  IntOrString,
  KubeList,
  KubeObject,
  LabelSelector,
  ObjectMeta,
  Quantity,
  Time,
} from "./meta.ts";

// ---------------------------------------------------------------------------
// Words shared by many kinds
// ---------------------------------------------------------------------------

/**
 * `True`, `False` or `Unknown`: the status of a condition.
 */
export type ConditionStatus = "True" | "False" | "Unknown";

/**
 * A network protocol of a port: `TCP` (the default), `UDP` or `SCTP`.
 *
 * @example
 * ```ts
 * import type { Protocol } from "./core_v1.ts";
 * const p: Protocol = "UDP";
 * ```
 */
export type Protocol = "TCP" | "UDP" | "SCTP";

/**
 * What a taint does to pods that do not tolerate it.
 */
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

/**
 * When the kubelet pulls a container's image.
 */
export type PullPolicy = "Always" | "Never" | "IfNotPresent";

/**
 * How a persistent volume may be mounted: by one node read-write, by many
 * nodes read-only, by many read-write, or by one pod read-write.
 */
export type PersistentVolumeAccessMode =
  | "ReadWriteOnce"
  | "ReadOnlyMany"
  | "ReadWriteMany"
  | "ReadWriteOncePod";

/**
 * Whether a persistent volume is a formatted filesystem or a raw block device.
 */
export type PersistentVolumeMode = "Filesystem" | "Block";

/**
 * The name of an object in the same namespace as the one that refers to it.
 */
export interface LocalObjectReference {
  /** Name of the object; in practice always needed, though an empty one is accepted. */
  name?: string;
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
 * A typed reference to an object in the same namespace: its API group, kind
 * and name.
 */
export interface TypedLocalObjectReference {
  /** API group of the object; empty for the core group. */
  apiGroup?: string;
  /** Kind of the object. */
  kind: string;
  /** Name of the object. */
  name: string;
}

/**
 * A typed reference to an object that may live in another namespace.
 */
export interface TypedObjectReference {
  /** API group of the object; empty for the core group. */
  apiGroup?: string;
  /** Kind of the object. */
  kind: string;
  /** Name of the object. */
  name: string;
  /** Namespace of the object; another namespace needs a ReferenceGrant there. */
  namespace?: string;
}

/**
 * A Secret named by name and namespace, for cluster-scoped objects (such as
 * PersistentVolumes) that cannot assume a namespace.
 */
export interface SecretReference {
  /** Name of the Secret. */
  name?: string;
  /** Namespace of the Secret. */
  namespace?: string;
}

// ---------------------------------------------------------------------------
// Containers: image, command, environment, ports, resources, probes
// ---------------------------------------------------------------------------

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
  /** Port number on the pod's IP, 1-65535. */
  containerPort: number;
  /** IANA service name, unique in the pod; Services may target the port by it. */
  name?: string;
  /** `TCP` (default), `UDP` or `SCTP`. */
  protocol?: Protocol;
  /** Port on the host to expose as well; rarely needed, must equal `containerPort` with host networking. */
  hostPort?: number;
  /** Host IP to bind `hostPort` to. */
  hostIP?: string;
}

/**
 * Picks one key of a ConfigMap, for an environment variable.
 */
export interface ConfigMapKeySelector {
  /** Name of the ConfigMap. */
  name?: string;
  /** Key in its `data`; `binaryData` keys cannot be used. */
  key: string;
  /** When true, a missing ConfigMap or key is not an error. */
  optional?: boolean;
}

/**
 * Picks one key of a Secret, for an environment variable.
 */
export interface SecretKeySelector {
  /** Name of the Secret, in the pod's namespace. */
  name?: string;
  /** Key in the Secret. */
  key: string;
  /** When true, a missing Secret or key is not an error. */
  optional?: boolean;
}

/**
 * Picks a field of the pod, such as `metadata.name` or `status.podIP`.
 */
export interface ObjectFieldSelector {
  /** API version the path is written against; `v1` if unset. */
  apiVersion?: string;
  /** Path of the field, e.g. `metadata.labels['app']` or `spec.nodeName`. */
  fieldPath: string;
}

/**
 * Picks a container's resource request or limit, such as `limits.memory`.
 */
export interface ResourceFieldSelector {
  /** The container; needed in volumes, optional for environment variables. */
  containerName?: string;
  /** E.g. `requests.cpu`, `limits.memory`, `limits.ephemeral-storage`. */
  resource: string;
  /** Unit the value is divided by; `1` if unset. */
  divisor?: Quantity;
}

/**
 * Picks a key of an env file that a volume holds.
 */
export interface FileKeySelector {
  /** The volume mount that holds the file. */
  volumeName: string;
  /** Relative path of the file in the volume, without `..`. */
  path: string;
  /** Key in the file. */
  key: string;
  /** When true, a missing file or key leaves the variable unset instead of failing the pod. */
  optional?: boolean;
}

/**
 * Where an environment variable's value comes from; set exactly one field.
 */
export interface EnvVarSource {
  /** A key of a ConfigMap. */
  configMapKeyRef?: ConfigMapKeySelector;
  /** A field of the pod. */
  fieldRef?: ObjectFieldSelector;
  /** A key of an env file in a volume (feature gate EnvFiles). */
  fileKeyRef?: FileKeySelector;
  /** A request or limit of a container. */
  resourceFieldRef?: ResourceFieldSelector;
  /** A key of a Secret. */
  secretKeyRef?: SecretKeySelector;
}

/**
 * An environment variable, given directly or taken from a source.
 *
 * @example
 * ```ts
 * import type { EnvVar } from "./core_v1.ts";
 * const mode: EnvVar = { name: "MODE", value: "prod" };
 * const pod: EnvVar = { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } };
 * ```
 */
export interface EnvVar {
  /** Variable name; any printable ASCII but `=`. */
  name: string;
  /** Literal value; `$(OTHER)` expands earlier variables, `$$` escapes. */
  value?: string;
  /** Where the value comes from, instead of `value`. */
  valueFrom?: EnvVarSource;
}

/**
 * Names a ConfigMap whose every key becomes an environment variable.
 */
export interface ConfigMapEnvSource {
  /** Name of the ConfigMap. */
  name?: string;
  /** When true, a missing ConfigMap is not an error. */
  optional?: boolean;
}

/**
 * Names a Secret whose every key becomes an environment variable.
 */
export interface SecretEnvSource {
  /** Name of the Secret. */
  name?: string;
  /** When true, a missing Secret is not an error. */
  optional?: boolean;
}

/**
 * A whole ConfigMap or Secret turned into environment variables; on a
 * clash the later source wins.
 *
 * @example
 * ```ts
 * import type { EnvFromSource } from "./core_v1.ts";
 * const from: EnvFromSource = { prefix: "APP_", configMapRef: { name: "settings" } };
 * ```
 */
export interface EnvFromSource {
  /** The ConfigMap to read. */
  configMapRef?: ConfigMapEnvSource;
  /** Text put before each variable name. */
  prefix?: string;
  /** The Secret to read. */
  secretRef?: SecretEnvSource;
}

/**
 * A command run inside the container, without a shell; exit 0 is success.
 */
export interface ExecAction {
  /** The command and its arguments, run in `/`; wrap in `sh -c` for shell syntax. */
  command?: string[];
}

/**
 * One header sent with an HTTP probe.
 */
export interface HTTPHeader {
  /** Header name; compared case-insensitively. */
  name: string;
  /** Header value. */
  value: string;
}

/**
 * An HTTP GET against the container; a status from 200 to 399 is success.
 */
export interface HTTPGetAction {
  /** Host to connect to; the pod IP if unset (set a `Host` header instead, usually). */
  host?: string;
  /** Extra request headers; repeats are allowed. */
  httpHeaders?: HTTPHeader[];
  /** Request path. */
  path?: string;
  /** Container port, by number (1-65535) or by name. */
  port: IntOrString;
  /** Wire protocol of the connection; HTTP/1.1 if unset. */
  protocol?: string;
  /** `HTTP` (default) or `HTTPS`; HTTPS skips certificate checks. */
  scheme?: "HTTP" | "HTTPS";
}

/**
 * Opening a TCP connection; success if it connects.
 */
export interface TCPSocketAction {
  /** Host to connect to; the pod IP if unset. */
  host?: string;
  /** Container port, by number or by name. */
  port: IntOrString;
}

/**
 * A gRPC health check (grpc.health.v1.Health/Check).
 */
export interface GRPCAction {
  /** Port of the gRPC server, 1-65535. */
  port: number;
  /** Service name put in the health request; gRPC's default behaviour if unset. */
  service?: string;
  /** `Plaintext` (the default) or `TLS`, which does not verify the certificate. */
  mode?: "Plaintext" | "TLS";
}

/**
 * A pause, in a lifecycle hook.
 */
export interface SleepAction {
  /** Seconds to sleep. */
  seconds: number;
}

/**
 * A health check the kubelet runs against a container: set one of `exec`,
 * `httpGet`, `tcpSocket` or `grpc`, and the timing.
 *
 * @example
 * ```ts
 * import type { Probe } from "./core_v1.ts";
 * const ready: Probe = { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 5, failureThreshold: 3 };
 * ```
 */
export interface Probe {
  /** Run a command in the container. */
  exec?: ExecAction;
  /** Send an HTTP GET. */
  httpGet?: HTTPGetAction;
  /** Open a TCP connection. */
  tcpSocket?: TCPSocketAction;
  /** Call the gRPC health service. */
  grpc?: GRPCAction;
  /** Seconds after the container starts before the first check. */
  initialDelaySeconds?: number;
  /** Seconds between checks; 10 if unset, at least 1. */
  periodSeconds?: number;
  /** Seconds a check may take; 1 if unset. */
  timeoutSeconds?: number;
  /** Failures in a row that make the probe fail; 3 if unset. */
  failureThreshold?: number;
  /** Successes in a row that make it pass again; 1 if unset, and must be 1 for liveness and startup. */
  successThreshold?: number;
  /** Grace period after a failure kills the container, overriding the pod's. */
  terminationGracePeriodSeconds?: number;
}

/**
 * What a lifecycle hook does: set one of `exec`, `httpGet` or `sleep`.
 */
export interface LifecycleHandler {
  /** Run a command in the container. */
  exec?: ExecAction;
  /** Send an HTTP GET. */
  httpGet?: HTTPGetAction;
  /** Pause. */
  sleep?: SleepAction;
  /**
   * A TCP connection; never worked as a hook and is not validated.
   *
   * @deprecated Kept only for backward compatibility; hooks with it fail at runtime.
   */
  tcpSocket?: TCPSocketAction;
}

/**
 * Hooks run after a container starts and before it stops, and the signal
 * that stops it.
 *
 * @example
 * ```ts
 * import type { Lifecycle } from "./core_v1.ts";
 * const l: Lifecycle = { preStop: { sleep: { seconds: 10 } } };
 * ```
 */
export interface Lifecycle {
  /** Runs right after the container is created; if it fails the container is restarted. */
  postStart?: LifecycleHandler;
  /** Runs before a requested stop (not a crash); counts against the grace period. */
  preStop?: LifecycleHandler;
  /** Signal sent to stop the container, e.g. `SIGTERM`; needs `spec.os.name`. */
  stopSignal?: string;
}

/**
 * Whether changing a resource of a running container restarts it.
 */
export interface ContainerResizePolicy {
  /** `cpu` or `memory`. */
  resourceName: string;
  /** `NotRequired` (the default) or `RestartContainer`. */
  restartPolicy: "NotRequired" | "RestartContainer";
}

/**
 * One entry of `spec.resourceClaims` that a container uses.
 */
export interface ResourceClaim {
  /** Name of the entry in the pod's `spec.resourceClaims`. */
  name: string;
  /** One request of that claim; the whole claim if unset. */
  request?: string;
}

/**
 * Compute resources asked for and allowed, as quantities like `100m` or
 * `64Mi` (or plain numbers).
 *
 * @example
 * ```ts
 * import type { ResourceRequirements } from "./core_v1.ts";
 * const r: ResourceRequirements = { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: 1, memory: "128Mi" } };
 * ```
 */
export interface ResourceRequirements {
  /** What the scheduler reserves; the limits, if only those are given. */
  requests?: Record<string, Quantity>;
  /** The most the container may use. */
  limits?: Record<string, Quantity>;
  /** Entries of `spec.resourceClaims` the container uses (dynamic resource allocation). */
  claims?: ResourceClaim[];
}

/**
 * The exit codes a {@linkcode ContainerRestartRule} matches.
 */
export interface ContainerRestartRuleOnExitCodes {
  /** `In`: the code is one of `values`; `NotIn`: it is none of them. */
  operator: "In" | "NotIn";
  /** Exit codes, at most 255. */
  values?: number[];
}

/**
 * A rule for whether an exited container restarts, tried in order.
 */
export interface ContainerRestartRule {
  /** What to do when the rule matches; only `Restart` exists. */
  action: "Restart";
  /** The exit codes the rule matches. */
  exitCodes?: ContainerRestartRuleOnExitCodes;
}

/**
 * Linux capabilities added to or dropped from the runtime's default set.
 */
export interface Capabilities {
  /** Capabilities to add, e.g. `NET_ADMIN`. */
  add?: string[];
  /** Capabilities to drop; `ALL` drops every one. */
  drop?: string[];
}

/**
 * SELinux labels for a container.
 */
export interface SELinuxOptions {
  /** The level label. */
  level?: string;
  /** The role label. */
  role?: string;
  /** The type label. */
  type?: string;
  /** The user label. */
  user?: string;
}

/**
 * The seccomp profile a container runs under.
 */
export interface SeccompProfile {
  /** `RuntimeDefault`, `Unconfined`, or `Localhost` with `localhostProfile`. */
  type: "RuntimeDefault" | "Unconfined" | "Localhost";
  /** File under the kubelet's seccomp directory; set exactly when `type` is `Localhost`. */
  localhostProfile?: string;
}

/**
 * The AppArmor profile a container runs under.
 */
export interface AppArmorProfile {
  /** `RuntimeDefault`, `Unconfined`, or `Localhost` with `localhostProfile`. */
  type: "RuntimeDefault" | "Unconfined" | "Localhost";
  /** Name of a profile loaded on the node; set exactly when `type` is `Localhost`. */
  localhostProfile?: string;
}

/**
 * Windows-only identity settings of a container or pod.
 */
export interface WindowsSecurityContextOptions {
  /** The GMSA credential spec, inlined by the GMSA admission webhook. */
  gmsaCredentialSpec?: string;
  /** Name of the GMSA credential spec to use. */
  gmsaCredentialSpecName?: string;
  /** Run as a host process; then every container of the pod must, with host networking. */
  hostProcess?: boolean;
  /** Windows user that runs the entrypoint; the image's if unset. */
  runAsUserName?: string;
}

/**
 * Security settings of one container; where they overlap the pod's
 * {@linkcode PodSecurityContext}, these win.
 *
 * @example
 * ```ts
 * import type { SecurityContext } from "./core_v1.ts";
 * const sc: SecurityContext = {
 *   runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
 *   capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" },
 * };
 * ```
 */
export interface SecurityContext {
  /** Whether a process may gain more privileges than its parent (no_new_privs); always true when privileged. */
  allowPrivilegeEscalation?: boolean;
  /** AppArmor profile, overriding the pod's; not on Windows. */
  appArmorProfile?: AppArmorProfile;
  /** Capabilities to add and drop; not on Windows. */
  capabilities?: Capabilities;
  /** Run privileged, nearly as root on the host; not on Windows. */
  privileged?: boolean;
  /** `Default` masks /proc paths as the runtime does; `Unmasked` leaves them; not on Windows. */
  procMount?: "Default" | "Unmasked";
  /** Mount the root filesystem read-only; not on Windows. */
  readOnlyRootFilesystem?: boolean;
  /** GID of the entrypoint; the runtime's default if unset; not on Windows. */
  runAsGroup?: number;
  /** Refuse to start if the image would run as UID 0. */
  runAsNonRoot?: boolean;
  /** UID of the entrypoint; the image's user if unset; not on Windows. */
  runAsUser?: number;
  /** SELinux labels; random ones if unset; not on Windows. */
  seLinuxOptions?: SELinuxOptions;
  /** Seccomp profile, overriding the pod's; not on Windows. */
  seccompProfile?: SeccompProfile;
  /** Windows settings; not on Linux. */
  windowsOptions?: WindowsSecurityContextOptions;
}

/**
 * A raw block device of a volume, mapped into a container.
 */
export interface VolumeDevice {
  /** Name of a persistentVolumeClaim volume of the pod. */
  name: string;
  /** Path of the device inside the container. */
  devicePath: string;
}

/**
 * Where a pod volume appears in a container's filesystem.
 */
export interface VolumeMount {
  /** Name of a volume of the pod. */
  name: string;
  /** Path in the container; no `:`. */
  mountPath: string;
  /** Mount read-only. */
  readOnly?: boolean;
  /** With `readOnly`: `Disabled`, `IfPossible` or `Enabled` to make sub-mounts read-only too. */
  recursiveReadOnly?: "Disabled" | "IfPossible" | "Enabled";
  /** How mounts propagate between host and container: `None` (default), `HostToContainer`, `Bidirectional`. */
  mountPropagation?: "None" | "HostToContainer" | "Bidirectional";
  /** Path inside the volume to mount instead of its root. */
  subPath?: string;
  /** Like `subPath`, with `$(VAR)` expanded from the container's environment. */
  subPathExpr?: string;
  /** Extra bind mount options: `noexec`, `nodev`, `nosuid` (alpha; Linux; not for image volumes). */
  bindMountOptions?: string[];
}

/**
 * One container of a pod.
 *
 * @example
 * ```ts
 * import type { Container } from "./core_v1.ts";
 * const c: Container = {
 *   name: "web",
 *   image: "nginx:1.27",
 *   ports: [{ name: "http", containerPort: 80 }],
 *   envFrom: [{ configMapRef: { name: "web-settings" } }],
 *   resources: { requests: { cpu: "100m", memory: "64Mi" } },
 *   startupProbe: { httpGet: { path: "/", port: "http" }, failureThreshold: 30 },
 *   securityContext: { allowPrivilegeEscalation: false },
 * };
 * ```
 */
export interface Container {
  /** Name, a DNS label unique among all containers of the pod; fixed. */
  name: string;
  /** Image reference; may be left to a controller or policy to fill in. */
  image?: string;
  /** When to pull the image; `Always` for `:latest`, else `IfNotPresent`, if unset. */
  imagePullPolicy?: PullPolicy;
  /** Entrypoint, replacing the image's ENTRYPOINT; `$(VAR)` expands, no shell. */
  command?: string[];
  /** Arguments, replacing the image's CMD; `$(VAR)` expands. */
  args?: string[];
  /** Working directory; the image's or the runtime's if unset. */
  workingDir?: string;
  /** Ports the container listens on; informational, except for `hostPort` and named ports. */
  ports?: ContainerPort[];
  /** Environment variables. */
  env?: EnvVar[];
  /** Whole ConfigMaps and Secrets as environment variables; `env` wins on a clash. */
  envFrom?: EnvFromSource[];
  /** Resource requests and limits. */
  resources?: ResourceRequirements;
  /** Whether resizing each resource restarts the container. */
  resizePolicy?: ContainerResizePolicy[];
  /** Per-container restart behaviour; `Always` on an init container makes it a sidecar. */
  restartPolicy?: "Always" | "OnFailure" | "Never";
  /** Rules tried in order when the container exits, before `restartPolicy`. */
  restartPolicyRules?: ContainerRestartRule[];
  /** Volumes mounted into the filesystem. */
  volumeMounts?: VolumeMount[];
  /** Raw block devices mapped in. */
  volumeDevices?: VolumeDevice[];
  /** Restarts the container when it fails. */
  livenessProbe?: Probe;
  /** Takes the pod out of Service endpoints while it fails. */
  readinessProbe?: Probe;
  /** Holds off the other probes until it passes; restarts the container if it fails. */
  startupProbe?: Probe;
  /** Hooks after start and before stop. */
  lifecycle?: Lifecycle;
  /** Security settings, overriding the pod's. */
  securityContext?: SecurityContext;
  /** File the container writes its termination message to; `/dev/termination-log` if unset. */
  terminationMessagePath?: string;
  /** `File` (default), or `FallbackToLogsOnError` to use the log tail when the file is empty on failure. */
  terminationMessagePolicy?: "File" | "FallbackToLogsOnError";
  /** Keep a stdin buffer open, for attach. */
  stdin?: boolean;
  /** Close stdin after the first attach ends. */
  stdinOnce?: boolean;
  /** Allocate a TTY; needs `stdin`. */
  tty?: boolean;
}

/**
 * A container added to a running pod for debugging (`kubectl debug`), through
 * the pod's `ephemeralcontainers` subresource. It has the fields of a
 * {@linkcode Container}, though ports, probes, lifecycle, resources and
 * resize policy are refused, and it is never restarted.
 */
export interface EphemeralContainer extends Container {
  /** The container whose namespaces (process, IPC) it joins. */
  targetContainerName?: string;
}

// ---------------------------------------------------------------------------
// Scheduling: node and pod affinity, tolerations, topology spread
// ---------------------------------------------------------------------------

/**
 * One requirement on a node's labels or fields.
 */
export interface NodeSelectorRequirement {
  /** The label (or field) key. */
  key: string;
  /** How the key relates to `values`; `Gt` and `Lt` compare one integer. */
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";
  /** Non-empty for `In`/`NotIn`, empty for `Exists`/`DoesNotExist`, one integer for `Gt`/`Lt`. */
  values?: string[];
}

/**
 * Requirements that all hold for a node; an empty term matches no node.
 */
export interface NodeSelectorTerm {
  /** Requirements on the node's labels. */
  matchExpressions?: NodeSelectorRequirement[];
  /** Requirements on the node's fields (e.g. `metadata.name`). */
  matchFields?: NodeSelectorRequirement[];
}

/**
 * Selects nodes that match any one of its terms.
 */
export interface NodeSelector {
  /** The terms; a node matching one of them is selected. */
  nodeSelectorTerms: NodeSelectorTerm[];
}

/**
 * One requirement on a topology label: its value must be one of `values`.
 */
export interface TopologySelectorLabelRequirement {
  /** The label key, e.g. `topology.kubernetes.io/zone`. */
  key: string;
  /** Accepted values; any one matches. */
  values: string[];
}

/**
 * Topology label requirements that all hold, as a StorageClass's
 * `allowedTopologies` lists them; a simpler {@linkcode NodeSelectorTerm}.
 */
export interface TopologySelectorTerm {
  /** The requirements. */
  matchLabelExpressions?: TopologySelectorLabelRequirement[];
}

/**
 * A weighted node preference: matching nodes score `weight` more.
 */
export interface PreferredSchedulingTerm {
  /** 1-100. */
  weight: number;
  /** The nodes preferred. */
  preference: NodeSelectorTerm;
}

/**
 * Rules about which nodes a pod may or should run on.
 *
 * @example
 * ```ts
 * import type { NodeAffinity } from "./core_v1.ts";
 * const a: NodeAffinity = {
 *   requiredDuringSchedulingIgnoredDuringExecution: {
 *     nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/os", operator: "In", values: ["linux"] }] }],
 *   },
 * };
 * ```
 */
export interface NodeAffinity {
  /** Nodes the pod must land on; not re-checked once it runs. */
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  /** Nodes the scheduler prefers, by summed weight. */
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[];
}

/**
 * A set of pods, and the topology (a node label) in which this pod should be
 * together with them (affinity) or apart from them (anti-affinity).
 */
export interface PodAffinityTerm {
  /** The pods; none if unset. */
  labelSelector?: LabelSelector;
  /** Label keys whose values on this pod are added to `labelSelector` with `In`. */
  matchLabelKeys?: string[];
  /** Label keys whose values on this pod are added to `labelSelector` with `NotIn`. */
  mismatchLabelKeys?: string[];
  /** Namespaces, by label, to look for the pods in; with `namespaces`, both count; `{}` is all. */
  namespaceSelector?: LabelSelector;
  /** Namespaces, by name, to look for the pods in; this pod's if both are unset. */
  namespaces?: string[];
  /** The node label whose equal values make one domain, e.g. `topology.kubernetes.io/zone`. */
  topologyKey: string;
}

/**
 * A pod affinity term with a weight, for preferences.
 */
export interface WeightedPodAffinityTerm {
  /** 1-100. */
  weight: number;
  /** The term. */
  podAffinityTerm: PodAffinityTerm;
}

/**
 * Rules that place a pod in the same domain as other pods.
 */
export interface PodAffinity {
  /** Terms that must all hold at scheduling time. */
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  /** Terms the scheduler prefers, by summed weight. */
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}

/**
 * Rules that keep a pod out of domains where other pods run.
 */
export interface PodAntiAffinity {
  /** Terms that must all hold at scheduling time. */
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  /** Terms the scheduler prefers, by summed weight. */
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[];
}

/**
 * A pod's scheduling constraints: node affinity, pod affinity and pod
 * anti-affinity.
 *
 * @example
 * ```ts
 * import type { Affinity } from "./core_v1.ts";
 * const a: Affinity = {
 *   podAntiAffinity: {
 *     requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" }],
 *   },
 * };
 * ```
 */
export interface Affinity {
  /** Which nodes. */
  nodeAffinity?: NodeAffinity;
  /** Next to which pods. */
  podAffinity?: PodAffinity;
  /** Away from which pods. */
  podAntiAffinity?: PodAntiAffinity;
}

/**
 * A taint a pod tolerates: matching taints no longer keep it off a node.
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
  /** `Equal` (default), `Exists` (any value), or `Lt`/`Gt` to compare numbers. */
  operator?: "Equal" | "Exists" | "Lt" | "Gt";
  /** Taint value to match; empty with `Exists`. */
  value?: string;
  /** Effect to match; every effect if empty. */
  effect?: TaintEffect;
  /** For `NoExecute`: seconds the pod stays after the taint appears; forever if unset. */
  tolerationSeconds?: number;
}

/**
 * How evenly matching pods should be spread over a topology (zones, nodes).
 *
 * @example
 * ```ts
 * import type { TopologySpreadConstraint } from "./core_v1.ts";
 * const spread: TopologySpreadConstraint = {
 *   maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule",
 *   labelSelector: { matchLabels: { app: "web" } },
 * };
 * ```
 */
export interface TopologySpreadConstraint {
  /** Most the count of matching pods may differ between domains; at least 1. */
  maxSkew: number;
  /** The node label that defines the domains. */
  topologyKey: string;
  /** `DoNotSchedule` (keep pending) or `ScheduleAnyway` (only prefer less skew). */
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  /** The pods counted. */
  labelSelector?: LabelSelector;
  /** Label keys whose values on this pod are added to `labelSelector`. */
  matchLabelKeys?: string[];
  /** Fewest eligible domains; below it the global minimum counts as 0 (with `DoNotSchedule`). */
  minDomains?: number;
  /** `Honor` (default) counts only nodes that match the pod's node affinity; `Ignore` counts all. */
  nodeAffinityPolicy?: "Honor" | "Ignore";
  /** `Honor` skips nodes with taints the pod does not tolerate; `Ignore` (default) counts all. */
  nodeTaintsPolicy?: "Honor" | "Ignore";
}

// ---------------------------------------------------------------------------
// The rest of a pod's spec
// ---------------------------------------------------------------------------

/**
 * One resolver option, as in `resolv.conf`'s `options` line.
 */
export interface PodDNSConfigOption {
  /** Option name. */
  name?: string;
  /** Option value, if it takes one. */
  value?: string;
}

/**
 * DNS settings merged into what `dnsPolicy` generates.
 */
export interface PodDNSConfig {
  /** Name server IPs, added to the generated ones. */
  nameservers?: string[];
  /** Resolver options; these override generated ones of the same name. */
  options?: PodDNSConfigOption[];
  /** Search domains, added to the generated ones. */
  searches?: string[];
}

/**
 * An entry added to the pod's `/etc/hosts`.
 */
export interface HostAlias {
  /** The IP address. */
  ip: string;
  /** Names for it. */
  hostnames?: string[];
}

/**
 * The operating system a pod's containers need.
 */
export interface PodOS {
  /** `linux` or `windows` today; more may come. */
  name: string;
}

/**
 * A pod condition that must be `True`, besides its containers being ready,
 * for the pod to count as ready.
 */
export interface PodReadinessGate {
  /** Type of the condition in `status.conditions`. */
  conditionType: string;
}

/**
 * A ResourceClaim the pod needs (dynamic resource allocation), named for its
 * containers; set one of the two sources.
 */
export interface PodResourceClaim {
  /** Name by which containers refer to it; a DNS label. */
  name: string;
  /** An existing ResourceClaim in the pod's namespace. */
  resourceClaimName?: string;
  /** A ResourceClaimTemplate from which a claim is made for this pod (and deleted with it). */
  resourceClaimTemplateName?: string;
}

/**
 * A gate that keeps a pod from being scheduled until it is removed.
 */
export interface PodSchedulingGate {
  /** Name of the gate, unique in the pod. */
  name: string;
}

/**
 * The scheduling group (a PodGroup) a pod belongs to, for scheduling that
 * considers the whole workload; set exactly one field.
 */
export interface PodSchedulingGroup {
  /** Name of the PodGroup; a DNS subdomain. */
  podGroupName?: string;
}

/**
 * A responder that takes part in evicting the pod through the Eviction API;
 * responders are asked in priority order.
 */
export interface EvictionResponder {
  /** A domain-prefixed name, unique in the pod; `*.k8s.io` and `*.kubernetes.io` are reserved. */
  name: string;
  /** Higher goes first; ties go by domain name. */
  priority: number;
}

/**
 * A namespaced kernel parameter set for the pod.
 */
export interface Sysctl {
  /** Parameter name. */
  name: string;
  /** Its value. */
  value: string;
}

/**
 * Security settings for every container of a pod, and for its volumes.
 *
 * @example
 * ```ts
 * import type { PodSecurityContext } from "./core_v1.ts";
 * const sc: PodSecurityContext = { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, seccompProfile: { type: "RuntimeDefault" } };
 * ```
 */
export interface PodSecurityContext {
  /** Default AppArmor profile of the containers; not on Windows. */
  appArmorProfile?: AppArmorProfile;
  /** Group that owns supporting volumes and is added to every container's groups; not on Windows. */
  fsGroup?: number;
  /** `OnRootMismatch` changes volume ownership only when the root differs; `Always` (default) every time. */
  fsGroupChangePolicy?: "OnRootMismatch" | "Always";
  /** Default GID of the containers' entrypoints; not on Windows. */
  runAsGroup?: number;
  /** Refuse to start containers whose image runs as UID 0. */
  runAsNonRoot?: boolean;
  /** Default UID of the containers' entrypoints; not on Windows. */
  runAsUser?: number;
  /** `MountOption` labels volumes by mount option; `Recursive` relabels every file. */
  seLinuxChangePolicy?: "MountOption" | "Recursive";
  /** Default SELinux labels of the containers; not on Windows. */
  seLinuxOptions?: SELinuxOptions;
  /** Default seccomp profile of the containers; not on Windows. */
  seccompProfile?: SeccompProfile;
  /** Groups added to each container's first process; not on Windows. */
  supplementalGroups?: number[];
  /** `Merge` (default) adds the image's groups too; `Strict` uses only the listed ones. */
  supplementalGroupsPolicy?: "Merge" | "Strict";
  /** Namespaced sysctls; not on Windows. */
  sysctls?: Sysctl[];
  /** Default Windows settings of the containers; not on Linux. */
  windowsOptions?: WindowsSecurityContextOptions;
}

/**
 * What a pod should run and where.
 *
 * @example
 * ```ts
 * import type { PodSpec } from "./core_v1.ts";
 * const spec: PodSpec = {
 *   containers: [{ name: "app", image: "busybox", command: ["sleep", "3600"] }],
 *   restartPolicy: "Never",
 *   securityContext: { runAsNonRoot: true, runAsUser: 1000 },
 *   imagePullSecrets: [{ name: "registry" }],
 *   tolerations: [{ key: "dedicated", operator: "Equal", value: "batch", effect: "NoSchedule" }],
 * };
 * ```
 */
export interface PodSpec {
  /** The containers; at least one, and the list cannot change. */
  containers: Container[];
  /** Containers run one after another to completion before the others start (or sidecars). */
  initContainers?: Container[];
  /** Debugging containers, added only through the `ephemeralcontainers` subresource. */
  ephemeralContainers?: EphemeralContainer[];
  /** Volumes the containers may mount. */
  volumes?: Volume[];
  /** `Always` (default), `OnFailure` or `Never`, for every container. */
  restartPolicy?: "Always" | "OnFailure" | "Never";
  /** Seconds between the stop signal and a kill; 30 if unset, 0 kills at once. */
  terminationGracePeriodSeconds?: number;
  /** Seconds the pod may run, from its start, before it is failed. */
  activeDeadlineSeconds?: number;
  /** `ClusterFirst` (default), `ClusterFirstWithHostNet`, `Default` (the node's) or `None`. */
  dnsPolicy?: "ClusterFirst" | "ClusterFirstWithHostNet" | "Default" | "None";
  /** DNS settings merged into what `dnsPolicy` generates. */
  dnsConfig?: PodDNSConfig;
  /** Labels a node must have. */
  nodeSelector?: Record<string, string>;
  /** The service account the pod runs as; `default` if unset. */
  serviceAccountName?: string;
  /**
   * Old name of `serviceAccountName`.
   *
   * @deprecated Use `serviceAccountName`.
   */
  serviceAccount?: string;
  /** Mount a service account token into the containers; the service account's setting if unset. */
  automountServiceAccountToken?: boolean;
  /** The node the pod is bound to; set by the scheduler, or by hand to skip it. */
  nodeName?: string;
  /** Use the host's network namespace; declare the ports it uses. */
  hostNetwork?: boolean;
  /** Use the host's PID namespace. */
  hostPID?: boolean;
  /** Use the host's IPC namespace. */
  hostIPC?: boolean;
  /** Share one PID namespace between the containers. */
  shareProcessNamespace?: boolean;
  /** Pod-level security settings. */
  securityContext?: PodSecurityContext;
  /** Secrets in the namespace used to pull the images. */
  imagePullSecrets?: LocalObjectReference[];
  /** Host name of the pod; a system-chosen one if unset. */
  hostname?: string;
  /** With a headless Service of that name, gives the pod `<hostname>.<subdomain>.<ns>.svc...`. */
  subdomain?: string;
  /** Host name the pod sees, overriding `hostname` and `subdomain`; DNS records are unchanged. */
  hostnameOverride?: string;
  /** Scheduling constraints. */
  affinity?: Affinity;
  /** Scheduler to use; `default-scheduler` if unset. */
  schedulerName?: string;
  /** Taints the pod tolerates. */
  tolerations?: Toleration[];
  /** Extra `/etc/hosts` entries. */
  hostAliases?: HostAlias[];
  /** Name of a PriorityClass; `system-node-critical` and `system-cluster-critical` are built in. */
  priorityClassName?: string;
  /** The priority value; filled in from `priorityClassName` by admission. */
  priority?: number;
  /** Conditions that must also be `True` for the pod to be ready. */
  readinessGates?: PodReadinessGate[];
  /** RuntimeClass (node.k8s.io) to run with; the default runtime if unset. */
  runtimeClassName?: string;
  /** Inject Service environment variables in the Docker links style; true if unset. */
  enableServiceLinks?: boolean;
  /** `PreemptLowerPriority` (default) or `Never`; filled in from the PriorityClass. */
  preemptionPolicy?: "PreemptLowerPriority" | "Never";
  /** Resources of the pod sandbox itself, set by RuntimeClass admission. */
  overhead?: Record<string, Quantity>;
  /** How the pods of a group spread across domains; all must hold. */
  topologySpreadConstraints?: TopologySpreadConstraint[];
  /** Make the host name the fully qualified name. */
  setHostnameAsFQDN?: boolean;
  /** The OS the containers need; restricts OS-specific fields. */
  os?: PodOS;
  /** `false` gives the pod its own user namespace; the host's if unset. */
  hostUsers?: boolean;
  /** Gates that hold scheduling until removed; set only at creation. */
  schedulingGates?: PodSchedulingGate[];
  /** ResourceClaims the pod needs before it starts (dynamic resource allocation). */
  resourceClaims?: PodResourceClaim[];
  /** Pod-level CPU, memory and hugepages requests and limits, shared by all containers. */
  resources?: ResourceRequirements;
  /** The scheduling group the pod belongs to. */
  schedulingGroup?: PodSchedulingGroup;
  /** Responders that take part in evicting the pod. */
  evictionResponders?: EvictionResponder[];
}

// ---------------------------------------------------------------------------
// A pod's status
// ---------------------------------------------------------------------------

/**
 * One of a pod's conditions: `PodScheduled`, `Initialized`,
 * `ContainersReady`, `Ready`, `PodReadyToStartContainers`, `DisruptionTarget`,
 * `PodResizePending`, `PodResizeInProgress`, or a readiness gate's.
 */
export interface PodCondition {
  /** The condition's type. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: ConditionStatus;
  /** The `metadata.generation` the condition was computed from. */
  observedGeneration?: number;
  /** When the condition was last checked. */
  lastProbeTime?: Time;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause of the last change. */
  reason?: string;
  /** Human-readable detail of the last change. */
  message?: string;
}

/**
 * The health of one device or resource behind a container's allocation.
 */
export interface ResourceHealth {
  /** Identifies the device for the pod's lifetime. */
  resourceID: string;
  /** `Healthy`, `Unhealthy` (maybe temporary) or `Unknown`; more may come. */
  health?: string;
  /** Human-readable context from the driver, e.g. an error count. */
  message?: string;
}

/**
 * The health of one resource allocated to a container.
 */
export interface ResourceStatus {
  /** A resource name from the spec, or `claim:<claim>` / `claim:<claim>/<request>` for DRA. */
  name: string;
  /** Health of each device behind it. */
  resources?: ResourceHealth[];
}

/**
 * A container that is running.
 */
export interface ContainerStateRunning {
  /** When it last (re)started. */
  startedAt?: Time;
}

/**
 * A container that has exited.
 */
export interface ContainerStateTerminated {
  /** Runtime ID, `<type>://<id>`. */
  containerID?: string;
  /** Exit status. */
  exitCode: number;
  /** Signal that ended it, if any. */
  signal?: number;
  /** Short reason, e.g. `Completed`, `Error`, `OOMKilled`. */
  reason?: string;
  /** Detail, e.g. the termination message. */
  message?: string;
  /** When this run started. */
  startedAt?: Time;
  /** When it ended. */
  finishedAt?: Time;
}

/**
 * A container that is not running yet.
 */
export interface ContainerStateWaiting {
  /** Short reason, e.g. `ContainerCreating`, `CrashLoopBackOff`. */
  reason?: string;
  /** Detail. */
  message?: string;
}

/**
 * Waiting, running or terminated, with the details of that state; at most
 * one is set, and none means waiting.
 */
export interface ContainerState {
  /** Not yet running. */
  waiting?: ContainerStateWaiting;
  /** Running. */
  running?: ContainerStateRunning;
  /** Ended. */
  terminated?: ContainerStateTerminated;
}

/**
 * The Linux identity a container's first process started with.
 */
export interface LinuxContainerUser {
  /** Primary user ID. */
  uid: number;
  /** Primary group ID. */
  gid: number;
  /** Supplementary group IDs. */
  supplementalGroups?: number[];
}

/**
 * The identity a container's first process started with; it may change
 * itself later.
 */
export interface ContainerUser {
  /** On Linux. */
  linux?: LinuxContainerUser;
}

/**
 * The state of an image volume: the image it resolved to.
 */
export interface ImageVolumeStatus {
  /** Digest reference of the image used, at most 256 characters. */
  imageRef: string;
}

/**
 * Volume-type-specific state of a mounted volume; at most one field is set.
 */
export interface VolumeStatus {
  /** For an image volume. */
  image?: ImageVolumeStatus;
}

/**
 * How one of a container's volume mounts turned out.
 */
export interface VolumeMountStatus {
  /** The mount's volume name. */
  name: string;
  /** The mount's path. */
  mountPath: string;
  /** As asked in the mount. */
  readOnly?: boolean;
  /** What a read-only mount became: `Disabled` or `Enabled` (never `IfPossible`). */
  recursiveReadOnly?: "Disabled" | "Enabled";
  /** Volume-type-specific state. */
  volumeStatus?: VolumeStatus;
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
  /** Passes its readiness probe (or, without one, has started). */
  ready: boolean;
  /** How often the container restarted; may reset after a node restart. */
  restartCount: number;
  /** Image it runs, as the runtime resolved it. */
  image: string;
  /** ID of that image. */
  imageID: string;
  /** Runtime ID, `<type>://<id>`. */
  containerID?: string;
  /** Passed its postStart hook and startup probe. */
  started?: boolean;
  /** The current state. */
  state?: ContainerState;
  /** The previous termination, after a restart. */
  lastState?: ContainerState;
  /** Resources the node allocated to it. */
  allocatedResources?: Record<string, Quantity>;
  /** Health of the resources allocated to it. */
  allocatedResourcesStatus?: ResourceStatus[];
  /** Requests and limits in force on the running container. */
  resources?: ResourceRequirements;
  /** The identity its first process started with. */
  user?: ContainerUser;
  /** How its volume mounts turned out. */
  volumeMounts?: VolumeMountStatus[];
  /** The stop signal in effect. */
  stopSignal?: string;
}

/**
 * One IP address of a pod.
 */
export interface PodIP {
  /** The address. */
  ip: string;
}

/**
 * One IP address of the node a pod runs on.
 */
export interface HostIP {
  /** The address. */
  ip: string;
}

/**
 * The ResourceClaim made for one of a pod's `resourceClaims`.
 */
export interface PodResourceClaimStatus {
  /** Name of the entry in `spec.resourceClaims`. */
  name: string;
  /** The claim made for it; unset when none was needed. */
  resourceClaimName?: string;
}

/**
 * Which device request of the scheduler-made claim serves one container's
 * extended resource.
 */
export interface ContainerExtendedResourceRequest {
  /** The container. */
  containerName: string;
  /** The extended resource it asks for. */
  resourceName: string;
  /** The request in the generated claim. */
  requestName: string;
}

/**
 * The claim the scheduler made for a pod's extended resources backed by
 * dynamic resource allocation.
 */
export interface PodExtendedResourceClaimStatus {
  /** Name of the generated claim, in the pod's namespace. */
  resourceClaimName: string;
  /** Which request serves which container's resource. */
  requestMappings: ContainerExtendedResourceRequest[];
}

/**
 * An amount of a node-allocatable resource (cpu, memory) that a claim's
 * devices map to.
 */
export interface NodeAllocatableMappedResources {
  /** Resource name, e.g. `cpu`. */
  name: string;
  /** Total allocated for the claim, shared by the containers that use it. */
  quantity: Quantity;
}

/**
 * Extra node-allocatable resources a claim's devices need.
 */
export interface NodeAllocatableOverheadResources {
  /** Resource name, e.g. `memory`. */
  name: string;
  /** Fixed amount per pod. */
  perPod?: Quantity;
  /** Amount per container that uses the claim. */
  perContainer?: Quantity;
}

/**
 * Node-allocatable resources (not extended resources) allocated to a pod
 * through one DRA claim.
 */
export interface NodeAllocatableResourceClaimStatus {
  /** The claim. */
  resourceClaimName: string;
  /** Containers of the pod that use it. */
  containers?: string[];
  /** Resources its devices map to. */
  mapping?: NodeAllocatableMappedResources[];
  /** Overhead its devices add. */
  overhead?: NodeAllocatableOverheadResources[];
}

/**
 * An adverse condition of a volume, as its CSI node plugin reports it.
 */
export interface VolumeHealthCondition {
  /** `Inaccessible`, `DataLoss` or `Degraded`. */
  status: string;
  /** One CamelCase word; with `status` it identifies the entry. */
  reason: string;
  /** Human-readable detail, at most 1024 bytes. */
  message?: string;
}

/**
 * The health of one of a pod's volumes on its node.
 */
export interface PodVolumeHealth {
  /** Name of the volume in `spec.volumes`. */
  name: string;
  /** Adverse conditions, at most 16; none means healthy. */
  healthConditions?: VolumeHealthCondition[];
  /** When this set of conditions first appeared. */
  lastTransitionTime?: Time;
}

/**
 * What a pod is doing, as last observed; it may trail reality when the node
 * is cut off.
 *
 * @example
 * ```ts
 * import type { PodStatus } from "./core_v1.ts";
 * const s: PodStatus = { phase: "Running", podIP: "10.0.0.7", conditions: [{ type: "Ready", status: "True" }] };
 * ```
 */
export interface PodStatus {
  /** `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`. */
  phase?: "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";
  /** `PodScheduled`, `Initialized`, `ContainersReady`, `Ready`, ... */
  conditions?: PodCondition[];
  /** Human-readable detail of why the pod is in this state. */
  message?: string;
  /** CamelCase reason, e.g. `Evicted`. */
  reason?: string;
  /** The `metadata.generation` this status was computed from. */
  observedGeneration?: number;
  /** Set when the pod preempted others on that node and waits for them to go. */
  nominatedNodeName?: string;
  /** Primary IP of the node it runs on; empty until it starts. */
  hostIP?: string;
  /** All IPs of that node; the first is `hostIP`. */
  hostIPs?: HostIP[];
  /** IP of the pod; empty until allocated. */
  podIP?: string;
  /** All IPs of the pod, at most one per family; the first is `podIP`. */
  podIPs?: PodIP[];
  /** When the kubelet took the pod on, before pulling images. */
  startTime?: Time;
  /** Status of each init container. */
  initContainerStatuses?: ContainerStatus[];
  /** Status of each container. */
  containerStatuses?: ContainerStatus[];
  /** Status of each ephemeral container that ran. */
  ephemeralContainerStatuses?: ContainerStatus[];
  /** `Guaranteed`, `Burstable` or `BestEffort`, from the requests and limits. */
  qosClass?: "Guaranteed" | "Burstable" | "BestEffort";
  /**
   * Where a resize of the containers' resources stands.
   *
   * @deprecated Replaced by the conditions `PodResizePending` and `PodResizeInProgress`.
   */
  resize?: string;
  /** The claims made for the pod's resource claim templates. */
  resourceClaimStatuses?: PodResourceClaimStatus[];
  /** The claim made for its DRA-backed extended resources. */
  extendedResourceClaimStatus?: PodExtendedResourceClaimStatus;
  /** Node-allocatable resources allocated through DRA claims. */
  nodeAllocatableResourceClaimStatuses?: NodeAllocatableResourceClaimStatus[];
  /** Requests the node allocated for the pod, summed over containers unless set at pod level. */
  allocatedResources?: Record<string, Quantity>;
  /** Pod-level requests and limits in force, when the spec sets them. */
  resources?: ResourceRequirements;
  /** Health of each volume, from the kubelet. */
  volumeHealth?: PodVolumeHealth[];
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
 * A page of pods.
 *
 * @example
 * ```ts
 * import type { PodList } from "./core_v1.ts";
 * const list: PodList = { apiVersion: "v1", kind: "PodList", metadata: { resourceVersion: "7" }, items: [] };
 * ```
 */
export type PodList = KubeList<Pod>;

/**
 * A pod template, as Deployments, ReplicaSets, Jobs and PodTemplates hold it.
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
 * A stored pod template, for tools that make pods from it.
 *
 * @example
 * ```ts
 * import type { PodTemplate } from "./core_v1.ts";
 * const t: PodTemplate = {
 *   apiVersion: "v1", kind: "PodTemplate", metadata: { name: "worker" },
 *   template: { spec: { containers: [{ name: "worker", image: "busybox" }] } },
 * };
 * ```
 */
export interface PodTemplate extends KubeObject<never, never> {
  /** The template. */
  template?: PodTemplateSpec;
}

/**
 * A page of PodTemplates.
 */
export type PodTemplateList = KubeList<PodTemplate>;

// ---------------------------------------------------------------------------
// Volumes: what a pod can mount
// ---------------------------------------------------------------------------

/**
 * One key of a ConfigMap or Secret written to a file of a volume.
 */
export interface KeyToPath {
  /** The key. */
  key: string;
  /** Relative path of the file; no `..`. */
  path: string;
  /** Permission bits of the file (0-0777); the volume's default mode if unset. */
  mode?: number;
  /** UID that owns the file, before `defaultUser` (alpha, AtomicWriteVolumeUserFields). */
  user?: number;
}

/**
 * A ConfigMap's keys as files; every key unless `items` picks some.
 */
export interface ConfigMapVolumeSource {
  /** Name of the ConfigMap. */
  name?: string;
  /** Keys to write and where; all keys under their own names if unset. */
  items?: KeyToPath[];
  /** Permission bits of the files (0-0777); 0644 if unset. */
  defaultMode?: number;
  /** UID that owns the files when an item sets none (alpha, AtomicWriteVolumeUserFields). */
  defaultUser?: number;
  /** When true, a missing ConfigMap or key is not an error. */
  optional?: boolean;
}

/**
 * A Secret's keys as files; every key unless `items` picks some.
 */
export interface SecretVolumeSource {
  /** Name of the Secret, in the pod's namespace. */
  secretName?: string;
  /** Keys to write and where; all keys under their own names if unset. */
  items?: KeyToPath[];
  /** Permission bits of the files (0-0777); 0644 if unset. */
  defaultMode?: number;
  /** UID that owns the files when an item sets none (alpha, AtomicWriteVolumeUserFields). */
  defaultUser?: number;
  /** When true, a missing Secret or key is not an error. */
  optional?: boolean;
}

/**
 * A file holding a field of the pod or a container's resource value.
 */
export interface DownwardAPIVolumeFile {
  /** Relative path of the file; no `..`. */
  path: string;
  /** A pod field: only annotations, labels, name, namespace and uid. */
  fieldRef?: ObjectFieldSelector;
  /** A container's CPU or memory request or limit. */
  resourceFieldRef?: ResourceFieldSelector;
  /** Permission bits of the file (0-0777). */
  mode?: number;
  /** UID that owns the file (alpha, AtomicWriteVolumeUserFields). */
  user?: number;
}

/**
 * Files holding fields of the pod (the downward API).
 */
export interface DownwardAPIVolumeSource {
  /** The files. */
  items?: DownwardAPIVolumeFile[];
  /** Permission bits of the files (0-0777); 0644 if unset. */
  defaultMode?: number;
  /** UID that owns the files when an item sets none (alpha, AtomicWriteVolumeUserFields). */
  defaultUser?: number;
}

/**
 * A scratch directory that lives and dies with the pod.
 */
export interface EmptyDirVolumeSource {
  /** `""` for the node's default storage, or `Memory` for a tmpfs. */
  medium?: "" | "Memory";
  /** Most local storage (or memory) it may use. */
  sizeLimit?: Quantity;
  /** Permission bits of the directory (0-01777); 0777 if unset. */
  mode?: number;
}

/**
 * A file or directory of the node, mounted as it is; for system agents.
 */
export interface HostPathVolumeSource {
  /** Path on the host; symlinks are followed. */
  path: string;
  /** What must be there first: `""` (no check), `DirectoryOrCreate`, `Directory`, `FileOrCreate`, `File`, `Socket`, `CharDevice`, `BlockDevice`. */
  type?:
    | ""
    | "DirectoryOrCreate"
    | "Directory"
    | "FileOrCreate"
    | "File"
    | "Socket"
    | "CharDevice"
    | "BlockDevice";
}

/**
 * An OCI image or artifact, pulled and mounted read-only.
 */
export interface ImageVolumeSource {
  /** Image or artifact reference, as for a container's image; in practice required. */
  reference?: string;
  /** When to pull it; as for container images. */
  pullPolicy?: PullPolicy;
}

/**
 * A volume made from a claim template for this pod alone, deleted with it.
 *
 * @example
 * ```ts
 * import type { EphemeralVolumeSource } from "./core_v1.ts";
 * const scratch: EphemeralVolumeSource = {
 *   volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } },
 * };
 * ```
 */
export interface EphemeralVolumeSource {
  /** Template of the claim, named `<pod>-<volume>` and owned by the pod. */
  volumeClaimTemplate?: PersistentVolumeClaimTemplate;
}

/**
 * A PersistentVolumeClaim of the pod's namespace, mounted.
 */
export interface PersistentVolumeClaimVolumeSource {
  /** Name of the claim. */
  claimName: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A volume served by a CSI driver that supports inline, pod-lifetime volumes.
 */
export interface CSIVolumeSource {
  /** Name of the CSI driver. */
  driver: string;
  /** Filesystem type; left to the driver if unset. */
  fsType?: string;
  /** Secret passed to the driver's publish and unpublish calls. */
  nodePublishSecretRef?: LocalObjectReference;
  /** Mount read-only. */
  readOnly?: boolean;
  /** Driver-specific settings. */
  volumeAttributes?: Record<string, string>;
}

/**
 * A ConfigMap's keys as files of a projected volume.
 */
export interface ConfigMapProjection {
  /** Name of the ConfigMap. */
  name?: string;
  /** Keys to write and where; all keys if unset. */
  items?: KeyToPath[];
  /** When true, a missing ConfigMap or key is not an error. */
  optional?: boolean;
}

/**
 * A Secret's keys as files of a projected volume.
 */
export interface SecretProjection {
  /** Name of the Secret. */
  name?: string;
  /** Keys to write and where; all keys if unset. */
  items?: KeyToPath[];
  /** When true, a missing Secret or key is not an error. */
  optional?: boolean;
}

/**
 * Pod fields as files of a projected volume.
 */
export interface DownwardAPIProjection {
  /** The files. */
  items?: DownwardAPIVolumeFile[];
}

/**
 * A service account token for the pod, rotated by the kubelet before it
 * expires.
 */
export interface ServiceAccountTokenProjection {
  /** Relative path of the token file. */
  path: string;
  /** Audience the token is for; the API server's if unset. */
  audience?: string;
  /** Requested lifetime in seconds; at least 600, 3600 if unset. */
  expirationSeconds?: number;
  /** UID that owns the file (alpha, AtomicWriteVolumeUserFields). */
  user?: number;
}

/**
 * The trust anchors of ClusterTrustBundles, as one PEM file: by name, or by
 * signer and labels.
 */
export interface ClusterTrustBundleProjection {
  /** Relative path of the file. */
  path: string;
  /** One bundle by name; excludes `signerName` and `labelSelector`. */
  name?: string;
  /** All bundles of this signer, merged. */
  signerName?: string;
  /** With `signerName`, only the bundles with these labels; `{}` matches all, unset none. */
  labelSelector?: LabelSelector;
  /** When true, missing bundles do not hold up the pod's start. */
  optional?: boolean;
  /** UID that owns the file (alpha, AtomicWriteVolumeUserFields). */
  user?: number;
}

/**
 * A private key and certificate chain the kubelet obtains for the pod from a
 * signer (through PodCertificateRequests) and keeps renewed.
 */
export interface PodCertificateProjection {
  /** The signer the requests are addressed to. */
  signerName: string;
  /** Key type the kubelet generates. */
  keyType: "RSA3072" | "RSA4096" | "ECDSAP256" | "ECDSAP384" | "ECDSAP521" | "ED25519";
  /** Path of one PEM file with the key then the chain; the easiest to use. */
  credentialBundlePath?: string;
  /** Path of the key alone, with `certificateChainPath`. */
  keyPath?: string;
  /** Path of the chain alone, with `keyPath`. */
  certificateChainPath?: string;
  /** Longest lifetime allowed for the certificate; 86400 if unset. */
  maxExpirationSeconds?: number;
  /** Extra information passed unchecked to the signer. */
  userAnnotations?: Record<string, string>;
  /** UID that owns the files (alpha, AtomicWriteVolumeUserFields). */
  user?: number;
}

/**
 * One source of a projected volume; set exactly one field.
 */
export interface VolumeProjection {
  /** Trust anchors of ClusterTrustBundles (alpha). */
  clusterTrustBundle?: ClusterTrustBundleProjection;
  /** Keys of a ConfigMap. */
  configMap?: ConfigMapProjection;
  /** Pod fields. */
  downwardAPI?: DownwardAPIProjection;
  /** A key and certificate from a signer. */
  podCertificate?: PodCertificateProjection;
  /** Keys of a Secret. */
  secret?: SecretProjection;
  /** A service account token. */
  serviceAccountToken?: ServiceAccountTokenProjection;
}

/**
 * Several sources (ConfigMaps, Secrets, tokens, pod fields) in one directory.
 *
 * @example
 * ```ts
 * import type { ProjectedVolumeSource } from "./core_v1.ts";
 * const v: ProjectedVolumeSource = {
 *   sources: [
 *     { serviceAccountToken: { path: "token" } },
 *     { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
 *   ],
 * };
 * ```
 */
export interface ProjectedVolumeSource {
  /** The sources. */
  sources?: VolumeProjection[];
  /** Permission bits of the files (0-0777); 0644 if unset. */
  defaultMode?: number;
  /** UID that owns the files when a source sets none (alpha, AtomicWriteVolumeUserFields). */
  defaultUser?: number;
}

/**
 * An NFS export, mounted for the pod's lifetime.
 */
export interface NFSVolumeSource {
  /** Host name or IP of the server. */
  server: string;
  /** Exported path. */
  path: string;
  /** Mount read-only. */
  readOnly?: boolean;
}

/**
 * An iSCSI disk; read-write by one pod at a time.
 */
export interface ISCSIVolumeSource {
  /** Target portal, an IP or `ip:port` when the port is not 860 or 3260. */
  targetPortal: string;
  /** Target iSCSI qualified name. */
  iqn: string;
  /** Target LUN number. */
  lun: number;
  /** Further target portals. */
  portals?: string[];
  /** iSCSI interface (transport); `default` (TCP) if unset. */
  iscsiInterface?: string;
  /** Custom initiator name; with `iscsiInterface`, makes a new interface. */
  initiatorName?: string;
  /** Use CHAP authentication for discovery. */
  chapAuthDiscovery?: boolean;
  /** Use CHAP authentication for the session. */
  chapAuthSession?: boolean;
  /** Secret with the CHAP credentials. */
  secretRef?: LocalObjectReference;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A Fibre Channel disk: by `wwids`, or by `targetWWNs` and `lun`.
 */
export interface FCVolumeSource {
  /** Target world wide names. */
  targetWWNs?: string[];
  /** Target LUN. */
  lun?: number;
  /** Volume world wide identifiers, instead of the two above. */
  wwids?: string[];
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * An AWS EBS disk; in-tree support is gone, calls go to the EBS CSI driver.
 */
export interface AWSElasticBlockStoreVolumeSource {
  /** The EBS volume ID. */
  volumeID: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Partition number; the whole volume if unset or 0. */
  partition?: number;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * An Azure data disk; calls go to the disk.csi.azure.com driver.
 */
export interface AzureDiskVolumeSource {
  /** Name of the disk in blob storage. */
  diskName: string;
  /** URI of the disk. */
  diskURI: string;
  /** Host caching: `None`, `ReadOnly` or `ReadWrite` (default). */
  cachingMode?: "None" | "ReadOnly" | "ReadWrite";
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** `Shared` (default), `Dedicated` or `Managed`. */
  kind?: "Shared" | "Dedicated" | "Managed";
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * An Azure file share; calls go to the file.csi.azure.com driver.
 */
export interface AzureFileVolumeSource {
  /** Secret with the storage account name and key. */
  secretName: string;
  /** The share. */
  shareName: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A CephFS mount; the in-tree plugin is no longer supported.
 */
export interface CephFSVolumeSource {
  /** Ceph monitors. */
  monitors: string[];
  /** Root of the mount within the tree; `/` if unset. */
  path?: string;
  /** Rados user; `admin` if unset. */
  user?: string;
  /** Path of the user's key ring; `/etc/ceph/user.secret` if unset. */
  secretFile?: string;
  /** Secret with the user's key, instead of `secretFile`. */
  secretRef?: LocalObjectReference;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * An OpenStack Cinder volume; calls go to the Cinder CSI driver.
 */
export interface CinderVolumeSource {
  /** The Cinder volume ID. */
  volumeID: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
  /** Secret with the OpenStack connection settings. */
  secretRef?: LocalObjectReference;
}

/**
 * A volume attached by an exec-based FlexVolume driver.
 */
export interface FlexVolumeSource {
  /** Name of the driver. */
  driver: string;
  /** Filesystem type; the driver's default if unset. */
  fsType?: string;
  /** Extra options for the driver. */
  options?: Record<string, string>;
  /** Force read-only mounts. */
  readOnly?: boolean;
  /** Secret passed to the driver's scripts. */
  secretRef?: LocalObjectReference;
}

/**
 * A Flocker dataset, by name or UUID; the in-tree plugin is no longer
 * supported.
 */
export interface FlockerVolumeSource {
  /**
   * Name of the dataset.
   *
   * @deprecated Use `datasetUUID`.
   */
  datasetName?: string;
  /** UUID of the dataset. */
  datasetUUID?: string;
}

/**
 * A GCE persistent disk; calls go to the GCE PD CSI driver.
 */
export interface GCEPersistentDiskVolumeSource {
  /** Name of the disk. */
  pdName: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Partition number; the whole disk if unset or 0. */
  partition?: number;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A git repository cloned into an empty directory.
 *
 * @deprecated Clone the repository in an init container into an `emptyDir` instead.
 */
export interface GitRepoVolumeSource {
  /** URL of the repository. */
  repository: string;
  /** Commit to check out. */
  revision?: string;
  /** Directory to clone into; `.` makes the volume the repository itself. */
  directory?: string;
}

/**
 * A GlusterFS mount; the in-tree plugin is no longer supported.
 */
export interface GlusterfsVolumeSource {
  /** Name of the Endpoints object that lists the servers. */
  endpoints: string;
  /** The Gluster volume path. */
  path: string;
  /** Mount read-only. */
  readOnly?: boolean;
}

/**
 * A Photon Controller disk; the in-tree plugin is no longer supported.
 */
export interface PhotonPersistentDiskVolumeSource {
  /** ID of the disk. */
  pdID: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
}

/**
 * A Portworx volume; calls go to the pxd.portworx.com CSI driver.
 */
export interface PortworxVolumeSource {
  /** ID of the volume. */
  volumeID: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A Quobyte mount; the in-tree plugin is no longer supported.
 */
export interface QuobyteVolumeSource {
  /** Registry services as `host:port`, comma-separated. */
  registry: string;
  /** Name of an existing volume. */
  volume: string;
  /** Group to map access to; none if unset. */
  group?: string;
  /** User to map access to; the service account's if unset. */
  user?: string;
  /** Tenant owning the volume, for dynamically provisioned ones. */
  tenant?: string;
  /** Mount read-only. */
  readOnly?: boolean;
}

/**
 * A Ceph RBD image; the in-tree plugin is no longer supported.
 */
export interface RBDVolumeSource {
  /** Ceph monitors. */
  monitors: string[];
  /** Name of the image. */
  image: string;
  /** Rados pool; `rbd` if unset. */
  pool?: string;
  /** Rados user; `admin` if unset. */
  user?: string;
  /** Path of the key ring; `/etc/ceph/keyring` if unset. */
  keyring?: string;
  /** Secret with the user's key, instead of `keyring`. */
  secretRef?: LocalObjectReference;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A ScaleIO volume; the in-tree plugin is no longer supported.
 */
export interface ScaleIOVolumeSource {
  /** Address of the API gateway. */
  gateway: string;
  /** Name of the storage system. */
  system: string;
  /** Secret with the user's credentials; required to log in. */
  secretRef: LocalObjectReference;
  /** Use TLS to the gateway. */
  sslEnabled?: boolean;
  /** Protection domain of the storage. */
  protectionDomain?: string;
  /** Storage pool in the protection domain. */
  storagePool?: string;
  /** `ThinProvisioned` (default) or `ThickProvisioned`. */
  storageMode?: "ThinProvisioned" | "ThickProvisioned";
  /** Name of an existing volume. */
  volumeName?: string;
  /** Filesystem type; `xfs` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A StorageOS volume; the in-tree plugin is no longer supported.
 */
export interface StorageOSVolumeSource {
  /** Name of the volume, unique in its StorageOS namespace. */
  volumeName?: string;
  /** StorageOS namespace; the pod's if unset. */
  volumeNamespace?: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
  /** Secret with the API credentials. */
  secretRef?: LocalObjectReference;
}

/**
 * A vSphere VMDK; calls go to the csi.vsphere.vmware.com driver.
 */
export interface VsphereVirtualDiskVolumeSource {
  /** Path of the VMDK. */
  volumePath: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Storage policy (SPBM) profile name. */
  storagePolicyName?: string;
  /** Storage policy (SPBM) profile ID. */
  storagePolicyID?: string;
}

/**
 * A named volume of a pod: set `name` and exactly one source.
 *
 * @example
 * ```ts
 * import type { Volume } from "./core_v1.ts";
 * const volumes: Volume[] = [
 *   { name: "cache", emptyDir: { sizeLimit: "1Gi" } },
 *   { name: "config", configMap: { name: "app-config" } },
 *   { name: "data", persistentVolumeClaim: { claimName: "app-data" } },
 * ];
 * ```
 */
export interface Volume {
  /** Name, a DNS label unique in the pod; mounts refer to it. */
  name: string;
  /** A scratch directory for the pod's lifetime. */
  emptyDir?: EmptyDirVolumeSource;
  /** Keys of a ConfigMap as files. */
  configMap?: ConfigMapVolumeSource;
  /** Keys of a Secret as files. */
  secret?: SecretVolumeSource;
  /** Several sources in one directory. */
  projected?: ProjectedVolumeSource;
  /** Pod fields as files. */
  downwardAPI?: DownwardAPIVolumeSource;
  /** A PersistentVolumeClaim of the namespace. */
  persistentVolumeClaim?: PersistentVolumeClaimVolumeSource;
  /** A claim made for this pod alone and deleted with it. */
  ephemeral?: EphemeralVolumeSource;
  /** An inline CSI volume. */
  csi?: CSIVolumeSource;
  /** An OCI image or artifact, read-only. */
  image?: ImageVolumeSource;
  /** A path on the node; for system agents. */
  hostPath?: HostPathVolumeSource;
  /** An NFS export. */
  nfs?: NFSVolumeSource;
  /** An iSCSI disk. */
  iscsi?: ISCSIVolumeSource;
  /** A Fibre Channel disk. */
  fc?: FCVolumeSource;
  /**
   * An AWS EBS disk.
   *
   * @deprecated Calls go to the ebs.csi.aws.com CSI driver; use a PersistentVolumeClaim.
   */
  awsElasticBlockStore?: AWSElasticBlockStoreVolumeSource;
  /**
   * An Azure data disk.
   *
   * @deprecated Calls go to the disk.csi.azure.com CSI driver.
   */
  azureDisk?: AzureDiskVolumeSource;
  /**
   * An Azure file share.
   *
   * @deprecated Calls go to the file.csi.azure.com CSI driver.
   */
  azureFile?: AzureFileVolumeSource;
  /**
   * A CephFS mount.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  cephfs?: CephFSVolumeSource;
  /**
   * An OpenStack Cinder volume.
   *
   * @deprecated Calls go to the cinder.csi.openstack.org CSI driver.
   */
  cinder?: CinderVolumeSource;
  /**
   * A volume from an exec-based FlexVolume driver.
   *
   * @deprecated Use a CSI driver.
   */
  flexVolume?: FlexVolumeSource;
  /**
   * A Flocker dataset.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  flocker?: FlockerVolumeSource;
  /**
   * A GCE persistent disk.
   *
   * @deprecated Calls go to the pd.csi.storage.gke.io CSI driver.
   */
  gcePersistentDisk?: GCEPersistentDiskVolumeSource;
  /**
   * A cloned git repository.
   *
   * @deprecated Clone in an init container into an `emptyDir`.
   */
  gitRepo?: GitRepoVolumeSource;
  /**
   * A GlusterFS mount.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  glusterfs?: GlusterfsVolumeSource;
  /**
   * A Photon Controller disk.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  photonPersistentDisk?: PhotonPersistentDiskVolumeSource;
  /**
   * A Portworx volume.
   *
   * @deprecated Calls go to the pxd.portworx.com CSI driver.
   */
  portworxVolume?: PortworxVolumeSource;
  /**
   * A Quobyte mount.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  quobyte?: QuobyteVolumeSource;
  /**
   * A Ceph RBD image.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  rbd?: RBDVolumeSource;
  /**
   * A ScaleIO volume.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  scaleIO?: ScaleIOVolumeSource;
  /**
   * A StorageOS volume.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  storageos?: StorageOSVolumeSource;
  /**
   * A vSphere VMDK.
   *
   * @deprecated Calls go to the csi.vsphere.vmware.com CSI driver.
   */
  vsphereVolume?: VsphereVirtualDiskVolumeSource;
}

// ---------------------------------------------------------------------------
// PersistentVolumeClaim: a request for storage
// ---------------------------------------------------------------------------

/**
 * Storage a claim asks for (`requests.storage`) and, rarely, at most allows.
 */
export interface VolumeResourceRequirements {
  /** The least the volume must offer, e.g. `storage: 10Gi`; may grow, never below the current capacity. */
  requests?: Record<string, Quantity>;
  /** The most it may have. */
  limits?: Record<string, Quantity>;
}

/**
 * What storage a claim wants: size, access modes, class, and where its data
 * comes from.
 *
 * @example
 * ```ts
 * import type { PersistentVolumeClaimSpec } from "./core_v1.ts";
 * const spec: PersistentVolumeClaimSpec = { accessModes: ["ReadWriteOnce"], storageClassName: "fast", resources: { requests: { storage: "10Gi" } } };
 * ```
 */
export interface PersistentVolumeClaimSpec {
  /** How the volume must be mountable. */
  accessModes?: PersistentVolumeAccessMode[];
  /** Size wanted; may be raised later, when the class allows expansion. */
  resources?: VolumeResourceRequirements;
  /** StorageClass to provision from; the default class if unset, none if `""`. */
  storageClassName?: string;
  /** `Filesystem` (default) or `Block`. */
  volumeMode?: PersistentVolumeMode;
  /** Only bind volumes with these labels. */
  selector?: LabelSelector;
  /** The PersistentVolume bound to it; set to bind to a given volume. */
  volumeName?: string;
  /** A VolumeSnapshot or PVC to copy; kept in step with `dataSourceRef` when that is in the core group or a snapshot. */
  dataSource?: TypedLocalObjectReference;
  /** Any populator object (or a PVC) to fill the volume from, possibly in another namespace. */
  dataSourceRef?: TypedObjectReference;
  /** VolumeAttributesClass whose attributes the CSI driver applies; may change later. */
  volumeAttributesClassName?: string;
}

/**
 * A template of the claim an ephemeral volume makes.
 */
export interface PersistentVolumeClaimTemplate {
  /** Labels and annotations copied to the claim; nothing else is allowed. */
  metadata?: ObjectMeta;
  /** The claim's spec, copied as it is. */
  spec: PersistentVolumeClaimSpec;
}

/**
 * A condition of a claim, e.g. `Resizing`, `FileSystemResizePending`,
 * `ModifyingVolume`.
 */
export interface PersistentVolumeClaimCondition {
  /** The condition's type. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: ConditionStatus;
  /** When the condition was last checked. */
  lastProbeTime?: Time;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** Short machine-readable cause. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * The volume's health as the CSI controller plugin reports it.
 */
export interface VolumeHealthStatus {
  /** Adverse conditions, at most 16; empty means healthy. */
  healthConditions?: VolumeHealthCondition[];
  /** When this set of conditions first appeared. */
  lastTransitionTime?: Time;
}

/**
 * Where a change of a claim's VolumeAttributesClass stands.
 */
export interface ModifyVolumeStatus {
  /** `Pending` (requirements unmet), `InProgress` or `Infeasible` (refused by the driver); more may come. */
  status: string;
  /** The class being applied. */
  targetVolumeAttributesClassName?: string;
}

/**
 * A claim's observed state: its phase, the volume's actual size and modes,
 * and any resize or modification under way.
 */
export interface PersistentVolumeClaimStatus {
  /** `Pending`, `Bound` or `Lost`. */
  phase?: "Pending" | "Bound" | "Lost";
  /** Access modes of the bound volume. */
  accessModes?: PersistentVolumeAccessMode[];
  /** Resources of the bound volume. */
  capacity?: Record<string, Quantity>;
  /** E.g. `Resizing` while the volume grows. */
  conditions?: PersistentVolumeClaimCondition[];
  /** Resources allocated to the claim, capacity included, during and after a resize. */
  allocatedResources?: Record<string, Quantity>;
  /** Per resource, where a resize stands, e.g. `ControllerResizeInProgress`, `NodeResizePending`. */
  allocatedResourceStatuses?: Record<string, string>;
  /** The VolumeAttributesClass in effect; none if unset. */
  currentVolumeAttributesClassName?: string;
  /** A VolumeAttributesClass change under way, if any. */
  modifyVolumeStatus?: ModifyVolumeStatus;
  /** The bound volume's health, from the CSI controller plugin. */
  healthStatus?: VolumeHealthStatus;
}

/**
 * A PersistentVolumeClaim: a request for storage that binds to a
 * PersistentVolume.
 *
 * @example
 * ```ts
 * import type { PersistentVolumeClaim } from "./core_v1.ts";
 * const pvc: PersistentVolumeClaim = {
 *   apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data" },
 *   spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } },
 * };
 * ```
 */
export type PersistentVolumeClaim = KubeObject<
  PersistentVolumeClaimSpec,
  PersistentVolumeClaimStatus
>;

/**
 * A page of PersistentVolumeClaims.
 */
export type PersistentVolumeClaimList = KubeList<PersistentVolumeClaim>;

// ---------------------------------------------------------------------------
// PersistentVolume: a piece of storage in the cluster
// ---------------------------------------------------------------------------

/**
 * A CSI volume as a PersistentVolume holds it: the driver's handle and the
 * Secrets for each CSI call.
 */
export interface CSIPersistentVolumeSource {
  /** Name of the CSI driver. */
  driver: string;
  /** The driver's ID of the volume, from CreateVolume. */
  volumeHandle: string;
  /** Filesystem type. */
  fsType?: string;
  /** Publish read-only. */
  readOnly?: boolean;
  /** Attributes passed to the driver when publishing. */
  volumeAttributes?: Record<string, string>;
  /** Secret for ControllerPublishVolume and ControllerUnpublishVolume. */
  controllerPublishSecretRef?: SecretReference;
  /** Secret for ControllerExpandVolume. */
  controllerExpandSecretRef?: SecretReference;
  /** Secret for NodeStageVolume and NodeUnstageVolume. */
  nodeStageSecretRef?: SecretReference;
  /** Secret for NodePublishVolume and NodeUnpublishVolume. */
  nodePublishSecretRef?: SecretReference;
  /** Secret for NodeExpandVolume. */
  nodeExpandSecretRef?: SecretReference;
}

/**
 * A disk or directory of one node; pods that use it go to that node.
 */
export interface LocalVolumeSource {
  /** Full path on the node: a directory or a block device. */
  path: string;
  /** Filesystem type, for a block device; detected if unset. */
  fsType?: string;
}

/**
 * The nodes from which a volume can be reached.
 */
export interface VolumeNodeAffinity {
  /** Nodes that must match. */
  required?: NodeSelector;
}

/**
 * An Azure file share as a PersistentVolume holds it, with the Secret's
 * namespace.
 */
export interface AzureFilePersistentVolumeSource {
  /** Secret with the storage account name and key. */
  secretName: string;
  /** Namespace of that Secret; the pod's if unset. */
  secretNamespace?: string;
  /** The share. */
  shareName: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A CephFS mount as a PersistentVolume holds it.
 */
export interface CephFSPersistentVolumeSource {
  /** Ceph monitors. */
  monitors: string[];
  /** Root of the mount within the tree; `/` if unset. */
  path?: string;
  /** Rados user; `admin` if unset. */
  user?: string;
  /** Path of the user's key ring; `/etc/ceph/user.secret` if unset. */
  secretFile?: string;
  /** Secret with the user's key. */
  secretRef?: SecretReference;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * An OpenStack Cinder volume as a PersistentVolume holds it.
 */
export interface CinderPersistentVolumeSource {
  /** The Cinder volume ID. */
  volumeID: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
  /** Secret with the OpenStack connection settings. */
  secretRef?: SecretReference;
}

/**
 * A FlexVolume as a PersistentVolume holds it.
 */
export interface FlexPersistentVolumeSource {
  /** Name of the driver. */
  driver: string;
  /** Filesystem type; the driver's default if unset. */
  fsType?: string;
  /** Extra options for the driver. */
  options?: Record<string, string>;
  /** Force read-only mounts. */
  readOnly?: boolean;
  /** Secret passed to the driver's scripts. */
  secretRef?: SecretReference;
}

/**
 * A GlusterFS mount as a PersistentVolume holds it.
 */
export interface GlusterfsPersistentVolumeSource {
  /** Name of the Endpoints object that lists the servers. */
  endpoints: string;
  /** Namespace of that Endpoints object; the claim's if unset. */
  endpointsNamespace?: string;
  /** The Gluster volume path. */
  path: string;
  /** Mount read-only. */
  readOnly?: boolean;
}

/**
 * An iSCSI disk as a PersistentVolume holds it.
 */
export interface ISCSIPersistentVolumeSource {
  /** Target portal, an IP or `ip:port` when the port is not 860 or 3260. */
  targetPortal: string;
  /** Target iSCSI qualified name. */
  iqn: string;
  /** Target LUN number. */
  lun: number;
  /** Further target portals. */
  portals?: string[];
  /** iSCSI interface (transport); `default` (TCP) if unset. */
  iscsiInterface?: string;
  /** Custom initiator name; with `iscsiInterface`, makes a new interface. */
  initiatorName?: string;
  /** Use CHAP authentication for discovery. */
  chapAuthDiscovery?: boolean;
  /** Use CHAP authentication for the session. */
  chapAuthSession?: boolean;
  /** Secret with the CHAP credentials. */
  secretRef?: SecretReference;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A Ceph RBD image as a PersistentVolume holds it.
 */
export interface RBDPersistentVolumeSource {
  /** Ceph monitors. */
  monitors: string[];
  /** Name of the image. */
  image: string;
  /** Rados pool; `rbd` if unset. */
  pool?: string;
  /** Rados user; `admin` if unset. */
  user?: string;
  /** Path of the key ring; `/etc/ceph/keyring` if unset. */
  keyring?: string;
  /** Secret with the user's key, instead of `keyring`. */
  secretRef?: SecretReference;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A ScaleIO volume as a PersistentVolume holds it.
 */
export interface ScaleIOPersistentVolumeSource {
  /** Address of the API gateway. */
  gateway: string;
  /** Name of the storage system. */
  system: string;
  /** Secret with the user's credentials; required to log in. */
  secretRef: SecretReference;
  /** Use TLS to the gateway. */
  sslEnabled?: boolean;
  /** Protection domain of the storage. */
  protectionDomain?: string;
  /** Storage pool in the protection domain. */
  storagePool?: string;
  /** `ThinProvisioned` (default) or `ThickProvisioned`. */
  storageMode?: "ThinProvisioned" | "ThickProvisioned";
  /** Name of an existing volume. */
  volumeName?: string;
  /** Filesystem type; `xfs` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
}

/**
 * A StorageOS volume as a PersistentVolume holds it.
 */
export interface StorageOSPersistentVolumeSource {
  /** Name of the volume, unique in its StorageOS namespace. */
  volumeName?: string;
  /** StorageOS namespace; the pod's if unset. */
  volumeNamespace?: string;
  /** Filesystem type; `ext4` if unset. */
  fsType?: string;
  /** Force read-only mounts. */
  readOnly?: boolean;
  /** Secret with the API credentials. */
  secretRef?: ObjectReference;
}

/**
 * What a PersistentVolume is: its capacity, access modes, class, reclaim
 * policy, and exactly one storage source.
 *
 * @example
 * ```ts
 * import type { PersistentVolumeSpec } from "./core_v1.ts";
 * const spec: PersistentVolumeSpec = {
 *   capacity: { storage: "100Gi" }, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Retain",
 *   storageClassName: "local", local: { path: "/mnt/disks/ssd1" },
 *   nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-1"] }] }] } },
 * };
 * ```
 */
export interface PersistentVolumeSpec {
  /** Size and other resources, e.g. `storage: 100Gi`. */
  capacity?: Record<string, Quantity>;
  /** Every way the volume can be mounted. */
  accessModes?: PersistentVolumeAccessMode[];
  /** The claim it is bound to (the claim's `volumeName` decides). */
  claimRef?: ObjectReference;
  /** After the claim goes: `Retain` (default for static volumes), `Delete` (default when provisioned), or `Recycle` (deprecated). */
  persistentVolumeReclaimPolicy?: "Retain" | "Delete" | "Recycle";
  /** StorageClass it belongs to; none if empty. */
  storageClassName?: string;
  /** VolumeAttributesClass it belongs to; none if unset, never empty. */
  volumeAttributesClassName?: string;
  /** Mount options, e.g. `ro`, `soft`; not checked until the mount. */
  mountOptions?: string[];
  /** `Filesystem` (default) or `Block`. */
  volumeMode?: PersistentVolumeMode;
  /** Nodes the volume can be reached from; steers pods that use it. */
  nodeAffinity?: VolumeNodeAffinity;
  /** A CSI volume. */
  csi?: CSIPersistentVolumeSource;
  /** A disk or directory on one node. */
  local?: LocalVolumeSource;
  /** A directory on the node; single-node testing only. */
  hostPath?: HostPathVolumeSource;
  /** An NFS export. */
  nfs?: NFSVolumeSource;
  /** An iSCSI disk. */
  iscsi?: ISCSIPersistentVolumeSource;
  /** A Fibre Channel disk. */
  fc?: FCVolumeSource;
  /**
   * An AWS EBS disk.
   *
   * @deprecated Calls go to the ebs.csi.aws.com CSI driver.
   */
  awsElasticBlockStore?: AWSElasticBlockStoreVolumeSource;
  /**
   * An Azure data disk.
   *
   * @deprecated Calls go to the disk.csi.azure.com CSI driver.
   */
  azureDisk?: AzureDiskVolumeSource;
  /**
   * An Azure file share.
   *
   * @deprecated Calls go to the file.csi.azure.com CSI driver.
   */
  azureFile?: AzureFilePersistentVolumeSource;
  /**
   * A CephFS mount.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  cephfs?: CephFSPersistentVolumeSource;
  /**
   * An OpenStack Cinder volume.
   *
   * @deprecated Calls go to the cinder.csi.openstack.org CSI driver.
   */
  cinder?: CinderPersistentVolumeSource;
  /**
   * A volume from an exec-based FlexVolume driver.
   *
   * @deprecated Use a CSI driver.
   */
  flexVolume?: FlexPersistentVolumeSource;
  /**
   * A Flocker dataset.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  flocker?: FlockerVolumeSource;
  /**
   * A GCE persistent disk.
   *
   * @deprecated Calls go to the pd.csi.storage.gke.io CSI driver.
   */
  gcePersistentDisk?: GCEPersistentDiskVolumeSource;
  /**
   * A GlusterFS mount.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  glusterfs?: GlusterfsPersistentVolumeSource;
  /**
   * A Photon Controller disk.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  photonPersistentDisk?: PhotonPersistentDiskVolumeSource;
  /**
   * A Portworx volume.
   *
   * @deprecated Calls go to the pxd.portworx.com CSI driver.
   */
  portworxVolume?: PortworxVolumeSource;
  /**
   * A Quobyte mount.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  quobyte?: QuobyteVolumeSource;
  /**
   * A Ceph RBD image.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  rbd?: RBDPersistentVolumeSource;
  /**
   * A ScaleIO volume.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  scaleIO?: ScaleIOPersistentVolumeSource;
  /**
   * A StorageOS volume.
   *
   * @deprecated The in-tree plugin is no longer supported.
   */
  storageos?: StorageOSPersistentVolumeSource;
  /**
   * A vSphere VMDK.
   *
   * @deprecated Calls go to the csi.vsphere.vmware.com CSI driver.
   */
  vsphereVolume?: VsphereVirtualDiskVolumeSource;
}

/**
 * A PersistentVolume's observed state.
 */
export interface PersistentVolumeStatus {
  /** `Pending`, `Available`, `Bound`, `Released` or `Failed`. */
  phase?: "Pending" | "Available" | "Bound" | "Released" | "Failed";
  /** When `phase` last changed. */
  lastPhaseTransitionTime?: Time;
  /** Short CamelCase cause of a failure. */
  reason?: string;
  /** Human-readable detail of the state. */
  message?: string;
}

/**
 * A PersistentVolume: a piece of storage in the cluster, made by an
 * administrator or a provisioner, that claims bind to.
 *
 * @example
 * ```ts
 * import type { PersistentVolume } from "./core_v1.ts";
 * const pv: PersistentVolume = {
 *   apiVersion: "v1", kind: "PersistentVolume", metadata: { name: "nfs-share" },
 *   spec: { capacity: { storage: "1Ti" }, accessModes: ["ReadWriteMany"], nfs: { server: "nfs.example", path: "/exports" } },
 * };
 * ```
 */
export type PersistentVolume = KubeObject<PersistentVolumeSpec, PersistentVolumeStatus>;

/**
 * A page of PersistentVolumes.
 */
export type PersistentVolumeList = KubeList<PersistentVolume>;

// ---------------------------------------------------------------------------
// Node: a machine that runs pods
// ---------------------------------------------------------------------------

/**
 * A ConfigMap a node once took its kubelet configuration from.
 *
 * @deprecated Dynamic kubelet configuration was removed (deprecated since 1.22).
 */
export interface ConfigMapNodeConfigSource {
  /** Namespace of the ConfigMap. */
  namespace: string;
  /** Name of the ConfigMap. */
  name: string;
  /** Its key that holds the KubeletConfiguration. */
  kubeletConfigKey: string;
  /** Its resourceVersion; only in the status. */
  resourceVersion?: string;
  /** Its UID; only in the status. */
  uid?: string;
}

/**
 * Where a node's kubelet configuration came from.
 *
 * @deprecated Dynamic kubelet configuration was removed (deprecated since 1.22).
 */
export interface NodeConfigSource {
  /** The ConfigMap. */
  configMap?: ConfigMapNodeConfigSource;
}

/**
 * Node-level switches for preempting pods.
 */
export interface NodePodPreemptionPolicy {
  /** Owners that asked to turn off preemption for in-place resizes here; any entry turns it off (alpha). */
  disableResizePreemption?: string[];
}

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
  /** What it does to pods that do not tolerate it. */
  effect: TaintEffect;
  /** When it was added; set for `NoExecute` taints. */
  timeAdded?: Time;
}

/**
 * How a node is configured.
 */
export interface NodeSpec {
  /** The pod IP range assigned to the node. */
  podCIDR?: string;
  /** All pod IP ranges, at most one per family; the first is `podCIDR`. */
  podCIDRs?: string[];
  /** Cloud provider's ID, `<provider>://<id>`. */
  providerID?: string;
  /** Cordoned: no new pods are scheduled here. */
  unschedulable?: boolean;
  /** The node's taints. */
  taints?: Taint[];
  /** Preemption switches for pods on this node (alpha). */
  podPreemptionPolicy?: NodePodPreemptionPolicy;
  /**
   * Where dynamic kubelet configuration came from.
   *
   * @deprecated The feature was removed.
   */
  configSource?: NodeConfigSource;
  /**
   * An external ID, set by some kubelets.
   *
   * @deprecated Unused since Kubernetes 1.13.
   */
  externalID?: string;
}

/**
 * An address by which a node is reached.
 */
export interface NodeAddress {
  /** `Hostname`, `InternalIP`, `ExternalIP`, `InternalDNS` or `ExternalDNS`. */
  type: "Hostname" | "InternalIP" | "ExternalIP" | "InternalDNS" | "ExternalDNS";
  /** The address. */
  address: string;
}

/**
 * One of a node's conditions: `Ready`, `MemoryPressure`, `DiskPressure`,
 * `PIDPressure`, `NetworkUnavailable`, or one a node problem detector adds.
 */
export interface NodeCondition {
  /** The condition's type. */
  type: string;
  /** `True`, `False` or `Unknown` (the node stopped reporting). */
  status: ConditionStatus;
  /** When the kubelet last reported it. */
  lastHeartbeatTime?: Time;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** Short cause of the last change. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * Which kubelet configuration a node used, under dynamic kubelet
 * configuration.
 *
 * @deprecated Dynamic kubelet configuration was removed.
 */
export interface NodeConfigStatus {
  /** The configuration the node checkpointed to use. */
  assigned?: NodeConfigSource;
  /** The configuration in use: the assigned one, or the last known good one after an error. */
  active?: NodeConfigSource;
  /** The configuration fallen back to on an error. */
  lastKnownGood?: NodeConfigSource;
  /** What went wrong reconciling the configuration. */
  error?: string;
}

/**
 * A port a daemon of the node listens on.
 */
export interface DaemonEndpoint {
  /** The port number (capitalised, as the API spells it). */
  Port: number;
}

/**
 * Ports the node's daemons listen on.
 */
export interface NodeDaemonEndpoints {
  /** The kubelet's. */
  kubeletEndpoint?: DaemonEndpoint;
}

/**
 * Features of the node's container runtime, whatever the handler.
 */
export interface NodeFeatures {
  /** The runtime supports `supplementalGroupsPolicy` and reports container users. */
  supplementalGroupsPolicy?: boolean;
}

/**
 * An image present on a node.
 */
export interface ContainerImage {
  /** References it is known by. */
  names?: string[];
  /** Its size in bytes. */
  sizeBytes?: number;
}

/**
 * A node's swap memory.
 */
export interface NodeSwapStatus {
  /** Total swap in bytes. */
  capacity?: number;
}

/**
 * Identity and versions a node reports about itself.
 */
export interface NodeSystemInfo {
  /** Machine ID (machine-id(5)); the preferred unique ID. */
  machineID: string;
  /** System UUID, from the firmware. */
  systemUUID: string;
  /** ID of the current boot. */
  bootID: string;
  /** Kernel version, as `uname -r` prints it. */
  kernelVersion: string;
  /** OS image, from `/etc/os-release`. */
  osImage: string;
  /** Runtime and version, e.g. `containerd://2.1.0`. */
  containerRuntimeVersion: string;
  /** Kubelet version. */
  kubeletVersion: string;
  /**
   * Kube-proxy version, as the kubelet guessed it.
   *
   * @deprecated No longer reliable; usually empty.
   */
  kubeProxyVersion: string;
  /** Operating system, e.g. `linux`. */
  operatingSystem: string;
  /** CPU architecture, e.g. `amd64`. */
  architecture: string;
  /** Whether the node itself runs inside a user namespace. */
  runningInUserNamespace?: boolean;
  /** Swap memory. */
  swap?: NodeSwapStatus;
}

/**
 * What one runtime handler of the node supports.
 */
export interface NodeRuntimeHandlerFeatures {
  /** Recursive read-only mounts work. */
  recursiveReadOnlyMounts?: boolean;
  /** User namespaces work, volumes included. */
  userNamespaces?: boolean;
}

/**
 * A runtime handler of the node (what a RuntimeClass names).
 */
export interface NodeRuntimeHandler {
  /** Handler name; empty for the default one. */
  name?: string;
  /** What it supports. */
  features?: NodeRuntimeHandlerFeatures;
}

/**
 * A volume attached to a node.
 */
export interface AttachedVolume {
  /** Name of the volume. */
  name: string;
  /** Where the device should appear. */
  devicePath: string;
}

/**
 * A node's observed state: conditions, capacity, addresses, images, and what
 * it runs.
 *
 * @example
 * ```ts
 * import type { NodeStatus } from "./core_v1.ts";
 * const s: NodeStatus = { conditions: [{ type: "Ready", status: "True" }], capacity: { cpu: 4, memory: "16Gi", pods: 110 } };
 * ```
 */
export interface NodeStatus {
  /** Total resources of the node. */
  capacity?: Record<string, Quantity>;
  /** Resources available for pods; `capacity` if unset. */
  allocatable?: Record<string, Quantity>;
  /** Ready and pressure conditions. */
  conditions?: NodeCondition[];
  /** Addresses of the node. */
  addresses?: NodeAddress[];
  /** Ports of the node's daemons. */
  daemonEndpoints?: NodeDaemonEndpoints;
  /** Versions and IDs of the node. */
  nodeInfo?: NodeSystemInfo;
  /** Images present on the node. */
  images?: ContainerImage[];
  /** Attachable volumes mounted by the node. */
  volumesInUse?: string[];
  /** Volumes attached to the node. */
  volumesAttached?: AttachedVolume[];
  /** The container runtime's handlers. */
  runtimeHandlers?: NodeRuntimeHandler[];
  /** Features of the container runtime. */
  features?: NodeFeatures;
  /** Feature-gated features the node declares it has. */
  declaredFeatures?: string[];
  /**
   * Dynamic kubelet configuration status.
   *
   * @deprecated The feature was removed.
   */
  config?: NodeConfigStatus;
  /**
   * `Pending`, `Running` or `Terminated`; never filled in.
   *
   * @deprecated Never populated.
   */
  phase?: "Pending" | "Running" | "Terminated";
}

/**
 * A node: a machine (or a fake one) that runs pods.
 *
 * @example
 * ```ts
 * import type { Node } from "./core_v1.ts";
 * const node: Node = { apiVersion: "v1", kind: "Node", metadata: { name: "worker-1" }, spec: { unschedulable: false } };
 * ```
 */
export type Node = KubeObject<NodeSpec, NodeStatus>;

/**
 * A page of nodes.
 */
export type NodeList = KubeList<Node>;

// ---------------------------------------------------------------------------
// Service and Endpoints: a stable address in front of pods
// ---------------------------------------------------------------------------

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
  /** A DNS label, unique within the Service; required when it has more than one port. */
  name?: string;
  /** `TCP` (default), `UDP` or `SCTP`. */
  protocol?: Protocol;
  /** The port the Service listens on. */
  port: number;
  /** The pods' port: a number, or the name of a container port; `port` if unset. */
  targetPort?: IntOrString;
  /** The port on every node, for `NodePort` and `LoadBalancer` Services; allocated if unset. */
  nodePort?: number;
  /** Application protocol: an IANA name, `kubernetes.io/h2c`, `kubernetes.io/ws`, `kubernetes.io/wss`, or `domain/name`. */
  appProtocol?: string;
}

/**
 * Settings of client-IP session affinity.
 */
export interface ClientIPConfig {
  /** How long a client sticks to its pod, 1-86400 seconds; 10800 if unset. */
  timeoutSeconds?: number;
}

/**
 * Settings of a Service's session affinity.
 */
export interface SessionAffinityConfig {
  /** For `sessionAffinity: ClientIP`. */
  clientIP?: ClientIPConfig;
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
  type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
  /** Pods with these labels receive the traffic; none means endpoints are managed by someone else. */
  selector?: Record<string, string>;
  /** The ports. */
  ports?: ServicePort[];
  /** The virtual IP; `None` for a headless Service; allocated if empty; fixed once set. */
  clusterIP?: string;
  /** The virtual IPs, one per IP family; the first is `clusterIP`. */
  clusterIPs?: string[];
  /** IP families in use, in order; from the cluster and `ipFamilyPolicy` if unset. */
  ipFamilies?: ("IPv4" | "IPv6")[];
  /** `SingleStack` (default), `PreferDualStack` or `RequireDualStack`. */
  ipFamilyPolicy?: "SingleStack" | "PreferDualStack" | "RequireDualStack";
  /** The DNS name an `ExternalName` Service is a CNAME for. */
  externalName?: string;
  /** Other IPs the nodes accept traffic for this Service on; not managed by Kubernetes. */
  externalIPs?: string[];
  /** `None` (default) or `ClientIP`, to send a client to the same pod each time. */
  sessionAffinity?: "None" | "ClientIP";
  /** Settings of the session affinity. */
  sessionAffinityConfig?: SessionAffinityConfig;
  /** `Cluster` (default) or `Local`: whether external traffic may hop to pods on other nodes. */
  externalTrafficPolicy?: "Cluster" | "Local";
  /** `Cluster` (default) or `Local`, for traffic to the cluster IP. */
  internalTrafficPolicy?: "Cluster" | "Local";
  /** Node port answering health checks, for `LoadBalancer` with `externalTrafficPolicy: Local`. */
  healthCheckNodePort?: number;
  /** Publish endpoints of pods that are not ready, e.g. for a StatefulSet's peer discovery. */
  publishNotReadyAddresses?: boolean;
  /** Allocate node ports for a `LoadBalancer` Service; true if unset. */
  allocateLoadBalancerNodePorts?: boolean;
  /** Which load balancer implementation serves a `LoadBalancer` Service; the cloud's if unset. */
  loadBalancerClass?: string;
  /**
   * IP asked of the cloud load balancer, where supported.
   *
   * @deprecated Its meaning varies between implementations; use their own annotations.
   */
  loadBalancerIP?: string;
  /** Client ranges a cloud load balancer lets in. */
  loadBalancerSourceRanges?: string[];
  /** A routing hint, e.g. `PreferSameZone` or `PreferSameNode`; implementations may ignore it. */
  trafficDistribution?: string;
}

/**
 * The state of one port of a load balancer.
 */
export interface PortStatus {
  /** The Service port. */
  port: number;
  /** Its protocol. */
  protocol: Protocol;
  /** A CamelCase error, or `domain/CamelCase` for a provider's own; empty if fine. */
  error?: string;
}

/**
 * One address a load balancer is reached at.
 */
export interface LoadBalancerIngress {
  /** An IP, for IP-based load balancers. */
  ip?: string;
  /** A host name, for DNS-based load balancers. */
  hostname?: string;
  /** With `ip`: `VIP` delivers to nodes with the balancer's IP kept; `Proxy` rewrites it. */
  ipMode?: "VIP" | "Proxy";
  /** State of each Service port. */
  ports?: PortStatus[];
}

/**
 * The addresses of a Service's load balancer.
 */
export interface LoadBalancerStatus {
  /** Where traffic for the Service should be sent. */
  ingress?: LoadBalancerIngress[];
}

/**
 * A Service's observed state: the load balancer's addresses, if any.
 */
export interface ServiceStatus {
  /** Where a `LoadBalancer` Service is reachable. */
  loadBalancer?: LoadBalancerStatus;
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

/**
 * A page of Services.
 */
export type ServiceList = KubeList<Service>;

/**
 * One IP of an Endpoints subset.
 *
 * @deprecated Endpoints is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice.
 */
export interface EndpointAddress {
  /** The IP; not loopback, link-local or link-local multicast. */
  ip: string;
  /** Host name of the endpoint. */
  hostname?: string;
  /** The node it runs on. */
  nodeName?: string;
  /** The object behind it, usually a pod. */
  targetRef?: ObjectReference;
}

/**
 * One port of an Endpoints subset.
 *
 * @deprecated Endpoints is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice.
 */
export interface EndpointPort {
  /** Name, matching the ServicePort's; needed when there are several. */
  name?: string;
  /** The port number. */
  port: number;
  /** `TCP` (default), `UDP` or `SCTP`. */
  protocol?: Protocol;
  /** Application protocol, as on the ServicePort. */
  appProtocol?: string;
}

/**
 * Addresses that share a set of ports: every address serves every port.
 *
 * @deprecated Endpoints is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice.
 */
export interface EndpointSubset {
  /** Ready addresses. */
  addresses?: EndpointAddress[];
  /** Addresses not ready yet, or failing readiness or liveness. */
  notReadyAddresses?: EndpointAddress[];
  /** The ports. */
  ports?: EndpointPort[];
}

/**
 * Endpoints: the addresses behind a Service of the same name, kept by the
 * endpoints controller for Services with a selector.
 *
 * @example
 * ```ts
 * import type { Endpoints } from "./core_v1.ts";
 * const ep: Endpoints = { apiVersion: "v1", kind: "Endpoints", metadata: { name: "web" }, subsets: [{ addresses: [{ ip: "10.244.0.7" }], ports: [{ port: 8080 }] }] };
 * ```
 *
 * @deprecated Deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice.
 */
export interface Endpoints extends KubeObject<never, never> {
  /** The addresses and ports; the union of all subsets. */
  subsets?: EndpointSubset[];
}

/**
 * A page of Endpoints.
 *
 * @deprecated Deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSliceList.
 */
export type EndpointsList = KubeList<Endpoints>;

// ---------------------------------------------------------------------------
// Configuration and identity: ConfigMap, Secret, ServiceAccount, Namespace
// ---------------------------------------------------------------------------

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
  /** UTF-8 values by key; keys are letters, digits, `-`, `_` and `.`. */
  data?: Record<string, string>;
  /** Base64 values by key, for bytes that are not UTF-8; keys may not repeat `data`'s. */
  binaryData?: Record<string, string>;
  /** When true, data can no longer change (only metadata can). */
  immutable?: boolean;
}

/**
 * A page of ConfigMaps.
 */
export type ConfigMapList = KubeList<ConfigMap>;

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
  /** E.g. `Opaque` (default), `kubernetes.io/tls`, `kubernetes.io/dockerconfigjson`, or a type of your own. */
  type?: string;
  /** When true, data can no longer change (only metadata can). */
  immutable?: boolean;
}

/**
 * A page of Secrets.
 */
export type SecretList = KubeList<Secret>;

/**
 * A ServiceAccount: an identity for processes in pods.
 *
 * @example
 * ```ts
 * import type { ServiceAccount } from "./core_v1.ts";
 * const sa: ServiceAccount = {
 *   apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "ci" },
 *   imagePullSecrets: [{ name: "registry" }], automountServiceAccountToken: false,
 * };
 * ```
 */
export interface ServiceAccount extends KubeObject<never, never> {
  /** Whether pods running as it get a token mounted; a pod may override. */
  automountServiceAccountToken?: boolean;
  /** Secrets used to pull images of pods that run as it. */
  imagePullSecrets?: LocalObjectReference[];
  /** Secrets its pods may use, enforced only with the `kubernetes.io/enforce-mountable-secrets` annotation (itself deprecated); not for tokens. */
  secrets?: ObjectReference[];
}

/**
 * A page of ServiceAccounts.
 */
export type ServiceAccountList = KubeList<ServiceAccount>;

/**
 * What a Namespace holds: the finalizers that must finish before it goes.
 */
export interface NamespaceSpec {
  /** Names that must be cleared before the namespace is removed from storage. */
  finalizers?: string[];
}

/**
 * A condition of a namespace, e.g. `NamespaceDeletionContentFailure` while
 * deletion is stuck.
 */
export interface NamespaceCondition {
  /** The condition's type. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: ConditionStatus;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** One CamelCase word for the cause. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * A namespace's observed state.
 */
export interface NamespaceStatus {
  /** `Active` or `Terminating`. */
  phase?: "Active" | "Terminating";
  /** Why deletion is stuck, when it is. */
  conditions?: NamespaceCondition[];
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
export type Namespace = KubeObject<NamespaceSpec, NamespaceStatus>;

/**
 * A page of namespaces.
 */
export type NamespaceList = KubeList<Namespace>;

// ---------------------------------------------------------------------------
// ReplicationController, LimitRange, ResourceQuota
// ---------------------------------------------------------------------------

/**
 * What a ReplicationController keeps running: a count of pods from a
 * template. New workloads use an apps/v1 Deployment or ReplicaSet.
 */
export interface ReplicationControllerSpec {
  /** Pods wanted; 1 if unset. */
  replicas?: number;
  /** Labels of the pods it owns; the template's labels if unset. */
  selector?: Record<string, string>;
  /** The pods to make; their `restartPolicy` must be `Always`. */
  template?: PodTemplateSpec;
  /** Seconds a new pod must be ready, without a crash, to count as available; 0 if unset. */
  minReadySeconds?: number;
}

/**
 * A condition of a ReplicationController, e.g. `ReplicaFailure`.
 */
export interface ReplicationControllerCondition {
  /** The condition's type. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: ConditionStatus;
  /** When `status` last changed. */
  lastTransitionTime?: Time;
  /** Cause of the last change. */
  reason?: string;
  /** Human-readable detail. */
  message?: string;
}

/**
 * A ReplicationController's observed state; may lag a little.
 */
export interface ReplicationControllerStatus {
  /** Pods last seen. */
  replicas: number;
  /** Pods whose labels match the template's. */
  fullyLabeledReplicas?: number;
  /** Pods that are ready. */
  readyReplicas?: number;
  /** Pods ready for at least `minReadySeconds`. */
  availableReplicas?: number;
  /** The generation last acted on. */
  observedGeneration?: number;
  /** Latest observations. */
  conditions?: ReplicationControllerCondition[];
}

/**
 * A ReplicationController: the original keeper of a pod count, superseded by
 * ReplicaSets and Deployments.
 *
 * @example
 * ```ts
 * import type { ReplicationController } from "./core_v1.ts";
 * const rc: ReplicationController = {
 *   apiVersion: "v1", kind: "ReplicationController", metadata: { name: "web" },
 *   spec: { replicas: 2, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
 * };
 * ```
 */
export type ReplicationController = KubeObject<
  ReplicationControllerSpec,
  ReplicationControllerStatus
>;

/**
 * A page of ReplicationControllers.
 */
export type ReplicationControllerList = KubeList<ReplicationController>;

/**
 * Limits and defaults for one kind of thing in a namespace: each
 * `Container`, each `Pod` in total, or each `PersistentVolumeClaim`.
 */
export interface LimitRangeItem {
  /** `Container`, `Pod` or `PersistentVolumeClaim`. */
  type: string;
  /** Limits filled in where a container sets none. */
  default?: Record<string, Quantity>;
  /** Requests filled in where a container sets none. */
  defaultRequest?: Record<string, Quantity>;
  /** The most allowed, by resource. */
  max?: Record<string, Quantity>;
  /** The least allowed, by resource. */
  min?: Record<string, Quantity>;
  /** Highest limit-to-request ratio (burst), by resource; both must then be set and non-zero. */
  maxLimitRequestRatio?: Record<string, Quantity>;
}

/**
 * The limits a LimitRange enforces.
 */
export interface LimitRangeSpec {
  /** One entry per kind of thing. */
  limits: LimitRangeItem[];
}

/**
 * A LimitRange: per-object resource limits and defaults in a namespace,
 * applied on admission.
 *
 * @example
 * ```ts
 * import type { LimitRange } from "./core_v1.ts";
 * const lr: LimitRange = {
 *   apiVersion: "v1", kind: "LimitRange", metadata: { name: "defaults", namespace: "team-a" },
 *   spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "256Mi" } }] },
 * };
 * ```
 */
export type LimitRange = KubeObject<LimitRangeSpec, never>;

/**
 * A page of LimitRanges.
 */
export type LimitRangeList = KubeList<LimitRange>;

/**
 * One requirement on a quota scope, e.g. `PriorityClass In [high]`.
 */
export interface ScopedResourceSelectorRequirement {
  /** `Terminating`, `NotTerminating`, `BestEffort`, `NotBestEffort`, `PriorityClass`, `CrossNamespacePodAffinity`, `VolumeAttributesClass`, ... */
  scopeName: string;
  /** How the scope relates to `values`. */
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  /** Non-empty for `In` and `NotIn`, empty otherwise. */
  values?: string[];
}

/**
 * Scope requirements that all hold for an object a quota counts.
 */
export interface ScopeSelector {
  /** The requirements. */
  matchExpressions?: ScopedResourceSelectorRequirement[];
}

/**
 * The hard limits a ResourceQuota sets, and which objects it counts.
 */
export interface ResourceQuotaSpec {
  /** Limits by resource name, e.g. `requests.cpu`, `pods`, `count/deployments.apps`. */
  hard?: Record<string, Quantity>;
  /** Scopes an object must match to be counted; every object if unset. */
  scopes?: string[];
  /** Scope requirements an object must also match. */
  scopeSelector?: ScopeSelector;
}

/**
 * A ResourceQuota's limits in force and what is used.
 */
export interface ResourceQuotaStatus {
  /** Limits enforced. */
  hard?: Record<string, Quantity>;
  /** Current use in the namespace. */
  used?: Record<string, Quantity>;
}

/**
 * A ResourceQuota: limits on what a namespace may use in total.
 *
 * @example
 * ```ts
 * import type { ResourceQuota } from "./core_v1.ts";
 * const q: ResourceQuota = {
 *   apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "compute", namespace: "team-a" },
 *   spec: { hard: { "limits.cpu": 20, "limits.memory": "40Gi" } },
 * };
 * ```
 */
export type ResourceQuota = KubeObject<ResourceQuotaSpec, ResourceQuotaStatus>;

/**
 * A page of ResourceQuotas.
 */
export type ResourceQuotaList = KubeList<ResourceQuota>;
