/**
 * `finalizer()`: runs a controller's work on an object while making sure its
 * cleanup runs before the object is gone, after kube-rs's `finalizer`.
 *
 * @module
 */

import type { Api } from "../api/api.ts";
import type { JsonPatchOperation } from "../api/options.ts";
import { type ApiError, isConflict, isInvalid, isNotFound, KubeError } from "../errors.ts";
import type { KubeObject } from "../types/meta.ts";

/**
 * What {@linkcode finalizer} runs: `apply` while the object lives, `cleanup`
 * once its deletion has been requested.
 *
 * @typeParam T The object type.
 * @typeParam R What `apply` and `cleanup` return, e.g. a controller's Action.
 *
 * @example
 * ```ts
 * import type { FinalizerHandlers } from "./finalizer.ts";
 * import type { ConfigMap } from "../types/mod.ts";
 * const handlers: FinalizerHandlers<ConfigMap, string> = {
 *   apply: (cm) => `apply ${cm.metadata.name}`,
 *   cleanup: (cm) => `cleanup ${cm.metadata.name}`,
 * };
 * ```
 */
export interface FinalizerHandlers<T extends KubeObject, R> {
  /**
   * Brings the world in line with the object. Runs only once the object
   * carries the finalizer, so that its deletion waits for `cleanup`.
   */
  apply: (object: T) => R | Promise<R>;
  /**
   * Undoes what `apply` did outside the object. The finalizer is removed
   * once it resolves; when it throws, the finalizer stays and the object
   * with it. It must be safe to run twice: removing the finalizer may fail
   * after it succeeded.
   */
  cleanup: (object: T) => R | Promise<R>;
  /** Aborts the patches (and skips the handlers once aborted). */
  signal?: AbortSignal;
}

/**
 * The finalizer could not be added or removed. `conflict` is true when the
 * object's finalizers changed since the object was read (the patch's `test`
 * failed, 422, or the object changed under it, 409): nothing was clobbered,
 * and reconciling again with the fresh object fixes it.
 *
 * @example
 * ```ts
 * import { FinalizerError } from "./finalizer.ts";
 * const e = new FinalizerError("add", "kube.example/cleanup", "Foo default/baz", true);
 * if (e.conflict) console.log("requeue:", e.message);
 * ```
 */
export class FinalizerError extends KubeError {
  /** Whether the finalizer was being added or removed. */
  readonly phase: "add" | "remove";
  /** The finalizer's name. */
  readonly finalizer: string;
  /** True when the object's finalizers changed meanwhile; a retry with the fresh object fixes it. */
  readonly conflict: boolean;

  /**
   * Creates a FinalizerError.
   *
   * @param phase Adding or removing.
   * @param finalizer The finalizer's name.
   * @param object The object, as `Kind namespace/name`.
   * @param conflict Whether the finalizers changed since the object was read.
   * @param options `cause`: the underlying error.
   */
  constructor(
    phase: "add" | "remove",
    finalizer: string,
    object: string,
    conflict: boolean,
    options?: ErrorOptions,
  ) {
    const why = conflict
      ? "its finalizers changed since it was read; reconcile again with the current object"
      : options?.cause instanceof Error
      ? options.cause.message
      : String(options?.cause ?? "unknown error");
    super(
      `${phase === "add" ? "adding" : "removing"} finalizer "${finalizer}" ${
        phase === "add" ? "to" : "from"
      } ${object} failed: ${why}`,
      options,
    );
    this.name = "FinalizerError";
    this.phase = phase;
    this.finalizer = finalizer;
    this.conflict = conflict;
  }
}

/**
 * Runs `apply` or `cleanup` on `object` under the finalizer `name`, so that
 * the object cannot disappear before its cleanup has run:
 *
 * - not being deleted, without the finalizer: adds it, then runs `apply` on
 *   the object as stored;
 * - not being deleted, with it: runs `apply`;
 * - being deleted (`metadata.deletionTimestamp` set), with it: runs
 *   `cleanup`, then removes the finalizer, and the API server deletes the
 *   object once no finalizer is left;
 * - being deleted, without it: nothing to do; resolves to `undefined`.
 *
 * Adding and removing are RFC 6902 JSON patches that `test` the finalizers
 * as they were read: the API server applies a patch to what it stores, so a
 * merge patch or a plain list replacement would drop a finalizer that
 * another controller added meanwhile. Here that makes the `test` fail, and
 * `finalizer` throws a {@linkcode FinalizerError} with `conflict` set: the
 * controller's next reconcile, with the fresh object, succeeds.
 *
 * @typeParam T The object type.
 * @typeParam R What the handlers return, e.g. a controller's Action.
 * @param api The object's resource; a handle on all namespaces will do.
 * @param name The finalizer, domain-qualified: `example.com/cleanup`.
 * @param object The object, e.g. as a controller's cache holds it.
 * @param handlers `apply`, `cleanup` and a signal.
 * @returns What `apply` or `cleanup` returned, or `undefined` when there was
 * nothing to do.
 * @throws {FinalizerError} When adding or removing the finalizer fails.
 * Whatever `apply` or `cleanup` throws passes through unchanged.
 *
 * @example A reconcile function
 * ```ts ignore
 * import { Action, Api, Client, finalizer, type KubeObject } from "jsr:@denokube/kube";
 * type Foo = KubeObject<{ name: string }, never>;
 * const client = await Client.load();
 * const foos = Api.custom<{ name: string }, never>(client, {
 *   group: "clux.dev", version: "v1", kind: "Foo", plural: "foos", namespaced: true,
 * });
 * async function reconcile(foo: Foo): Promise<Action> {
 *   const action = await finalizer(foos, "clux.dev/cleanup", foo, {
 *     apply: async (foo) => {
 *       await createDnsRecord(foo.spec!.name);
 *       return Action.requeue(300_000);
 *     },
 *     cleanup: async (foo) => {
 *       await deleteDnsRecord(foo.spec!.name);
 *       return Action.awaitChange();
 *     },
 *   });
 *   return action ?? Action.awaitChange(); // being deleted, and not ours to clean up
 * }
 * ```
 */
