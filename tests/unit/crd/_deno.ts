/**
 * Runs the deno binary for the codegen tests: the command itself, and
 * `deno check` / `deno doc --lint` on what it generates.
 *
 * @module
 */

const root = new URL("../../../", import.meta.url).pathname;

/** The project's mod.ts as a file URL: generated modules import kube from it in tests. */
export const MOD_URL = new URL("../../../mod.ts", import.meta.url).href;

/** The project's deno.json: its import map resolves `yaml` for files outside the tree. */
export const CONFIG = `${root}deno.json`;

/** Runs `deno ARGS` in the project's root; its exit code and everything it printed. */
export async function deno(...args: string[]): Promise<{ code: number; output: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, output: decoder.decode(out.stdout) + decoder.decode(out.stderr) };
}

/** Runs the codegen command. */
export function codegen(...args: string[]): Promise<{ code: number; output: string }> {
  return deno("run", "-A", `${root}src/crd/codegen_cli.ts`, ...args);
}

/**
 * `deno doc --lint` of generated modules beside mod.ts (whose exports they
 * reference), keeping only the problems found in the generated files.
 */
export async function docLintProblems(files: string[]): Promise<string[]> {
  const { output } = await deno("doc", "--lint", `${root}mod.ts`, ...files);
  const problems: string[] = [];
  const lines = output.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("error[")) continue;
    const where = lines.slice(i + 1, i + 3).find((l) => l.includes("-->")) ?? "";
    if (files.some((f) => where.includes(f))) problems.push(`${lines[i]} ${where.trim()}`);
  }
  return problems;
}
