/**
 * kubeconfigs read as kubectl reads them (YAML 1.1 through go-yaml v2):
 * merge keys, and which spellings are booleans, numbers or strings, with
 * Debian's kubectl as the oracle.
 *
 * @module
 */

import assert from "node:assert/strict";
import { ConfigError } from "../../../src/errors.ts";
import { loadConfig } from "../../../src/config/mod.ts";
import { parseYaml, parseYamlDocuments } from "../../../src/config/yaml.ts";
import { inTempDir } from "../../support/temp.ts";
import { inBatches, kubectlView } from "./_kubectl.ts";

const HEAD = "apiVersion: v1\nkind: Config\ncurrent-context: c\n";

Deno.test("kubeconfig: merge keys (<<) resolve as kubectl resolves them: a merge overrides earlier keys, later keys override it, and the first mapping of a merged list wins", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/config`;
    await Deno.writeTextFile(
      file,
      `${HEAD}defaults:
  cluster: &cluster
    server: https://base.example:6443
    insecure-skip-tls-verify: no
  a: &a {namespace: from-a, user: ua}
  b: &b {namespace: from-b, cluster: kb, user: ub}
  m: &m {namespace: merged, cluster: k}
clusters:
- name: k
  cluster:
    <<: *cluster
    server: https://k.example:6443
- name: kb
  cluster: *cluster
contexts:
- name: c
  context:
    user: explicit
    <<: [*a, *b]
- name: later-key-wins
  context:
    <<: *m
    namespace: explicit
    user: explicit
users:
- name: explicit
  user: {token: explicit-token}
- name: ua
  user:
    <<: {token: ua-token}
- name: ub
  user: {token: ub-token}
`,
    );
    for (const context of ["c", "later-key-wins"]) {
      const byKubectl = await kubectlView([file], { home: dir, context });
      assert.ok(byKubectl.ok, byKubectl.stderr);
      const view = byKubectl.view;
      const config = await loadConfig({ kubeconfig: file, context });
      assert.deepEqual(
        {
          cluster: config.cluster,
          user: config.user,
          namespace: config.namespace,
          server: config.server,
          authorization: (await config.credentials.get()).authorization,
        },
        {
          cluster: view.contexts[0].context.cluster,
          user: view.contexts[0].context.user,
          namespace: view.contexts[0].context.namespace,
          server: view.clusters[0].cluster.server,
          authorization: `Bearer ${view.users[0].user.token}`,
        },
        context,
      );
    }
    // What kubectl said, so that the comparison is known to cover the rules.
    const c = await loadConfig({ kubeconfig: file, context: "c" });
    assert.deepEqual([c.cluster, c.user, c.namespace], ["kb", "ua", "from-a"]);
    assert.equal(c.server, "https://base.example:6443");
  });
});

Deno.test("kubeconfig: a key given twice in a mapping keeps its last value, as kubectl keeps it (YAML 1.2 parsers refuse it)", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/config`;
    await Deno.writeTextFile(
      file,
      `${HEAD}clusters:
- name: k
  cluster:
    server: https://first.example:6443
    server: https://last.example:6443
contexts:
- name: c
  context: {cluster: k, namespace: first, namespace: last}
`,
    );
    const byKubectl = await kubectlView([file], { home: dir });
    assert.ok(byKubectl.ok, byKubectl.stderr);
    const config = await loadConfig({ kubeconfig: file });
    assert.deepEqual([config.server, config.namespace], [
      byKubectl.view.clusters[0].cluster.server,
      byKubectl.view.contexts[0].context.namespace,
    ]);
    assert.equal(config.server, "https://last.example:6443");
  });
});

/** The spellings of a scalar whose type YAML 1.1 and 1.2 (or go-yaml and the spec) disagree on. */
const SPELLINGS = [
  "yes",
  "no",
  "on",
  "off",
  "y",
  "n",
  "Y",
  "N",
  "Yes",
  "NO",
  "True",
  "FALSE",
  "~",
  "null",
  "NULL",
  "''",
  "0777",
  "08",
  "0o17",
  "0x1F",
  "0b101",
  "-0b11",
  "+12",
  "1_000",
  "_1",
  "1:20",
  "2001-12-14",
  "2001-12-14T21:59:43Z",
  ".5",
  "1e3",
  "1e400",
  "1.",
  ".inf",
  "-.Inf",
  ".nan",
  "12345678901234567890",
  "'yes'",
  '"on"',
  "!!str yes",
  "!!str 0777",
  "=",
  "<<",
  "yes please",
  "0x",
  "1.2.3",
  "|-\n      yes",
];

