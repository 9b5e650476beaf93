/**
 * Admission reviews per second through admissionHandler with a small
 * validate function, against a bare Deno.serve answering a fixed allow:
 * each served in a child process, loaded by the same pipelined client,
 * runs interleaved, each run's figures compared as a ratio, the ratios'
 * median reported (on a shared machine a run's neighbours suffer alike).
 *
 * @module
 */

import { makePod } from "../../tests/support/pods.ts";
import { seeded } from "../../tests/support/rng.ts";
import { summarize, type Summary } from "../stats.ts";
import { load, type LoadOptions } from "./load.ts";

/** What {@linkcode admissionBench} measures. */
export interface AdmissionFigures {
  /** Reviews per second through admissionHandler. */
  handler: Summary;
  /** Reviews per second from the bare server. */
  ceiling: Summary;
  /** Reviews per second from a bare server that parses the review and echoes its uid. */
  parse: Summary;
  /**
   * Reviews per second of the server process's own CPU time (user +
   * system), a figure that other load on a shared machine disturbs far
   * less than wall-clock throughput.
   */
  perCpuSecond: Record<"handler" | "ceiling" | "parse", Summary> & { rotatable?: Summary };
  /** handler / ceiling: the median of each run's ratio. */
  ratio: Summary;
  /** handler / parse, likewise: what kube adds to the least a correct webhook does. */
  parseRatio: Summary;
  /** With TLS: reviews per second through the handler behind serveWebhook's front door. */
  rotatable?: Summary;
  /** The review's size, in bytes. */
  reviewBytes: number;
  /** Whether the servers spoke HTTPS. */
  tls: boolean;
}

/** How the bench runs. */
export interface AdmissionBenchOptions {
  /** Runs a contender: 5. */
  runs?: number;
  /** Counted seconds a run: 2. */
  seconds?: number;
  /** Serve HTTPS, as the API server calls webhooks: false (plain HTTP shows the handler's own cost most sharply). */
  tls?: boolean;
}

/** A CREATE review of a real-sized pod (about 4 KiB), labelled with a team, as the API server sends it. */
export function reviewBody(): string {
  const pod = makePod(seeded(18), 1, "1");
  delete pod.status;
  pod.metadata.labels = { ...pod.metadata.labels, team: "shop" };
  return JSON.stringify({
    apiVersion: "admission.k8s.io/v1",
    kind: "AdmissionReview",
    request: {
      uid: "d595b3a4-9d2b-4a08-8a6c-0b3f1f1c2e11",
      kind: { group: "", version: "v1", kind: "Pod" },
      resource: { group: "", version: "v1", resource: "pods" },
      requestKind: { group: "", version: "v1", kind: "Pod" },
      requestResource: { group: "", version: "v1", resource: "pods" },
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      operation: "CREATE",
      userInfo: { username: "kube-admin", groups: ["system:masters", "system:authenticated"] },
      object: pod,
      oldObject: null,
      dryRun: false,
      options: { kind: "CreateOptions", apiVersion: "meta.k8s.io/v1" },
    },
  });
}

type Mode = "handler" | "ceiling" | "parse" | "rotatable";

