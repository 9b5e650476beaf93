/**
 * `Api<T>`: a typed handle on one resource, optionally within a namespace,
 * with the verbs a controller needs.
 *
 * @module
 */

import type { Client } from "../http/client.ts";
import type { CallOptions } from "../http/request.ts";
import { parseAnswer } from "../http/response.ts";
import { isGone, KubeError } from "../errors.ts";
import { parseDeferred } from "../decode/managed_fields.ts";
import type {
  DeleteOptions,
  EvictOptions,
  ListOptions,
  Patch,
  SelectOptions,
  WatchOptions,
  WriteOptions,
} from "./options.ts";
import { continueOf, ReadAhead } from "./paging.ts";
import { BUILTIN_RESOURCES } from "./resources.ts";
import { apiVersionOf, type Resource, resourcePath } from "./resource.ts";
import { type LogOptions, readLogBytes, readLogs } from "./pod/logs.ts";
import { type ExecOptions, type PodProcess, startProcess } from "./pod/process.ts";
import { forwardPorts, type PortForwarder, type PortForwardOptions } from "./pod/port_forward.ts";
import type {
  ClusterRole,
  ClusterRoleBinding,
  ConfigMap,
  CronJob,
  CustomResourceDefinition,
  DaemonSet,
  Deployment,
  Endpoints,
  EndpointSlice,
  Event,
  HorizontalPodAutoscaler,
  Ingress,
  IngressClass,
  Job,
  KubeList,
  KubeObject,
  Lease,
  LimitRange,
  MutatingWebhookConfiguration,
  Namespace,
  NetworkPolicy,
  Node,
  PartialObjectMetadata,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodDisruptionBudget,
  PriorityClass,
  ReplicaSet,
  ReplicationController,
  ResourceQuota,
  Role,
  RoleBinding,
  Scale,
  Secret,
  Service,
  ServiceAccount,
  StatefulSet,
  Status,
  StorageClass,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhookConfiguration,
} from "../types/mod.ts";

const PATCH_CONTENT_TYPES: Record<Patch["type"], string> = {
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  json: "application/json-patch+json",
  apply: "application/apply-patch+yaml",
};

/**
 * What a metadata-only handle accepts: the server answers with the objects'
 * metadata only (a PartialObjectMetadata, or a list of them), whatever the
 * resource. Kubernetes 1.15+; asking for one where the server would send a
 * list (or the other way round) is a 406 NotAcceptable.
 */
const ACCEPT_METADATA = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";
const ACCEPT_METADATA_LIST = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

/**
 * A typed handle on one resource, optionally scoped to a namespace. Without
 * {@linkcode Api.within}, calls on a namespaced resource cover all
 * namespaces (list, watch) or the client's default namespace (get, create).
 *
 * @typeParam T The object type, e.g. {@linkcode Pod}.
 *
 * @example
 * ```ts ignore
 * import { Api, Client } from "../../mod.ts";
 * const client = await Client.load();
 * const pods = Api.v1Pod(client).within("kube-system");
 * for (const pod of (await pods.list({ labelSelector: "k8s-app=kube-dns" })).items) {
 *   console.log(pod.metadata.name, pod.status?.phase);
 * }
 * ```
 */
export class Api<T extends KubeObject = KubeObject> {
  #client: Client;
  #resource: Resource;
  #namespace: string | undefined;
  #metadataOnly = false;

  /**
   * Creates a Api.
   *
   * @param client The client to send requests through.
   * @param resource The resource this handle addresses.
   * @param namespace The namespace, for namespaced resources; all if omitted.
   */
  constructor(client: Client, resource: Resource, namespace?: string) {
    if (namespace !== undefined && !resource.namespaced) {
      throw new KubeError(
        `${resource.kind} is cluster-scoped: it has no namespace "${namespace}" to be within`,
      );
    }
    this.#client = client;
    this.#resource = resource;
    this.#namespace = namespace;
  }

  /**
   * Pods (core/v1), with their subresources: logs, exec, attach,
   * port-forward and eviction (see {@linkcode PodApi}).
   *
   * @param client The client.
   * @returns A handle on pods in all namespaces.
   *
   * @example
   * ```ts ignore
   * const pods = Api.v1Pod(client).within("default");
   * for await (const line of pods.logs("web-0", { tailLines: 10 })) console.log(line);
   * ```
   */
  static v1Pod(client: Client): PodApi {
    return new PodApi(client);
  }

  /**
   * Nodes (core/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on nodes.
   *
   * @example
   * ```ts ignore
   * const nodes = await Api.v1Node(client).list();
   * ```
   */
  static v1Node(client: Client): Api<Node> {
    return new Api(client, BUILTIN_RESOURCES.Node);
  }

  /**
   * Namespaces (core/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on namespaces.
   *
   * @example
   * ```ts ignore
   * await Api.v1Namespace(client).create({ metadata: { name: "team-a" } });
   * ```
   */
  static v1Namespace(client: Client): Api<Namespace> {
    return new Api(client, BUILTIN_RESOURCES.Namespace);
  }

  /**
   * ConfigMaps (core/v1).
   *
   * @param client The client.
   * @returns A handle on ConfigMaps in all namespaces.
   *
   * @example
   * ```ts ignore
   * const settings = await Api.v1ConfigMap(client).within("default").get("settings");
   * console.log(settings.data?.mode);
   * ```
   */
  static v1ConfigMap(client: Client): Api<ConfigMap> {
    return new Api(client, BUILTIN_RESOURCES.ConfigMap);
  }

  /**
   * Secrets (core/v1).
   *
   * @param client The client.
   * @returns A handle on Secrets in all namespaces.
   *
   * @example
   * ```ts ignore
   * const db = await Api.v1Secret(client).within("default").get("db");
   * const password = atob(db.data?.password ?? "");
   * ```
   */
  static v1Secret(client: Client): Api<Secret> {
    return new Api(client, BUILTIN_RESOURCES.Secret);
  }

  /**
   * Services (core/v1).
   *
   * @param client The client.
   * @returns A handle on Services in all namespaces.
   *
   * @example
   * ```ts ignore
   * const web = await Api.v1Service(client).within("default").get("web");
   * console.log(web.spec?.clusterIP);
   * ```
   */
  static v1Service(client: Client): Api<Service> {
    return new Api(client, BUILTIN_RESOURCES.Service);
  }

