/**
 * Pod logs, exec, attach and port-forward, eviction and scale, through the
 * real API server to KWOK serving as the node's kubelet (see
 * tests/cluster/README.md): logs and attach follow `.run/pod.log`, exec runs
 * on this host, pod ports 18080-18089 reach the same ports here. Only on the
 * local control plane, whose kubelet the suite controls.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, ApiError, Client, conditions, type KubeObject, waitFor } from "../../mod.ts";
import {
  cluster,
  deployment,
  eventually,
  LOCAL,
  pod,
  startExample,
  withNamespace,
} from "./_cluster.ts";

const POD_LOG = new URL("../cluster/.run/pod.log", import.meta.url).pathname;
const EXEC_DIR = new URL("../cluster/.run/exec", import.meta.url).pathname;

const utf8 = new TextDecoder();

/** Appends lines to every pod's log, in the CRI format the kubelet (here KWOK) reads. */
async function appendLog(...lines: string[]): Promise<void> {
  const stamp = () => new Date().toISOString().replace("Z", "000000Z");
  await Deno.writeTextFile(POD_LOG, lines.map((l) => `${stamp()} stdout F ${l}\n`).join(""), {
    append: true,
  });
}

/** A pod in `namespace`, Running on the KWOK node. */
async function runningPod(client: Client, namespace: string, name = "target") {
  const pods = Api.v1Pod(client).within(namespace);
  await pods.create(pod(name));
  await waitFor(pods, name, conditions.isPodRunning(), { timeoutMs: 30_000 });
  return pods;
}

/** Reads `stream` until its text contains `wanted`, and returns the text so far. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  wanted: string,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes(wanted)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before ${JSON.stringify(wanted)}; got ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

/** A TCP server on the first free port of 18080-18089 that echoes what it receives. */
function echoServer(): { port: number; close(): void } {
  for (let port = 18080; port <= 18089; port++) {
    let listener: Deno.Listener;
    try {
      listener = Deno.listen({ hostname: "127.0.0.1", port });
    } catch {
      continue;
    }
    (async () => {
      for await (const conn of listener) {
        conn.readable.pipeTo(conn.writable).catch(() => {});
      }
    })().catch(() => {});
    return { port, close: () => listener.close() };
  }
  throw new Error("no free port in 18080-18089 for the echo server");
}

