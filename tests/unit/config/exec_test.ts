/**
 * Exec credential plugins, played by small bash scripts: what they are given,
 * what they print, how long their credential is kept, and how they fail.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  ApiError,
  Client,
  ConfigError,
  Credentials,
  ExecPlugin,
  loadConfig,
} from "../../../mod.ts";
import { inTempDir } from "../../support/temp.ts";
import { makeTestTls } from "../../support/tls.ts";

const V1 = "client.authentication.k8s.io/v1";
const V1BETA1 = "client.authentication.k8s.io/v1beta1";

/** Writes an executable bash script at `dir/name`; returns its path. */
async function script(
  dir: string,
  name: string,
  body: string,
): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, `#!/bin/bash\nset -eu\n${body}\n`);
  await Deno.chmod(path, 0o755);
  return path;
}

/** Bash that counts the script's runs in `file` and leaves the count in `$n`. */
function countRuns(file: string): string {
  return `n=$(( $(cat '${file}' 2>/dev/null || echo 0) + 1 ))\necho "$n" > '${file}'`;
}

/** Bash that prints an ExecCredential whose status is the given JSON text. */
function printCredential(apiVersion: string, status: string): string {
  return `cat <<EOF
{"apiVersion":"${apiVersion}","kind":"ExecCredential","status":${status}}
EOF`;
}

async function runs(file: string): Promise<number> {
  try {
    return Number((await Deno.readTextFile(file)).trim());
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return 0;
    throw e;
  }
}

/** A kubeconfig whose one user authenticates with the given exec section. */
async function kubeconfigWithExec(
  dir: string,
  exec: string,
  options: { server?: string; clusterExtra?: string } = {},
): Promise<string> {
  const path = `${dir}/kubeconfig`;
  await Deno.writeTextFile(
    path,
    `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: c
  cluster:
    server: ${options.server ?? "https://c.example:6443"}
${options.clusterExtra ?? ""}contexts:
- name: c
  context:
    cluster: c
    user: u
users:
- name: u
  user:
    exec:
${exec.trim().split("\n").map((line) => `      ${line}`).join("\n")}
`,
  );
  return path;
}

async function authorizationFrom(kubeconfig: string): Promise<string> {
  const config = await loadConfig({ kubeconfig });
  const { authorization } = await config.credentials.get();
  return authorization ?? "";
}

/** The ConfigError that asking the kubeconfig's user for a credential throws. */
async function credentialError(kubeconfig: string): Promise<ConfigError> {
  const config = await loadConfig({ kubeconfig });
  try {
    await config.credentials.get();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
    return e;
  }
  assert.fail("the plugin gave a credential, but it should have failed");
}

Deno.test("exec: a v1 plugin's status.token becomes the Bearer token", async () => {
  await inTempDir(async (dir) => {
    const plugin = await script(
      dir,
      "plugin.sh",
      printCredential(V1, `{"token":"v1-token"}`),
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}\ninteractiveMode: Never`,
    );
    assert.equal(await authorizationFrom(kubeconfig), "Bearer v1-token");
  });
});

Deno.test("exec: a v1beta1 plugin's status.token becomes the Bearer token", async () => {
  await inTempDir(async (dir) => {
    const plugin = await script(
      dir,
      "plugin.sh",
      printCredential(V1BETA1, `{"token":"beta-token"}`),
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1BETA1}\ncommand: ${plugin}`,
    );
    assert.equal(await authorizationFrom(kubeconfig), "Bearer beta-token");
  });
});

