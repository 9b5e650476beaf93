import assert from "node:assert/strict";
import { Api } from "../../mod.ts";
import {
  deployment,
  eventually,
  exampleYaml,
  type Foo,
  fooApi,
  pod,
  startExample,
  withNamespace,
} from "./_cluster.ts";

/**
 * Runs an example until its output has every line matching `expect` (after
 * `act` ran), then stops it with SIGINT as a user would with Ctrl-C.
 */
async function runExample(
  name: string,
  args: string[],
  expect: RegExp[],
  act: (output: () => string) => Promise<void> = async () => {},
): Promise<string> {
  const child = await startExample(name, args);
  const output = () => child.output();
  try {
    await eventually(`${name} to start`, () => output().includes("on https://"), 60_000);
    await act(output);
    await eventually(
      `${name} to print ${expect.join(", ")}`,
      () => expect.every((re) => re.test(output())),
      60_000,
    ).catch((e) => {
      throw new Error(`${e.message}; it printed:\n${output()}`);
    });
  } finally {
    child.kill("SIGINT");
  }
  const code = await child.status;
  assert.equal(code, 0, `${name} ended with ${code} after SIGINT:\n${output()}`);
  return output();
}

/**
 * An informer reports only what happens after its first list, which the test
 * cannot see from outside: make changes until one is reported.
 */
async function untilReported(
  output: () => string,
  change: (attempt: number) => Promise<RegExp>,
): Promise<void> {
  let attempt = 0;
  await eventually("a change the example reports", async () => {
    const expected = await change(++attempt);
    const end = Date.now() + 5_000;
    while (Date.now() < end) {
      if (expected.test(output())) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }, 60_000);
}

Deno.test("e2e examples: pod_informer prints the events of pods in a namespace", async () => {
  await withNamespace(async (ns, client) => {
    const pods = Api.v1Pod(client).within(ns);
    await runExample(
      "pod_informer.ts",
      [ns],
      [/ADDED pod ex-\d+/, /DELETED pod ex-\d+/],
      async (output) => {
        let name = "";
        await untilReported(output, async (attempt) => {
          name = `ex-${attempt}`;
          await pods.create(pod(name));
          return new RegExp(`ADDED pod ${name}`);
        });
        await pods.delete(name, { gracePeriodSeconds: 0 });
      },
    );
  });
});

Deno.test("e2e examples: node_informer reports a broken node and the pods on it", async () => {
  await withNamespace(async (_ns, client) => {
    const nodes = Api.v1Node(client);
    const name = `kube-e2e-broken-${crypto.randomUUID().slice(0, 6)}`;
    await nodes.create({ metadata: { name } });
    try {
      await runExample("node_informer.ts", [], [
        new RegExp(`node ${name} is broken \\(Ready=False, MemoryPressure\\); pods on it: none`),
      ], async (output) => {
        await untilReported(output, async (attempt) => {
          await nodes.patchStatus(name, {
            type: "merge",
            body: {
              status: {
                conditions: [
                  {
                    type: "Ready",
                    status: "False",
                    reason: "KubeE2E",
                    message: `attempt ${attempt}`,
                  },
                  {
                    type: "MemoryPressure",
                    status: "True",
                    reason: "KubeE2E",
                    message: `attempt ${attempt}`,
                  },
                ],
              },
            },
          });
          return new RegExp(`node ${name} is broken`);
        });
      });
    } finally {
      await nodes.delete(name).catch(() => {});
    }
  });
});

Deno.test("e2e examples: pod_reflector prints the cache after each poll", async () => {
  await withNamespace(async (ns, client) => {
    await Api.v1Pod(client).within(ns).create(pod("mirrored"));
    await runExample("pod_reflector.ts", [ns], [/1 pods at resourceVersion \d+: mirrored=/]);
  });
});

Deno.test("e2e examples: node_reflector prints the nodes with their Ready condition", async () => {
  await runExample("node_reflector.ts", [], [/ADDED node \S+: Ready=/]);
});

Deno.test("e2e examples: deployment_reflector prints a deployment's rollout", async () => {
  await withNamespace(async (ns, client) => {
    await runExample(
      "deployment_reflector.ts",
      [ns],
      [/deployment web: \d+\/2 ready/],
      async () => {
        await Api.v1Deployment(client).within(ns).create(deployment("web", 2));
      },
    );
  });
});

Deno.test("e2e examples: crd_reflector prints the Foo from crd-baz.yaml once foo.yaml is applied", async () => {
  await withNamespace(async (ns, client) => {
    const foos = await fooApi(client, ns);
    const [baz] = await exampleYaml<Foo>("crd-baz.yaml");
    await foos.create(baz);
    await runExample("crd_reflector.ts", [ns], [new RegExp(`ADDED foo ${ns}/baz: name=baz`)]);
  });
});
