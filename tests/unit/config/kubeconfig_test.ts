/**
 * Configuration: kubeconfig merging checked against kubectl, credentials,
 * every bad input's error message, secrets kept out of sight, in-cluster.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type ClientConfig, ConfigError, loadConfig, loadInClusterConfig } from "../../../mod.ts";
import { inTempDir, withEnv } from "../../support/temp.ts";

/** Writes `text` to `dir/name`, making parent directories; returns the path. */
async function write(dir: string, name: string, text: string): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, text);
  return path;
}

/** Loads configuration the way a user would: from `KUBECONFIG`. */
function loadFrom(
  files: string[],
  options: Parameters<typeof loadConfig>[0] = {},
): Promise<ClientConfig> {
  return withEnv(
    { KUBECONFIG: files.join(":"), KUBERNETES_SERVICE_HOST: undefined },
    () => loadConfig(options),
  );
}

/** The ConfigError that loading these files throws. */
async function loadError(
  files: string[],
  options: Parameters<typeof loadConfig>[0] = {},
): Promise<ConfigError> {
  try {
    await loadFrom(files, options);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
    return e;
  }
  assert.fail("loadConfig resolved, but it should have thrown a ConfigError");
}

interface KubectlResult {
  ok: boolean;
  stderr: string;
  // deno-lint-ignore no-explicit-any
  view: any;
}

