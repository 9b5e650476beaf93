/**
 * Tests of the webhook certificates made without openssl: openssl reads and
 * verifies them, Deno serves them, and Deno's client trusts them.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  caBundle,
  createWebhookCertificates,
  KubeError,
  readWebhookCertificates,
  type WebhookCertificates,
} from "../../../mod.ts";
import { ManualClock } from "../../support/manual_clock.ts";

async function openssl(args: string[], stdin?: string): Promise<string> {
  const child = new Deno.Command("openssl", {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await child.output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.ok(out.success, `openssl ${args.join(" ")} failed:\n${text}`);
  return text;
}

async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "kube-admission-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function write(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await Deno.writeTextFile(`${dir}/${name}`, text);
  }
}

Deno.test("createWebhookCertificates makes a CA and a serving certificate openssl reads as asked", async () => {
  const tls = await createWebhookCertificates({
    dnsNames: ["policy.webhooks.svc", "policy.webhooks.svc.cluster.local"],
    ipAddresses: ["127.0.0.1", "::1", "fd00:10:96::a"],
  });
  const ca = await openssl(["x509", "-text", "-noout"], tls.caCert);
  assert.match(ca, /Version: 3 \(0x2\)/);
  assert.match(ca, /Signature Algorithm: ecdsa-with-SHA256/);
  assert.match(ca, /NIST CURVE: P-256/);
  assert.match(ca, /Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
  assert.match(ca, /Key Usage: critical\s+Certificate Sign, CRL Sign/);

  const leaf = await openssl(["x509", "-text", "-noout"], tls.cert);
  assert.match(leaf, /Issuer: CN\s?=\s?kube webhook CA/);
  assert.match(leaf, /Subject: CN\s?=\s?policy\.webhooks\.svc/);
  assert.match(leaf, /Basic Constraints: critical\s+CA:FALSE/);
  assert.match(leaf, /Key Usage: critical\s+Digital Signature/);
  assert.match(leaf, /Extended Key Usage:\s+TLS Web Server Authentication/);
  assert.match(
    leaf,
    /DNS:policy\.webhooks\.svc, DNS:policy\.webhooks\.svc\.cluster\.local, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1, IP Address:FD00:10:96:0:0:0:0:A/i,
  );
  const caKeyId = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec(ca)![1];
  assert.match(leaf, new RegExp(`Authority Key Identifier:\\s+(keyid:)?${caKeyId}`));

  await inTempDir(async (dir) => {
    await write(dir, { "ca.crt": tls.caCert, "tls.crt": tls.cert, "tls.key": tls.key });
    assert.match(
      await openssl(["verify", "-CAfile", `${dir}/ca.crt`, `${dir}/tls.crt`]),
      /tls\.crt: OK/,
    );
    // The key is the certificate's: both give the same public key.
    const fromCert = await openssl(["x509", "-pubkey", "-noout", "-in", `${dir}/tls.crt`]);
    const fromKey = await openssl(["pkey", "-pubout", "-in", `${dir}/tls.key`]);
    assert.equal(fromCert, fromKey);
  });
});

Deno.test("createWebhookCertificates dates the certificate from the clock, an hour early, for validDays", async () => {
  const clock = new ManualClock(); // 1,000,000 ms after the epoch: 1970-01-01T00:16:40Z
  const tls = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"], validDays: 30, clock });
  const dates = await openssl(["x509", "-noout", "-dates"], tls.cert);
  assert.match(dates, /notBefore=Dec 31 23:16:40 1969 GMT/);
  assert.match(dates, /notAfter=Jan 31 00:16:40 1970 GMT/);
  const caDates = await openssl(["x509", "-noout", "-enddate"], tls.caCert);
  assert.match(caDates, /notAfter=Oct 28 00:16:40 1970 GMT/, "the CA lasts ten times as long");
  const late = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"], validDays: 365 * 40 });
  const year = new Date().getUTCFullYear() + 40;
  assert.match(
    await openssl(["x509", "-noout", "-enddate"], late.cert),
    new RegExp(` ${year} GMT`),
    "GeneralizedTime past 2049",
  );
});

Deno.test("createWebhookCertificates signs a new serving certificate with a CA it made before", async () => {
  const first = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
  const next = await createWebhookCertificates({
    dnsNames: ["hook.default.svc"],
    ca: { cert: first.caCert, key: first.caKey! },
  });
  assert.equal(next.caCert, first.caCert);
  assert.equal(next.caKey, first.caKey);
  assert.notEqual(next.cert, first.cert);
  assert.notEqual(next.key, first.key);
  await inTempDir(async (dir) => {
    await write(dir, { "ca.crt": first.caCert, "a.crt": first.cert, "b.crt": next.cert });
    const out = await openssl([
      "verify",
      "-CAfile",
      `${dir}/ca.crt`,
      `${dir}/a.crt`,
      `${dir}/b.crt`,
    ]);
    assert.match(out, /a\.crt: OK/);
    assert.match(out, /b\.crt: OK/);
  });
  const serials = await Promise.all(
    [first.cert, next.cert].map((c) => openssl(["x509", "-noout", "-serial"], c)),
  );
  assert.notEqual(serials[0], serials[1]);
});

Deno.test("Deno.serve serves the certificate and a Deno client trusting only the CA accepts it", async () => {
  const tls = await createWebhookCertificates({
    ipAddresses: ["127.0.0.1"],
    dnsNames: ["localhost"],
  });
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, cert: tls.cert, key: tls.key, onListen: () => {} },
    () => new Response("served"),
  );
  using client = Deno.createHttpClient({ caCerts: [tls.caCert] });
  for (const host of ["127.0.0.1", "localhost"]) {
    const answer = await fetch(`https://${host}:${server.addr.port}/`, { client });
    assert.equal(await answer.text(), "served");
  }
  // Another CA is not trusted: the check is real.
  const other = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
  using stranger = Deno.createHttpClient({ caCerts: [other.caCert] });
  await assert.rejects(fetch(`https://127.0.0.1:${server.addr.port}/`, { client: stranger }));
});

Deno.test("createWebhookCertificates refuses no names, a bad IP, and a CA it cannot sign with", async () => {
  await assert.rejects(
    createWebhookCertificates({}),
    (e) => e instanceof KubeError && /at least one of dnsNames and ipAddresses/.test(e.message),
  );
  for (
    const ip of ["256.0.0.1", "1.2.3", "::1::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "localhost"]
  ) {
    await assert.rejects(
      createWebhookCertificates({ ipAddresses: [ip] }),
      (e) => e instanceof KubeError && e.message.includes(`"${ip}" is not an IP address`),
      ip,
    );
  }
  const tls = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
  await assert.rejects(
    createWebhookCertificates({
      ipAddresses: ["127.0.0.1"],
      ca: { cert: tls.caCert, key: tls.cert },
    }),
    (e) =>
      e instanceof KubeError && /the CA given cannot sign/.test(e.message) &&
      !e.message.includes(tls.cert.slice(40, 80)),
  );
});

Deno.test("readWebhookCertificates reads PEM files, and names the file that is wrong", async () => {
  const tls = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
  await inTempDir(async (dir) => {
    await write(dir, {
      "ca.crt": tls.caCert,
      "tls.crt": tls.cert,
      "tls.key": tls.key,
      "chain.crt": tls.cert + tls.caCert,
    });
    const read: WebhookCertificates = await readWebhookCertificates({
      certFile: `${dir}/tls.crt`,
      keyFile: `${dir}/tls.key`,
      caFile: `${dir}/ca.crt`,
    });
    assert.deepEqual(read, { caCert: tls.caCert, cert: tls.cert, key: tls.key });
    const chained = await readWebhookCertificates({
      certFile: `${dir}/chain.crt`,
      keyFile: `${dir}/tls.key`,
    });
    assert.equal(chained.caCert, tls.caCert, "without caFile, the chain's last certificate");
    await assert.rejects(
      readWebhookCertificates({ certFile: `${dir}/tls.key`, keyFile: `${dir}/tls.key` }),
      (e) =>
        e instanceof KubeError &&
        e.message.includes(`certificate ${dir}/tls.key holds no PEM CERTIFICATE block`),
    );
    await assert.rejects(
      readWebhookCertificates({ certFile: `${dir}/tls.crt`, keyFile: `${dir}/missing.key` }),
      (e) => e instanceof KubeError && e.message.includes(`cannot read key ${dir}/missing.key`),
    );
  });
});

Deno.test("caBundle is the base64 of the PEM text", () => {
  const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  assert.equal(atob(caBundle(pem)), pem);
});
