/**
 * Tests of the webhook server: it serves the handler over TLS, and a
 * certificate rotation changes what new connections get without a request lost.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createWebhookCertificates, KubeError, serveWebhook } from "../../../mod.ts";
import { ManualClock } from "../../support/manual_clock.ts";

const ip = { ipAddresses: ["127.0.0.1"] };

Deno.test("serveWebhook serves the handler over TLS on the port asked for", async () => {
  const tls = await createWebhookCertificates(ip);
  await using server = serveWebhook(async (r) => new Response(`got ${await r.text()}`), {
    hostname: "127.0.0.1",
    port: 0,
    cert: tls.cert,
    key: tls.key,
  });
  assert.ok(server.addr.port > 0);
  using client = Deno.createHttpClient({ caCerts: [tls.caCert] });
  const answer = await fetch(`https://127.0.0.1:${server.addr.port}/`, {
    client,
    method: "POST",
    body: "x",
  });
  assert.equal(await answer.text(), "got x");
});

Deno.test("WebhookServer.rotate serves the new certificate to new connections, the old one to open ones until drained", async () => {
  const clock = new ManualClock();
  const first = await createWebhookCertificates(ip);
  const second = await createWebhookCertificates(ip); // another CA: who trusts which tells the certificates apart
  await using server = serveWebhook(() => new Response("ok"), {
    hostname: "127.0.0.1",
    port: 0,
    cert: first.cert,
    key: first.key,
    clock,
    drainMs: 30_000,
  });
  const url = `https://127.0.0.1:${server.addr.port}/`;
  using old = Deno.createHttpClient({ caCerts: [first.caCert] });
  assert.equal(await (await fetch(url, { client: old })).text(), "ok");
  {
    using early = Deno.createHttpClient({ caCerts: [second.caCert] });
    await assert.rejects(
      fetch(url, { client: early }),
      "the second CA is not trusted before the rotation",
    );
  }

  await server.rotate(second);
  using fresh = Deno.createHttpClient({ caCerts: [second.caCert] });
  assert.equal(
    await (await fetch(url, { client: fresh })).text(),
    "ok",
    "a new connection gets the new certificate",
  );
  assert.equal(
    await (await fetch(url, { client: old })).text(),
    "ok",
    "an open connection goes on",
  );

  // The drain period over, the old server closes its connection; the client reconnects and meets the new certificate.
  assert.equal(await clock.nextSleep((ms) => ms === 30_000), 30_000);
  clock.advance(30_000);
  let refused: unknown;
  // The old server's shutdown closes the connection soon, not at once: ask until refused, for 10 s at most.
  for (const end = Date.now() + 10_000; !refused && Date.now() < end;) {
    refused = await fetch(url, { client: old }).then(
      async (r) => void await r.body?.cancel(),
      (e) => e,
    );
  }
  assert.ok(refused, "the old connection was closed, and the old CA no longer verifies the server");
});

Deno.test("WebhookServer rotates 20 times under load without losing a request", async () => {
  const first = await createWebhookCertificates(ip);
  const ca = { cert: first.caCert, key: first.caKey! };
  const next = await Promise.all(
    Array.from({ length: 20 }, () => createWebhookCertificates({ ...ip, ca })),
  );
  await using server = serveWebhook(async (r) => new Response(await r.text()), {
    hostname: "127.0.0.1",
    port: 0,
    cert: first.cert,
    key: first.key,
    drainMs: 50,
  });
  const url = `https://127.0.0.1:${server.addr.port}/`;
  let stop = false;
  const failures: unknown[] = [];
  let answered = 0;
  const worker = async (reconnect: boolean) => {
    let client = Deno.createHttpClient({ caCerts: [first.caCert] });
    for (let i = 0; !stop; i++) {
      try {
        const answer = await fetch(url, { client, method: "POST", body: String(i) });
        assert.equal(await answer.text(), String(i));
        answered++;
      } catch (e) {
        failures.push(e);
      }
      if (reconnect) {
        client.close();
        client = Deno.createHttpClient({ caCerts: [first.caCert] });
      }
    }
    client.close();
  };
  const workers = [worker(true), worker(true), worker(false), worker(false)];
  for (const certificate of next) {
    const before = answered;
    // Each rotation waits for requests to flow, so every one happens under load.
    while (answered < before + 10) await new Promise((resolve) => setTimeout(resolve, 1));
    await server.rotate(certificate);
  }
  stop = true;
  await Promise.all(workers);
  assert.deepEqual(failures, []);
  assert.ok(answered >= 200);
});

Deno.test("WebhookServer refuses a certificate Deno cannot load, and keeps serving the old one", async () => {
  const tls = await createWebhookCertificates(ip);
  await using server = serveWebhook(() => new Response("ok"), {
    hostname: "127.0.0.1",
    port: 0,
    cert: tls.cert,
    key: tls.key,
  });
  await assert.rejects(
    server.rotate({
      cert: tls.cert,
      key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
    }),
    (e) => e instanceof KubeError && /the new certificate was refused/.test(e.message),
  );
  using client = Deno.createHttpClient({ caCerts: [tls.caCert] });
  assert.equal(
    await (await fetch(`https://127.0.0.1:${server.addr.port}/`, { client })).text(),
    "ok",
  );
});