Deno.test("exec: a plugin's client certificate and key are used for TLS", async () => {
  await inTempDir(async (dir) => {
    const plugin = await script(
      dir,
      "plugin.sh",
      printCredential(
        V1,
        `{"clientCertificateData":"CERT-PEM\\n","clientKeyData":"KEY-PEM\\n"}`,
      ),
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}`,
    );
    const config = await loadConfig({ kubeconfig });
    assert.deepEqual(await config.credentials.get(), {
      cert: "CERT-PEM\n",
      key: "KEY-PEM\n",
    });
  });
});

Deno.test("exec: a plugin that prints another apiVersion than the kubeconfig asks for is refused", async () => {
  await inTempDir(async (dir) => {
    const plugin = await script(
      dir,
      "plugin.sh",
      printCredential(V1BETA1, `{"token":"t"}`),
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}`,
    );
    const error = await credentialError(kubeconfig);
    assert.match(error.message, /apiVersion/);
    assert.ok(error.message.includes(kubeconfig), error.message);
  });
});

Deno.test("exec: the plugin gets KUBERNETES_EXEC_INFO, with the cluster's server and CA when provideClusterInfo is set", async () => {
  await inTempDir(async (dir) => {
    const ca = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
    const plugin = await script(
      dir,
      "plugin.sh",
      `printf '%s' "$KUBERNETES_EXEC_INFO" > '${dir}/info-'"$1".json\n` +
        printCredential(V1, `{"token":"t"}`),
    );
    const withInfo = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}\nargs: [with]\nprovideClusterInfo: true`,
      { clusterExtra: `    certificate-authority-data: ${btoa(ca)}\n` },
    );
    await authorizationFrom(withInfo);
    const info = JSON.parse(await Deno.readTextFile(`${dir}/info-with.json`));
    assert.equal(info.apiVersion, V1);
    assert.equal(info.kind, "ExecCredential");
    assert.equal(info.spec.interactive, false);
    assert.equal(info.spec.cluster.server, "https://c.example:6443");
    assert.equal(info.spec.cluster["certificate-authority-data"], btoa(ca));

    const withoutInfo = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}\nargs: [without]`,
      { clusterExtra: `    certificate-authority-data: ${btoa(ca)}\n` },
    );
    await authorizationFrom(withoutInfo);
    const bare = JSON.parse(
      await Deno.readTextFile(`${dir}/info-without.json`),
    );
    assert.equal(bare.kind, "ExecCredential");
    assert.equal(bare.spec.cluster, undefined);
  });
});

