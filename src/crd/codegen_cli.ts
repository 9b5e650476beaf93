/**
 * The code generator's command: TypeScript modules from CustomResourceDefinitions
 * in files, at URLs, or in the cluster, one `PLURAL.GROUP.ts` per CRD.
 *
 * ```sh
 * deno run -A jsr:@denokube/kube/codegen crds.yaml --out types/
 * deno run -A jsr:@denokube/kube/codegen https://example.com/crds.yaml --out types/
 * deno run -A jsr:@denokube/kube/codegen --cluster certificates.cert-manager.io --out types/
 * ```
 *
 * Options: `--out DIR` (the current directory by default), `--import SPEC`
 * (what generated modules import kube as; `jsr:@denokube/kube`),
 * `--no-schemas` (handles without their schemas), `--context NAME` (with
 * `--cluster`), `--no-fmt` (leave the output unformatted). The exit status
 * is 1, with a message naming the CRD and the schema path, when a CRD
 * cannot be translated.
 *
 * @module
 */

import { Api } from "../api/api.ts";
import { parseYamlDocuments } from "../config/yaml.ts";
import { Client } from "../http/client.ts";
import type { CustomResourceDefinition } from "../types/apiextensions_v1.ts";
import { type CodegenOptions, crdsOf, type GeneratedModule, generateModule } from "./codegen.ts";

export {
  CodegenError,
  type CodegenOptions,
  crdsOf,
  type GeneratedModule,
  generateModule,
} from "./codegen.ts";

/**
 * What a run of the command was asked to do.
 *
 * @example
 * ```ts
 * import type { CodegenArgs } from "./codegen_cli.ts";
 * const args: CodegenArgs = { sources: ["crds.yaml"], cluster: false, names: [], out: "types", fmt: true };
 * ```
 */
export interface CodegenArgs extends CodegenOptions {
  /** Files (or `-` for stdin) and URLs to read CRDs from. */
  sources: string[];
  /** Read the cluster's CRDs instead. */
  cluster: boolean;
  /** With `cluster`: only these CRDs (`PLURAL.GROUP`); all if empty. */
  names: string[];
  /** The kubeconfig context, with `cluster`. */
  context?: string;
  /** Where to write the modules. */
  out: string;
  /** Run `deno fmt` on what was written. */
  fmt: boolean;
}

const USAGE =
  "usage: codegen (FILE|URL|-)... | --cluster [PLURAL.GROUP...] [--out DIR] [--import SPEC] [--no-schemas] [--context NAME] [--no-fmt]";

/**
 * Parses the command line.
 *
 * @param argv The arguments.
 * @returns What to do.
 * @throws {Error} With the usage text, for arguments it does not understand.
 *
 * @example
 * ```ts
 * import { parseArgs } from "./codegen_cli.ts";
 * parseArgs(["crds.yaml", "--out", "types"]).out; // "types"
 * ```
 */
export function parseArgs(argv: readonly string[]): CodegenArgs {
  const args: CodegenArgs = { sources: [], cluster: false, names: [], out: ".", fmt: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === "--out") args.out = value();
    else if (arg === "--import") args.importFrom = value();
    else if (arg === "--context") args.context = value();
    else if (arg === "--cluster") args.cluster = true;
    else if (arg === "--no-schemas") args.schemas = false;
    else if (arg === "--no-fmt") args.fmt = false;
    else if (arg === "--help" || arg === "-h") throw new Error(USAGE);
    else if (arg.startsWith("--")) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (args.cluster) args.names.push(arg);
    else args.sources.push(arg);
  }
  if (args.cluster && args.sources.length > 0) {
    throw new Error(`give files or URLs before --cluster, not both\n${USAGE}`);
  }
  if (!args.cluster && args.sources.length === 0) throw new Error(USAGE);
  return args;
}

/** The CRDs of one file, URL or stdin. */
async function readSource(source: string): Promise<CustomResourceDefinition[]> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${source}: HTTP ${response.status}`);
    }
    text = await response.text();
  } else if (source === "-") {
    text = await new Response(Deno.stdin.readable).text();
  } else {
    text = await Deno.readTextFile(source);
  }
  return crdsOf(parseYamlDocuments(text, source));
}

/** The cluster's CRDs, or those named. */
async function readCluster(args: CodegenArgs): Promise<CustomResourceDefinition[]> {
  const client = await Client.load({ context: args.context });
  try {
    const crds = Api.v1CustomResourceDefinition(client);
    if (args.names.length > 0) return await Promise.all(args.names.map((name) => crds.get(name)));
    return (await crds.list()).items;
  } finally {
    client.close();
  }
}

/**
 * Runs the command: reads the CRDs, writes one module per CRD into
 * `args.out`, formats them with `deno fmt`.
 *
 * @param args What to do.
 * @returns The modules written, with their paths.
 * @throws {CodegenError} For a CRD it cannot translate (nothing is written then).
 *
 * @example
 * ```ts ignore
 * import { generate, parseArgs } from "./codegen_cli.ts";
 * await generate(parseArgs(["crds.yaml", "--out", "types"]));
 * ```
 */
export async function generate(args: CodegenArgs): Promise<(GeneratedModule & { path: string })[]> {
  const crds = args.cluster
    ? await readCluster(args)
    : (await Promise.all(args.sources.map(readSource))).flat();
  if (crds.length === 0) {
    throw new Error(
      `no CustomResourceDefinition found in ${args.sources.join(", ") || "the cluster"}`,
    );
  }
  // Every CRD is translated before anything is written: one that cannot be
  // leaves no half-written output behind.
  const modules = crds.map((crd) => generateModule(crd, args));
  await Deno.mkdir(args.out, { recursive: true });
  const written = [];
  for (const module of modules) {
    const path = `${args.out.replace(/\/$/, "")}/${module.fileName}`;
    await Deno.writeTextFile(path, module.source);
    written.push({ ...module, path });
  }
  if (args.fmt) {
    const fmt = await new Deno.Command(Deno.execPath(), {
      args: ["fmt", "--quiet", ...written.map((m) => m.path)],
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (!fmt.success) {
      throw new Error(`deno fmt failed on the generated modules (exit ${fmt.code})`);
    }
  }
  return written;
}

/**
 * The command: parses `argv`, generates, prints each file written; prints
 * the error and returns 1 on failure.
 *
 * @param argv The arguments.
 * @returns The exit status.
 *
 * @example
 * ```ts ignore
 * import { main } from "./codegen_cli.ts";
 * Deno.exit(await main(["crds.yaml", "--out", "types"]));
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const written = await generate(parseArgs(argv));
    for (const module of written) console.log(`${module.crd} -> ${module.path}`);
    return 0;
  } catch (e) {
    console.error(`codegen: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
