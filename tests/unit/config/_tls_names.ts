/**
 * A throwaway CA and a server certificate it signed for the given subject
 * alternative names (e.g. `DNS:api.lab.example`), made with openssl.
 *
 * @module
 */

/** PEM texts of a CA, and of a server certificate and key it signed. */
export interface NamedTls {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

async function openssl(cwd: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", { args, cwd, stdout: "null", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

/** Makes a CA and a server certificate valid for `subjectAltName` only. */
export async function makeTlsFor(subjectAltName: string): Promise<NamedTls> {
  const dir = await Deno.makeTempDir({ prefix: "kube-tls-names-" });
  try {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    await openssl(dir, [
      "req",
      "-x509",
      ...ec,
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
      "-keyout",
      "server.key",
      "-out",
      "server.csr",
      "-subj",
      "/CN=server",
    ]);
    await Deno.writeTextFile(
      `${dir}/server.ext`,
      `subjectAltName=${subjectAltName}\nbasicConstraints=critical,CA:FALSE\n` +
        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
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
