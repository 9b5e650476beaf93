/**
 * The webhook under test, in its own process so that it has a core of its
 * own: `handler` serves admissionHandler with a small validate function,
 * `ceiling` a bare Deno.serve that reads the body and answers a fixed allow
 * (what no webhook can beat). `--tls` serves HTTPS with a certificate made
 * by createWebhookCertificates, whose CA it prints.
 *
 * `GET /bench/cpu` answers the process's CPU time so far (user + system,
 * in microseconds), for a figure that other load on a shared machine
 * disturbs less than throughput.
 *
 * It prints `{"port":P,"ca":...}` on its first line once it listens.
 *
 * @module
 */

import process from "node:process";
import { admissionHandler, createWebhookCertificates, type Pod, serveWebhook } from "../../mod.ts";

const mode = Deno.args[0];
const tls = Deno.args.includes("--tls")
  ? await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] })
  : undefined;

const ALLOW = JSON.stringify({
  apiVersion: "admission.k8s.io/v1",
  kind: "AdmissionReview",
  response: { uid: "fixed", allowed: true },
});

let review: (request: Request) => Promise<Response>;
if (mode === "handler" || mode === "rotatable") {
  review = admissionHandler<Pod>({
    validate: (request) => {
      const labels = request.object.metadata.labels;
      if (!labels?.team) return { allowed: false, message: "a team label is required" };
      const latest = request.object.spec?.containers.some((c) => c.image?.endsWith(":latest"));
      return latest ? { allowed: true, warnings: ["pin the image's tag"] } : { allowed: true };
    },
  });
} else if (mode === "ceiling") {
  review = async (request) => {
    await request.text();
    return new Response(ALLOW, { headers: { "content-type": "application/json" } });
  };
} else if (mode === "parse") {
  review = async (request) => {
    const body = JSON.parse(await request.text());
    const answer = { ...JSON.parse(ALLOW), response: { uid: body.request.uid, allowed: true } };
    return new Response(JSON.stringify(answer), {
      headers: { "content-type": "application/json" },
    });
  };
} else {
  console.error("usage: webhook_server.ts handler|ceiling|parse|rotatable [--tls]");
  Deno.exit(2);
}

const handler = (request: Request) => {
  if (request.method !== "GET") return review(request);
  const { user, system } = process.cpuUsage();
  return Promise.resolve(Response.json({ cpuMicros: user + system }));
};

if (mode === "rotatable") {
  if (!tls) throw new Error("rotatable serves HTTPS only: add --tls");
  const server = serveWebhook(handler, { hostname: "127.0.0.1", port: 0, ...tls });
  console.log(JSON.stringify({ port: server.addr.port, ca: tls.caCert }));
  const stopped = Promise.withResolvers<void>();
  Deno.addSignalListener("SIGTERM", () => stopped.resolve());
  await stopped.promise;
  await server.shutdown();
} else {
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    ...(tls ? { cert: tls.cert, key: tls.key } : {}),
    onListen: ({ port }) => console.log(JSON.stringify({ port, ca: tls?.caCert })),
  }, handler);
  Deno.addSignalListener("SIGTERM", () => server.shutdown());
  await server.finished;
}