Deno.test("kubeconfig: every spelling of yes/no/on/off, null, octal, hex, binary, underscores, sexagesimal, timestamps and floats in a string field is read as kubectl reads it", async () => {
  await inTempDir(async (dir) => {
    const results = await inBatches(SPELLINGS, 4, async (spelling) => {
      const sub = `${dir}/${SPELLINGS.indexOf(spelling)}`;
      await Deno.mkdir(sub);
      const file = `${sub}/config`;
      await Deno.writeTextFile(
        file,
        `${HEAD}clusters:
- name: k
  cluster:
    server: https://k.example:6443
contexts:
- name: c
  context:
    cluster: k
    namespace: ${spelling}
`,
      );
      const byKubectl = await kubectlView([file], { home: sub });
      const kubectl = byKubectl.ok
        ? `namespace ${byKubectl.view.contexts[0].context.namespace || "default"}`
        : "refused";
      const kube = await loadConfig({ kubeconfig: file }).then(
        (config) => `namespace ${config.namespace}`,
        (e) => {
          assert.ok(e instanceof ConfigError, String(e));
          assert.ok(e.message.includes(file), e.message);
          return "refused";
        },
      );
      return { spelling, kubectl, kube };
    });
    const by = (who: "kubectl" | "kube") =>
      Object.fromEntries(results.map((r) => [r.spelling, r[who]]));
    assert.deepEqual(by("kube"), by("kubectl"));
    // The oracle refused some spellings and kept others as text.
    assert.equal(by("kubectl").yes, "refused");
    assert.equal(by("kubectl")["1:20"], "namespace 1:20");
  });
});

Deno.test('kubeconfig: a boolean field takes yes, on and y as true and refuses a quoted "true" or a number, as kubectl does', async () => {
  await inTempDir(async (dir) => {
    const values = ["yes", "on", "y", "true", "no", "off", "n", "~", '"true"', "1", "'no'"];
    const results = await inBatches(values, 4, async (value) => {
      const sub = `${dir}/${values.indexOf(value)}`;
      await Deno.mkdir(sub);
      const file = `${sub}/config`;
      await Deno.writeTextFile(
        file,
        `${HEAD}clusters:
- name: k
  cluster:
    server: https://k.example:6443
    insecure-skip-tls-verify: ${value}
contexts:
- name: c
  context:
    cluster: k
`,
      );
      const byKubectl = await kubectlView([file], { home: sub });
      const kubectl = byKubectl.ok
        ? `skip ${byKubectl.view.clusters[0].cluster["insecure-skip-tls-verify"] === true}`
        : "refused";
      const kube = await loadConfig({ kubeconfig: file }).then(
        () => "skip false",
        (e) => {
          assert.ok(e instanceof ConfigError, String(e));
          return /sets insecure-skip-tls-verify/.test(e.message) ? "skip true" : "refused";
        },
      );
      return { value, kubectl, kube };
    });
    const by = (who: "kubectl" | "kube") =>
      Object.fromEntries(results.map((r) => [r.value, r[who]]));
    assert.deepEqual(by("kube"), by("kubectl"));
    assert.equal(by("kubectl").on, "skip true");
    assert.equal(by("kubectl")['"true"'], "refused");
  });
});

Deno.test("parseYaml: the default schema is still YAML 1.2's core, for manifests: yes is a string and << an ordinary key", () => {
  assert.deepEqual(parseYaml("a: yes\nb: 0777\n<<: {c: 1}\n", "inline"), {
    a: "yes",
    b: 777,
    "<<": { c: 1 },
  });
  assert.deepEqual(
    parseYamlDocuments("a: yes\n---\n<<: {c: 1}\nd: on\n", "inline", { schema: "kubectl" }),
    [{ a: true }, { c: 1, d: true }],
  );
});

Deno.test("parseYaml: kubectl's schema refuses an alias to the node that holds it, and keeps a __proto__ key as a key", () => {
  assert.throws(
    () => parseYaml("a: &x\n  b: *x\n", "loop.yaml", { schema: "kubectl" }),
    (e: unknown) => e instanceof ConfigError && /loop\.yaml: not valid YAML/.test(e.message),
  );
  const value = parseYaml("__proto__: {polluted: yes}\n", "inline", { schema: "kubectl" });
  assert.deepEqual(Object.keys(value as object), ["__proto__"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