  /**
   * Leases (coordination.k8s.io/v1), the records of leader election.
   *
   * @param client The client.
   * @returns A handle on Leases in all namespaces.
   *
   * @example
   * ```ts ignore
   * const lease = await Api.v1Lease(client).within("kube-system").get("kube-scheduler");
   * console.log(lease.spec?.holderIdentity);
   * ```
   */
  static v1Lease(client: Client): Api<Lease> {
    return new Api(client, BUILTIN_RESOURCES.Lease);
  }

  /**
   * Events (events.k8s.io/v1).
   *
   * @param client The client.
   * @returns A handle on Events in all namespaces.
   *
   * @example
   * ```ts ignore
   * const events = await Api.v1Event(client).within("default").list({
   *   fieldSelector: "regarding.name=web",
   * });
   * ```
   */
  static v1Event(client: Client): Api<Event> {
    return new Api(client, BUILTIN_RESOURCES.Event);
  }

  /**
   * Deployments (apps/v1).
   *
   * @param client The client.
   * @returns A handle on deployments in all namespaces.
   *
   * @example
   * ```ts ignore
   * const web = await Api.v1Deployment(client).within("default").get("web");
   * ```
   */
  static v1Deployment(client: Client): Api<Deployment> {
    return new Api(client, BUILTIN_RESOURCES.Deployment);
  }

  /**
   * Jobs (batch/v1).
   *
   * @param client The client.
   * @returns A handle on Jobs in all namespaces.
   *
   * @example
   * ```ts ignore
   * const migrate = await Api.v1Job(client).within("default").get("migrate");
   * console.log(migrate.status?.succeeded);
   * ```
   */
  static v1Job(client: Client): Api<Job> {
    return new Api(client, BUILTIN_RESOURCES.Job);
  }

  /**
   * CustomResourceDefinitions (apiextensions.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on CRDs.
   *
   * @example
   * ```ts ignore
   * const crd = await Api.v1CustomResourceDefinition(client).get("foos.clux.dev");
   * ```
   */
  static v1CustomResourceDefinition(
    client: Client,
  ): Api<CustomResourceDefinition> {
    return new Api(client, BUILTIN_RESOURCES.CustomResourceDefinition);
  }

  /**
   * ServiceAccounts (core/v1): the identities pods run as.
   *
   * @param client The client.
   * @returns A handle on ServiceAccounts in all namespaces.
   *
   * @example
   * ```ts ignore
   * const sa = await Api.v1ServiceAccount(client).within("default").get("default");
   * ```
   */
  static v1ServiceAccount(client: Client): Api<ServiceAccount> {
    return new Api(client, BUILTIN_RESOURCES.ServiceAccount);
  }

  /**
   * PersistentVolumeClaims (core/v1): a pod's request for storage.
   *
   * @param client The client.
   * @returns A handle on PersistentVolumeClaims in all namespaces.
   *
   * @example
   * ```ts ignore
   * const claim = await Api.v1PersistentVolumeClaim(client).within("default").get("data-web-0");
   * console.log(claim.status?.phase);
   * ```
   */
  static v1PersistentVolumeClaim(client: Client): Api<PersistentVolumeClaim> {
    return new Api(client, BUILTIN_RESOURCES.PersistentVolumeClaim);
  }

  /**
   * PersistentVolumes (core/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on PersistentVolumes.
   *
   * @example
   * ```ts ignore
   * const volumes = await Api.v1PersistentVolume(client).list();
   * ```
   */
  static v1PersistentVolume(client: Client): Api<PersistentVolume> {
    return new Api(client, BUILTIN_RESOURCES.PersistentVolume);
  }

  /**
   * ReplicationControllers (core/v1), the ancestor of ReplicaSets.
   *
   * @param client The client.
   * @returns A handle on ReplicationControllers in all namespaces.
   *
   * @example
   * ```ts ignore
   * const rcs = await Api.v1ReplicationController(client).within("default").list();
   * ```
   */
  static v1ReplicationController(client: Client): Api<ReplicationController> {
    return new Api(client, BUILTIN_RESOURCES.ReplicationController);
  }

  /**
   * Endpoints (core/v1), the legacy address list of a Service (EndpointSlices replace it).
   *
   * @param client The client.
   * @returns A handle on Endpoints in all namespaces.
   *
   * @example
   * ```ts ignore
   * const endpoints = await Api.v1Endpoints(client).within("default").get("kubernetes");
   * ```
   */
  static v1Endpoints(client: Client): Api<Endpoints> {
    return new Api(client, BUILTIN_RESOURCES.Endpoints);
  }

  /**
   * LimitRanges (core/v1): per-namespace defaults and bounds of requests and limits.
   *
   * @param client The client.
   * @returns A handle on LimitRanges in all namespaces.
   *
   * @example
   * ```ts ignore
   * const ranges = await Api.v1LimitRange(client).within("default").list();
   * ```
   */
  static v1LimitRange(client: Client): Api<LimitRange> {
    return new Api(client, BUILTIN_RESOURCES.LimitRange);
  }

  /**
   * ResourceQuotas (core/v1): per-namespace caps on what may be used.
   *
   * @param client The client.
   * @returns A handle on ResourceQuotas in all namespaces.
   *
   * @example
   * ```ts ignore
   * const quota = await Api.v1ResourceQuota(client).within("team-a").get("compute");
   * console.log(quota.status?.used);
   * ```
   */
  static v1ResourceQuota(client: Client): Api<ResourceQuota> {
    return new Api(client, BUILTIN_RESOURCES.ResourceQuota);
  }

  /**
   * StatefulSets (apps/v1).
   *
   * @param client The client.
   * @returns A handle on StatefulSets in all namespaces.
   *
   * @example
   * ```ts ignore
   * const db = await Api.v1StatefulSet(client).within("default").get("db");
   * console.log(db.status?.readyReplicas);
   * ```
   */
  static v1StatefulSet(client: Client): Api<StatefulSet> {
    return new Api(client, BUILTIN_RESOURCES.StatefulSet);
  }

  /**
   * DaemonSets (apps/v1).
   *
   * @param client The client.
   * @returns A handle on DaemonSets in all namespaces.
   *
   * @example
   * ```ts ignore
   * const agents = await Api.v1DaemonSet(client).within("kube-system").list();
   * ```
   */
  static v1DaemonSet(client: Client): Api<DaemonSet> {
    return new Api(client, BUILTIN_RESOURCES.DaemonSet);
  }

