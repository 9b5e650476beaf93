/**
 * Installs the pinned client-node into bench/.node with npm, once.
 *
 * @module
 */

/** The client-node release the benchmark runs against (2.x needs Node 22). */
export const CLIENT_NODE_VERSION = "1.4.0";

const PREFIX = new URL("../.node/", import.meta.url).pathname;

/**
 * Makes sure client-node is installed in bench/.node: skips npm when the
 * pinned version is already there.
 *
 * @returns The installed version.
 * @throws {Error} When npm fails.
 *
 * @example
 * ```ts ignore
 * const version = await installClientNode();
 * ```
 */
export async function installClientNode(): Promise<string> {
  const manifest = `${PREFIX}node_modules/@kubernetes/client-node/package.json`;
  try {
    const { version } = JSON.parse(await Deno.readTextFile(manifest));
    if (version === CLIENT_NODE_VERSION) return version;
  } catch {
    // Not installed yet.
  }
  console.error(`installing @kubernetes/client-node@${CLIENT_NODE_VERSION} into ${PREFIX}`);
  const out = await new Deno.Command("npm", {
    args: [
      "install",
      "--prefix",
      PREFIX,
      "--no-audit",
      "--no-fund",
      `@kubernetes/client-node@${CLIENT_NODE_VERSION}`,
    ],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`npm install failed with code ${out.code}`);
  return CLIENT_NODE_VERSION;
}

/**
 * Where generated data is kept between runs (bench/.node is git-ignored).
 *
 * @param name A name for this data.
 * @returns The directory's path (not yet created).
 *
 * @example
 * ```ts ignore
 * const dir = cacheDir("watch-100000-1");
 * ```
 */
export function cacheDir(name: string): string {
  return `${PREFIX}cache/${name}`;
}
