/**
 * The options of `Api<T>`'s verbs: which objects to list or watch, how to
 * write, patch and delete, named as the API names its query parameters.
 *
 * @module
 */

import type { CallOptions } from "../http/request.ts";
import type { EvictionDeleteOptions, KubeObject } from "../types/mod.ts";
import type { ApplyConfiguration } from "./apply_configuration.ts";

/**
 * Which objects to list or watch.
 *
 * @example
 * ```ts
 * import type { SelectOptions } from "./options.ts";
 * const options: SelectOptions = { labelSelector: "app=web", fieldSelector: "status.phase=Running" };
 * ```
 */
export interface SelectOptions extends CallOptions {
  /** E.g. `app=web,tier!=cache`. */
  labelSelector?: string;
  /** E.g. `spec.nodeName=worker-1`. */
  fieldSelector?: string;
}

/**
 * Options of {@linkcode Api.list}.
 *
 * @example
 * ```ts
 * import type { ListOptions } from "./options.ts";
 * const page: ListOptions = { limit: 500, labelSelector: "app=web" };
 * ```
 */
export interface ListOptions extends SelectOptions {
  /** Most items in one page; the answer's `metadata.continue` fetches the next. */
  limit?: number;
  /** The previous page's `metadata.continue`. */
  continue?: string;
  /** Serve from this resourceVersion; `"0"` allows the server's cache. */
  resourceVersion?: string;
  /** How `resourceVersion` is read: `Exact` or `NotOlderThan`. */
  resourceVersionMatch?: "Exact" | "NotOlderThan";
  /**
   * Told the next page's continue token as soon as the answer arrives,
   * before it is parsed, so that the next page can be asked for while this
   * one is. Not called when the token cannot be read without the parse
   * (check it against the parsed page's `metadata.continue`).
   */
  onContinue?: (token: string) => void;
}

/**
 * Options of {@linkcode Api.watch}, named as the API names its parameters.
 *
 * @example
 * ```ts
 * import type { WatchOptions } from "./options.ts";
 * const options: WatchOptions = { resourceVersion: "1042", allowWatchBookmarks: true, timeoutSeconds: 290 };
 * ```
 */
export interface WatchOptions extends SelectOptions {
  /** Send changes after this resourceVersion. */
  resourceVersion?: string;
  /** How `resourceVersion` is read; streaming lists need `NotOlderThan`. */
  resourceVersionMatch?: "NotOlderThan" | "Exact";
  /** Ask for BOOKMARK events. */
  allowWatchBookmarks?: boolean;
  /** The server ends the watch after this many seconds. */
  timeoutSeconds?: number;
  /** Start with ADDED events for every object (a streaming list). */
  sendInitialEvents?: boolean;
}

/**
 * What the server does with fields of a written object that the schema does
 * not know (and with fields given twice): `Strict` refuses the write with a
 * 400 BadRequest naming them, `Warn` drops them and says so in a `Warning`
 * header, `Ignore` drops them silently. Without the parameter the server
 * warns; kubectl asks for `Strict`. Server-side apply refuses unknown
 * fields whatever this says.
 *
 * @example
 * ```ts
 * import type { FieldValidation } from "./options.ts";
 * const strict: FieldValidation = "Strict";
 * ```
 */
export type FieldValidation = "Strict" | "Warn" | "Ignore";

/**
 * Options of writes: create, replace and patch.
 *
 * @example
 * ```ts
 * import type { WriteOptions } from "./options.ts";
 * const options: WriteOptions = { dryRun: true, fieldManager: "my-operator", fieldValidation: "Strict" };
 * ```
 */
export interface WriteOptions extends CallOptions {
  /** Validate and admit, but persist nothing. */
  dryRun?: boolean;
  /** Name of the actor making the change, recorded in managedFields. */
  fieldManager?: string;
  /**
   * What the server does with unknown or duplicate fields; unset, the
   * server's default (`Warn`).
   */
  fieldValidation?: FieldValidation;
}

/**
 * One RFC 6902 JSON patch operation.
 *
 * @example
 * ```ts
 * import type { JsonPatchOperation } from "./options.ts";
 * const op: JsonPatchOperation = { op: "replace", path: "/spec/replicas", value: 3 };
 * ```
 */
export type JsonPatchOperation =
  | { op: "add" | "replace" | "test"; path: string; value: unknown }
  | { op: "remove"; path: string }
  | { op: "move" | "copy"; from: string; path: string };

/**
 * A patch of objects of type `T`, by kind. `apply` is server-side apply:
 * it needs a `fieldManager` and may `force` past conflicts with other
 * managers. Its body is an {@linkcode ApplyConfiguration} of `T` (typed as
 * deeply as `T`, so a misspelt field does not compile), or a whole `T`,
 * whose `apiVersion` and `kind` the handle fills in when they are missing.
 * The other kinds' bodies are not typed.
 *
 * @typeParam T The object type of the handle that sends it.
 *
 * @example
 * ```ts
 * import type { Patch } from "./options.ts";
 * import type { Deployment } from "../types/mod.ts";
 * const scale: Patch = { type: "merge", body: { spec: { replicas: 3 } } };
 * const apply: Patch<Deployment> = {
 *   type: "apply",
 *   fieldManager: "my-operator",
 *   body: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 3 } },
 * };
 * ```
 */
export type Patch<T extends KubeObject = KubeObject> =
  | { type: "merge"; body: unknown }
  | { type: "strategic"; body: unknown }
  | { type: "json"; body: JsonPatchOperation[] }
  | { type: "apply"; body: ApplyConfiguration<T> | T; fieldManager: string; force?: boolean };

/**
 * Options of {@linkcode Api.delete} and {@linkcode Api.deleteCollection}.
 *
 * @example
 * ```ts
 * import type { DeleteOptions } from "./options.ts";
 * const options: DeleteOptions = { propagationPolicy: "Foreground", gracePeriodSeconds: 0 };
 * ```
 */
export interface DeleteOptions extends CallOptions {
  /** `Orphan`, `Background` (the usual default) or `Foreground`. */
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  /** Seconds before the object is killed; 0 means now. */
  gracePeriodSeconds?: number;
  /** Delete only if the object still has this UID and/or resourceVersion. */
  preconditions?: { uid?: string; resourceVersion?: string };
  /** Validate, but delete nothing. */
  dryRun?: boolean;
}

/**
 * Options of {@linkcode PodApi.evict}.
 *
 * @example
 * ```ts
 * import type { EvictOptions } from "./options.ts";
 * const options: EvictOptions = { deleteOptions: { gracePeriodSeconds: 30 }, dryRun: true };
 * ```
 */
export interface EvictOptions extends CallOptions {
  /** How the pod is deleted once the eviction is allowed. */
  deleteOptions?: EvictionDeleteOptions;
  /** Check that the eviction would be allowed, and evict nothing. */
  dryRun?: boolean;
}