/** `kubectl config view --raw --minify -o json` (or `--flatten`) for these files. */
async function kubectl(
  files: string[],
  options: { context?: string; flatten?: boolean; home: string },
): Promise<KubectlResult> {
  const args = [
    "config",
    "view",
    options.flatten ? "--flatten" : "--raw",
    "--minify",
    "-o",
    "json",
  ];
  if (options.context) args.push("--context", options.context);
  const out = await new Deno.Command("kubectl", {
    args,
    cwd: options.home,
    env: { KUBECONFIG: files.join(":"), HOME: options.home },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  return {
    ok: out.success,
    stderr: new TextDecoder().decode(out.stderr),
    view: out.success ? JSON.parse(stdout) : undefined,
  };
}

interface Resolved {
  context: string;
  cluster: string;
  user: string;
  server: string;
  namespace: string;
}

/** What a minified `kubectl config view` says the context resolves to. */
// deno-lint-ignore no-explicit-any
function resolvedByKubectl(view: any): Resolved {
  const context = view.contexts[0].context;
  return {
    context: view["current-context"],
    cluster: context.cluster,
    user: context.user ?? "",
    server: view.clusters[0].cluster.server,
    namespace: context.namespace || "default",
  };
}

function resolvedBy(config: ClientConfig): Resolved {
  const { context, cluster, user, server, namespace } = config;
  return { context, cluster, user, server, namespace };
}

/**
 * Asserts that loadConfig and kubectl resolve the same context from the same
 * KUBECONFIG; returns both for further checks.
 */
async function assertAgreesWithKubectl(
  dir: string,
  files: string[],
  context?: string,
): Promise<{ config: ClientConfig; kubectl: KubectlResult }> {
  const byKubectl = await kubectl(files, { context, home: dir });
  assert.ok(byKubectl.ok, `kubectl failed: ${byKubectl.stderr}`);
  const config = await loadFrom(files, { context });
  assert.deepEqual(resolvedBy(config), resolvedByKubectl(byKubectl.view));
  return { config, kubectl: byKubectl };
}

function decode64(data: string): string {
  return new TextDecoder().decode(
    Uint8Array.from(atob(data), (c) => c.charCodeAt(0)),
  );
}

function pemOf(label: string, body: string): string {
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

// --- kubectl as the oracle --------------------------------------------------

Deno.test("loadConfig: first file to define a context, cluster or user wins when KUBECONFIG lists several", async () => {
  await inTempDir(async (dir) => {
    const first = await write(
      dir,
      "first/config",
      `apiVersion: v1
kind: Config
clusters:
- name: shared
  cluster:
    server: https://first.example:6443
users:
- name: shared
  user:
    token: token-from-first
contexts:
- name: shared
  context:
    cluster: shared
    user: shared
`,
    );
    const second = await write(
      dir,
      "second/config",
      `apiVersion: v1
kind: Config
current-context: shared
clusters:
- name: shared
  cluster:
    server: https://second.example:6443
- name: only-second
  cluster:
    server: https://only-second.example:6443
users:
- name: shared
  user:
    token: token-from-second
contexts:
- name: shared
  context:
    cluster: only-second
    user: shared
    namespace: from-second
`,
    );
    const { config, kubectl } = await assertAgreesWithKubectl(dir, [
      first,
      second,
    ]);
    assert.equal(config.context, "shared");
    assert.equal(config.server, "https://first.example:6443");
    assert.equal(config.namespace, "default");
    assert.equal(kubectl.view.users[0].user.token, "token-from-first");
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer token-from-first",
    );
  });
});

Deno.test("loadConfig: current-context comes from the first file that sets it", async () => {
  await inTempDir(async (dir) => {
    const clusters = `clusters:
- name: c
  cluster:
    server: https://c.example:6443
contexts:
- name: one
  context:
    cluster: c
    namespace: ns-one
- name: two
  context:
    cluster: c
    namespace: ns-two
`;
    const unset = await write(
      dir,
      "unset",
      `apiVersion: v1\nkind: Config\ncurrent-context: ""\n`,
    );
    const first = await write(
      dir,
      "first",
      `apiVersion: v1\nkind: Config\ncurrent-context: two\n${clusters}`,
    );
    const second = await write(
      dir,
      "second",
      `apiVersion: v1\nkind: Config\ncurrent-context: one\n`,
    );
    const { config } = await assertAgreesWithKubectl(dir, [
      unset,
      first,
      second,
    ]);
    assert.equal(config.context, "two");
    assert.equal(config.namespace, "ns-two");
  });
});

Deno.test("loadConfig: the context's namespace is the default namespace, and 'default' when it names none", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: scoped
clusters:
- name: c
  cluster:
    server: https://c.example:6443
contexts:
- name: scoped
  context:
    cluster: c
    namespace: team-a
- name: unscoped
  context:
    cluster: c
`,
    );
    const scoped = await assertAgreesWithKubectl(dir, [file]);
    assert.equal(scoped.config.namespace, "team-a");
    const unscoped = await assertAgreesWithKubectl(dir, [file], "unscoped");
    assert.equal(unscoped.config.namespace, "default");
  });
});

Deno.test("loadConfig: the context option picks a context other than current-context", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster:
    server: https://prod.example:6443
- name: staging
  cluster:
    server: https://staging.example:8443
users:
- name: prod-admin
  user:
    token: prod-token
- name: staging-dev
  user:
    token: staging-token
contexts:
- name: prod
  context:
    cluster: prod
    user: prod-admin
- name: staging
  context:
    cluster: staging
    user: staging-dev
    namespace: dev
`,
    );
    const { config } = await assertAgreesWithKubectl(dir, [file], "staging");
    assert.deepEqual(resolvedBy(config), {
      context: "staging",
      cluster: "staging",
      user: "staging-dev",
      server: "https://staging.example:8443",
      namespace: "dev",
    });
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer staging-token",
    );
  });
});

Deno.test("loadConfig: relative certificate, key and CA paths resolve against the file that holds them, as kubectl --flatten reads them", async () => {
  await inTempDir(async (dir) => {
    await write(dir, "clusters/ca.pem", pemOf("CERTIFICATE", "CA-OF-CLUSTERS"));
    await write(
      dir,
      "users/certs/client.crt",
      pemOf("CERTIFICATE", "CLIENT-CERT"),
    );
    await write(
      dir,
      "users/certs/client.key",
      pemOf("PRIVATE KEY", "CLIENT-KEY"),
    );
    const clusters = await write(
      dir,
      "clusters/config",
      `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev
  cluster:
    server: https://dev.example:6443
    certificate-authority: ca.pem
contexts:
- name: dev
  context:
    cluster: dev
    user: dev
`,
    );
    const users = await write(
      dir,
      "users/config",
      `apiVersion: v1
kind: Config
users:
- name: dev
  user:
    client-certificate: certs/client.crt
    client-key: ./certs/client.key
`,
    );
    const files = [clusters, users];
    const { config } = await assertAgreesWithKubectl(dir, files);
    const flat = await kubectl(files, { flatten: true, home: dir });
    assert.ok(flat.ok, flat.stderr);
    const cluster = flat.view.clusters[0].cluster;
    const user = flat.view.users[0].user;
    assert.deepEqual(config.caCerts, [
      decode64(cluster["certificate-authority-data"]),
    ]);
    assert.deepEqual(config.credentials.staticCertificate, {
      cert: decode64(user["client-certificate-data"]),
      key: decode64(user["client-key-data"]),
    });
    const material = await config.credentials.get();
    assert.equal(material.cert, pemOf("CERTIFICATE", "CLIENT-CERT"));
    assert.equal(material.key, pemOf("PRIVATE KEY", "CLIENT-KEY"));
    assert.equal(material.authorization, undefined);
  });
});