async function serve(mode: Mode, tls: boolean) {
  const script = new URL("./webhook_server.ts", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", script, mode, ...(tls ? ["--tls"] : [])],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`webhook_server.ts ${mode} ended before it listened`);
    text += value;
  }
  reader.releaseLock();
  const { port, ca } = JSON.parse(text.slice(0, text.indexOf("\n")));
  return {
    port: port as number,
    ca: ca as string | undefined,
    async [Symbol.asyncDispose]() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

/** The server's CPU time so far, in seconds, as it reports it. */
async function cpuSeconds(port: number, ca: string | undefined): Promise<number> {
  const client = ca ? Deno.createHttpClient({ caCerts: [ca] }) : undefined;
  try {
    const answer = await fetch(`${ca ? "https" : "http"}://127.0.0.1:${port}/bench/cpu`, {
      client,
    });
    return (await answer.json()).cpuMicros / 1e6;
  } finally {
    client?.close();
  }
}

/**
 * Runs the bench.
 *
 * @param options Runs, length and TLS.
 * @returns Medians, spreads and the ratio.
 * @throws {Error} When a contender answers with something other than a 200 allow.
 */
export async function admissionBench(
  options: AdmissionBenchOptions = {},
): Promise<AdmissionFigures> {
  const runs = options.runs ?? 5;
  const tls = options.tls ?? false;
  const body = reviewBody();
  const figures: Record<Mode, number[]> = { handler: [], ceiling: [], parse: [], rotatable: [] };
  const perCpu: Record<Mode, number[]> = { handler: [], ceiling: [], parse: [], rotatable: [] };
  const modes: Mode[] = ["handler", "ceiling", "parse", ...(tls ? ["rotatable" as const] : [])];
  for (let run = 0; run < runs; run++) {
    // Interleaved, so that a slow moment of the shared machine hurts both alike.
    for (const mode of modes) {
      await using server = await serve(mode, tls);
      const loadOptions: LoadOptions = {
        connections: 4,
        depth: 16,
        durationMs: (options.seconds ?? 2) * 1000,
        warmupMs: 500,
        ca: server.ca,
        onWindow: (edge) => {
          cpu[edge] = cpuSeconds(server.port, server.ca);
        },
      };
      const cpu: { start?: Promise<number>; end?: Promise<number> } = {};
      const result = await load(server.port, body, loadOptions);
      const answer = JSON.parse(result.sample).response;
      if (result.errors > 0 || answer.allowed !== true) {
        throw new Error(`${mode}: ${result.errors} errors; a response was ${result.sample}`);
      }
      if (mode !== "ceiling" && answer.uid !== JSON.parse(body).request.uid) {
        throw new Error(`${mode}: the answer's uid is ${answer.uid}, not the request's`);
      }
      figures[mode].push(result.perSecond);
      perCpu[mode].push(result.count / (await cpu.end! - await cpu.start!));
    }
  }
  const handler = summarize(figures.handler);
  const ceiling = summarize(figures.ceiling);
  const parse = summarize(figures.parse);
  return {
    handler,
    ceiling,
    parse,
    ratio: summarize(figures.handler.map((h, i) => h / figures.ceiling[i])),
    parseRatio: summarize(figures.handler.map((h, i) => h / figures.parse[i])),
    rotatable: tls ? summarize(figures.rotatable) : undefined,
    perCpuSecond: {
      handler: summarize(perCpu.handler),
      ceiling: summarize(perCpu.ceiling),
      parse: summarize(perCpu.parse),
      rotatable: tls ? summarize(perCpu.rotatable) : undefined,
    },
    reviewBytes: body.length,
    tls,
  };
}

/**
 * The figures as a small table and a ratio line.
 *
 * @param f The figures.
 * @returns Markdown.
 */
export function admissionTable(f: AdmissionFigures): string {
  const row = (name: string, s: Summary) =>
    `| ${name} | ${Math.round(s.median).toLocaleString("en")} | ${
      Math.round(s.min).toLocaleString("en")
    }-${Math.round(s.max).toLocaleString("en")} |`;
  return [
    `Admission reviews per second (${f.reviewBytes.toLocaleString("en")}-byte pod CREATE review, ${
      f.tls ? "HTTPS" : "plain HTTP"
    }, 4 connections x 16 pipelined, median of ${f.handler.runs} runs)`,
    "",
    "| server | reviews/s | range |",
    "| --- | ---: | ---: |",
    row("admissionHandler + validate", f.handler),
    row("bare Deno.serve, fixed allow (ceiling)", f.ceiling),
    row("bare Deno.serve, JSON.parse + uid echo", f.parse),
    ...(f.rotatable ? [row("admissionHandler behind serveWebhook (rotatable)", f.rotatable)] : []),
    "",
    `ratio (median of each run's): ${spread(f.ratio)} of the ceiling; ${
      spread(f.parseRatio)
    } of a bare server that parses the review`,
    "",
    "| server | reviews per CPU-second of the server | range |",
    "| --- | ---: | ---: |",
    row("admissionHandler + validate", f.perCpuSecond.handler),
    row("bare Deno.serve, fixed allow (ceiling)", f.perCpuSecond.ceiling),
    row("bare Deno.serve, JSON.parse + uid echo", f.perCpuSecond.parse),
    ...(f.perCpuSecond.rotatable
      ? [row("admissionHandler behind serveWebhook (rotatable)", f.perCpuSecond.rotatable)]
      : []),
    "",
    `per CPU-second: ${
      (f.perCpuSecond.handler.median / f.perCpuSecond.ceiling.median).toFixed(2)
    } of the ceiling; ${
      (f.perCpuSecond.handler.median / f.perCpuSecond.parse.median).toFixed(2)
    } of the parsing server`,
  ].join("\n");
}

function spread(s: Summary): string {
  return `${s.median.toFixed(2)} (${s.min.toFixed(2)}-${s.max.toFixed(2)})`;
}
