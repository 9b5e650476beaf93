/**
 * The one place kube imports its YAML parser.
 *
 * @module
 */

import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parse,
  parseAllDocuments,
  parseDocument,
  type Scalar,
} from "yaml";
import { ConfigError } from "../errors.ts";

/**
 * How YAML is read.
 *
 * @example
 * ```ts
 * import type { ParseYamlOptions } from "./yaml.ts";
 * const options: ParseYamlOptions = { schema: "kubectl" };
 * ```
 */
export interface ParseYamlOptions {
  /**
   * Which rules give plain scalars their type, and what `<<` means:
   *
   * - `"core"` (the default): YAML 1.2's core schema; `yes`, `on` and `0777`
   *   are strings, and `<<` is an ordinary key.
   * - `"kubectl"`: as kubectl reads kubeconfigs and manifests
   *   (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1): `y`, `yes`, `on` (and
   *   `n`, `no`, `off`, in their capitalisations) are booleans, `0777` is
   *   octal, `0x`/`0o`/`0b` and `_` between digits make numbers, timestamps
   *   and `1:20` stay strings, a key given twice keeps its last value, and
   *   `<<` merges mappings the way go-yaml v2 does: where it stands among
   *   the keys (a later key overrides a merged one, and a merge overrides an
   *   earlier key), the first mapping of a merged list winning.
   */
  schema?: "core" | "kubectl";
}

/**
 * Parses YAML text (JSON is YAML too), naming `where` in the error if it
 * cannot.
 *
 * @param text The YAML text.
 * @param where The file it came from, for the error message.
 * @param options Which rules to read it by: YAML 1.2's core schema by default.
 * @returns The parsed value.
 * @throws {ConfigError} With the file name and the parser's line and column.
 *
 * @example
 * ```ts
 * import { parseYaml } from "./yaml.ts";
 * parseYaml("apiVersion: v1\nkind: Config\n", "inline");
 * parseYaml("insecure-skip-tls-verify: yes\n", "inline", { schema: "kubectl" }); // { "insecure-skip-tls-verify": true }
 * ```
 */