Deno.test("loadConfig: files in KUBECONFIG that do not exist, and empty entries, are skipped", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: c
  cluster:
    server: http://127.0.0.1:8080
contexts:
- name: c
  context:
    cluster: c
`,
    );
    const { config } = await assertAgreesWithKubectl(dir, [
      `${dir}/missing`,
      "",
      file,
    ]);
    assert.equal(config.server, "http://127.0.0.1:8080");
    assert.equal(config.user, "");
    assert.deepEqual(config.credentials.kinds, []);
  });
});

Deno.test("loadConfig: without a current-context both kubectl and loadConfig refuse, and the error names the file", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: https://c.example:6443
contexts:
- name: c
  context:
    cluster: c
`,
    );
    const byKubectl = await kubectl([file], { home: dir });
    assert.equal(byKubectl.ok, false);
    assert.match(byKubectl.stderr, /current-context/);
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /current-context/);
  });
});

Deno.test("loadConfig: an unknown context is an error naming the context and the files, as in kubectl", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: c
  cluster:
    server: https://c.example:6443
contexts:
- name: c
  context:
    cluster: c
`,
    );
    const byKubectl = await kubectl([file], { context: "nope", home: dir });
    assert.equal(byKubectl.ok, false);
    assert.match(byKubectl.stderr, /context nope/);
    const error = await loadError([file], { context: "nope" });
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /context "nope" is not defined/);
  });
});

Deno.test("loadConfig: a name defined twice in one file is an error naming the file and the name, as in kubectl", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: twice
  cluster:
    server: https://first.example:6443
- name: twice
  cluster:
    server: https://second.example:6443
contexts:
- name: c
  context:
    cluster: twice
`,
    );
    const byKubectl = await kubectl([file], { home: dir });
    assert.equal(byKubectl.ok, false);
    assert.match(byKubectl.stderr, /duplicate name "twice"/);
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /"twice"/);
  });
});

// --- credentials --------------------------------------------------------------

const clusterAndContext = `current-context: c
clusters:
- name: c
  cluster:
    server: https://c.example:6443
contexts:
- name: c
  context:
    cluster: c
    user: u
`;

Deno.test("loadConfig: client-certificate-data and client-key-data give the client certificate", async () => {
  await inTempDir(async (dir) => {
    const cert = pemOf("CERTIFICATE", "INLINE-CERT");
    const key = pemOf("EC PRIVATE KEY", "INLINE-KEY");
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
${clusterAndContext}users:
- name: u
  user:
    client-certificate-data: ${btoa(cert)}
    client-key-data: ${btoa(key)}
`,
    );
    const config = await loadFrom([file]);
    assert.deepEqual(config.credentials.staticCertificate, { cert, key });
    assert.deepEqual(await config.credentials.get(), { cert, key });
    assert.deepEqual(config.credentials.kinds, ["clientCertificate"]);
  });
});

Deno.test("loadConfig: a user's token is sent as a Bearer token", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
${clusterAndContext}users:
- name: u
  user:
    token: abc.def.ghi
`,
    );
    const config = await loadFrom([file]);
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer abc.def.ghi",
    );
  });
});