  /**
   * ReplicaSets (apps/v1).
   *
   * @param client The client.
   * @returns A handle on ReplicaSets in all namespaces.
   *
   * @example
   * ```ts ignore
   * const sets = await Api.v1ReplicaSet(client).within("default").list({ labelSelector: "app=web" });
   * ```
   */
  static v1ReplicaSet(client: Client): Api<ReplicaSet> {
    return new Api(client, BUILTIN_RESOURCES.ReplicaSet);
  }

  /**
   * CronJobs (batch/v1).
   *
   * @param client The client.
   * @returns A handle on CronJobs in all namespaces.
   *
   * @example
   * ```ts ignore
   * await Api.v1CronJob(client).within("default").patch("backup", { type: "merge", body: { spec: { suspend: true } } });
   * ```
   */
  static v1CronJob(client: Client): Api<CronJob> {
    return new Api(client, BUILTIN_RESOURCES.CronJob);
  }

  /**
   * Ingresses (networking.k8s.io/v1).
   *
   * @param client The client.
   * @returns A handle on Ingresses in all namespaces.
   *
   * @example
   * ```ts ignore
   * const web = await Api.v1Ingress(client).within("default").get("web");
   * console.log(web.status?.loadBalancer?.ingress?.[0]?.ip);
   * ```
   */
  static v1Ingress(client: Client): Api<Ingress> {
    return new Api(client, BUILTIN_RESOURCES.Ingress);
  }

  /**
   * IngressClasses (networking.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on IngressClasses.
   *
   * @example
   * ```ts ignore
   * const classes = await Api.v1IngressClass(client).list();
   * ```
   */
  static v1IngressClass(client: Client): Api<IngressClass> {
    return new Api(client, BUILTIN_RESOURCES.IngressClass);
  }

  /**
   * NetworkPolicies (networking.k8s.io/v1).
   *
   * @param client The client.
   * @returns A handle on NetworkPolicies in all namespaces.
   *
   * @example
   * ```ts ignore
   * const policies = await Api.v1NetworkPolicy(client).within("default").list();
   * ```
   */
  static v1NetworkPolicy(client: Client): Api<NetworkPolicy> {
    return new Api(client, BUILTIN_RESOURCES.NetworkPolicy);
  }

  /**
   * EndpointSlices (discovery.k8s.io/v1).
   *
   * @param client The client.
   * @returns A handle on EndpointSlices in all namespaces.
   *
   * @example
   * ```ts ignore
   * const slices = await Api.v1EndpointSlice(client).within("default").list({
   *   labelSelector: "kubernetes.io/service-name=web",
   * });
   * ```
   */
  static v1EndpointSlice(client: Client): Api<EndpointSlice> {
    return new Api(client, BUILTIN_RESOURCES.EndpointSlice);
  }

  /**
   * Roles (rbac.authorization.k8s.io/v1): rules within one namespace.
   *
   * @param client The client.
   * @returns A handle on Roles in all namespaces.
   *
   * @example
   * ```ts ignore
   * const role = await Api.v1Role(client).within("default").get("pod-reader");
   * ```
   */
  static v1Role(client: Client): Api<Role> {
    return new Api(client, BUILTIN_RESOURCES.Role);
  }

  /**
   * ClusterRoles (rbac.authorization.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on ClusterRoles.
   *
   * @example
   * ```ts ignore
   * const admin = await Api.v1ClusterRole(client).get("admin");
   * ```
   */
  static v1ClusterRole(client: Client): Api<ClusterRole> {
    return new Api(client, BUILTIN_RESOURCES.ClusterRole);
  }

  /**
   * RoleBindings (rbac.authorization.k8s.io/v1).
   *
   * @param client The client.
   * @returns A handle on RoleBindings in all namespaces.
   *
   * @example
   * ```ts ignore
   * const bindings = await Api.v1RoleBinding(client).within("default").list();
   * ```
   */
  static v1RoleBinding(client: Client): Api<RoleBinding> {
    return new Api(client, BUILTIN_RESOURCES.RoleBinding);
  }

  /**
   * ClusterRoleBindings (rbac.authorization.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on ClusterRoleBindings.
   *
   * @example
   * ```ts ignore
   * const binding = await Api.v1ClusterRoleBinding(client).get("cluster-admin");
   * ```
   */
  static v1ClusterRoleBinding(client: Client): Api<ClusterRoleBinding> {
    return new Api(client, BUILTIN_RESOURCES.ClusterRoleBinding);
  }

  /**
   * PodDisruptionBudgets (policy/v1).
   *
   * @param client The client.
   * @returns A handle on PodDisruptionBudgets in all namespaces.
   *
   * @example
   * ```ts ignore
   * const pdb = await Api.v1PodDisruptionBudget(client).within("default").get("web");
   * console.log(pdb.status?.disruptionsAllowed);
   * ```
   */
  static v1PodDisruptionBudget(client: Client): Api<PodDisruptionBudget> {
    return new Api(client, BUILTIN_RESOURCES.PodDisruptionBudget);
  }

  /**
   * HorizontalPodAutoscalers (autoscaling/v2).
   *
   * @param client The client.
   * @returns A handle on HorizontalPodAutoscalers in all namespaces.
   *
   * @example
   * ```ts ignore
   * const hpa = await Api.v2HorizontalPodAutoscaler(client).within("default").get("web");
   * console.log(hpa.status?.desiredReplicas);
   * ```
   */
  static v2HorizontalPodAutoscaler(client: Client): Api<HorizontalPodAutoscaler> {
    return new Api(client, BUILTIN_RESOURCES.HorizontalPodAutoscaler);
  }

  /**
   * StorageClasses (storage.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on StorageClasses.
   *
   * @example
   * ```ts ignore
   * const classes = await Api.v1StorageClass(client).list();
   * ```
   */
  static v1StorageClass(client: Client): Api<StorageClass> {
    return new Api(client, BUILTIN_RESOURCES.StorageClass);
  }

  /**
   * PriorityClasses (scheduling.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on PriorityClasses.
   *
   * @example
   * ```ts ignore
   * const critical = await Api.v1PriorityClass(client).get("system-cluster-critical");
   * console.log(critical.value);
   * ```
   */
  static v1PriorityClass(client: Client): Api<PriorityClass> {
    return new Api(client, BUILTIN_RESOURCES.PriorityClass);
  }

