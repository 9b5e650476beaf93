/**
 * The `oidc` auth provider against an in-process issuer: the id-token is
 * used until its exp, renewed once with the refresh-token when it has
 * expired (or the API server refused it), and the failures name the provider.
 *
 * @module
 */

import assert from "node:assert/strict";
import { loadConfig } from "../../../src/config/mod.ts";
import { ConfigError } from "../../../src/errors.ts";
import { Client } from "../../../src/http/client.ts";
import { inTempDir } from "../../support/temp.ts";
import { makeTestTls, type TestTls } from "../../support/tls.ts";

const CLIENT_SECRET = "client-secret-9d3f";

/** An unsigned JWT whose exp is `exp` (seconds); client-go checks no signature either. */
function jwt(exp: number, sub: string): string {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ iss: "test", sub, exp })}.c2lnbmF0dXJl`;
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * An HTTPS OpenID issuer: discovery, and a token endpoint that renews a
 * refresh token into a new ID token and a new refresh token, once each.
 */
function issuer(tls: TestTls, options: { refuse?: boolean } = {}) {
  const state = { refreshes: 0, refreshTokens: [] as string[], authorizations: [] as string[] };
  let live = "refresh-1";
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen() {},
    cert: tls.serverCert,
    key: tls.serverKey,
  }, async (req) => {
    const url = new URL(req.url);
    const base = `https://127.0.0.1:${server.addr.port}/dex`;
    if (url.pathname === "/dex/.well-known/openid-configuration") {
      return Response.json({ issuer: base, token_endpoint: `${base}/token` });
    }
    if (url.pathname === "/dex/token" && req.method === "POST") {
      const form = new URLSearchParams(await req.text());
      state.refreshTokens.push(form.get("refresh_token") ?? "");
      state.authorizations.push(req.headers.get("Authorization") ?? "");
      if (options.refuse || form.get("refresh_token") !== live) {
        return Response.json({ error: "invalid_grant", error_description: "token revoked" }, {
          status: 400,
        });
      }
      state.refreshes++;
      live = `refresh-${state.refreshes + 1}`;
      return Response.json({
        access_token: "unused",
        token_type: "bearer",
        id_token: jwt(now() + 3600, `renewed-${state.refreshes}`),
        refresh_token: live,
      });
    }
    return new Response("not found", { status: 404 });
  });
  return { server, state, url: `https://127.0.0.1:${server.addr.port}/dex` };
}

async function oidcKubeconfig(
  dir: string,
  fields: Record<string, string | undefined>,
  server = "https://k.example:6443",
): Promise<string> {
  const config = Object.entries(fields).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `        ${k}: ${JSON.stringify(v)}`).join("\n");
  const path = `${dir}/kubeconfig`;
  await Deno.writeTextFile(
    path,
    `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster: {server: "${server}"}
contexts:
- name: c
  context: {cluster: k, user: u}
users:
- name: u
  user:
    auth-provider:
      name: oidc
      config:
${config}
`,
  );
  return path;
}

function subjectOf(authorization: string | undefined): string {
  const payload = authorization?.replace(/^Bearer /, "").split(".")[1] ?? "";
  return JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))).sub;
}

Deno.test("oidc: an id-token that has not expired is sent as is, and the issuer is not asked", async () => {
  const tls = await makeTestTls();
  const idp = issuer(tls);
  try {
    await inTempDir(async (dir) => {
      const kubeconfig = await oidcKubeconfig(dir, {
        "idp-issuer-url": idp.url,
        "client-id": "kubernetes",
        "id-token": jwt(now() + 600, "original"),
        "refresh-token": "refresh-1",
        "idp-certificate-authority-data": btoa(tls.caCert),
      });
      const config = await loadConfig({ kubeconfig });
      assert.equal(subjectOf((await config.credentials.get()).authorization), "original");
      assert.equal(idp.state.refreshes, 0);
      assert.match(String(config.credentials), /auth-provider oidc/);
    });
  } finally {
    await idp.server.shutdown();
  }
});

Deno.test("oidc: an expired id-token is renewed once with the refresh-token at the discovered token endpoint (concurrent callers share it), kept in memory, and the rotated refresh-token used next", async () => {
  const tls = await makeTestTls();
  const idp = issuer(tls);
  try {
    await inTempDir(async (dir) => {
      await Deno.writeTextFile(`${dir}/idp-ca.crt`, tls.caCert);
      const kubeconfig = await oidcKubeconfig(dir, {
        "idp-issuer-url": idp.url,
        "client-id": "kubernetes",
        "client-secret": CLIENT_SECRET,
        "id-token": jwt(now() - 10, "expired"),
        "refresh-token": "refresh-1",
        "idp-certificate-authority": "idp-ca.crt",
      });
      const config = await loadConfig({ kubeconfig });
      const all = await Promise.all([1, 2, 3].map(() => config.credentials.get()));
      assert.deepEqual(all.map((m) => subjectOf(m.authorization)), Array(3).fill("renewed-1"));
      assert.equal(idp.state.refreshes, 1);
      assert.deepEqual(idp.state.authorizations, [`Basic ${btoa(`kubernetes:${CLIENT_SECRET}`)}`]);
      assert.equal(subjectOf((await config.credentials.get()).authorization), "renewed-1");
      assert.equal(idp.state.refreshes, 1, "the renewed token is kept");
      // The file is left alone: the renewed tokens live in memory.
      assert.match(await Deno.readTextFile(kubeconfig), /refresh-1/);

      // The API server refuses the token (401): the client renews it with the rotated refresh-token.
      assert.equal(config.credentials.invalidate(), true);
      assert.equal(subjectOf((await config.credentials.get()).authorization), "renewed-2");
      assert.deepEqual(idp.state.refreshTokens, ["refresh-1", "refresh-2"]);
      for (const shown of [String(config.credentials), Deno.inspect(config, { depth: Infinity })]) {
        assert.ok(!shown.includes(CLIENT_SECRET) && !shown.includes("refresh-"), shown);
      }
    });
  } finally {
    await idp.server.shutdown();
  }
});