Deno.test("loadConfig: a relative tokenFile is read from the kubeconfig's directory, and a rewritten file gives the new token", async () => {
  await inTempDir(async (dir) => {
    const tokenPath = await write(dir, "kube/secrets/token", "first-token\n");
    const file = await write(
      dir,
      "kube/config",
      `apiVersion: v1
kind: Config
${clusterAndContext}users:
- name: u
  user:
    tokenFile: secrets/token
`,
    );
    const config = await loadFrom([file]);
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer first-token",
    );
    const before = (await Deno.stat(tokenPath)).mtime!;
    await Deno.writeTextFile(tokenPath, "second-token\n");
    // A rotation happens long after the last read; Deno reports mtime in
    // milliseconds, so make the new file's mtime visibly later.
    const later = new Date(before.getTime() + 2_000);
    await Deno.utime(tokenPath, later, later);
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer second-token",
    );
  });
});

Deno.test("loadConfig: with both token and tokenFile the file's token is sent, and re-read as it rotates, as in client-go", async () => {
  await inTempDir(async (dir) => {
    const tokenPath = await write(dir, "token", "file-token-1\n");
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
${clusterAndContext}users:
- name: u
  user:
    token: inline-token
    tokenFile: token
`,
    );
    const config = await loadFrom([file]);
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer file-token-1",
    );
    await rotate(tokenPath, "file-token-2\n");
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer file-token-2",
    );
  });
});

Deno.test("loadConfig: username and password give a Basic Authorization header", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
${clusterAndContext}users:
- name: u
  user:
    username: admin
    password: "p@ss:word"
`,
    );
    const config = await loadFrom([file]);
    assert.equal(
      (await config.credentials.get()).authorization,
      `Basic ${btoa("admin:p@ss:word")}`,
    );
  });
});

// --- bad input ------------------------------------------------------------------

Deno.test("loadConfig: YAML that cannot be parsed is a ConfigError naming the file and the parser's line", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n\tcluster: {}\n",
    );
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /not valid YAML/);
    assert.match(error.message, /line 5/);
  });
});

Deno.test("loadConfig: a context naming a missing cluster is a ConfigError naming the file, context and cluster", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: c
contexts:
- name: c
  context:
    cluster: gone
`,
    );
    const byKubectl = await kubectl([file], { home: dir });
    assert.equal(byKubectl.ok, false);
    assert.match(byKubectl.stderr, /cluster gone/);
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /context "c"/);
    assert.match(error.message, /cluster "gone", which is not defined/);
  });
});

Deno.test("loadConfig: a context naming a missing user is a ConfigError naming the file, context and user", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
${clusterAndContext}users:
- name: someone-else
  user:
    token: t
`,
    );
    const byKubectl = await kubectl([file], { home: dir });
    assert.equal(byKubectl.ok, false);
    assert.match(byKubectl.stderr, /user u/);
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /context "c"/);
    assert.match(error.message, /user "u", which is not defined/);
  });
});

Deno.test("loadConfig: a missing certificate file is a ConfigError naming the kubeconfig, the user and the resolved path", async () => {
  await inTempDir(async (dir) => {
    await write(dir, "kube/client.key", pemOf("PRIVATE KEY", "K"));
    const file = await write(
      dir,
      "kube/config",
      `apiVersion: v1
kind: Config
${clusterAndContext}users:
- name: u
  user:
    client-certificate: client.crt
    client-key: client.key
`,
    );
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /user "u"/);
    assert.ok(
      error.message.includes(`${dir}/kube/client.crt`),
      error.message,
    );
  });
});

Deno.test("loadConfig: insecure-skip-tls-verify is refused with advice to use --unsafely-ignore-certificate-errors, unless allowed", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: lab
  cluster:
    server: https://lab.example:6443
    insecure-skip-tls-verify: true
contexts:
- name: c
  context:
    cluster: lab
`,
    );
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /cluster "lab"/);
    assert.match(error.message, /insecure-skip-tls-verify/);
    assert.match(
      error.message,
      /--unsafely-ignore-certificate-errors=lab\.example/,
    );
    const config = await loadFrom([file], { allowInsecureSkipTlsVerify: true });
    assert.equal(config.server, "https://lab.example:6443");
  });
});

Deno.test("loadConfig: tls-server-name is kept beside the server, whose URL is unchanged", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: lab
  cluster:
    server: https://10.0.0.1:6443
    tls-server-name: api.lab.example
contexts:
- name: c
  context:
    cluster: lab
`,
    );
    const config = await loadFrom([file]);
    assert.equal(config.server, "https://10.0.0.1:6443");
    assert.equal(config.tlsServerName, "api.lab.example");
  });
});