/** Sends `bytes` through a forwarded local port and returns what came back, as much as was sent. */
async function roundTrip(port: number, bytes: Uint8Array): Promise<Uint8Array> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    const writing = (async () => {
      const writer = conn.writable.getWriter();
      for (let at = 0; at < bytes.length; at += 256 * 1024) {
        await writer.write(bytes.subarray(at, at + 256 * 1024));
      }
      writer.releaseLock();
    })();
    const back = new Uint8Array(bytes.length);
    let got = 0;
    const reader = conn.readable.getReader();
    while (got < bytes.length) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the connection closed after ${got} of ${bytes.length} bytes`);
      back.set(value, got);
      got += value.length;
    }
    reader.releaseLock();
    await writing;
    return back;
  } finally {
    conn.close();
  }
}

Deno.test({
  name: "e2e logs: a pod's log is read as lines, and followed while lines are appended",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, client) => {
      const pods = await runningPod(client, ns);
      const marker = crypto.randomUUID();
      await appendLog(`before ${marker}`, `héllo ✓ ${marker}`);
      const all = await Array.fromAsync(pods.logs("target"));
      assert.deepEqual(all.slice(-2), [`before ${marker}`, `héllo ✓ ${marker}`]);
      assert.deepEqual(await Array.fromAsync(pods.logs("target", { tailLines: 1 })), [
        `héllo ✓ ${marker}`,
      ]);

      const stop = new AbortController();
      const followed: string[] = [];
      const following = (async () => {
        for await (
          const line of pods.logs("target", { follow: true, tailLines: 0, signal: stop.signal })
        ) followed.push(line);
      })();
      const next = [1, 2, 3].map((i) => `followed ${i} ${marker}`);
      // The follow starts at the end of the file once the server answers:
      // append until the first line shows up, then the rest.
      await eventually("the followed log to show an appended line", async () => {
        if (!followed.includes(next[0])) await appendLog(next[0]);
        return followed.includes(next[0]);
      });
      await appendLog(next[1], next[2]);
      await eventually("every appended line", () => followed.includes(next[2]));
      const ours = followed.filter((l) => l.endsWith(marker));
      assert.deepEqual([...new Set(ours)].slice(-3), next);
      stop.abort();
      await following;
    });
  },
});

Deno.test({
  name:
    "e2e exec: a command reads stdin, writes stdout and stderr, runs in the kubelet's directory, and a failing one is reported",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, client) => {
      const pods = await runningPod(client, ns);
      const proc = await pods.exec(
        "target",
        ["sh", "-c", 'read line; echo "got $line"; pwd; echo "to stderr" >&2'],
        { stdin: "piped" },
      );
      const writer = proc.stdin.getWriter();
      await writer.write(new TextEncoder().encode("hello from stdin\n"));
      await writer.close();
      const out = await proc.output();
      assert.deepEqual([out.success, out.code], [true, 0]);
      assert.equal(utf8.decode(out.stdout), `got hello from stdin\n${EXEC_DIR}\n`);
      assert.equal(utf8.decode(out.stderr), "to stderr\n");
      assert.equal(proc.protocol, "v5.channel.k8s.io");

      // KWOK reports a non-zero exit as an InternalError Status naming it
      // (a kubelet says NonZeroExitCode, which the unit tests cover).
      const failing = await pods.exec("target", ["sh", "-c", "echo partial; exit 3"]);
      const [stdout, status] = await Promise.allSettled([
        new Response(failing.stdout).text(),
        failing.status,
      ]);
      assert.equal(stdout.status === "fulfilled" ? stdout.value : stdout.reason, "partial\n");
      assert.equal(status.status, "rejected");
      const error = (status as PromiseRejectedResult).reason;
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.code, 500);
      assert.match(error.message, /exit status 3/);

      await assert.rejects(
        pods.exec("missing", ["true"]),
        (e) => e instanceof ApiError && e.code === 404,
      );
    });
  },
});

Deno.test({
  name: "e2e attach: lines the container's process writes after the attach arrive on stdout",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, client) => {
      const pods = await runningPod(client, ns);
      const proc = await pods.attach("target", { stdout: "piped", stderr: "piped" });
      const marker = `attached ${crypto.randomUUID()}`;
      const reader = proc.stdout.getReader();
      const reading = readUntil(reader, marker);
      // Attach streams from the log's end once the kubelet has the session:
      // append until the line arrives.
      let done = false;
      reading.finally(() => done = true).catch(() => {});
      const appending = (async () => {
        while (!done) {
          await appendLog(marker);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })();
      const text = await reading;
      await appending;
      assert.match(text, new RegExp(`^${marker}$`, "m"));
      reader.releaseLock();
      await proc[Symbol.asyncDispose]();
    });
  },
});

Deno.test({
  name:
    "e2e port-forward: several connections at once and several MiB each way reach the pod's port",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, client) => {
      const pods = await runningPod(client, ns);
      const echo = echoServer();
      const errors: Error[] = [];
      try {
        await using forwarder = await pods.portForward("target", {
          ports: [{ local: 0, remote: echo.port }],
          onError: (e) => errors.push(e),
        });
        const [{ local, remote }] = forwarder.ports;
        assert.ok(local > 0);
        assert.equal(remote, echo.port);

        const small = await Promise.all(
          [0, 1, 2, 3, 4].map((i) => roundTrip(local, new TextEncoder().encode(`ping ${i}`))),
        );
        assert.deepEqual(small.map((b) => utf8.decode(b)), [0, 1, 2, 3, 4].map((i) => `ping ${i}`));

        const large = new Uint8Array(8 * 1024 * 1024);
        for (let at = 0; at < large.length; at += 65_536) {
          crypto.getRandomValues(large.subarray(at, at + 65_536));
        }
        const [a, b] = await Promise.all([roundTrip(local, large), roundTrip(local, large)]);
        assert.ok(
          a.every((byte, i) => byte === large[i]),
          "the first large transfer came back intact",
        );
        assert.ok(
          b.every((byte, i) => byte === large[i]),
          "the second large transfer came back intact",
        );
        assert.deepEqual(errors, []);
      } finally {
        echo.close();
      }
    });
  },
});

Deno.test({
  name:
    "e2e evict: a PodDisruptionBudget that allows no disruption answers 429, and without it the pod is evicted",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, client) => {
      const pods = Api.v1Pod(client).within(ns);
      const created = await pods.create(pod("guarded", { app: "guarded" }));
      await waitFor(pods, "guarded", conditions.isPodRunning(), { timeoutMs: 30_000 });
      const budgets = Api.custom<Record<string, unknown>, never>(client, {
        group: "policy",
        version: "v1",
        kind: "PodDisruptionBudget",
        plural: "poddisruptionbudgets",
        namespaced: true,
      }).within(ns);
      await budgets.create({
        metadata: { name: "keep-one" },
        spec: { minAvailable: 1, selector: { matchLabels: { app: "guarded" } } },
      } as KubeObject<Record<string, unknown>, never>);

      await assert.rejects(
        pods.evict("guarded"),
        (e) => e instanceof ApiError && e.code === 429 && e.reason === "TooManyRequests",
      );
      assert.equal((await pods.get("guarded")).metadata.deletionTimestamp, undefined);

      await budgets.delete("keep-one");
      const status = await pods.evict("guarded", { deleteOptions: { gracePeriodSeconds: 0 } });
      assert.equal(status.status, "Success");
      await waitFor(pods, "guarded", conditions.isDeleted(created.metadata.uid!), {
        timeoutMs: 30_000,
      });
    });
  },
});

Deno.test("e2e scale: a Deployment's scale subresource reads and sets its replicas", async () => {
  await withNamespace(async (ns, client) => {
    const deployments = Api.v1Deployment(client).within(ns);
    await deployments.create(deployment("web", 1));
    const scale = await deployments.getScale("web");
    assert.equal(scale.kind, "Scale");
    assert.equal(scale.spec?.replicas, 1);

    // The Scale carries the Deployment's resourceVersion, which its
    // controller moves on as it writes status: read again on a conflict.
    await eventually("replaceScale to land", async () => {
      const current = await deployments.getScale("web");
      return await deployments.replaceScale("web", { ...current, spec: { replicas: 2 } });
    });
    assert.equal((await deployments.get("web")).spec?.replicas, 2);
    await deployments.patchScale("web", { type: "merge", body: { spec: { replicas: 3 } } });
    await waitFor(deployments, "web", conditions.isDeploymentRolledOut(), { timeoutMs: 60_000 });
    const rolled = await deployments.getScale("web");
    assert.deepEqual([rolled.spec?.replicas, rolled.status?.replicas], [3, 3]);
    assert.match(rolled.status?.selector ?? "", /app=web/);
  });
});

Deno.test({
  name: "e2e examples: pod_logs follows a pod's log, a printed line per log line, until Ctrl-C",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, client) => {
      await runningPod(client, ns);
      const example = await startExample("pod_logs.ts", [`${ns}/target`]);
      const marker = `example ${crypto.randomUUID()}`;
      try {
        await eventually("pod_logs to print an appended line", async () => {
          await appendLog(marker);
          return example.lines.some((l) => l.text === marker);
        });
      } finally {
        example.kill("SIGINT");
      }
      assert.equal(await example.status, 0, example.output());
    });
  },
});

Deno.test({
  name:
    "e2e examples: pod_exec passes its stdin to the command and prints its stdout and stderr, exiting 0 when the command does",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, client) => {
      await runningPod(client, ns);
      const example = await startExample(
        "pod_exec.ts",
        [`${ns}/target`, "--", "sh", "-c", 'read line; echo "got $line"; echo oops >&2'],
        { stdin: true },
      );
      const writer = example.stdin!.getWriter();
      await writer.write(new TextEncoder().encode("from the terminal\n"));
      await writer.close();
      assert.equal(await example.status, 0, example.output());
      assert.match(example.output(), /^got from the terminal$/m);
      assert.match(example.output(), /^oops$/m);

      const failing = await startExample("pod_exec.ts", [
        `${ns}/target`,
        "--",
        "sh",
        "-c",
        "exit 3",
      ]);
      assert.notEqual(await failing.status, 0, failing.output());
      assert.match(failing.output(), /exit status 3/);
    });
  },
});

Deno.test({
  name:
    "e2e examples: pod_portforward prints the port it listens on and forwards connections until Ctrl-C",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, client) => {
      await runningPod(client, ns);
      const echo = echoServer();
      const example = await startExample("pod_portforward.ts", [`${ns}/target`, `0:${echo.port}`]);
      try {
        const line = await eventually(
          "pod_portforward to listen",
          () => /^forwarding 127\.0\.0\.1:(\d+) -> (\d+)$/m.exec(example.output()) ?? undefined,
        );
        assert.equal(Number(line[2]), echo.port);
        const back = await roundTrip(
          Number(line[1]),
          new TextEncoder().encode("through the example"),
        );
        assert.equal(utf8.decode(back), "through the example");
      } finally {
        example.kill("SIGINT");
        echo.close();
      }
      assert.equal(await example.status, 0, example.output());
    });
  },
});

Deno.test({
  name:
    "e2e exec: a bearer token user execs in its own namespace, and gets a 403 Forbidden ApiError naming pods/exec elsewhere",
  ignore: !LOCAL,
  fn: async () => {
    await withNamespace(async (ns, admin) => {
      const { kubeconfig, tokenContext } = await cluster();
      using client = await Client.load({ kubeconfig, context: tokenContext });
      const own = Api.v1Pod(admin).within(client.namespace);
      const name = `exec-${crypto.randomUUID().slice(0, 8)}`;
      await own.create(pod(name));
      try {
        await waitFor(own, name, conditions.isPodRunning(), { timeoutMs: 30_000 });
        const proc = await Api.v1Pod(client).within(client.namespace).exec(name, ["echo", "token"]);
        const out = await proc.output();
        assert.equal(utf8.decode(out.stdout), "token\n");

        await runningPod(admin, ns);
        await assert.rejects(
          Api.v1Pod(client).within(ns).exec("target", ["true"]),
          (e: unknown) => {
            assert.ok(e instanceof ApiError, String(e));
            assert.equal(e.code, 403);
            assert.equal(e.reason, "Forbidden");
            assert.match(e.message, /pods\/exec/);
            return true;
          },
        );
      } finally {
        await own.delete(name, { gracePeriodSeconds: 0 }).catch(() => {});
      }
    });
  },
});
