/**
 * kube: a Kubernetes client for Deno, built on `fetch`, with two watch
 * caches at its heart. A {@linkcode Reflector} keeps a local map that mirrors
 * what a resource looks like in etcd; an {@linkcode Informer} keeps a queue of
 * watch events for you to handle. Both list, then watch, resume from the last
 * resourceVersion, relist after a 410, and back off on errors.
 *
 * ```ts ignore
 * import { Api, Client, Informer, Reflector } from "jsr:@denokube/kube";
 *
 * const client = await Client.load(); // KUBECONFIG, ~/.kube/config, or in-cluster
 * const pods = Api.v1Pod(client).within("kube-system");
 *
 * const rf = new Reflector(pods).timeout(10);
 * await rf.poll(); // the first call lists, later calls watch one round
 * for (const [key, pod] of rf.read()) console.log(key, pod.status?.phase);
 *
 * const inf = new Informer(pods);
 * for await (const ev of inf) {
 *   if (ev.type === "ADDED") console.log("new pod", ev.object.metadata.name);
 * }
 * ```
 *
 * Permissions: `--allow-net` for the API server, `--allow-read` and
 * `--allow-env` for kubeconfig files and `KUBECONFIG`, and `--allow-run`
 * only for exec credential plugins.
 *
 * @module
 */

