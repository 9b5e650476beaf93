/**
 * TLS material made at test time with openssl: a throwaway CA, and a server
 * certificate it signed for `IP:127.0.0.1`.
 *
 * @module
 */

/** PEM texts of a test CA and of a server certificate it signed. */
export interface TestTls {
  /** The CA's certificate: what a client must trust. */
  caCert: string;
  /** The server's certificate, valid for IP 127.0.0.1. */
  serverCert: string;
  /** The server's private key. */
  serverKey: string;
}

async function openssl(cwd: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", {
    args,
    cwd,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `openssl ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
}

/**
 * Makes a CA and a server certificate in a temporary directory, reads
 * them, and removes the directory.
 *
 * @param subjectAltName Whom the certificate names: 127.0.0.1 by default,
 * e.g. `DNS:api.lab.example` for one valid for that name only.
 * @returns The PEM texts.
 */
export async function makeTestTls(subjectAltName = "IP:127.0.0.1"): Promise<TestTls> {
  const dir = await Deno.makeTempDir({ prefix: "kube-tls-" });
  try {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
    await openssl(dir, [
      "req",
      "-x509",
      ...ec,
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-subj",
      "/CN=kube-test-ca",
      "-days",
      "2",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    await openssl(dir, [
      "req",
      ...ec,
      "-nodes",
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=127.0.0.1",
    ]);
    await Deno.writeTextFile(
      `${dir}/server.ext`,
      [
        `subjectAltName=${subjectAltName}`,
        "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature",
        "extendedKeyUsage=serverAuth",
      ].join("\n") + "\n",
    );
    await openssl(dir, [
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.crt",
      "-days",
      "2",
      "-extfile",
      "server.ext",
    ]);
    const [caCert, serverCert, serverKey] = await Promise.all(
      ["ca.crt", "server.crt", "server.key"].map((f) => Deno.readTextFile(`${dir}/${f}`)),
    );
    return { caCert, serverCert, serverKey };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
