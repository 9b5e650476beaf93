/**
 * Where the end-to-end suite runs: the cluster a user names with
 * KUBE_E2E_CONTEXT (in KUBECONFIG), or else the local control plane of
 * tests/cluster, started on first use and left running for the next run.
 *
 * @module
 */

import {
  Api,
  Client,
  type CustomResourceDefinition,
  type Deployment,
  type KubeObject,
  type Pod,
} from "../../mod.ts";
import { parseYamlDocuments } from "../../src/config/yaml.ts";

const clusterDir = new URL("../cluster/", import.meta.url).pathname;

/** True when the suite runs on its own local control plane (fault switches work). */
export const LOCAL = !Deno.env.get("KUBE_E2E_CONTEXT");

interface Target {
  /** The kubeconfig files, in KUBECONFIG order. */
  kubeconfig: string[];
  context: string;
  tokenContext?: string;
}

let target: Promise<Target> | undefined;

/** The kubeconfig and contexts to use, starting the local control plane if needed. */
export function cluster(): Promise<Target> {
  return target ??= (async () => {
    if (!LOCAL) {
      return {
        kubeconfig: (Deno.env.get("KUBECONFIG") ?? `${Deno.env.get("HOME")}/.kube/config`)
          .split(":").filter(Boolean),
        context: Deno.env.get("KUBE_E2E_CONTEXT")!,
        tokenContext: Deno.env.get("KUBE_E2E_TOKEN_CONTEXT"),
      };
    }
    await script("up.sh");
    return {
      kubeconfig: [`${clusterDir}.run/kubeconfig`],
      context: "kube-e2e-admin",
      tokenContext: "kube-e2e-token",
    };
  })();
}

/** Runs one of tests/cluster's scripts, failing with its output if it fails. */
export async function script(name: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("bash", {
    args: [`${clusterDir}${name}`, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  if (!out.success) throw new Error(`tests/cluster/${name} failed (${out.code}):\n${text}`);
  return text;
}

/** A client for the admin context. Close it when done. */
export async function adminClient(): Promise<Client> {
  const { kubeconfig, context } = await cluster();
  return await Client.load({ kubeconfig, context });
}

/** Makes a fresh namespace and a client, runs `fn`, then removes both. */
export async function withNamespace(
  fn: (namespace: string, client: Client) => Promise<void>,
): Promise<void> {
  const client = await adminClient();
  const namespaces = Api.v1Namespace(client);
  const namespace = `kube-e2e-${crypto.randomUUID().slice(0, 8)}`;
  await namespaces.create({ metadata: { name: namespace } });
  // Pods are refused until the namespace's default ServiceAccount exists.
  const serviceAccounts = new Api(client, {
    group: "",
    version: "v1",
    kind: "ServiceAccount",
    plural: "serviceaccounts",
    namespaced: true,
  }, namespace);
  // The controller manager makes it; after an API server restart (the
  // fault tests make some) its informers may take a while to reconnect.
  await eventually(
    "the default ServiceAccount",
    () => serviceAccounts.get("default").then(() => true),
    90_000,
  );
  try {
    await fn(namespace, client);
  } finally {
    await namespaces.delete(namespace).catch(() => {});
    client.close();
  }
}

/** Waits until `check` returns true (or a value), polling, or fails after the deadline. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  deadlineMs = 30_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${last ? `: ${last}` : ""}`);
}

/** Names and resourceVersions of objects, sorted, for comparing a cache with a fresh list. */
export function versions(objects: Iterable<KubeObject>): string[] {
  return [...objects].map((o) =>
    `${o.metadata.namespace ?? ""}/${o.metadata.name}@${o.metadata.resourceVersion}`
  )
    .sort();
}

const examples = new URL("../../examples/", import.meta.url).pathname;

/** Reads a YAML file of examples/. */
export async function exampleYaml<T>(file: string): Promise<T[]> {
  return parseYamlDocuments(await Deno.readTextFile(`${examples}${file}`), file) as T[];
}

/** The spec of examples/foo.yaml's Foo. */
export interface FooSpec {
  name: string;
  info?: string;
}

/** The status the tests give a Foo. */
export interface FooStatus {
  ready?: boolean;
  seen?: number;
}

/** A Foo of examples/foo.yaml. */
export type Foo = KubeObject<FooSpec, FooStatus>;

/** Applies examples/foo.yaml through the client, waits until it is Established, and returns a Foo Api. */
export async function fooApi(client: Client, namespace: string): Promise<Api<Foo>> {
  const crds = Api.v1CustomResourceDefinition(client);
  const [crd] = await exampleYaml<CustomResourceDefinition>("foo.yaml");
  await crds.patch(crd.metadata.name!, {
    type: "apply",
    fieldManager: "kube-e2e",
    force: true,
    body: crd,
  });
  await eventually("foos.clux.dev to be Established", async () => {
    const got = await crds.get("foos.clux.dev");
    return got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
  });
  const foos = Api.custom<FooSpec, FooStatus>(client, {
    group: "clux.dev",
    version: "v1",
    kind: "Foo",
    plural: "foos",
    namespaced: true,
  }).within(namespace);
  // Established can come a moment before the new resource is served.
  await eventually("foos to be served", () => foos.list().then(() => true));
  return foos;
}

/** The image of test pods: nothing runs it (KWOK fakes the kubelet), but it must be valid. */
const IMAGE = "registry.k8s.io/pause:3.10";

/** A one-container pod. */
export function pod(name: string, labels: Record<string, string> = {}): Pod {
  return { metadata: { name, labels }, spec: { containers: [{ name: "main", image: IMAGE }] } };
}

/** A Deployment of `replicas` one-container pods labelled `app: name`. */
export function deployment(name: string, replicas = 1): Deployment {
  return {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "main", image: IMAGE }] },
      },
    },
  };
}