  /**
   * ValidatingWebhookConfigurations (admissionregistration.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on ValidatingWebhookConfigurations.
   *
   * @example
   * ```ts ignore
   * const hooks = await Api.v1ValidatingWebhookConfiguration(client).list();
   * ```
   */
  static v1ValidatingWebhookConfiguration(client: Client): Api<ValidatingWebhookConfiguration> {
    return new Api(client, BUILTIN_RESOURCES.ValidatingWebhookConfiguration);
  }

  /**
   * MutatingWebhookConfigurations (admissionregistration.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on MutatingWebhookConfigurations.
   *
   * @example
   * ```ts ignore
   * const hooks = await Api.v1MutatingWebhookConfiguration(client).list();
   * ```
   */
  static v1MutatingWebhookConfiguration(client: Client): Api<MutatingWebhookConfiguration> {
    return new Api(client, BUILTIN_RESOURCES.MutatingWebhookConfiguration);
  }

  /**
   * ValidatingAdmissionPolicies (admissionregistration.k8s.io/v1, cluster-scoped): CEL rules the API server runs itself.
   *
   * @param client The client.
   * @returns A handle on ValidatingAdmissionPolicies.
   *
   * @example
   * ```ts ignore
   * const policies = await Api.v1ValidatingAdmissionPolicy(client).list();
   * ```
   */
  static v1ValidatingAdmissionPolicy(client: Client): Api<ValidatingAdmissionPolicy> {
    return new Api(client, BUILTIN_RESOURCES.ValidatingAdmissionPolicy);
  }

  /**
   * ValidatingAdmissionPolicyBindings (admissionregistration.k8s.io/v1, cluster-scoped).
   *
   * @param client The client.
   * @returns A handle on ValidatingAdmissionPolicyBindings.
   *
   * @example
   * ```ts ignore
   * const bindings = await Api.v1ValidatingAdmissionPolicyBinding(client).list();
   * ```
   */
  static v1ValidatingAdmissionPolicyBinding(client: Client): Api<ValidatingAdmissionPolicyBinding> {
    return new Api(client, BUILTIN_RESOURCES.ValidatingAdmissionPolicyBinding);
  }
  /**
   * A custom resource (or any resource kube has no shortcut for), typed by
   * the spec and status the caller declares.
   *
   * @typeParam Spec The spec's shape.
   * @typeParam St The status's shape.
   * @param client The client.
   * @param resource Group, version, kind, plural, namespaced.
   * @returns A handle on that resource.
   *
   * @example
   * ```ts ignore
   * const foos = Api.custom<{ name: string; info?: string }, never>(client, {
   *   group: "clux.dev", version: "v1", kind: "Foo", plural: "foos", namespaced: true,
   * }).within("default");
   * ```
   */
  static custom<Spec = unknown, St = unknown>(
    client: Client,
    resource: Resource,
  ): Api<KubeObject<Spec, St>> {
    return new Api(client, resource);
  }

