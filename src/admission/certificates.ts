/**
 * A webhook's TLS material: a CA and a serving certificate signed by it for
 * the webhook's DNS names and IP addresses, made with WebCrypto (ECDSA P-256)
 * and written as X.509 by hand, or read from PEM files.
 *
 * @module
 */

import { type Clock, realClock } from "../util/clock.ts";
import { KubeError } from "../errors.ts";
import { base64 } from "../util/bytes.ts";
import {
  bitString,
  boolean,
  contextTag,
  namedBits,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from "./der.ts";

/**
 * PEM texts of a webhook's certificates. `caCert` is what the webhook
 * configuration's `caBundle` carries; `cert` and `key` are what
 * `Deno.serve({ cert, key })` serves.
 *
 * @example
 * ```ts ignore
 * import { createWebhookCertificates } from "./certificates.ts";
 * const tls = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
 * Deno.serve({ cert: tls.cert, key: tls.key }, () => new Response("ok"));
 * ```
 */
export interface WebhookCertificates {
  /** The CA's certificate (PEM): what the API server must trust. */
  caCert: string;
  /** The CA's private key (PKCS#8 PEM), to sign the next serving certificate; absent when read from files without it. */
  caKey?: string;
  /** The serving certificate (PEM). */
  cert: string;
  /** The serving certificate's private key (PKCS#8 PEM). */
  key: string;
}

/**
 * What {@linkcode createWebhookCertificates} makes.
 *
 * @example
 * ```ts
 * import type { CertificateOptions } from "./certificates.ts";
 * const options: CertificateOptions = {
 *   dnsNames: ["policy.webhooks.svc", "policy.webhooks.svc.cluster.local"],
 *   validDays: 90,
 * };
 * ```
 */
export interface CertificateOptions {
  /**
   * DNS names for the serving certificate, e.g. `NAME.NAMESPACE.svc` for a
   * webhook reached through a Service (what the API server checks).
   */
  dnsNames?: string[];
  /** IP addresses (v4 or v6) for the serving certificate, e.g. `127.0.0.1`. */
  ipAddresses?: string[];
  /** The serving certificate's common name; the first DNS name or IP by default (the API server reads only the SANs). */
  commonName?: string;
  /** Days the serving certificate is valid: 365. The CA, when made, is valid ten times as long. */
  validDays?: number;
  /**
   * An existing CA (PEM certificate and its PKCS#8 ECDSA P-256 key, as an
   * earlier call returned them) to sign with, so that a rotated serving
   * certificate keeps the `caBundle` unchanged. By default a new CA is made.
   */
  ca?: { cert: string; key: string };
  /** The clock the validity period starts from; the real one. */
  clock?: Clock;
}

const OID = {
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
};

const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;
const DAY_MS = 86_400_000;
/** Back-dating the start of validity covers clocks a little behind ours. */
const SKEW_MS = 3_600_000;

interface Signer {
  /** The issuer's Name, DER. */
  name: Uint8Array;
  /** The issuer's subject key identifier. */
  keyId: Uint8Array;
  key: CryptoKey;
}

/**
 * Makes a serving certificate for a webhook, and the CA that signs it
 * (or signs it with `options.ca`). Keys are ECDSA P-256, signatures
 * ecdsa-with-SHA256; the certificate carries the names as subjectAltName,
 * `serverAuth` as its extended key usage and `CA:FALSE`, as Go's TLS
 * verification in the API server expects.
 *
 * @param options Names, validity and the CA to sign with.
 * @returns The PEM texts.
 * @throws {KubeError} When no name is given, an IP address does not parse, or `options.ca` is not a P-256 CA.
 *
 * @example A CA and a certificate for 127.0.0.1, then a rotated certificate under the same CA
 * ```ts
 * import { createWebhookCertificates } from "./certificates.ts";
 * const first = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
 * const next = await createWebhookCertificates({
 *   ipAddresses: ["127.0.0.1"],
 *   ca: { cert: first.caCert, key: first.caKey! },
 * });
 * console.assert(next.caCert === first.caCert && next.cert !== first.cert);
 * ```
 */
export async function createWebhookCertificates(
  options: CertificateOptions,
): Promise<WebhookCertificates> {
  const dnsNames = options.dnsNames ?? [];
  const ipAddresses = options.ipAddresses ?? [];
  if (dnsNames.length === 0 && ipAddresses.length === 0) {
    throw new KubeError("webhook certificates: give at least one of dnsNames and ipAddresses");
  }
  const ips = ipAddresses.map(parseIp);
  const now = (options.clock ?? realClock).now();
  const validMs = (options.validDays ?? 365) * DAY_MS;

  let caCert: string;
  let caKey: string;
  let signer: Signer;
  if (options.ca) {
    caCert = options.ca.cert;
    caKey = options.ca.key;
    signer = await importSigner(options.ca.cert, options.ca.key);
  } else {
    const pair = await generate();
    const name = distinguishedName("kube webhook CA");
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
    const keyId = await keyIdentifier(spki);
    const der = await certificate({
      issuer: name,
      subject: name,
      spki,
      notBefore: now - SKEW_MS,
      notAfter: now + 10 * validMs,
      extensions: [
        extension(OID.basicConstraints, true, sequence(boolean(true), smallInteger(0))),
        extension(OID.keyUsage, true, namedBits([5, 6])), // keyCertSign, cRLSign
        extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
      ],
      signer: { name, keyId, key: pair.privateKey },
    });
    caCert = pem("CERTIFICATE", der);
    caKey = pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    signer = { name, keyId, key: pair.privateKey };
  }

  const pair = await generate();
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  const altNames = [
    ...dnsNames.map((n) => contextTag(2, new TextEncoder().encode(n), false)),
    ...ips.map((ip) => contextTag(7, ip, false)),
  ];
  const der = await certificate({
    issuer: signer.name,
    subject: distinguishedName(options.commonName ?? dnsNames[0] ?? ipAddresses[0]),
    spki,
    notBefore: now - SKEW_MS,
    notAfter: now + validMs,
    extensions: [
      extension(OID.basicConstraints, true, sequence()),
      extension(OID.keyUsage, true, namedBits([0])), // digitalSignature
      extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
      extension(OID.subjectAltName, false, sequence(...altNames)),
      extension(OID.subjectKeyIdentifier, false, octetString(await keyIdentifier(spki))),
      extension(OID.authorityKeyIdentifier, false, sequence(contextTag(0, signer.keyId, false))),
    ],
    signer,
  });
  return {
    caCert,
    caKey,
    cert: pem("CERTIFICATE", der),
    key: pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", pair.privateKey)),
  };
}

/**
 * Reads a webhook's certificates from PEM files, e.g. those that
 * cert-manager writes into a mounted Secret (`tls.crt`, `tls.key`, `ca.crt`).
 *
 * @param files The paths; `caFile` is optional, and without it `caCert` is the serving certificate's last PEM block (its chain's end).
 * @returns The PEM texts (no `caKey`).
 * @throws {KubeError} Naming the file that cannot be read or holds no PEM block of the kind wanted.
 *
 * @example
 * ```ts ignore
 * import { readWebhookCertificates } from "./certificates.ts";
 * const tls = await readWebhookCertificates({
 *   certFile: "/tls/tls.crt", keyFile: "/tls/tls.key", caFile: "/tls/ca.crt",
 * });
 * ```
 */
export async function readWebhookCertificates(
  files: { certFile: string; keyFile: string; caFile?: string },
): Promise<WebhookCertificates> {
  const read = async (path: string, kind: RegExp, what: string) => {
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (e) {
      throw new KubeError(`webhook certificates: cannot read ${what} ${path}: ${e}`, { cause: e });
    }
    const blocks = text.match(
      new RegExp(`-----BEGIN ${kind.source}-----[\\s\\S]*?-----END ${kind.source}-----`, "g"),
    );
    if (!blocks) {
      throw new KubeError(
        `webhook certificates: ${what} ${path} holds no PEM ${kind.source} block`,
      );
    }
    return blocks;
  };
  const cert = await read(files.certFile, /CERTIFICATE/, "certificate");
  const key = await read(files.keyFile, /(?:EC |RSA )?PRIVATE KEY/, "key");
  const ca = files.caFile
    ? await read(files.caFile, /CERTIFICATE/, "CA certificate")
    : cert.slice(-1);
  return { caCert: ca.join("\n") + "\n", cert: cert.join("\n") + "\n", key: key[0] + "\n" };
}

/**
 * Base64 of PEM text, as a webhook configuration's `caBundle` holds it.
 *
 * @param pemText One or more PEM certificates.
 * @returns The standard base64 of the text's UTF-8 bytes.
 *
 * @example
 * ```ts
 * import { caBundle } from "./certificates.ts";
 * caBundle("-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n");
 * ```
 */
export function caBundle(pemText: string): string {
  return base64(pemText);
}

interface CertificateParts {
  issuer: Uint8Array;
  subject: Uint8Array;
  spki: Uint8Array;
  notBefore: number;
  notAfter: number;
  extensions: Uint8Array[];
  signer: Signer;
}

/** Encodes and signs an X.509 v3 certificate (RFC 5280 section 4.1). */
async function certificate(parts: CertificateParts): Promise<Uint8Array<ArrayBuffer>> {
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0] & 0x7f) | 0x40; // positive, and 16 bytes long
  const algorithm = sequence(oid(OID.ecdsaWithSha256));
  const tbs = sequence(
    contextTag(0, smallInteger(2), true), // v3
    unsignedInteger(serial),
    algorithm,
    parts.issuer,
    sequence(time(new Date(parts.notBefore)), time(new Date(parts.notAfter))),
    parts.subject,
    parts.spki,
    contextTag(3, sequence(...parts.extensions), true),
  );
  const raw = new Uint8Array(await crypto.subtle.sign(SIGN, parts.signer.key, tbs));
  // WebCrypto gives r || s; X.509 wants ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }.
  const signature = sequence(
    unsignedInteger(raw.subarray(0, 32)),
    unsignedInteger(raw.subarray(32)),
  );
  return sequence(tbs, algorithm, bitString(signature));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value));
}