Deno.test("loadConfig: an auth-provider user is refused with advice to use an exec plugin", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
${clusterAndContext}users:
- name: u
  user:
    auth-provider:
      name: gcp
      config:
        access-token: ya29.secret
`,
    );
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /auth-provider "gcp"/);
    assert.match(error.message, /use an exec plugin/);
    assert.match(error.message, /gke-gcloud-auth-plugin/);
    assert.ok(!error.message.includes("ya29.secret"));
  });
});

Deno.test("loadConfig: with no kubeconfig and no cluster, the error lists every place it looked", async () => {
  await inTempDir(async (dir) => {
    const missing = `${dir}/no-such-config`;
    const home = `${dir}/home`;
    await Deno.mkdir(home);
    const viaKubeconfig = await withEnv(
      { KUBECONFIG: missing, HOME: home, KUBERNETES_SERVICE_HOST: undefined },
      () => loadConfig().then(() => undefined, (e) => e),
    );
    assert.ok(viaKubeconfig instanceof ConfigError, String(viaKubeconfig));
    assert.ok(viaKubeconfig.message.includes(missing), viaKubeconfig.message);
    assert.match(viaKubeconfig.message, /KUBERNETES_SERVICE_HOST/);

    const viaHome = await withEnv(
      { KUBECONFIG: undefined, HOME: home, KUBERNETES_SERVICE_HOST: undefined },
      () => loadConfig().then(() => undefined, (e) => e),
    );
    assert.ok(viaHome instanceof ConfigError, String(viaHome));
    assert.ok(
      viaHome.message.includes(`${home}/.kube/config`),
      viaHome.message,
    );
    assert.match(viaHome.message, /KUBERNETES_SERVICE_HOST/);
  });
});

Deno.test("loadConfig: ~/.kube/config is read when KUBECONFIG is not set", async () => {
  await inTempDir(async (dir) => {
    await write(
      dir,
      ".kube/config",
      `apiVersion: v1
kind: Config
current-context: home
clusters:
- name: home
  cluster:
    server: https://home.example:6443
contexts:
- name: home
  context:
    cluster: home
`,
    );
    const config = await withEnv(
      { KUBECONFIG: undefined, HOME: dir, KUBERNETES_SERVICE_HOST: undefined },
      () => loadConfig(),
    );
    assert.equal(config.context, "home");
    assert.equal(config.server, "https://home.example:6443");
  });
});

// --- secrets ----------------------------------------------------------------------

Deno.test("loadConfig: printing, inspecting or serialising a config never shows the token, password or key", async () => {
  await inTempDir(async (dir) => {
    const token = "tok-5ecret-9f8e7d";
    const password = "pw-5ecret-1a2b3c";
    const keyBody = "KEY-5ECRET-MATERIAL";
    const key = pemOf("PRIVATE KEY", keyBody);
    // kubectl refuses a token with basic auth, so the password is another user's.
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
${clusterAndContext}- name: basic
  context:
    cluster: c
    user: basic
users:
- name: u
  user:
    token: ${token}
    client-certificate-data: ${btoa(pemOf("CERTIFICATE", "C"))}
    client-key-data: ${btoa(key)}
- name: basic
  user:
    username: admin
    password: ${password}
`,
    );
    const shown = [];
    for (const context of ["c", "basic"]) {
      const config = await loadFrom([file], { context });
      shown.push(
        String(config.credentials),
        `${config.credentials}`,
        Deno.inspect(config, { depth: Infinity }),
        Deno.inspect(config.credentials, { depth: Infinity, showHidden: true }),
        JSON.stringify(config),
      );
    }
    for (const text of shown) {
      for (const secret of [token, password, keyBody, btoa(key)]) {
        assert.ok(!text.includes(secret), `${secret} leaked in: ${text}`);
      }
    }
    assert.match(shown[0], /token/);
    assert.match(shown[5], /basic/);
  });
});

// --- in-cluster -------------------------------------------------------------------