Deno.test("exec: the plugin is run with the kubeconfig's args and env", async () => {
  await inTempDir(async (dir) => {
    const plugin = await script(
      dir,
      "plugin.sh",
      printCredential(V1, `{"token":"$1.$2.$REGION.$PROFILE"}`),
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}
command: ${plugin}
args: ["get-token", "--cluster=prod"]
env:
- name: REGION
  value: eu-west-1
- name: PROFILE
  value: ops`,
    );
    assert.equal(
      await authorizationFrom(kubeconfig),
      "Bearer get-token.--cluster=prod.eu-west-1.ops",
    );
  });
});

Deno.test("exec: a credential is reused until its expirationTimestamp, then the plugin runs again", async () => {
  await inTempDir(async (dir) => {
    const counter = `${dir}/runs`;
    const plugin = await script(
      dir,
      "plugin.sh",
      `${countRuns(counter)}\n` +
        printCredential(
          V1,
          `{"token":"tok-$n","expirationTimestamp":"2030-01-01T00:00:00Z"}`,
        ),
    );
    let now = Date.parse("2029-12-31T23:00:00Z");
    const exec = new ExecPlugin(
      { apiVersion: V1, command: plugin },
      "test user",
      { now: () => now },
    );
    const credentials = new Credentials({ exec });
    assert.equal((await credentials.get()).authorization, "Bearer tok-1");
    now = Date.parse("2029-12-31T23:59:59Z");
    assert.equal((await credentials.get()).authorization, "Bearer tok-1");
    assert.equal(await runs(counter), 1);

    now = Date.parse("2030-01-01T00:00:01Z");
    assert.equal((await credentials.get()).authorization, "Bearer tok-2");
    assert.equal(await runs(counter), 2);
  });
});

Deno.test("exec: a credential without expirationTimestamp is reused until invalidated", async () => {
  await inTempDir(async (dir) => {
    const counter = `${dir}/runs`;
    const plugin = await script(
      dir,
      "plugin.sh",
      `${countRuns(counter)}\n${printCredential(V1, `{"token":"tok-$n"}`)}`,
    );
    const exec = new ExecPlugin({ apiVersion: V1, command: plugin }, "test");
    assert.equal((await exec.credential()).token, "tok-1");
    assert.equal((await exec.credential()).token, "tok-1");
    exec.invalidate();
    assert.equal((await exec.credential()).token, "tok-2");
    assert.equal(await runs(counter), 2);
  });
});

Deno.test("exec: concurrent callers share one run of the plugin", async () => {
  await inTempDir(async (dir) => {
    const counter = `${dir}/runs`;
    const plugin = await script(
      dir,
      "plugin.sh",
      `${countRuns(counter)}\n${printCredential(V1, `{"token":"tok-$n"}`)}`,
    );
    const exec = new ExecPlugin({ apiVersion: V1, command: plugin }, "test");
    const results = await Promise.all(
      Array.from({ length: 5 }, () => exec.credential()),
    );
    assert.deepEqual(results.map((r) => r.token), Array(5).fill("tok-1"));
    assert.equal(await runs(counter), 1);
  });
});

/** A server that rejects every token in `rejected` with a 401 Status. */
function authServer(rejected: Set<string>) {
  const seen: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => {
      const auth = req.headers.get("Authorization") ?? "";
      seen.push(auth);
      if (rejected.has(auth)) {
        return Response.json({
          kind: "Status",
          apiVersion: "v1",
          status: "Failure",
          code: 401,
          reason: "Unauthorized",
          message: "Unauthorized",
        }, { status: 401 });
      }
      return Response.json({ gitVersion: "v1.31.0" });
    },
  );
  return { server, seen, url: `http://127.0.0.1:${server.addr.port}` };
}

Deno.test("exec: after a 401 the client runs the plugin again and retries with the new token", async () => {
  await inTempDir(async (dir) => {
    const { server, seen, url } = authServer(new Set(["Bearer tok-1"]));
    const counter = `${dir}/runs`;
    const plugin = await script(
      dir,
      "plugin.sh",
      `${countRuns(counter)}\n${printCredential(V1, `{"token":"tok-$n"}`)}`,
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}`,
      { server: url },
    );
    const client = await Client.load({ kubeconfig });
    try {
      const version = await client.json<{ gitVersion: string }>({
        path: "/version",
      });
      assert.equal(version.gitVersion, "v1.31.0");
      assert.deepEqual(seen, ["Bearer tok-1", "Bearer tok-2"]);
      assert.equal(await runs(counter), 2);
    } finally {
      client.close();
      await server.shutdown();
    }
  });
});

Deno.test("exec: when the fresh token is refused too, the 401 is an ApiError after exactly one retry", async () => {
  await inTempDir(async (dir) => {
    const { server, seen, url } = authServer(
      new Set(["Bearer tok-1", "Bearer tok-2", "Bearer tok-3"]),
    );
    const counter = `${dir}/runs`;
    const plugin = await script(
      dir,
      "plugin.sh",
      `${countRuns(counter)}\n${printCredential(V1, `{"token":"tok-$n"}`)}`,
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}`,
      { server: url },
    );
    const client = await Client.load({ kubeconfig });
    try {
      await assert.rejects(
        () => client.json({ path: "/version" }),
        (e: unknown) => {
          assert.ok(e instanceof ApiError);
          assert.equal(e.code, 401);
          assert.ok(!e.message.includes("tok-"), e.message);
          return true;
        },
      );
      assert.deepEqual(seen, ["Bearer tok-1", "Bearer tok-2"]);
    } finally {
      client.close();
      await server.shutdown();
    }
  });
});

Deno.test("exec: a plugin that exits non-zero gives a ConfigError with its exit code and trimmed stderr", async () => {
  await inTempDir(async (dir) => {
    const plugin = await script(
      dir,
      "plugin.sh",
      `echo "   error: session expired, run 'corp-login'   " >&2\necho >&2\nexit 3`,
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}`,
    );
    const error = await credentialError(kubeconfig);
    assert.ok(error.message.includes(kubeconfig), error.message);
    assert.ok(error.message.includes(plugin), error.message);
    assert.match(error.message, /exited with code 3/);
    assert.ok(
      error.message.endsWith(
        `exited with code 3: error: session expired, run 'corp-login'`,
      ),
      error.message,
    );
  });
});

Deno.test("exec: a plugin that prints garbage gives a ConfigError that does not quote what it printed", async () => {
  await inTempDir(async (dir) => {
    const cases = [
      "echo 'token=SECRET-garbage-123'",
      `echo '{"apiVersion":"${V1}","kind":"ExecCredential","status":{"token":"SECRET-garbage-123'`,
    ];
    for (const [i, body] of cases.entries()) {
      const plugin = await script(dir, `plugin-${i}.sh`, body);
      const kubeconfig = await kubeconfigWithExec(
        dir,
        `apiVersion: ${V1}\ncommand: ${plugin}`,
      );
      const error = await credentialError(kubeconfig);
      assert.ok(error.message.includes(plugin), error.message);
      assert.match(error.message, /ExecCredential/);
      assert.ok(!error.message.includes("SECRET-garbage-123"), error.message);
    }
  });
});

Deno.test("exec: a plugin that is not found gives a ConfigError with its installHint", async () => {
  await inTempDir(async (dir) => {
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}
command: kube-test-no-such-plugin
installHint: |
  kube-test-no-such-plugin is needed; install it with: apt install corp-auth`,
    );
    const error = await credentialError(kubeconfig);
    assert.ok(error.message.includes(kubeconfig), error.message);
    assert.match(error.message, /kube-test-no-such-plugin was not found/);
    assert.match(error.message, /install it with: apt install corp-auth/);
  });
});

Deno.test("exec: a relative command with a '/' runs from the kubeconfig's directory; a bare name is looked up on PATH", async () => {
  await inTempDir(async (dir) => {
    await script(
      dir,
      "bin/corp-auth",
      printCredential(V1, `{"token":"from-kubeconfig-dir"}`),
    );
    const relative = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ./bin/corp-auth`,
    );
    assert.equal(
      await authorizationFrom(relative),
      "Bearer from-kubeconfig-dir",
    );

    await script(
      dir,
      "kube-test-bare-auth",
      printCredential(V1, `{"token":"x"}`),
    );
    const bare = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: kube-test-bare-auth`,
    );
    const error = await credentialError(bare);
    assert.match(error.message, /kube-test-bare-auth was not found/);
  });
});