export async function finalizer<T extends KubeObject, R>(
  api: Api<T>,
  name: string,
  object: T,
  handlers: FinalizerHandlers<T, R>,
): Promise<R | undefined> {
  if (!name) throw new KubeError("a finalizer needs a name, e.g. example.com/cleanup");
  const { signal } = handlers;
  signal?.throwIfAborted();
  const finalizers = object.metadata.finalizers ?? [];
  const has = finalizers.includes(name);
  if (object.metadata.deletionTimestamp) {
    if (!has) return undefined;
    const result = await handlers.cleanup(object);
    await patchFinalizers(api, object, name, "remove", removeOps(finalizers, name), signal);
    return result;
  }
  const stored = has
    ? object
    : await patchFinalizers(api, object, name, "add", addOps(finalizers, name), signal);
  signal?.throwIfAborted();
  return await handlers.apply(stored);
}

/**
 * Appends `name` only if the list is still `finalizers`. A missing list is
 * tested against `null`, which the API server's JSON patch treats as absent.
 * (The server does not deduplicate finalizers, so a blind append could also
 * add it twice.)
 */
function addOps(finalizers: string[], name: string): JsonPatchOperation[] {
  if (finalizers.length === 0) {
    return [
      { op: "test", path: "/metadata/finalizers", value: null },
      { op: "add", path: "/metadata/finalizers", value: [name] },
    ];
  }
  return [
    { op: "test", path: "/metadata/finalizers", value: finalizers },
    { op: "add", path: "/metadata/finalizers/-", value: name },
  ];
}

/**
 * Removes each copy of `name` by index, testing that the index still holds
 * it: finalizers added after the object was read survive, and a list that
 * shifted (another finalizer removed before ours) fails the test instead of
 * losing the wrong entry. Highest index first, so earlier indexes stay put.
 */
function removeOps(finalizers: string[], name: string): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  for (let i = finalizers.length - 1; i >= 0; i--) {
    if (finalizers[i] !== name) continue;
    ops.push({ op: "test", path: `/metadata/finalizers/${i}`, value: name });
    ops.push({ op: "remove", path: `/metadata/finalizers/${i}` });
  }
  return ops;
}

async function patchFinalizers<T extends KubeObject>(
  api: Api<T>,
  object: T,
  name: string,
  phase: "add" | "remove",
  ops: JsonPatchOperation[],
  signal: AbortSignal | undefined,
): Promise<T> {
  const objectName = object.metadata.name;
  const what = describe(api, object);
  if (!objectName) {
    throw new KubeError(`${what}: the object has no metadata.name to patch the finalizer on`);
  }
  const namespace = object.metadata.namespace;
  const scoped = api.resource.namespaced && namespace ? api.within(namespace) : api;
  try {
    return await scoped.patch(objectName, { type: "json", body: ops }, { signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    // Removing from an object that is gone: someone else removed ours, and
    // the API server finished the deletion. Nothing is left to do.
    if (phase === "remove" && isNotFound(e)) return object;
    throw new FinalizerError(phase, name, what, isRetryable(e), { cause: e });
  }
}

/**
 * The API server answers a failed JSON patch `test` with a bare 422 Invalid,
 * no causes; a finalizer name that fails validation gets a 422 that lists
 * its causes, and retrying would not help. A 409 is a concurrent write.
 */
function isRetryable(e: unknown): boolean {
  return isConflict(e) || (isInvalid(e) && !(e as ApiError).status.details?.causes?.length);
}

function describe<T extends KubeObject>(api: Api<T>, object: T): string {
  const { name = "<unnamed>", namespace } = object.metadata;
  return `${api.resource.kind} ${namespace ? `${namespace}/` : ""}${name}`;
}
