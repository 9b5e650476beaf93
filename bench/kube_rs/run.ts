/**
 * kube-rs as a contender: builds the Rust program in bench/kube_rs (its
 * crate versions pinned by its Cargo.lock) with `cargo build --release`
 * into bench/kube_rs/target, and names the setups it runs in. Without cargo,
 * or when the build fails, the bench says so and goes on without kube-rs.
 *
 * @module
 */

import { runJson } from "../_lib/procs.ts";

/** The kube-rs release the program is locked to (bench/kube_rs/Cargo.lock). */
export const KUBE_RS_VERSION = "5.0.0";

const PROJECT = new URL("./", import.meta.url).pathname;
const RELEASE = `${PROJECT}target/release/`;

/** One way of running kube-rs: a binary and its runtime. */
export interface KubeRsSetup {
  /** Its name in tables. */
  name: string;
  /** The program. */
  binary: string;
  /** Arguments that pick the tokio runtime. */
  args: string[];
}

/** The built program's setups, or why there are none. */
export type KubeRsBuild = { setups: KubeRsSetup[] } | { skipped: string };

/**
 * The setups, as shipped first: a multi-thread tokio runtime (what
 * `#[tokio::main]` builds) on the system allocator; a current-thread
 * runtime; and jemalloc on the multi-thread runtime.
 */
function setups(jemalloc: boolean): KubeRsSetup[] {
  const system = `${RELEASE}kube_rs_bench`;
  return [
    { name: "kube-rs as shipped", binary: system, args: ["--runtime", "multi"] },
    { name: "kube-rs current-thread", binary: system, args: ["--runtime", "current"] },
    ...(jemalloc
      ? [{
        name: "kube-rs jemalloc",
        binary: `${RELEASE}kube_rs_bench_jemalloc`,
        args: ["--runtime", "multi"],
      }]
      : []),
  ];
}

async function cargoBuild(features: string[]): Promise<{ ok: boolean; stderr: string }> {
  const out = await new Deno.Command("nice", {
    args: [
      "-n",
      "19",
      "cargo",
      "build",
      "--release",
      "--locked",
      "--quiet",
      // One job: the cores are shared, and a cold build is a one-off.
      "-j",
      "1",
      ...features,
    ],
    cwd: PROJECT,
    stdout: "inherit",
    stderr: "piped",
  }).output();
  return { ok: out.success, stderr: new TextDecoder().decode(out.stderr).trim() };
}

async function hasCargo(): Promise<boolean> {
  try {
    return (await new Deno.Command("cargo", { args: ["--version"], stdout: "null", stderr: "null" })
      .output()).success;
  } catch {
    return false;
  }
}

/**
 * Builds the kube-rs program (a no-op when it is up to date; a cold build
 * takes minutes) with jemalloc, or without it if that fails.
 *
 * @returns The setups to run, or why kube-rs is skipped.
 *
 * @example
 * ```ts ignore
 * const build = await buildKubeRs();
 * if ("skipped" in build) console.log(build.skipped);
 * ```
 */
export async function buildKubeRs(): Promise<KubeRsBuild> {
  if (!(await hasCargo())) return { skipped: "cargo not found" };
  console.error(
    `building kube-rs ${KUBE_RS_VERSION} in ${PROJECT} (cargo build --release; ` +
      "a cold build takes about 8 minutes on 2 shared cores, later ones a second)",
  );
  const full = await cargoBuild(["--features", "jemalloc"]);
  if (full.ok) return { setups: setups(true) };
  const plain = await cargoBuild([]);
  if (plain.ok) {
    console.error(`${full.stderr}\nkube-rs: jemalloc left out, its build failed (above)`);
    return { setups: setups(false) };
  }
  console.error(plain.stderr);
  return { skipped: "cargo build failed (its errors are on stderr)" };
}

/** Runs of a setup, failed ones included, before the bench gives up on it. */
const ATTEMPTS = 3;

/**
 * Why each kube-rs run that failed and was run again failed, in order: on
 * the multi-thread runtime, kube-rs's watch now and then ends mid-burst with
 * hyper's "connection closed before message completed" although the server
 * kept the connection open (never seen on the current-thread runtime).
 */
export const kubeRsRetries: string[] = [];

/**
 * Runs one kube-rs setup to completion and parses its figures; a run that
 * fails is run again in a fresh process, up to three runs in all, and why
 * it failed is kept in {@linkcode kubeRsRetries} for the report.
 *
 * @typeParam T The figures' shape.
 * @param setup The setup.
 * @param args The mode and its arguments (`sync --server URL --burst N`).
 * @returns The figures.
 * @throws {Error} When the last run fails too.
 *
 * @example
 * ```ts ignore
 * const figures = await runKubeRs(setup, ["sync", "--server", url, "--burst", "10000"]);
 * ```
 */
export async function runKubeRs<T>(setup: KubeRsSetup, args: string[]): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await runJson<T>(setup.binary, [...args, ...setup.args]);
    } catch (err) {
      if (attempt === ATTEMPTS) throw err;
      const message = err instanceof Error ? err.message : String(err);
      const reason = message.match(/kube_rs_bench: (.*)/)?.[1] ?? message;
      kubeRsRetries.push(`${setup.name}, ${args[0]}: ${reason}`);
      console.error(`${setup.name}: a run failed (${reason}); running it again`);
    }
  }
}
