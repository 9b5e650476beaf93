/**
 * CRD `pattern`s are Go (RE2) regular expressions; this turns one into a
 * JavaScript RegExp that matches the same strings, or says it cannot.
 *
 * @module
 */

/** POSIX classes RE2 takes inside brackets, as JavaScript ranges (ASCII, as in RE2). */
const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

/**
 * A JavaScript RegExp for an RE2 pattern: leading flag groups (`(?i)`,
 * `(?s)`, `(?m)`) become flags, `\A` and `\z` become `^` and `$` (JavaScript's
 * `$` without the `m` flag is the end of the text, as RE2's is), `(?P<name>`
 * becomes `(?<name>`, `\Q...\E` is quoted, and POSIX classes in brackets
 * (`[[:alpha:]_]`) become ranges. `undefined` when the pattern uses what
 * JavaScript cannot match the same way (flags mid-pattern, `(?U)`, a negated
 * POSIX class) or does not compile: the check then leaves that pattern to
 * the server rather than guess.
 *
 * @param pattern The RE2 pattern.
 * @returns The RegExp, unanchored like RE2's match, or undefined.
 *
 * @example
 * ```ts
 * import { re2ToRegExp } from "./re2.ts";
 * re2ToRegExp("(?i)^[[:alpha:]]+\\z")?.test("Abc"); // true
 * ```
 */
export function re2ToRegExp(pattern: string): RegExp | undefined {
  let rest = pattern;
  const flags = new Set<string>();
  for (let m = /^\(\?([ims]+)\)/.exec(rest); m; m = /^\(\?([ims]+)\)/.exec(rest)) {
    for (const f of m[1]) flags.add(f);
    rest = rest.slice(m[0].length);
  }
  let out = "";
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === "\\") {
      const next = rest[i + 1];
      if (next === "Q") {
        const end = rest.indexOf("\\E", i + 2);
        const text = rest.slice(i + 2, end < 0 ? rest.length : end);
        out += text.replace(SPECIAL, "\\$&");
        i = end < 0 ? rest.length : end + 1;
      } else if (next === "A" && !inClass) {
        out += "^";
        i++;
      } else if (next === "z" && !inClass) {
        out += "$";
        i++;
      } else {
        out += c + (next ?? "");
        i++;
      }
    } else if (inClass && c === "[" && rest[i + 1] === ":") {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(rest.slice(i));
      if (!m || m[1] || !POSIX[m[2]]) return undefined;
      out += POSIX[m[2]];
      i += m[0].length - 1;
    } else if (c === "[" && !inClass) {
      inClass = true;
      out += c;
      // A `]` first in a class (after an optional `^`) is a literal.
      if (rest[i + 1] === "^") out += rest[++i];
      if (rest[i + 1] === "]") {
        out += "\\]";
        i++;
      }
    } else if (c === "]" && inClass) {
      inClass = false;
      out += c;
    } else if (c === "(" && !inClass && rest[i + 1] === "?") {
      if (rest.startsWith("(?P<", i)) {
        out += "(?<";
        i += 3;
      } else if (/^\(\?[imsU-]+[:)]/.test(rest.slice(i))) {
        // Flags set mid-pattern, or ungreedy mode: no JavaScript equivalent here.
        return undefined;
      } else {
        out += c;
      }
    } else {
      out += c;
    }
  }
  const base = [...flags].join("");
  try {
    return new RegExp(out, base + "u");
  } catch {
    // Without the unicode flag, JavaScript reads `\p{L}` as a literal `p`:
    // only patterns without property classes may fall back.
    if (/\\[pP]/.test(out)) return undefined;
    try {
      return new RegExp(out, base);
    } catch {
      return undefined;
    }
  }
}
