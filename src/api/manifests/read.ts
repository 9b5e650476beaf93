/**
 * Reads manifests from a file, a directory or standard input, as
 * `kubectl apply -f PATH [-R]` finds them.
 *
 * @module
 */

import { KubeError } from "../../errors.ts";
import type { DynamicObject } from "../dynamic.ts";
import { parseManifests } from "./parse.ts";

/**
 * Options of {@linkcode readManifests}.
 *
 * @example
 * ```ts
 * import type { ReadManifestsOptions } from "./read.ts";
 * const options: ReadManifestsOptions = { recursive: true };
 * ```
 */
export interface ReadManifestsOptions {
  /** Read directories below a directory too (`kubectl -R`); false by default. */
  recursive?: boolean;
  /** What `-` reads: standard input by default. */
  stdin?: ReadableStream<Uint8Array>;
}

/** The files kubectl reads from a directory; a file named directly is read whatever its name. */
const MANIFEST_FILE = /\.(json|ya?ml)$/;

/**
 * Reads the manifests at `path`: a file; a directory's `.yaml`, `.yml` and
 * `.json` files in name order (and, with `recursive`, those of the
 * directories below); or, for `-`, standard input.
 *
 * @param path A file, a directory, or `-`.
 * @param options Recursion, and the stream `-` reads.
 * @returns The objects, file by file, in order.
 * @throws {KubeError} When the path cannot be read, or a manifest cannot be
 * parsed (see {@linkcode parseManifests}).
 *
 * @example
 * ```ts ignore
 * import { readManifests } from "./read.ts";
 * const objects = await readManifests("deploy/", { recursive: true });
 * ```
 */
export async function readManifests(
  path: string,
  options: ReadManifestsOptions = {},
): Promise<DynamicObject[]> {
  if (path === "-") {
    const text = await new Response(options.stdin ?? Deno.stdin.readable).text();
    return parseManifests(text, { source: "<stdin>" });
  }
  const objects: DynamicObject[] = [];
  for (const file of await filesOf(path, options.recursive ?? false, true)) {
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch (e) {
      throw new KubeError(`${file}: cannot be read: ${(e as Error).message}`, { cause: e });
    }
    for (const object of parseManifests(text, { source: file })) objects.push(object);
  }
  return objects;
}

async function filesOf(path: string, recursive: boolean, top: boolean): Promise<string[]> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (e) {
    throw new KubeError(`${path}: cannot be read: ${(e as Error).message}`, { cause: e });
  }
  if (!info.isDirectory) return [path];
  if (!top && !recursive) return [];
  const entries: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(path)) entries.push(entry);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const child = `${path.replace(/\/+$/, "")}/${entry.name}`;
    if (entry.isDirectory) {
      if (recursive) files.push(...await filesOf(child, recursive, false));
    } else if (MANIFEST_FILE.test(entry.name)) {
      files.push(child);
    }
  }
  return files;
}
