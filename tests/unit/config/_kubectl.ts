/**
 * Debian's kubectl as the oracle of kubeconfig reading: what
 * `kubectl config view --raw --minify -o json` makes of some files.
 *
 * @module
 */

/** What kubectl printed, or why it refused. */
export interface KubectlView {
  /** Whether kubectl accepted the files. */
  ok: boolean;
  /** Its error output. */
  stderr: string;
  /** The minified view, parsed; undefined when it refused. */
  // deno-lint-ignore no-explicit-any
  view: any;
}

/**
 * Runs `kubectl config view --raw --minify -o json` on `files` (as
 * `KUBECONFIG`), with `home` as HOME and working directory.
 */
export async function kubectlView(
  files: string[],
  options: { home: string; context?: string },
): Promise<KubectlView> {
  const args = ["config", "view", "--raw", "--minify", "-o", "json"];
  if (options.context) args.push("--context", options.context);
  const out = await new Deno.Command("kubectl", {
    args,
    cwd: options.home,
    env: { KUBECONFIG: files.join(":"), HOME: options.home },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    ok: out.success,
    stderr: new TextDecoder().decode(out.stderr),
    view: out.success ? JSON.parse(new TextDecoder().decode(out.stdout)) : undefined,
  };
}

/** Runs `fn` on every item, a few at a time: each run may be a kubectl process. */
export async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...await Promise.all(items.slice(i, i + size).map(fn)));
  }
  return results;
}