function distinguishedName(commonName: string): Uint8Array {
  return sequence(set(sequence(oid(OID.commonName), utf8String(commonName))));
}

function generate(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ECDSA, true, ["sign", "verify"]);
}

/** RFC 5280 section 4.2.1.2, method 1: SHA-1 of the subjectPublicKey bits. */
async function keyIdentifier(spki: Uint8Array): Promise<Uint8Array> {
  const publicKey = readDer(spki).children![1].content.slice(1); // skip the unused-bits octet
  return new Uint8Array(await crypto.subtle.digest("SHA-1", publicKey));
}

/** Imports a CA to sign with: its subject becomes the issuer, its key identifier the authority's. */
async function importSigner(certPem: string, keyPem: string): Promise<Signer> {
  try {
    const der = unpem(certPem, "CERTIFICATE");
    const tbs = readDer(der).children![0].children!;
    // tbsCertificate: [0] version, serial, signature, issuer, validity, subject, spki, ...
    const offset = tbs[0].tag === 0xa0 ? 1 : 0;
    const subject = tbs[offset + 4].bytes;
    const spki = tbs[offset + 5].bytes;
    const key = await crypto.subtle.importKey(
      "pkcs8",
      unpem(keyPem, "PRIVATE KEY"),
      ECDSA,
      false,
      ["sign"],
    );
    return { name: subject, keyId: await keyIdentifier(spki), key };
  } catch (e) {
    throw new KubeError(
      `webhook certificates: the CA given cannot sign (a PEM certificate and its PKCS#8 ECDSA P-256 key are needed): ${
        e instanceof Error ? e.message : e
      }`,
      { cause: e },
    );
  }
}