  /**
   * The same resource within one namespace.
   *
   * @param namespace The namespace.
   * @returns A new handle; this one is unchanged.
   * @throws {KubeError} When the resource is cluster-scoped.
   *
   * @example
   * ```ts ignore
   * const systemPods = Api.v1Pod(client).within("kube-system");
   * ```
   */
  within(namespace: string): Api<T> {
    const api = new Api<T>(this.#client, this.#resource, namespace);
    api.#metadataOnly = this.#metadataOnly;
    return api;
  }

  /**
   * The same resource, metadata only: every answer (get, list, watch,
   * patch, delete...) carries only `metadata` (names, labels, annotations,
   * owners, finalizers, resourceVersion) as a `PartialObjectMetadata`,
   * whatever the resource, so a cache of them is a fraction of the size
   * (client-go's metadata informer, kube-rs's `metadata_watcher`). The
   * server does the cutting: the request says so in its `Accept` header
   * (`as=PartialObjectMetadata` and `as=PartialObjectMetadataList`), and
   * streaming lists work as well. Reflectors, Informers and Controllers
   * take it like any other handle; writing whole objects through it
   * (create, replace) makes no sense.
   *
   * @returns A new handle; this one is unchanged.
   *
   * @example Names and owners of every pod, without their specs
   * ```ts ignore
   * const meta = Api.v1Pod(client).asMetadata();
   * const rf = new Reflector(meta);
   * await rf.poll();
   * for (const [key, pod] of rf.read()) console.log(key, pod.metadata.ownerReferences?.[0]?.name);
   * ```
   */
  asMetadata(): Api<PartialObjectMetadata> {
    const api = new Api<PartialObjectMetadata>(this.#client, this.#resource, this.#namespace);
    api.#metadataOnly = true;
    return api;
  }

  /** True for a handle from {@linkcode Api.asMetadata}: the server sends metadata only. */
  get metadataOnly(): boolean {
    return this.#metadataOnly;
  }

  /** The resource this handle addresses. */
  get resource(): Resource {
    return this.#resource;
  }

  /** The namespace, or `undefined` for all namespaces or a cluster-scoped resource. */
  get namespace(): string | undefined {
    return this.#namespace;
  }

  /** The client requests go through. */
  get client(): Client {
    return this.#client;
  }

  /**
   * The key an object has in a cache: `namespace/name`, or `name` when
   * cluster-scoped.
   *
   * @param object The object.
   * @returns Its key.
   * @throws {KubeError} When the object has no `metadata`.
   *
   * @example
   * ```ts ignore
   * Api.v1Pod(client).keyOf({ metadata: { name: "a", namespace: "b" } }); // "b/a"
   * ```
   */
  keyOf(object: T): string {
    if (typeof object?.metadata !== "object" || object.metadata === null) {
      throw new KubeError(`${this.#resource.plural}: an object without metadata has no key`);
    }
    const { name = "", namespace } = object.metadata;
    return this.#resource.namespaced && namespace ? `${namespace}/${name}` : name;
  }

  /**
   * Reads one object.
   *
   * @param name The object's name.
   * @param options The signal.
   * @returns The object.
   * @throws {ApiError} 404 `NotFound` when it does not exist.
   *
   * @example
   * ```ts ignore
   * const pod = await pods.get("web-0");
   * ```
   */
  async get(name: string, options: CallOptions = {}): Promise<T> {
    return await this.#json({
      path: this.#path(name),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  /**
   * Lists one page of objects. Items get the `apiVersion` and `kind` the
   * server leaves out of lists (`meta.k8s.io/v1` `PartialObjectMetadata` on
   * a metadata-only handle, which the server sends already).
   *
   * @param options Selectors, paging, resourceVersion and signal.
   * @returns The page; `metadata.continue` is set when more remain.
   *
   * @example
   * ```ts ignore
   * const page = await pods.list({ labelSelector: "app=web", limit: 100 });
   * ```
   */
  async list(options: ListOptions = {}): Promise<KubeList<T>> {
    const request = {
      path: this.#path(),
      query: {
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        limit: options.limit,
        continue: options.continue,
        resourceVersion: options.resourceVersion,
        resourceVersionMatch: options.resourceVersionMatch,
      },
      headers: this.#metadataOnly ? { Accept: ACCEPT_METADATA_LIST } : undefined,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    };
    const bytes = await this.#client.bytes(request);
    const next = options.onContinue && continueOf(bytes);
    if (next) {
      options.onContinue!(next);
      // Let the request go out before the parse holds the thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    let list: KubeList<T>;
    try {
      list = parseDeferred(bytes, "list") as KubeList<T>;
    } catch {
      // Not JSON: the error says what it seems to be.
      list = parseAnswer<KubeList<T>>(request, utf8.decode(bytes));
    }
    const apiVersion = this.#metadataOnly ? "meta.k8s.io/v1" : apiVersionOf(this.#resource);
    const kind = this.#metadataOnly ? "PartialObjectMetadata" : this.#resource.kind;
    list.items ??= [];
    for (const item of list.items) {
      // Not an object (null, a string): left as it is, for a cache to skip and report.
      if (typeof item !== "object" || item === null) continue;
      item.apiVersion ??= apiVersion;
      item.kind ??= kind;
    }
    return list;
  }

  /**
   * Lists every object, following `continue` tokens page by page. If a token
   * expires part way (410: the snapshot behind it was compacted), it lists
   * again in one unpaged request, which cannot expire.
   *
   * @param options Selectors, page size (`limit`, 500 by default) and signal.
   * @returns All objects, and the resourceVersion of the list.
   *
   * @example
   * ```ts ignore
   * const { items, metadata } = await pods.listAll();
   * ```
   */
  async listAll(options: Omit<ListOptions, "continue"> = {}): Promise<KubeList<T>> {
    using pages = new ReadAhead<T>((token, signal, onContinue) =>
      this.list({ limit: 500, ...options, continue: token, signal, onContinue })
    );
    const first = await pages.page(undefined, options.signal);
    const items = first.items;
    let page = first;
    while (page.metadata.continue) {
      try {
        page = await pages.page(page.metadata.continue, options.signal);
      } catch (e) {
        if (isGone(e)) {
          return await this.list({ ...options, limit: undefined });
        }
        throw e;
      }
      for (const item of page.items) items.push(item);
    }
    return { ...first, metadata: { resourceVersion: page.metadata.resourceVersion }, items };
  }

  /**
   * Creates an object, in this handle's namespace or else the object's or
   * the client's default.
   *
   * @param object The object to create.
   * @param options dryRun, fieldManager and signal.
   * @returns The object as stored.
   * @throws {ApiError} 409 `AlreadyExists`, 422 `Invalid`, ...
   *
   * @example
   * ```ts ignore
   * await pods.create({ metadata: { name: "hello" }, spec: { containers: [{ name: "c", image: "busybox" }] } });
   * ```
   */
  async create(object: T, options: WriteOptions = {}): Promise<T> {
    const namespace = this.#resource.namespaced
      ? this.#namespace ?? object.metadata.namespace ?? this.#client.namespace
      : undefined;
    return await this.#json({
      method: "POST",
      path: resourcePath(this.#resource, { namespace }),
      query: writeQuery(options),
      body: this.#withTypeMeta(object),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  /**
   * Replaces an object. Set `metadata.resourceVersion` to fail with 409
   * Conflict if someone else changed it since it was read.
   *
   * @param name The object's name.
   * @param object The whole new object.
   * @param options dryRun, fieldManager and signal.
   * @returns The object as stored.
   * @throws {ApiError} 409 `Conflict` when the resourceVersion is stale.
   *
   * @example
   * ```ts ignore
   * const pod = await pods.get("web-0");
   * pod.metadata.labels = { ...pod.metadata.labels, checked: "yes" };
   * await pods.replace("web-0", pod);
   * ```
   */
  async replace(name: string, object: T, options: WriteOptions = {}): Promise<T> {
    return await this.#write(
      "PUT",
      name,
      undefined,
      this.#withTypeMeta(object),
      options,
    );
  }

  /**
   * Patches an object: JSON merge patch, strategic merge patch (the server
   * refuses it, with 415, for custom resources), RFC 6902 JSON patch, or
   * server-side apply.
   *
   * @param name The object's name.
   * @param patch The patch and its kind.
   * @param options dryRun, fieldManager and signal.
   * @returns The patched object.
   * @throws {ApiError} 409 `Conflict` when apply meets another manager's fields without `force`.
   *
   * @example
   * ```ts ignore
   * await deployments.patch("web", { type: "merge", body: { spec: { replicas: 3 } } });
   * ```
   */
  async patch(name: string, patch: Patch<T>, options: WriteOptions = {}): Promise<T> {
    return await this.#patch(name, undefined, patch, options);
  }

  /**
   * Deletes an object.
   *
   * @param name The object's name.
   * @param options Propagation, grace period, preconditions, dryRun and signal.
   * @returns The object (still present while finalizers or grace run), or a
   * Success Status when it is gone at once.
   * @throws {ApiError} 404 `NotFound`, 409 `Conflict` on a failed precondition.
   *
   * @example
   * ```ts ignore
   * await pods.delete("web-0", { gracePeriodSeconds: 0 });
   * ```
   */
  async delete(name: string, options: DeleteOptions = {}): Promise<T | Status> {
    return await this.#json({
      method: "DELETE",
      path: this.#path(name),
      body: deleteBody(options),
      query: { dryRun: options.dryRun ? "All" : undefined },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  /**
   * Deletes every object that the selectors match: in this namespace, or the
   * client's default one for a namespaced handle without `within`.
   *
   * @param options Selectors, propagation, grace period, dryRun and signal.
   * @returns The list of deleted objects, or a Status.
   *
   * @example
   * ```ts ignore
   * await pods.deleteCollection({ labelSelector: "app=web" });
   * ```
   */
  async deleteCollection(
    options: DeleteOptions & SelectOptions = {},
  ): Promise<KubeList<T> | Status> {
    // The API has no DELETE for the all-namespaces collection: use the default namespace.
    const namespace = this.#resource.namespaced
      ? this.#namespace ?? this.#client.namespace
      : undefined;
    return await this.#json({
      method: "DELETE",
      path: resourcePath(this.#resource, { namespace }),
      body: deleteBody(options),
      query: {
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        dryRun: options.dryRun ? "All" : undefined,
      },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    }, "list");
  }

  /**
   * Reads an object through its `status` subresource.
   *
   * @param name The object's name.
   * @param options The signal.
   * @returns The object.
   *
   * @example
   * ```ts ignore
   * const { status } = await deployments.getStatus("web");
   * ```
   */
  async getStatus(name: string, options: CallOptions = {}): Promise<T> {
    return await this.#json({
      path: this.#path(name, "status"),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  /**
   * Replaces an object's status; other changes in `object` are ignored.
   *
   * @param name The object's name.
   * @param object The object with its new status.
   * @param options dryRun, fieldManager and signal.
   * @returns The object as stored.
   *
   * @example
   * ```ts ignore
   * const foo = await foos.getStatus("baz");
   * await foos.replaceStatus("baz", { ...foo, status: { ready: true } });
   * ```
   */
  async replaceStatus(
    name: string,
    object: T,
    options: WriteOptions = {},
  ): Promise<T> {
    return await this.#write(
      "PUT",
      name,
      "status",
      this.#withTypeMeta(object),
      options,
    );
  }

  /**
   * Patches an object's status.
   *
   * @param name The object's name.
   * @param patch The patch and its kind.
   * @param options dryRun, fieldManager and signal.
   * @returns The patched object.
   *
   * @example
   * ```ts ignore
   * await foos.patchStatus("baz", { type: "merge", body: { status: { ready: true } } });
   * ```
   */
  async patchStatus(
    name: string,
    patch: Patch<T>,
    options: WriteOptions = {},
  ): Promise<T> {
    return await this.#patch(name, "status", patch, options);
  }

  /**
   * Reads the `scale` subresource: the replica count of a Deployment, a
   * ReplicaSet, a StatefulSet, or a custom resource that declares one (any
   * other answers 404).
   *
   * @param name The object's name.
   * @param options The signal and deadline.
   * @returns Its autoscaling/v1 Scale.
   * @throws {ApiError} 404 `NotFound` without the object or a scale subresource.
   *
   * @example
   * ```ts ignore
   * const scale = await Api.v1Deployment(client).within("default").getScale("web");
   * console.log(scale.spec?.replicas, scale.status?.replicas);
   * ```
   */
  async getScale(name: string, options: CallOptions = {}): Promise<Scale> {
    return await this.#json({
      path: this.#path(name, "scale"),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  /**
   * Replaces the `scale` subresource: sets the object's `spec.replicas`
   * and nothing else. Keep `metadata.resourceVersion` from
   * {@linkcode Api.getScale} to fail with 409 Conflict if it changed since.
   *
   * @param name The object's name.
   * @param scale The Scale; `apiVersion` and `kind` are filled in if missing.
   * @param options dryRun, fieldManager and signal.
   * @returns The Scale as stored.
   * @throws {ApiError} 409 `Conflict` when the resourceVersion is stale.
   *
   * @example
   * ```ts ignore
   * const deployments = Api.v1Deployment(client).within("default");
   * const scale = await deployments.getScale("web");
   * await deployments.replaceScale("web", { ...scale, spec: { replicas: 5 } });
   * ```
   */
  async replaceScale(name: string, scale: Scale, options: WriteOptions = {}): Promise<Scale> {
    return await this.#write<Scale>("PUT", name, "scale", withScaleTypeMeta(scale), options);
  }

  /**
   * Patches the `scale` subresource. Server-side apply needs the whole
   * Scale's identity, which is filled in (`autoscaling/v1`, `Scale`).
   *
   * @param name The object's name.
   * @param patch The patch and its kind.
   * @param options dryRun, fieldManager and signal.
   * @returns The Scale as stored.
   *
   * @example
   * ```ts ignore
   * await Api.v1Deployment(client).within("default").patchScale("web", {
   *   type: "merge",
   *   body: { spec: { replicas: 3 } },
   * });
   * ```
   */
  async patchScale(
    name: string,
    patch: Patch<Scale>,
    options: WriteOptions = {},
  ): Promise<Scale> {
    return await this.#patch<Scale>(
      name,
      "scale",
      patch,
      options,
      (body) => withScaleTypeMeta(body as Scale),
    );
  }

  /**
   * Opens a watch and hands back its body untouched: newline-delimited JSON
   * watch events. Decode it with `decodeWatch`, or let a `Reflector` or
   * `Informer` do all of it.
   *
   * @param options resourceVersion, bookmarks, timeout, selectors, signal.
   * @returns The response body's byte stream.
   * @throws {ApiError} 410 `Expired` when the resourceVersion is too old
   * (servers with a watch cache answer 200 instead, then send an `ERROR`
   * event whose Status has code 410).
   *
   * @example
   * ```ts ignore
   * import { decodeWatch } from "../../mod.ts";
   * const body = await pods.watch({ resourceVersion: "0", timeoutSeconds: 10 });
   * for await (const ev of decodeWatch(body)) console.log(ev.type);
   * ```
   */
  async watch(options: WatchOptions = {}): Promise<ReadableStream<Uint8Array>> {
    const res = await this.#client.request({
      path: this.#path(),
      query: {
        watch: 1,
        resourceVersion: options.resourceVersion,
        resourceVersionMatch: options.resourceVersionMatch,
        allowWatchBookmarks: options.allowWatchBookmarks || undefined,
        sendInitialEvents: options.sendInitialEvents === undefined
          ? undefined
          : options.sendInitialEvents,
        timeoutSeconds: options.timeoutSeconds,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
      },
      headers: this.#metadataOnly ? { Accept: ACCEPT_METADATA } : undefined,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    if (!res.body) {
      throw new KubeError(`GET ${this.#path()}: watch answered with no body`);
    }
    return res.body;
  }

  #path(name?: string, subresource?: string): string {
    return pathOf(this, name, subresource);
  }

  async #patch<R = T>(
    name: string,
    subresource: string | undefined,
    patch: Patch<KubeObject>,
    options: WriteOptions,
    withTypeMeta: (body: unknown) => unknown = (body) => this.#withTypeMeta(body as T),
  ): Promise<R> {
    const query = writeQuery(options);
    if (patch.type === "apply") {
      if (!patch.fieldManager) {
        throw new KubeError(
          `${this.#resource.kind}: server-side apply needs a fieldManager`,
        );
      }
      query.fieldManager = patch.fieldManager;
      if (patch.force) query.force = true;
    }
    return await this.#json({
      method: "PATCH",
      path: this.#path(name, subresource),
      query,
      body: patch.type === "apply" ? withTypeMeta(patch.body) : patch.body,
      contentType: PATCH_CONTENT_TYPES[patch.type],
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  async #write<R = T>(
    method: string,
    name: string,
    subresource: string | undefined,
    body: unknown,
    options: WriteOptions,
  ): Promise<R> {
    return await this.#json({
      method,
      path: this.#path(name, subresource),
      query: writeQuery(options),
      body,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }

  /** Objects sent to the server need apiVersion and kind; fill them in if missing. */
  #withTypeMeta(object: T): T {
    if (object.apiVersion && object.kind) return object;
    return {
      ...object,
      apiVersion: object.apiVersion ?? apiVersionOf(this.#resource),
      kind: object.kind ?? this.#resource.kind,
    };
  }

  #json<R>(
    options: Parameters<Client["json"]>[0],
    answer: "object" | "list" = "object",
  ): Promise<R> {
    if (!this.#metadataOnly) return this.#client.json<R>(options);
    const accept = answer === "list" ? ACCEPT_METADATA_LIST : ACCEPT_METADATA;
    return this.#client.json<R>({ ...options, headers: { ...options.headers, Accept: accept } });
  }
}

const utf8 = new TextDecoder();

function writeQuery(
  options: WriteOptions,
): Record<string, string | boolean | undefined> {
  return {
    dryRun: options.dryRun ? "All" : undefined,
    fieldManager: options.fieldManager,
    fieldValidation: options.fieldValidation,
  };
}

function deleteBody(
  options: DeleteOptions,
): Record<string, unknown> | undefined {
  const { propagationPolicy, gracePeriodSeconds, preconditions } = options;
  if (
    !propagationPolicy && gracePeriodSeconds === undefined && !preconditions
  ) {
    return undefined;
  }
  return {
    apiVersion: "v1",
    kind: "DeleteOptions",
    propagationPolicy,
    gracePeriodSeconds,
    preconditions,
    // With a body, the server reads the options from it alone and ignores
    // the query's dryRun: without this, a dry-run delete would delete.
    dryRun: options.dryRun ? ["All"] : undefined,
  };
}

/**
 * The path of a collection, an object or one of its subresources. Without
 * a namespace of its own, a namespaced handle names an object in the
 * client's default namespace.
 */
function pathOf<T extends KubeObject>(api: Api<T>, name?: string, subresource?: string): string {
  const resource = api.resource;
  if (name !== undefined && !name) {
    throw new KubeError(`${resource.kind}: a name must not be empty`);
  }
  const namespace = name !== undefined && resource.namespaced
    ? api.namespace ?? api.client.namespace
    : api.namespace;
  return resourcePath(resource, { namespace, name, subresource });
}

function withScaleTypeMeta(scale: Scale): Scale {
  return {
    ...scale,
    apiVersion: scale.apiVersion ?? "autoscaling/v1",
    kind: scale.kind ?? "Scale",
  };
}

/**
 * A handle on pods ({@linkcode Api.v1Pod}), with the subresources only pods
 * have: `log`, `exec`, `attach`, `portforward` and `eviction`.
 *
 * Exec, attach and port-forward speak the channel protocol over a
 * WebSocket (`wss:` for an `https:` server, with the client's credentials,
 * CA and client certificate). A refused handshake is asked again without
 * the upgrade, so the error carries the server's Status (403 Forbidden,
 * 404 NotFound...). Since Kubernetes 1.35 these need the `create` verb on
 * `pods/exec`, `pods/attach` or `pods/portforward`.
 *
 * @example
 * ```ts ignore
 * import { Api, Client } from "../../mod.ts";
 * const client = await Client.load();
 * const pods = Api.v1Pod(client).within("default");
 * for await (const line of pods.logs("web-0", { follow: true, signal: AbortSignal.timeout(10_000) })) {
 *   console.log(line);
 * }
 * const { code, stdout } = await (await pods.exec("web-0", ["cat", "/etc/hostname"])).output();
 * ```
 */
export class PodApi extends Api<Pod> {
  /**
   * Creates a PodApi; {@linkcode Api.v1Pod} does.
   *
   * @param client The client to send requests through.
   * @param namespace The namespace; all if omitted.
   */
  constructor(client: Client, namespace?: string) {
    super(client, BUILTIN_RESOURCES.Pod, namespace);
  }

  /**
   * The same pods within one namespace.
   *
   * @param namespace The namespace.
   * @returns A new handle; this one is unchanged.
   *
   * @example
   * ```ts ignore
   * const systemPods = Api.v1Pod(client).within("kube-system");
   * ```
   */
  override within(namespace: string): PodApi {
    return new PodApi(this.client, namespace);
  }

  /**
   * A container's log, line by line: without `follow` the log so far, with
   * it the log as it grows. A line split across chunks arrives whole; a
   * last line without a newline is still a line; the `\n` (and a `\r`
   * before it) is not part of it. The lines end when the server ends the
   * stream (the container stopped, `limitBytes` reached) or quietly when
   * the signal aborts. The request is sent when the iteration starts; the
   * next chunk is read only when the caller asks for more lines. A line
   * longer than `maxLineBytes` (1 MiB) comes in pieces, so that one never
   * ended (a progress bar redrawn with `\r`) cannot fill memory; for the
   * bytes as they are, see {@linkcode PodApi.logBytes}.
   *
   * @param name The pod's name.
   * @param options Container, follow, since, tail, timestamps, previous,
   * limitBytes, maxLineBytes, signal and the deadline until the server answers.
   * @returns The lines.
   * @throws {ApiError} 400 BadRequest when the container is not running, or
   * the pod has several and none was named; 404 NotFound without the pod.
   *
   * @example
   * ```ts ignore
   * const stop = new AbortController();
   * Deno.addSignalListener("SIGINT", () => stop.abort());
   * for await (const line of pods.logs("web-0", { follow: true, tailLines: 10, signal: stop.signal })) {
   *   console.log(line);
   * }
   * const all = await Array.fromAsync(pods.logs("web-0", { previous: true }));
   * ```
   */
  logs(name: string, options: LogOptions = {}): AsyncGenerator<string, void, undefined> {
    return readLogs(this.client, pathOf(this, name, "log"), options);
  }

  /**
   * A container's log as the server sends it: bytes, neither split into
   * lines nor decoded, as `kubectl logs` writes them out. It takes the
   * options of {@linkcode PodApi.logs} but `maxLineBytes`; the stream ends
   * when the log does, or quietly when the signal aborts.
   *
   * @param name The pod's name.
   * @param options Container, follow, since, tail, timestamps, previous,
   * limitBytes, signal and the deadline until the server answers.
   * @returns The bytes, once the server has answered.
   * @throws {ApiError} 400 BadRequest when the container is not running, or
   * the pod has several and none was named; 404 NotFound without the pod.
   *
   * @example
   * ```ts ignore
   * const log = await pods.logBytes("web-0", { follow: true });
   * await log.pipeTo(Deno.stdout.writable);
   * ```
   */
  logBytes(name: string, options: LogOptions = {}): Promise<ReadableStream<Uint8Array>> {
    return readLogBytes(this.client, pathOf(this, name, "log"), options);
  }

  /**
   * Runs a command in a container, as `kubectl exec` does, and returns once
   * it started: a {@linkcode PodProcess} shaped like `Deno.ChildProcess`.
   * `command` is the argv, run without a shell (use `["sh", "-c", "..."]`
   * for one). stdout and stderr are piped and stdin is not, unless the
   * options say otherwise; read what is piped, or past `maxBufferedBytes`
   * (16 MiB) the session is cut off.
   *
   * @param name The pod's name.
   * @param command The command and its arguments.
   * @param options Container, stdin, stdout, stderr, tty, signal, deadline.
   * @returns The process, running.
   * @throws {ApiError} When the server refuses: 403 Forbidden (exec needs
   * `create` on `pods/exec`), 404 NotFound, 400 BadRequest for a container
   * that does not exist or is not running.
   * @throws {KubeError} When the server cannot be reached, or the options
   * pipe nothing.
   *
   * @example
   * ```ts ignore
   * const proc = await pods.exec("web-0", ["sh", "-c", "echo hello; exit 3"]);
   * const { success, code, stdout } = await proc.output();
   * console.log(success, code, new TextDecoder().decode(stdout)); // false 3 "hello\n"
   * ```
   */
  async exec(name: string, command: string[], options: ExecOptions = {}): Promise<PodProcess> {
    return await startProcess(this.client, pathOf(this, name, "exec"), command, options);
  }

  /**
   * Attaches to a container's own process (its entrypoint), as `kubectl
   * attach` does. stdin reaches the process only if the container has
   * `stdin: true` (and a tty only with `tty: true`); the status comes when
   * the process ends.
   *
   * @param name The pod's name.
   * @param options Container, stdin, stdout, stderr, tty, signal, deadline.
   * @returns The session.
   * @throws {ApiError} When the server refuses (see {@linkcode PodApi.exec}).
   *
   * @example
   * ```ts ignore
   * const proc = await pods.attach("web-0", { stdout: "piped", stderr: "piped" });
   * for await (const chunk of proc.stdout) await Deno.stdout.write(chunk);
   * ```
   */
  async attach(name: string, options: ExecOptions = {}): Promise<PodProcess> {
    return await startProcess(this.client, pathOf(this, name, "attach"), undefined, options);
  }

  /**
   * Forwards local ports to a pod's ports, as `kubectl port-forward` does,
   * and returns once every local port listens (see
   * {@linkcode PortForwarder}). Each accepted connection gets its own
   * WebSocket; one that fails is closed and reported to `onError`, and the
   * rest carry on.
   *
   * @param name The pod's name.
   * @param options Ports (`local` 0 or unset picks a free one), hostname,
   * onError, signal.
   * @returns The forwarder; its `ports` give the local ports chosen.
   * @throws {KubeError} When a local port cannot be listened on.
   *
   * @example
   * ```ts ignore
   * await using forwarder = await pods.portForward("web-0", {
   *   ports: [{ local: 0, remote: 80 }],
   *   onError: (e) => console.error(e.message),
   * });
   * const res = await fetch(`http://127.0.0.1:${forwarder.ports[0].local}/`);
   * ```
   */
  async portForward(name: string, options: PortForwardOptions): Promise<PortForwarder> {
    return await forwardPorts(this.client, pathOf(this, name, "portforward"), options);
  }

  /**
   * Evicts a pod: a delete that every PodDisruptionBudget selecting it must
   * allow (policy/v1 Eviction, as `kubectl drain` sends).
   *
   * @param name The pod's name.
   * @param options deleteOptions (grace period, preconditions), dryRun,
   * signal.
   * @returns The server's Success Status.
   * @throws {ApiError} 429 TooManyRequests when a PodDisruptionBudget allows
   * no disruption now (try again later, as `kubectl drain` does every 5 s);
   * 404 NotFound without the pod.
   *
   * @example
   * ```ts ignore
   * import { ApiError } from "../../mod.ts";
   * try {
   *   await pods.evict("web-0", { deleteOptions: { gracePeriodSeconds: 30 } });
   * } catch (e) {
   *   if (!(e instanceof ApiError && e.code === 429)) throw e;
   *   console.log("the disruption budget says not now:", e.message);
   * }
   * ```
   */
  async evict(name: string, options: EvictOptions = {}): Promise<Status> {
    const path = pathOf(this, name, "eviction");
    return await this.client.json<Status>({
      method: "POST",
      path,
      query: { dryRun: options.dryRun ? "All" : undefined },
      body: {
        apiVersion: "policy/v1",
        kind: "Eviction",
        metadata: { name, namespace: this.namespace ?? this.client.namespace },
        ...(options.deleteOptions ? { deleteOptions: options.deleteOptions } : {}),
      },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
  }
}
