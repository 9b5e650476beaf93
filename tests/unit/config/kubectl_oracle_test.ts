/**
 * Which credential a request carries when a kubeconfig user holds several,
 * with kubectl as the oracle: for every combination of token, tokenFile,
 * basic auth, client certificate and exec plugin, kube must send what kubectl
 * sends, run the plugin only when kubectl runs it, and refuse what kubectl
 * refuses.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Client, ConfigError } from "../../../mod.ts";
import { inTempDir } from "../../support/temp.ts";
import { makeTestTls, type TestTls } from "../../support/tls.ts";

const SECRETS = {
  token: "inline-token-7d1f",
  tokenFile: "file-token-3a9c",
  exec: "exec-token-5c2e",
  password: "pw-8e4b",
};

/** A user's fields, by the name of the credential they make up. */
function userFields(tls: TestTls): Record<string, string> {
  return {
    token: `token: ${SECRETS.token}`,
    tokenFile: "tokenFile: token",
    basic: `username: admin\npassword: ${SECRETS.password}`,
    username: "username: admin",
    password: `password: ${SECRETS.password}`,
    // Deno.serve never asks for a client certificate: only its effect on the
    // other credentials shows. The server's own pair makes a valid one.
    clientCertificate: `client-certificate-data: ${btoa(tls.serverCert)}\n` +
      `client-key-data: ${btoa(tls.serverKey)}`,
    exec: `exec:
  apiVersion: client.authentication.k8s.io/v1
  command: ./plugin.sh
  interactiveMode: Never`,
  };
}

/**
 * Every non-empty combination of the five kinds, and the half-filled basic
 * auth that client-go counts differently: a password alone is "basic auth"
 * to clientcmd's check but not to the transport. A user with nothing is left
 * out: kubectl would prompt for a password.
 */
function combinations(): string[][] {
  const kinds = ["token", "tokenFile", "basic", "clientCertificate", "exec"];
  const all = Array.from(
    { length: 2 ** kinds.length - 1 },
    (_, n) => kinds.filter((_, bit) => (n + 1) & (1 << bit)),
  );
  return [
    ...all,
    ["token", "password"],
    ["token", "username"],
    ["tokenFile", "password"],
    ["username", "exec"],
    ["password", "exec"],
    ["username", "clientCertificate", "exec"],
  ];
}

/** A kubeconfig in `dir` whose user has the given credentials, with its token file and plugin. */
async function kubeconfigFor(
  dir: string,
  combination: string[],
  server: string,
  tls: TestTls,
): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(`${dir}/token`, `${SECRETS.tokenFile}\n`);
  await Deno.writeTextFile(
    `${dir}/plugin.sh`,
    `#!/bin/bash
set -eu
touch '${dir}/plugin-ran'
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${SECRETS.exec}"}}'
`,
  );
  await Deno.chmod(`${dir}/plugin.sh`, 0o755);
  const fields = userFields(tls);
  const user = combination.flatMap((kind) => fields[kind].split("\n"))
    .map((line) => `    ${line}`).join("\n");
  const path = `${dir}/kubeconfig`;
  await Deno.writeTextFile(
    path,
    `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: c
  cluster:
    server: ${server}
    certificate-authority-data: ${btoa(tls.caCert)}
contexts:
- name: c
  context:
    cluster: c
    user: u
users:
- name: u
  user:
${user}
`,
  );
  return path;
}

/** An HTTPS API server that records the Authorization header of each GET /api. */
function recordingServer(tls: TestTls) {
  const authorizations: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {}, cert: tls.serverCert, key: tls.serverKey },
    (req) => {
      if (new URL(req.url).pathname === "/api") {
        authorizations.push(req.headers.get("Authorization") ?? "no Authorization");
      }
      return Response.json({
        kind: "APIVersions",
        versions: ["v1"],
        serverAddressByClientCIDRs: [],
      });
    },
  );
  return { server, authorizations, url: `https://127.0.0.1:${server.addr.port}` };
}

/** What happened, in one line: the header sent and whether the plugin ran, or a refusal. */
async function outcome(dir: string, authorizations: string[]): Promise<string> {
  const ran = await Deno.stat(`${dir}/plugin-ran`).then(() => true, () => false);
  return `${authorizations.join(" then ") || "no request"}${ran ? ", plugin ran" : ""}`;
}

async function byKubectl(dir: string, combination: string[], tls: TestTls): Promise<string> {
  const { server, authorizations, url } = recordingServer(tls);
  try {
    const kubeconfig = await kubeconfigFor(dir, combination, url, tls);
    const out = await new Deno.Command("kubectl", {
      args: ["--kubeconfig", kubeconfig, "get", "--raw", "/api"],
      env: { HOME: dir },
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!out.success && authorizations.length === 0) return "refused";
    if (!out.success) return `failed: ${new TextDecoder().decode(out.stderr).trim()}`;
    return await outcome(dir, authorizations);
  } finally {
    await server.shutdown();
  }
}

async function byKube(dir: string, combination: string[], tls: TestTls): Promise<string> {
  const { server, authorizations, url } = recordingServer(tls);
  let client: Client | undefined;
  try {
    const kubeconfig = await kubeconfigFor(dir, combination, url, tls);
    try {
      client = await Client.load({ kubeconfig });
    } catch (e) {
      assertNamesTheConflict(e, kubeconfig);
      return "refused";
    }
    const res = await client.request({ path: "/api" });
    await res.body?.cancel();
    return await outcome(dir, authorizations);
  } finally {
    client?.close();
    await server.shutdown();
  }
}

/** A refusal names the file, the user and the fields at odds, and no secret. */
function assertNamesTheConflict(e: unknown, kubeconfig: string): void {
  assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
  assert.ok(e.message.includes(kubeconfig), e.message);
  assert.match(e.message, /user "u"/);
  assert.match(e.message, /token/);
  assert.match(e.message, /username|password/);
  for (const secret of Object.values(SECRETS)) {
    assert.ok(!e.message.includes(secret), `${secret} leaked in: ${e.message}`);
  }
}

/** Runs `fn` on every item, a few at a time: each run is a kubectl process. */
async function inBatches<T, R>(
  items: T[],
  size: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...await Promise.all(items.slice(i, i + size).map(fn)));
  }
  return results;
}

Deno.test("credentials: every combination of token, tokenFile, basic auth, client certificate and exec is sent, run or refused as kubectl does", async () => {
  const tls = await makeTestTls();
  await inTempDir(async (dir) => {
    const cases = combinations().map((combination) => ({
      combination,
      name: combination.join(" + "),
    }));
    const results = await inBatches(cases, 4, async ({ combination, name }) => {
      const slug = combination.join("-");
      const [kubectl, kube] = await Promise.all([
        byKubectl(`${dir}/${slug}/kubectl`, combination, tls),
        byKube(`${dir}/${slug}/kube`, combination, tls),
      ]);
      return { name, kubectl, kube };
    });
    const table = (by: "kubectl" | "kube") =>
      Object.fromEntries(results.map((r) => [r.name, r[by]]));
    assert.deepEqual(table("kube"), table("kubectl"));
    // The oracle itself: kubectl refused some combinations and ran the plugin for others.
    const outcomes = results.map((r) => r.kubectl);
    assert.ok(outcomes.includes("refused"), outcomes.join("\n"));
    assert.ok(outcomes.includes(`Bearer ${SECRETS.exec}, plugin ran`), outcomes.join("\n"));
    assert.ok(outcomes.includes(`Bearer ${SECRETS.tokenFile}`), outcomes.join("\n"));
  });
});