/** An example running as a user runs it, in the suite's cluster and context. */
export interface RunningExample {
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Each whole line it printed, with when the test read it. */
  lines: { at: number; text: string }[];
  /** Its stdin, when asked for with `stdin: true`. */
  stdin: WritableStream<Uint8Array> | undefined;
  /** Resolves with the exit code, once all output is read. */
  status: Promise<number>;
  /** Sends a signal; nothing happens once it has exited. */
  kill(signal: Deno.Signal): void;
}

/**
 * Starts `examples/NAME` with `deno run --allow-net --allow-read --allow-env`
 * and `args`, pointed at the suite's cluster: a first kubeconfig file that
 * sets only current-context picks ours, since the first file to set it wins.
 */
export async function startExample(
  name: string,
  args: string[] = [],
  options: { env?: Record<string, string>; stdin?: boolean } = {},
): Promise<RunningExample> {
  const { kubeconfig, context } = await cluster();
  const pick = await Deno.makeTempFile({ suffix: ".kubeconfig" });
  await Deno.writeTextFile(pick, `apiVersion: v1\nkind: Config\ncurrent-context: ${context}\n`);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", "--allow-env", `${examples}${name}`, ...args],
    env: { KUBECONFIG: [pick, ...kubeconfig].join(":"), NO_COLOR: "1", ...options.env },
    stdin: options.stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const lines: RunningExample["lines"] = [];
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    let partial = "";
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      output += text;
      const parts = (partial + text).split("\n");
      partial = parts.pop()!;
      for (const line of parts) lines.push({ at: Date.now(), text: line });
    }
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const status = child.status.then(async (s) => {
    await pumps;
    await Deno.remove(pick);
    return s.code;
  });
  return {
    output: () => output,
    lines,
    stdin: options.stdin ? child.stdin : undefined,
    status,
    kill(signal) {
      try {
        child.kill(signal);
      } catch {
        // Already gone.
      }
    },
  };
}