Deno.test("oidc: after a 401 the client renews the id-token and retries with the new one", async () => {
  const tls = await makeTestTls();
  const idp = issuer(tls);
  const seen: string[] = [];
  const api = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const authorization = req.headers.get("Authorization") ?? "";
    seen.push(subjectOf(authorization));
    return subjectOf(authorization) === "revoked"
      ? Response.json({ kind: "Status", code: 401, reason: "Unauthorized" }, { status: 401 })
      : Response.json({ kind: "APIVersions", versions: ["v1"] });
  });
  try {
    await inTempDir(async (dir) => {
      const kubeconfig = await oidcKubeconfig(dir, {
        "idp-issuer-url": idp.url,
        "client-id": "kubernetes",
        "id-token": jwt(now() + 600, "revoked"),
        "refresh-token": "refresh-1",
        "idp-certificate-authority-data": btoa(tls.caCert),
      }, `http://127.0.0.1:${api.addr.port}`);
      using client = await Client.load({ kubeconfig });
      await client.json({ path: "/api" });
      assert.deepEqual(seen, ["revoked", "renewed-1"]);
      assert.deepEqual(idp.state.authorizations, [""], "a public client sends its id in the form");
    });
  } finally {
    await api.shutdown();
    await idp.server.shutdown();
  }
});

Deno.test("oidc: an expired id-token without a refresh-token, or a refresh the issuer refuses, is a ConfigError naming the provider, the user and the issuer, and no token", async () => {
  const tls = await makeTestTls();
  const idp = issuer(tls, { refuse: true });
  try {
    await inTempDir(async (dir) => {
      const expired = jwt(now() - 10, "expired");
      const noRefresh = await oidcKubeconfig(dir, {
        "idp-issuer-url": idp.url,
        "client-id": "kubernetes",
        "id-token": expired,
      });
      const first = await (await loadConfig({ kubeconfig: noRefresh })).credentials.get()
        .then(() => undefined, (e) => e);
      assert.ok(first instanceof ConfigError, String(first));
      assert.match(
        first.message,
        /user "u": auth-provider "oidc" has an id-token that has expired, and no refresh-token/,
      );
      assert.ok(first.message.includes(noRefresh), first.message);

      const refused = await oidcKubeconfig(dir, {
        "idp-issuer-url": idp.url,
        "client-id": "kubernetes",
        "client-secret": CLIENT_SECRET,
        "id-token": expired,
        "refresh-token": "refresh-1",
        "idp-certificate-authority-data": btoa(tls.caCert),
      });
      const second = await (await loadConfig({ kubeconfig: refused })).credentials.get()
        .then(() => undefined, (e) => e);
      assert.ok(second instanceof ConfigError, String(second));
      assert.match(second.message, /auth-provider "oidc"/);
      assert.ok(second.message.includes(idp.url), second.message);
      assert.match(second.message, /HTTP 400: invalid_grant/);
      for (const error of [first, second]) {
        for (const secret of [expired, "refresh-1", CLIENT_SECRET]) {
          assert.ok(!error.message.includes(secret), error.message);
        }
      }

      // Without the issuer's CA the issuer cannot be trusted: that is said too.
      const untrusted = await oidcKubeconfig(dir, {
        "idp-issuer-url": idp.url,
        "client-id": "kubernetes",
        "id-token": expired,
        "refresh-token": "refresh-1",
      });
      const third = await (await loadConfig({ kubeconfig: untrusted })).credentials.get()
        .then(() => undefined, (e) => e);
      assert.ok(third instanceof ConfigError, String(third));
      assert.match(
        third.message,
        /auth-provider "oidc": the id-token has to be renewed, but the issuer .* could not be reached/,
      );
    });
  } finally {
    await idp.server.shutdown();
  }
});

Deno.test("auth-provider: gcp and azure are refused as dropped by kubectl, with their exec plugin; oidc without an issuer or client-id names the missing field", async () => {
  await inTempDir(async (dir) => {
    const write = async (provider: string) => {
      const path = `${dir}/${provider.replace(/\W/g, "")}`;
      await Deno.writeTextFile(
        path,
        `apiVersion: v1
kind: Config
current-context: c
clusters: [{name: k, cluster: {server: "https://k.example:6443"}}]
contexts: [{name: c, context: {cluster: k, user: u}}]
users: [{name: u, user: {auth-provider: ${provider}}}]
`,
      );
      return await loadConfig({ kubeconfig: path }).then(() => "", (e) => (e as Error).message);
    };
    assert.match(
      await write("{name: gcp}"),
      /"gcp", which kubectl dropped .* gke-gcloud-auth-plugin/,
    );
    assert.match(await write("{name: azure}"), /"azure", which kubectl dropped .* kubelogin/);
    assert.match(await write("{name: foo}"), /"foo", which neither kubectl nor kube knows/);
    const oidc = await write("{name: oidc, config: {client-id: k}}");
    assert.match(oidc, /auth-provider "oidc" has no idp-issuer-url/);
    assert.doesNotMatch(oidc, /dropped/);
  });
});
