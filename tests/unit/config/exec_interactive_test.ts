/**
 * Exec plugins that talk to a person (kubelogin's device code, SSO, MFA):
 * `interactiveMode` gives them the terminal when there is one, as kubectl
 * does, and their run then has no deadline.
 *
 * @module
 */

import assert from "node:assert/strict";
import { ExecPlugin } from "../../../src/config/exec.ts";
import { ConfigError } from "../../../src/errors.ts";
import { inTempDir } from "../../support/temp.ts";
import { within } from "../../support/test_client.ts";

const V1 = "client.authentication.k8s.io/v1";

/**
 * A plugin that records KUBERNETES_EXEC_INFO and whether its stdin is a
 * terminal, prompts on stderr, reads a code from stdin, and makes its token
 * of it.
 */
async function promptingPlugin(dir: string): Promise<string> {
  const path = `${dir}/plugin.sh`;
  await Deno.writeTextFile(
    path,
    `#!/bin/bash
set -eu
echo "$KUBERNETES_EXEC_INFO" > '${dir}/info.json'
if [ -t 0 ]; then tty=tty; else tty=notty; fi
printf 'enter code: ' >&2
code=none
read -r code || true
printf '{"apiVersion":"${V1}","kind":"ExecCredential","status":{"token":"%s-%s"}}' "$tty" "$code"
`,
  );
  await Deno.chmod(path, 0o755);
  return path;
}

async function info(dir: string): Promise<{ spec: { interactive: boolean } }> {
  return JSON.parse(await Deno.readTextFile(`${dir}/info.json`));
}

Deno.test("exec: without a terminal, IfAvailable (and no mode) runs the plugin with no stdin and tells it interactive: false", async () => {
  await inTempDir(async (dir) => {
    const command = await promptingPlugin(dir);
    for (const interactiveMode of ["IfAvailable", undefined, "Never"]) {
      const plugin = new ExecPlugin({ apiVersion: V1, command, interactiveMode }, "user u", {
        isTerminal: () => false,
      });
      assert.equal((await plugin.credential()).token, "notty-", String(interactiveMode));
      assert.equal((await info(dir)).spec.interactive, false);
    }
  });
});

Deno.test("exec: interactiveMode Always without a terminal is a ConfigError naming the user and program when a credential is needed, and the plugin does not run", async () => {
  await inTempDir(async (dir) => {
    const command = await promptingPlugin(dir);
    const plugin = new ExecPlugin(
      { apiVersion: V1, command, interactiveMode: "Always" },
      'kubeconfig: user "u"',
      {
        isTerminal: () => false,
      },
    );
    const error = await plugin.credential().then(() => undefined, (e) => e);
    assert.ok(error instanceof ConfigError, String(error));
    assert.ok(error.message.includes('kubeconfig: user "u"'), error.message);
    assert.ok(error.message.includes(command), error.message);
    assert.match(error.message, /interactiveMode: Always/);
    assert.match(error.message, /stdin is not (a terminal|one)/);
    assert.equal(await Deno.stat(`${dir}/info.json`).then(() => true, () => false), false);
  });
});

Deno.test("exec: an interactiveMode that is not Never, IfAvailable or Always is refused when the kubeconfig is read", () => {
  assert.throws(
    () => new ExecPlugin({ apiVersion: V1, command: "x", interactiveMode: "Sometimes" }, "user u"),
    (e: unknown) => e instanceof ConfigError && /interactiveMode "Sometimes"/.test(e.message),
  );
});

/**
 * Runs a Deno program that loads `kubeconfig` and prints the Authorization
 * it gets, under `script`, so that its stdin is a pseudo-terminal; answers
 * the plugin's prompt with `code`, and returns what the program printed.
 */
async function credentialOnTerminal(
  dir: string,
  kubeconfig: string,
  code: string,
): Promise<string> {
  const program = `${dir}/program.ts`;
  const configMod = new URL("../../../src/config/mod.ts", import.meta.url).href;
  await Deno.writeTextFile(
    program,
    `import { loadConfig } from ${JSON.stringify(configMod)};
// A 1 ms deadline would kill any plugin: an interactive run has none.
const config = await loadConfig({ kubeconfig: ${JSON.stringify(kubeconfig)}, execTimeoutMs: 1 });
console.log("AUTH " + (await config.credentials.get()).authorization + " END");
`,
  );
  const denoJson = new URL("../../../deno.json", import.meta.url).pathname;
  const command = `${Deno.execPath()} run --quiet --no-check -A --config ${denoJson} ${program}`;
  const child = new Deno.Command("script", {
    args: ["-qec", command, "/dev/null"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  let output = "";
  const decoder = new TextDecoder();
  const read = (async () => {
    for await (const chunk of child.stdout) {
      output += decoder.decode(chunk, { stream: true });
      if (output.includes("enter code: ") && !output.includes("answered")) {
        output += "answered";
        await writer.write(new TextEncoder().encode(`${code}\n`));
      }
      if (/AUTH .* END/.test(output)) break;
    }
  })();
  try {
    await within(read, "the program to print its credential", 20_000);
    return /AUTH (.*) END/.exec(output)?.[1] ?? output;
  } finally {
    await writer.close().catch(() => {});
    try {
      child.kill();
    } catch {
      // It finished.
    }
    await child.status;
    await child.stderr.cancel();
  }
}

for (const mode of ["Always", "IfAvailable"]) {
  Deno.test(`exec: interactiveMode ${mode} on a terminal gives the plugin the terminal as stdin, tells it interactive: true, and sets no deadline`, async () => {
    await inTempDir(async (dir) => {
      const command = await promptingPlugin(dir);
      const kubeconfig = `${dir}/kubeconfig`;
      await Deno.writeTextFile(
        kubeconfig,
        `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster: {server: "https://k.example:6443"}
contexts:
- name: c
  context: {cluster: k, user: u}
users:
- name: u
  user:
    exec: {apiVersion: ${V1}, command: ${command}, interactiveMode: ${mode}}
`,
      );
      assert.equal(await credentialOnTerminal(dir, kubeconfig, "8134"), "Bearer tty-8134");
      assert.equal((await info(dir)).spec.interactive, true);
    });
  });
}