async function serviceAccountDir(
  dir: string,
  files: { token: string; ca: string; namespace?: string },
): Promise<string> {
  const sa = `${dir}/serviceaccount`;
  await write(sa, "token", files.token);
  await write(sa, "ca.crt", files.ca);
  if (files.namespace !== undefined) {
    await write(sa, "namespace", files.namespace);
  }
  return sa;
}

async function rotate(path: string, text: string): Promise<void> {
  const before = (await Deno.stat(path)).mtime!;
  await Deno.writeTextFile(path, text);
  const later = new Date(before.getTime() + 2_000);
  await Deno.utime(path, later, later);
}

Deno.test("loadInClusterConfig: server from KUBERNETES_SERVICE_HOST/PORT, namespace, CA and a rotating token from the service account", async () => {
  await inTempDir(async (dir) => {
    const ca = pemOf("CERTIFICATE", "CLUSTER-CA");
    const sa = await serviceAccountDir(dir, {
      token: "sa-token-1",
      ca,
      namespace: "payments\n",
    });
    const config = await withEnv(
      { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443" },
      () => loadInClusterConfig(sa),
    );
    assert.equal(config.server, "https://10.96.0.1:443");
    assert.equal(config.namespace, "payments");
    assert.deepEqual(config.caCerts, [ca]);
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer sa-token-1",
    );
    await rotate(`${sa}/token`, "sa-token-2");
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer sa-token-2",
    );
  });
});

Deno.test("loadInClusterConfig: an IPv6 service host is bracketed, and a missing namespace file means 'default'", async () => {
  await inTempDir(async (dir) => {
    const sa = await serviceAccountDir(dir, { token: "t", ca: "CA" });
    const config = await withEnv(
      { KUBERNETES_SERVICE_HOST: "fd00::1", KUBERNETES_SERVICE_PORT: "6443" },
      () => loadInClusterConfig(sa),
    );
    assert.equal(config.server, "https://[fd00::1]:6443");
    assert.equal(config.namespace, "default");
  });
});

Deno.test("loadInClusterConfig: a missing service account token is a ConfigError naming the file", async () => {
  await inTempDir(async (dir) => {
    const error = await withEnv(
      { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443" },
      () => loadInClusterConfig(dir).then(() => undefined, (e) => e),
    );
    assert.ok(error instanceof ConfigError, String(error));
    assert.ok(error.message.includes(`${dir}/token`), error.message);
  });
});

Deno.test("loadConfig: with no kubeconfig but KUBERNETES_SERVICE_HOST set, the service account is used", async () => {
  await inTempDir(async (dir) => {
    const ca = pemOf("CERTIFICATE", "CLUSTER-CA");
    const sa = await serviceAccountDir(dir, {
      token: "in-pod-1",
      ca,
      namespace: "jobs",
    });
    const home = `${dir}/home`;
    await Deno.mkdir(home);
    const config = await withEnv(
      {
        KUBECONFIG: `${dir}/missing`,
        HOME: home,
        KUBERNETES_SERVICE_HOST: "10.0.0.10",
        KUBERNETES_SERVICE_PORT: "8443",
      },
      () => loadConfig({ serviceAccountDir: sa }),
    );
    assert.equal(config.source, "in-cluster");
    assert.equal(config.server, "https://10.0.0.10:8443");
    assert.equal(config.namespace, "jobs");
    assert.deepEqual(config.caCerts, [ca]);
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer in-pod-1",
    );
    await rotate(`${sa}/token`, "in-pod-2\n");
    assert.equal(
      (await config.credentials.get()).authorization,
      "Bearer in-pod-2",
    );
  });
});

Deno.test("loadConfig: a field that is not a string is a ConfigError naming the file and field, as kubectl refuses it", async () => {
  await inTempDir(async (dir) => {
    const file = await write(
      dir,
      "config",
      `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster:
    server: https://127.0.0.1:6443
contexts:
- name: c
  context:
    cluster: k
    user: u
users:
- name: u
  user:
    username: admin
    password: 123456
`,
    );
    const byKubectl = await kubectl([file], { home: dir });
    assert.equal(byKubectl.ok, false);
    const error = await loadError([file]);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /"u": password must be a string/);
    assert.ok(!error.message.includes("123456"), "the value is not quoted");
  });
});