Deno.test({
  name: "exec: interactiveMode Always is refused when stdin is not a terminal to give the plugin",
  ignore: Deno.stdin.isTerminal(),
}, async () => {
  await inTempDir(async (dir) => {
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: /bin/true\ninteractiveMode: Always`,
    );
    const config = await loadConfig({ kubeconfig });
    await assert.rejects(
      () => config.credentials.get(),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.ok(e.message.includes(kubeconfig), e.message);
        assert.match(e.message, /interactiveMode: Always/);
        return true;
      },
    );
  });
});

Deno.test("exec: args: null and env: null, as kubectl config use-context writes them back, mean no arguments and no extra environment", async () => {
  await inTempDir(async (dir) => {
    const plugin = await script(
      dir,
      "plugin.sh",
      printCredential(V1, `{"token":"args-$#"}`),
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}\ninteractiveMode: Never`,
    );
    await Deno.writeTextFile(
      kubeconfig,
      (await Deno.readTextFile(kubeconfig)).replace(
        "contexts:\n",
        "contexts:\n- name: other\n  context:\n    cluster: c\n    user: u\n",
      ),
    );
    const out = await new Deno.Command("kubectl", {
      args: ["--kubeconfig", kubeconfig, "config", "use-context", "other"],
      env: { HOME: dir },
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.ok(out.success, new TextDecoder().decode(out.stderr));
    const written = await Deno.readTextFile(kubeconfig);
    assert.match(written, /args: null/);
    assert.match(written, /env: null/);
    assert.equal(await authorizationFrom(kubeconfig), "Bearer args-0");
  });
});

Deno.test("exec: args that are not a list of strings, or env entries without a string name and value, are a ConfigError naming the file and user", async () => {
  await inTempDir(async (dir) => {
    const cases = [
      { exec: "args: --token=s3cret-arg", error: /exec args must be a list of strings/ },
      { exec: "args: [get-token, 42]", error: /exec args must be a list of strings/ },
      { exec: "env: {REGION: eu}", error: /exec env must be a list/ },
      { exec: "env: [{value: s3cret-env}]", error: /exec env must be a list/ },
      { exec: "env: [{name: PORT, value: 8443}]", error: /exec env must be a list/ },
    ];
    for (const { exec, error } of cases) {
      const kubeconfig = await kubeconfigWithExec(
        dir,
        `apiVersion: ${V1}\ncommand: /bin/true\n${exec}`,
      );
      await assert.rejects(
        () => loadConfig({ kubeconfig }),
        (e: unknown) => {
          assert.ok(e instanceof ConfigError, String(e));
          assert.ok(e.message.includes(`${kubeconfig}: user "u"`), e.message);
          assert.match(e.message, error);
          assert.ok(!/s3cret/.test(e.message), e.message);
          return true;
        },
      );
    }
    const missingValue = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: /bin/true\nenv: [{name: EMPTY}]`,
    );
    await loadConfig({ kubeconfig: missingValue });
  });
});

/** A CA bundle that opens with a comment line that is not Latin-1, as corporate bundles do. */
async function caBundle(): Promise<string> {
  const { caCert } = await makeTestTls();
  return `# Corporate root CA — Société Générale, 東京\n${caCert}`;
}

/** Runs kubectl against the kubeconfig until its exec plugin has run; the server is never reached. */
async function kubectlRunsPlugin(kubeconfig: string, home: string): Promise<void> {
  await new Deno.Command("kubectl", {
    args: ["--kubeconfig", kubeconfig, "get", "--raw", "/api", "--request-timeout=5s"],
    env: { HOME: home },
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).output();
}

Deno.test("exec: provideClusterInfo gives the plugin the cluster kubectl gives it: server, CA bytes, proxy-url, disable-compression, insecure-skip-tls-verify and the exec extension's config", async () => {
  const ca = await caBundle();
  const clusters = {
    withCa: `    certificate-authority: ca.crt
    proxy-url: http://127.0.0.1:2
    disable-compression: true
    extensions:
    - name: other.example.com/ext
      extension: {ignored: true}
    - name: client.authentication.k8s.io/exec
      extension:
        audience: corp-cluster
        scopes: [read, "write"]
`,
    insecure: `    insecure-skip-tls-verify: true\n`,
  };
  await inTempDir(async (root) => {
    for (const [name, clusterExtra] of Object.entries(clusters)) {
      const infos = [];
      for (const by of ["kubectl", "kube"]) {
        const dir = `${root}/${name}/${by}`;
        await Deno.mkdir(dir, { recursive: true });
        await Deno.writeTextFile(`${dir}/ca.crt`, ca);
        await script(
          dir,
          "plugin.sh",
          `printf '%s' "$KUBERNETES_EXEC_INFO" > '${dir}/info.json'\n` +
            printCredential(V1, `{"token":"t"}`),
        );
        const kubeconfig = await kubeconfigWithExec(
          dir,
          `apiVersion: ${V1}\ncommand: ./plugin.sh\ninteractiveMode: Never\nprovideClusterInfo: true`,
          { server: "https://127.0.0.1:1/prefix/", clusterExtra },
        );
        if (by === "kubectl") await kubectlRunsPlugin(kubeconfig, dir);
        else {
          const config = await loadConfig({ kubeconfig, allowInsecureSkipTlsVerify: true });
          await config.credentials.get();
        }
        infos.push(JSON.parse(await Deno.readTextFile(`${dir}/info.json`)));
      }
      const [byKubectl, byKube] = infos;
      assert.deepEqual(byKube, byKubectl);
      if (name === "withCa") {
        const bytes = Uint8Array.from(
          atob(byKube.spec.cluster["certificate-authority-data"]),
          (c) => c.charCodeAt(0),
        );
        assert.equal(new TextDecoder().decode(bytes), ca);
        assert.deepEqual(byKube.spec.cluster.config, {
          audience: "corp-cluster",
          scopes: ["read", "write"],
        });
      }
    }
  });
});

Deno.test("exec: a CA bundle with non-Latin-1 text loads for an exec user that does not ask for cluster info", async () => {
  await inTempDir(async (dir) => {
    const plugin = await script(
      dir,
      "plugin.sh",
      `printf '%s' "$KUBERNETES_EXEC_INFO" > '${dir}/info.json'\n` +
        printCredential(V1, `{"token":"t"}`),
    );
    const ca = await caBundle();
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}`,
      { clusterExtra: `    certificate-authority: ca.crt\n` },
    );
    await Deno.writeTextFile(`${dir}/ca.crt`, ca);
    const config = await loadConfig({ kubeconfig });
    assert.deepEqual(config.caCerts, [ca]);
    assert.equal((await config.credentials.get()).authorization, "Bearer t");
    const info = JSON.parse(await Deno.readTextFile(`${dir}/info.json`));
    assert.equal(info.spec.cluster, undefined);
  });
});

Deno.test("exec: a plugin that never finishes is killed at the deadline; every waiting caller gets a ConfigError naming the user, file and program, and the next call runs it again", async () => {
  await inTempDir(async (dir) => {
    const counter = `${dir}/runs`;
    // The first run starts a process of its own that holds the plugin's
    // stdout open, then waits for it: neither ever finishes.
    const plugin = await script(
      dir,
      "plugin.sh",
      `${countRuns(counter)}
echo $$ > '${dir}/plugin-pid'
if [ "$n" = 1 ]; then
  sleep 86400 &
  echo $! > '${dir}/sleep-pid'
  wait
fi
${printCredential(V1, `{"token":"tok-$n"}`)}`,
    );
    const kubeconfig = await kubeconfigWithExec(
      dir,
      `apiVersion: ${V1}\ncommand: ${plugin}\nargs: ["--password=s3cret-arg"]`,
    );
    const config = await loadConfig({ kubeconfig, execTimeoutMs: 300 });
    try {
      const errors = await Promise.all(
        Array.from({ length: 3 }, () => config.credentials.get().then(() => undefined, (e) => e)),
      );
      assert.equal(await runs(counter), 1);
      for (const error of errors) {
        assert.ok(error instanceof ConfigError, String(error));
        assert.equal(error, errors[0]);
      }
      const { message } = errors[0];
      assert.ok(message.includes(`${kubeconfig}: user "u"`), message);
      assert.ok(message.includes(plugin), message);
      assert.match(message, /did not finish within 0\.3 s/);
      assert.ok(!message.includes("s3cret-arg"), message);
      const pid = (await Deno.readTextFile(`${dir}/plugin-pid`)).trim();
      const alive = await new Deno.Command("kill", { args: ["-0", pid], stderr: "null" }).output();
      assert.equal(alive.success, false, `the plugin's process ${pid} is gone`);

      assert.equal((await config.credentials.get()).authorization, "Bearer tok-2");
      assert.equal(await runs(counter), 2);
    } finally {
      const sleeper = await Deno.readTextFile(`${dir}/sleep-pid`).catch(() => "");
      if (sleeper) Deno.kill(Number(sleeper), "SIGKILL");
    }
  });
});
