/**
 * Runs `deno check` on generated TypeScript files and hands back each
 * diagnostic with the file and line it points at, for tests that write one
 * compile-time assertion a line.
 *
 * @module
 */

const root = new URL("../../", import.meta.url).pathname;

/** The project's mod.ts as a file URL, for generated files outside the tree to import. */
export const MOD_URL = new URL("../../mod.ts", import.meta.url).href;

/** One diagnostic of `deno check`. */
export interface Diagnostic {
  /** The file's path, as given. */
  file: string;
  /** 1-based line. */
  line: number;
  /** E.g. `TS2339`. */
  code: string;
  /** The diagnostic's message, its first line and the lines that explain it. */
  message: string;
}

/**
 * Type-checks `files` with the project's deno.json (its import map and
 * compiler options) and returns the diagnostics that point into them;
 * diagnostics elsewhere (the project's own sources) are returned with their
 * own paths, so a broken tree is not mistaken for a clean check.
 */
export async function typeCheck(
  files: string[],
): Promise<{ ok: boolean; diagnostics: Diagnostic[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["check", "--quiet", "--config", `${root}deno.json`, ...files],
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { ok: out.success, diagnostics: parseDiagnostics(text) };
}

/**
 * Reads deno's diagnostics: a `TSNNNN [ERROR]: message` line, lines that
 * explain it, then `at file:///PATH:LINE:COL`. Related information that
 * follows (declared here, ...) carries further `at` lines, which belong to
 * the same diagnostic.
 */
function parseDiagnostics(text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  let current: { code: string; message: string[]; located: boolean } | undefined;
  for (const line of text.split("\n")) {
    const head = line.match(/^(TS\d+) \[ERROR\]: (.*)$/);
    if (head) {
      current = { code: head[1], message: [head[2]], located: false };
      continue;
    }
    if (!current) continue;
    const at = line.match(/^\s+at file:\/\/(.+):(\d+):\d+$/);
    if (at && !current.located) {
      current.located = true;
      found.push({
        file: decodeURIComponent(at[1]),
        line: Number(at[2]),
        code: current.code,
        message: current.message.join(" "),
      });
    } else if (
      !current.located && /^\s{2,}[^\s~]/.test(line) && current.message.length < 4
    ) {
      current.message.push(line.trim());
    }
  }
  return found;
}
