/**
 * The one place kube imports its YAML parser.
 *
 * @module
 */

import { parse, parseAllDocuments } from "yaml";
import { ConfigError } from "../errors.ts";

/**
 * Parses YAML text (JSON is YAML too), naming `where` in the error if it
 * cannot.
 *
 * @param text The YAML text.
 * @param where The file it came from, for the error message.
 * @returns The parsed value.
 * @throws {ConfigError} With the file name and the parser's line and column.
 *
 * @example
 * ```ts
 * import { parseYaml } from "./yaml.ts";
 * parseYaml("apiVersion: v1\nkind: Config\n", "inline");
 * ```
 */
export function parseYaml(text: string, where: string): unknown {
  try {
    return parse(text, { prettyErrors: true });
  } catch (e) {
    const detail = e instanceof Error ? firstLine(e.message) : String(e);
    // No `cause`: the parser's own message quotes the offending source line,
    // which may hold a token or a key.
    throw new ConfigError(`${where}: not valid YAML: ${detail}`);
  }
}

/**
 * Parses YAML text that may hold several documents separated by `---`.
 *
 * @param text The YAML text.
 * @param where The file it came from, for the error message.
 * @returns One value per non-empty document.
 * @throws {ConfigError} With the file name and the parser's message.
 *
 * @example
 * ```ts
 * import { parseYamlDocuments } from "./yaml.ts";
 * parseYamlDocuments("a: 1\n---\nb: 2\n", "inline").length; // 2
 * ```
 */
export function parseYamlDocuments(text: string, where: string): unknown[] {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const all = Array.isArray(docs) ? docs : [docs];
  for (const doc of all) {
    const error = doc.errors[0];
    if (error) {
      throw new ConfigError(
        `${where}: not valid YAML: ${firstLine(error.message)}`,
      );
    }
  }
  return all.map((doc) => doc.toJS()).filter((v) => v != null);
}

/** The parser's first line: the message and its line and column. */
function firstLine(message: string): string {
  return message.split("\n")[0].replace(/:$/, "");
}
