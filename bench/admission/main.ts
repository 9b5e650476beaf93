/**
 * `deno run --allow-run --allow-read --allow-net bench/admission/main.ts [--runs N] [--seconds S] [--tls]`:
 * admission reviews per second through admissionHandler against a bare
 * Deno.serve (the ceiling), as a ratio. About 30 s with the defaults.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { admissionBench, admissionTable } from "./admission_bench.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string" },
    seconds: { type: "string" },
    tls: { type: "boolean", default: false },
  },
});
const figures = await admissionBench({
  runs: values.runs ? Number(values.runs) : undefined,
  seconds: values.seconds ? Number(values.seconds) : undefined,
  tls: values.tls,
});
console.log(admissionTable(figures));