export function parseYaml(text: string, where: string, options: ParseYamlOptions = {}): unknown {
  if (options.schema === "kubectl") {
    const doc = parseDocument(text, KUBECTL_PARSE);
    failOnError(doc, where);
    return new GoYamlReader(doc, where).read();
  }
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
 * @param options Which rules to read it by: YAML 1.2's core schema by default.
 * @returns One value per non-empty document.
 * @throws {ConfigError} With the file name and the parser's message.
 *
 * @example
 * ```ts
 * import { parseYamlDocuments } from "./yaml.ts";
 * parseYamlDocuments("a: 1\n---\nb: 2\n", "inline").length; // 2
 * ```
 */
export function parseYamlDocuments(
  text: string,
  where: string,
  options: ParseYamlOptions = {},
): unknown[] {
  const kubectl = options.schema === "kubectl";
  const docs = parseAllDocuments(text, kubectl ? KUBECTL_PARSE : { prettyErrors: true });
  const all = Array.isArray(docs) ? docs : [docs];
  for (const doc of all) failOnError(doc, where);
  return all
    .map((doc) => kubectl ? new GoYamlReader(doc, where).read() : doc.toJS())
    .filter((v) => v != null);
}

/**
 * The parser's settings for kubectl's rules: every scalar kept as its text
 * (the failsafe schema) for {@linkcode GoYamlReader} to type, `<<` left as
 * a key for it to merge, repeated keys allowed.
 */
const KUBECTL_PARSE = {
  prettyErrors: true,
  schema: "failsafe",
  merge: false,
  uniqueKeys: false,
} as const;

function failOnError(doc: Document.Parsed, where: string): void {
  const error = doc.errors[0];
  if (error) throw new ConfigError(`${where}: not valid YAML: ${firstLine(error.message)}`);
}

/** The parser's first line: the message and its line and column. */
function firstLine(message: string): string {
  return message.split("\n")[0].replace(/:$/, "");
}

type YamlNode = NonNullable<Document.Parsed["contents"]>;

const STR_TAG = "tag:yaml.org,2002:str";
const BINARY_TAG = "tag:yaml.org,2002:binary";
const MERGE_TAG = "tag:yaml.org,2002:merge";
const CORE_TAG = "tag:yaml.org,2002:";

/**
 * Turns a document parsed with the failsafe schema into plain values as
 * sigs.k8s.io/yaml (go-yaml v2, then JSON) does. A node that aliases reach
 * several times becomes one value, so aliases of aliases cannot blow up.
 */
class GoYamlReader {
  #doc: Document.Parsed;
  #where: string;
  #values = new Map<YamlNode, unknown>();
  #open = new Set<YamlNode>();

  constructor(doc: Document.Parsed, where: string) {
    this.#doc = doc;
    this.#where = where;
  }

  read(): unknown {
    const contents = this.#doc.contents;
    return contents ? this.#value(contents) : null;
  }

  #value(node: YamlNode): unknown {
    if (isAlias(node)) return this.#value(this.#target(node));
    if (isScalar(node)) return scalarOf(node);
    const known = this.#values.get(node);
    if (known !== undefined) return known;
    if (this.#open.has(node)) throw this.#fail("an alias refers to a node that contains it");
    this.#open.add(node);
    try {
      let value: unknown;
      if (isSeq(node)) {
        value = node.items.map((item) => this.#value(item as YamlNode));
      } else if (isMap(node)) {
        const fields = new Map<string, unknown>();
        for (const pair of node.items) {
          if (isMergeKey(pair.key)) this.#merge(pair.value as YamlNode | null, fields);
          else {fields.set(
              this.#key(pair.key as YamlNode | null),
              this.#value(pair.value as YamlNode),
            );}
        }
        // fromEntries, not assignment: a key "__proto__" stays a key.
        value = Object.fromEntries(fields);
      } else {
        throw this.#fail("unexpected node");
      }
      this.#values.set(node, value);
      return value;
    } finally {
      this.#open.delete(node);
    }
  }

  /**
   * go-yaml v2 decodes a merged mapping into the mapping being built at the
   * place `<<` stands; of a list, the last first, so that earlier ones win.
   */
  #merge(node: YamlNode | null, into: Map<string, unknown>): void {
    const target = node && isAlias(node) ? this.#target(node) : node;
    const sources = target && isSeq(target) ? [...target.items].reverse() : [target];
    for (const source of sources) {
      const map = source && isAlias(source) ? this.#target(source as YamlNode) : source;
      if (!map || !isMap(map)) {
        throw this.#fail("a merge key (<<) needs a mapping or a list of mappings");
      }
      const value = this.#value(map) as Record<string, unknown>;
      for (const [key, field] of Object.entries(value)) into.set(key, field);
    }
  }

  /** A key as JSON holds it: sigs.k8s.io/yaml spells booleans and numbers out. */
  #key(node: YamlNode | null): string {
    const key = node === null ? null : this.#value(node);
    if (typeof key === "string") return key;
    if (typeof key === "boolean") return String(key);
    if (typeof key === "number") {
      if (Number.isNaN(key)) return ".nan";
      if (!Number.isFinite(key)) return key > 0 ? ".inf" : "-.inf";
      return String(key);
    }
    throw this.#fail(`a mapping key must be a string, a number or a boolean, not ${describe(key)}`);
  }

  #target(node: YamlNode): YamlNode {
    if (!isAlias(node)) return node;
    const target = node.resolve(this.#doc);
    if (!target) throw this.#fail(`alias *${node.source} has no anchor`);
    return target as YamlNode;
  }

  #fail(what: string): ConfigError {
    return new ConfigError(`${this.#where}: not valid YAML: ${what}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : typeof value === "object" ? "a mapping" : typeof value;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key) || key.value !== "<<") return false;
  return key.tag === MERGE_TAG || (key.tag === undefined && key.type === "PLAIN");
}

/**
 * A scalar's value: quoted and block scalars and `!!str` are strings, a
 * tag of someone else's is the text, and plain scalars (or ones with a
 * core tag) are typed by go-yaml v2's rules.
 */
function scalarOf(node: Scalar): unknown {
  const text = String(node.value);
  const tag = node.tag;
  if (tag === STR_TAG || tag === BINARY_TAG) return text;
  if (tag !== undefined) return tag.startsWith(CORE_TAG) ? resolvePlain(text) : text;
  return node.type === "PLAIN" ? resolvePlain(text) : text;
}

/** go-yaml v2's words: YAML 1.1's booleans, nulls and special floats. */
const WORDS = new Map<string, unknown>([
  ...["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    .map((w) => [w, true] as const),
  ...["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
    .map((w) => [w, false] as const),
  ...["", "~", "null", "Null", "NULL"].map((w) => [w, null] as const),
  ...[".nan", ".NaN", ".NAN"].map((w) => [w, NaN] as const),
  ...[".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"].map((w) => [w, Infinity] as const),
  ...["-.inf", "-.Inf", "-.INF"].map((w) => [w, -Infinity] as const),
]);

/** Go's strconv.ParseInt(s, 0, 64) and ParseUint(s, 0, 64) syntax. */
const GO_INT = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * go-yaml v2's `resolve` for an untagged plain scalar: its first character
 * decides what it may be (a sign or digit: a number; `.`: a float; one of
 * `yYnNtTfFoO~`: a word), and whatever does not parse stays a string.
 */
function resolvePlain(text: string): unknown {
  // Every word starts with a character that go-yaml looks words up for.
  if (WORDS.has(text)) return WORDS.get(text);
  const first = text[0];
  if (first === ".") {
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) && Number.isFinite(Number(text))
      ? Number(text)
      : text;
  }
  if (!"+-0123456789".includes(first)) return text;
  const plain = text.replaceAll("_", "");
  const int = GO_INT.exec(plain);
  if (int) {
    const [, sign, digits] = int;
    const magnitude = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
    const value = sign === "-" ? -magnitude : magnitude;
    // int64, or (without a sign) uint64: beyond that, Go's parse fails and
    // the text is tried as a float.
    if (value >= INT64_MIN && value <= UINT64_MAX && !(sign && value >= 2n ** 63n)) {
      return Number(value);
    }
  }
  if (YAML_FLOAT.test(plain)) {
    const value = Number(plain);
    // strconv.ParseFloat fails on overflow: the text then stays a string.
    if (Number.isFinite(value)) return value;
  }
  return text;
}

/**
 * One document of a YAML stream, with the line it starts on.
 *
 * @example
 * ```ts
 * import type { YamlDocument } from "./yaml.ts";
 * const doc: YamlDocument = { value: { kind: "ConfigMap" }, number: 2, line: 7 };
 * ```
 */
export interface YamlDocument {
  /** The document's value; `null` for an empty document. */
  value: unknown;
  /** Its number in the stream, from 1. */
  number: number;
  /** The line its content starts on, from 1. */
  line: number;
}

/**
 * Parses a stream of YAML documents, keeping the empty ones (as `null`) so
 * that each keeps its number, and the line each starts on. An error names
 * the document's number and the line and column of the fault, and quotes
 * nothing of the text: manifests may hold secrets.
 *
 * @param text The YAML text.
 * @param where Where it came from, for the error message.
 * @param options Which rules to read it by: YAML 1.2's core schema by default.
 * @returns Every document, in order.
 * @throws {ConfigError} `WHERE: document N (line L, column C): not valid YAML: WHAT`.
 *
 * @example
 * ```ts
 * import { parseYamlStream } from "./yaml.ts";
 * const docs = parseYamlStream("a: 1\n---\n---\nb: yes\n", "inline", { schema: "kubectl" });
 * docs.map((d) => d.line); // [1, 4] and the empty one between
 * ```
 */
export function parseYamlStream(
  text: string,
  where: string,
  options: ParseYamlOptions = {},
): YamlDocument[] {
  const kubectl = options.schema === "kubectl";
  const docs = parseAllDocuments(text, kubectl ? KUBECTL_PARSE : { prettyErrors: false });
  const all = Array.isArray(docs) ? docs : [docs];
  const lines = lineStarts(text);
  return all.map((doc, i) => {
    const number = i + 1;
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const line = lineOf(lines, start);
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0] ?? { line: lineOf(lines, error.pos[0]), col: 1 };
      throw new ConfigError(
        `${where}: document ${number} (line ${at.line}, column ${at.col}): not valid YAML: ${
          problemOf(error.message)
        }`,
      );
    }
    try {
      const value = kubectl ? new GoYamlReader(doc, where).read() : doc.toJS();
      return { value: value ?? null, number, line };
    } catch (e) {
      const what = e instanceof ConfigError
        // The anchor's name is the text's own: it is not repeated.
        ? e.message.replace(`${where}: not valid YAML: `, "").replace(/alias \*\S+/, "an alias")
        : problemOf(String(e));
      throw new ConfigError(`${where}: document ${number} (line ${line}): not valid YAML: ${what}`);
    }
  });
}

/** The parser's message without its position or anything it quotes after a colon. */
function problemOf(message: string): string {
  return firstLine(message).replace(/ at line \d+, column \d+.*$/, "").replace(/:.*$/, "");
}

/** The offset each line starts at. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line of an offset. */
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