interface DerNode {
  tag: number;
  /** The whole element, header included. */
  bytes: Uint8Array;
  content: Uint8Array;
  children?: DerNode[];
}

/** Reads one DER element, and the elements inside it when it is constructed. */
function readDer(bytes: Uint8Array): DerNode {
  const tag = bytes[0];
  let length = bytes[1];
  let at = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[at++];
  }
  if (at + length > bytes.length) throw new Error("DER element runs past its end");
  const content = bytes.subarray(at, at + length);
  const node: DerNode = { tag, bytes: bytes.subarray(0, at + length), content };
  if (tag & 0x20) {
    node.children = [];
    for (let rest = content; rest.length > 0;) {
      const child = readDer(rest);
      node.children.push(child);
      rest = rest.subarray(child.bytes.length);
    }
  }
  return node;
}

/** Parses a dotted IPv4 or a (possibly `::`-shortened) IPv6 address into its 4 or 16 bytes. */
function parseIp(text: string): Uint8Array {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const bytes = v4.slice(1).map(Number);
    if (bytes.every((b) => b <= 255)) return new Uint8Array(bytes);
  } else if (/^[0-9a-f:]+$/i.test(text) && text.includes(":")) {
    const halves = text.split("::");
    const groups = (part: string) => (part ? part.split(":") : []);
    const head = groups(halves[0]);
    const tail = halves.length === 2 ? groups(halves[1]) : [];
    const missing = 8 - head.length - tail.length;
    if (
      halves.length <= 2 && (halves.length === 2 ? missing >= 1 : missing === 0) &&
      [...head, ...tail].every((g) => /^[0-9a-f]{1,4}$/i.test(g))
    ) {
      const all = [...head, ...Array(missing).fill("0"), ...tail].map((g) => parseInt(g, 16));
      return new Uint8Array(all.flatMap((g) => [g >> 8, g & 0xff]));
    }
  }
  throw new KubeError(`webhook certificates: ${JSON.stringify(text)} is not an IP address`);
}

function pem(label: string, der: Uint8Array | ArrayBuffer): string {
  const text = base64(der instanceof Uint8Array ? der : new Uint8Array(der));
  return `-----BEGIN ${label}-----\n${
    text.match(/.{1,64}/g)!.join("\n")
  }\n-----END ${label}-----\n`;
}

function unpem(text: string, label: string): Uint8Array<ArrayBuffer> {
  const body = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(text);
  if (!body) throw new Error(`no PEM ${label} block`);
  return Uint8Array.from(atob(body[1].replace(/\s+/g, "")), (c) => c.charCodeAt(0));
}