export { Api, PodApi } from "./src/api/api.ts";
export type {
  DeleteOptions,
  EvictOptions,
  FieldValidation,
  JsonPatchOperation,
  ListOptions,
  Patch,
  SelectOptions,
  WatchOptions,
  WriteOptions,
} from "./src/api/options.ts";
export type {
  ApplyConfiguration,
  ApplyMetadata,
  DeepPartial,
} from "./src/api/apply_configuration.ts";
export { parseWarnings, type WarningValue } from "./src/http/response.ts";
export { BUILTIN_RESOURCES, type BuiltinKind } from "./src/api/resources.ts";
export { Client } from "./src/http/client.ts";
export type { ClientOptions, ConnectionStats, RequestInfo } from "./src/http/client.ts";
export type { CallOptions, RequestOptions, WebSocketRequest } from "./src/http/request.ts";
export type { LogOptions } from "./src/api/pod/logs.ts";
export {
  type ExecOptions,
  type ExecOutput,
  type ExecStatus,
  PodProcess,
  type Stdio,
  type TerminalSize,
} from "./src/api/pod/process.ts";
export {
  type ForwardedPort,
  PortForwarder,
  type PortForwardOptions,
} from "./src/api/pod/port_forward.ts";
export {
  type Failure,
  retryAfterMs,
  type RetryOptions,
  RetryPolicy,
  RetryState,
} from "./src/http/retry.ts";
export {
  type AuthMaterial,
  type ClientConfig,
  Credentials,
  type ExecConfig,
  ExecPlugin,
  type ExecPluginOptions,
  type ExecResult,
  type Impersonation,
  impersonationHeaders,
  isInCluster,
  type KubeconfigEntry,
  loadConfig,
  type LoadConfigOptions,
  loadInClusterConfig,
  type MergedKubeconfig,
  type OidcConfig,
  OidcProvider,
  type OidcProviderOptions,
  readKubeconfigs,
  resolveKubeconfig,
  type ResolveOptions,
  SERVICE_ACCOUNT_DIR,
  type UrlUser,
} from "./src/config/mod.ts";
export {
  ApiError,
  ConfigError,
  describeUnparsable,
  InvalidObjectError,
  isAlreadyExists,
  isBadRequest,
  isConflict,
  isForbidden,
  isGone,
  isInvalid,
  isNotFound,
  isTooManyRequests,
  isUnauthorized,
  KubeError,
  type ObjectIssue,
  WatchError,
} from "./src/errors.ts";
export { Informer, type InformerEvent, type InformerOptions } from "./src/cache/informer.ts";
export { type CacheOptions, type PollOptions, Reflector } from "./src/cache/reflector.ts";
export { apiVersionOf, type PathParts, type Resource, resourcePath } from "./src/api/resource.ts";
export {
  type Change,
  type IndexFunction,
  NAMESPACE_INDEX,
  Store,
  type StoreView,
} from "./src/cache/store.ts";
export * from "./src/types/mod.ts";
export * from "./src/admission/mod.ts";
export { Backoff, type BackoffOptions } from "./src/util/backoff.ts";
export { type Clock, realClock } from "./src/util/clock.ts";
export { type DecodeOptions, decodeWatch, parseWatchLine } from "./src/decode/watch.ts";
export { LineSplitter } from "./src/util/lines.ts";
export type { CacheHealth } from "./src/watch/health.ts";
export {
  type InitialList,
  Watcher,
  type WatcherEvent,
  type WatcherOptions,
} from "./src/watch/watcher.ts";
export { finalizer, FinalizerError, type FinalizerHandlers } from "./src/runtime/finalizer.ts";
export {
  type Conditions,
  conditions,
  type WaitCondition,
  WaitError,
  waitFor,
  type WaitOptions,
} from "./src/runtime/wait.ts";
export { Subscription } from "./src/cache/subscription.ts";
export { Action } from "./src/runtime/action.ts";
export {
  Controller,
  ControllerError,
  type ControllerOptions,
  type ControllerStage,
  type ErrorPolicy,
  type ObjectRef,
  type Predicate,
  predicates,
  type ReconcileContext,
  type ReconcileOutcome,
  type Reconciler,
  type RunOptions,
} from "./src/runtime/controller.ts";
export {
  ControllerMetrics,
  type Counter,
  type Gauge,
  type Histogram,
  type HistogramValue,
  type Labels,
  MetricsRegistry,
  type MetricsSnapshot,
  type TrackOptions,
} from "./src/runtime/metrics.ts";
export {
  RateLimiter,
  type RateLimiterOptions,
  WorkQueue,
  type WorkQueueOptions,
} from "./src/runtime/queue.ts";
export {
  LeaderElector,
  type LeaderElectorOptions,
  type LeaderRunOptions,
} from "./src/runtime/leader_elector.ts";
export {
  type EventInput,
  objectReference,
  type PublishOptions,
  Recorder,
  type RecorderOptions,
} from "./src/runtime/recorder.ts";
export {
  type AnySchema,
  type ArrayOptions,
  type Infer,
  type InferInput,
  type IntegerOptions,
  type KeysWhere,
  type NumberOptions,
  type ObjectInput,
  type ObjectOptions,
  type ObjectOutput,
  type Presence,
  type RuleOptions,
  s,
  Schema,
  type Shape,
  type Simplify,
  type StringFormat,
  type StringOptions,
} from "./src/crd/schema.ts";
export {
  applyDefaults,
  type CheckOptions,
  checkResource,
  checkSchema,
  formatPath,
  type SchemaIssue,
} from "./src/crd/check.ts";
export {
  type CustomObject,
  CustomResource,
  customResource,
  CustomResourceHandle,
  customResourceHandle,
  describeIssues,
  type HandleOptions,
  type InferResource,
  type InputOf,
  type MultiVersionOptions,
  type NameOptions,
  type ObjectOf,
  pluralOf,
  type PrinterColumn,
  type SingleVersionOptions,
  type Subresources,
  type VersionOptions,
} from "./src/crd/custom_resource.ts";
export type {
  StandardFailure,
  StandardIssue,
  StandardPathSegment,
  StandardResult,
  StandardSchemaProps,
  StandardSchemaV1,
  StandardSuccess,
  StandardTypes,
} from "./src/crd/standard_schema.ts";
export {
  type DiscoveredGroup,
  type DiscoveredResource,
  Discovery,
  type DiscoveryOptions,
  splitApiVersion,
} from "./src/api/discovery.ts";
export { dynamicApi, type DynamicObject } from "./src/api/dynamic.ts";
export {
  describeSource,
  type ManifestSource,
  manifestSource,
  parseManifests,
  type ParseManifestsOptions,
} from "./src/api/manifests/parse.ts";
export { readManifests, type ReadManifestsOptions } from "./src/api/manifests/read.ts";
export { applyManifests, type ApplyOptions } from "./src/api/manifests/apply.ts";
export type { ApplyOutcome, ApplyResult } from "./src/api/manifests/result.ts";
export {
  APPLYSET_GROUP_KINDS_ANNOTATION,
  APPLYSET_ID_LABEL,
  APPLYSET_NAMESPACES_ANNOTATION,
  APPLYSET_PARENT_TYPE_LABEL,
  APPLYSET_PART_OF_LABEL,
  APPLYSET_TOOLING_ANNOTATION,
  applySetId,
  type ApplySetOptions,
  type ApplySetParentRef,
  KUBE_TOOLING,
} from "./src/api/manifests/applyset.ts";
