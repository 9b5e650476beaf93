/**
 * Two admission webhooks for Pods in one namespace, served by Deno: a
 * validating one that denies Pods without a `team` label and warns about
 * `:latest` images, and a mutating one that gives Pods an `environment: dev`
 * label when they have none.
 *
 *     deno run --allow-net --allow-read --allow-env examples/admission_webhook.ts \
 *       [--url https://HOST:PORT] [--listen 0.0.0.0] [--namespace default]
 *
 * `--url` is where the API server reaches this host (`https://127.0.0.1:8443`
 * by default, right when the API server runs here too); the webhook listens
 * on its port (`0` picks one, and the configurations carry it). It makes a CA
 * and a serving certificate for the URL's host, registers a
 * MutatingWebhookConfiguration and a ValidatingWebhookConfiguration (both
 * `admission-webhook-example`, scoped to `--namespace`, `failurePolicy: Fail`),
 * prints `ready`, then one line per review, until Ctrl-C (or SIGTERM), when
 * it deletes both configurations. Try it:
 *
 *     kubectl run nolabel --image=nginx:latest            # denied: a team label is required
 *     kubectl run web --image=nginx:latest -l team=shop   # created, with a warning and environment=dev
 */
import {
  admissionHandler,
  Api,
  BUILTIN_RESOURCES,
  Client,
  createWebhookCertificates,
  type MutatingWebhookConfiguration,
  mutatingWebhookConfiguration,
  type Pod,
  serveWebhook,
  type ValidatingWebhookConfiguration,
  validatingWebhookConfiguration,
} from "../mod.ts";

const args = parseArgs(Deno.args);
const namespace = args.namespace ?? "default";
const url = new URL(args.url ?? "https://127.0.0.1:8443");
const host = url.hostname.replace(/^\[|\]$/g, "");
const isIp = /^[\d.]+$/.test(host) || host.includes(":");

const tls = await createWebhookCertificates(isIp ? { ipAddresses: [host] } : { dnsNames: [host] });

const pod = (p: Pod) => `${namespace}/${p.metadata.name ?? p.metadata.generateName + "*"}`;
const validate = admissionHandler<Pod>({
  validate(request) {
    const object = request.object;
    const latest = (object.spec?.containers ?? []).filter((c) =>
      /:latest$|^[^:@]+$/.test(c.image ?? "")
    );
    const warnings = latest.map((c) => `container ${c.name} uses ${c.image}: pin a version tag`);
    if (!object.metadata.labels?.team) {
      console.log(`validate ${request.operation} ${pod(object)}: denied, no team label`);
      return { allowed: false, message: "a team label is required", warnings };
    }
    console.log(
      `validate ${request.operation} ${pod(object)}: allowed, ${warnings.length} warning(s)`,
    );
    return { allowed: true, warnings };
  },
});
const mutate = admissionHandler<Pod>({
  mutate(request) {
    const object = request.object;
    if (object.metadata.labels?.environment) return undefined;
    object.metadata.labels = { ...object.metadata.labels, environment: "dev" };
    console.log(`mutate ${request.operation} ${pod(object)}: added environment=dev`);
    return object;
  },
});

const server = serveWebhook(
  (request) => new URL(request.url).pathname === "/mutate" ? mutate(request) : validate(request),
  {
    hostname: args.listen ?? "0.0.0.0",
    port: Number(url.port || 443),
    cert: tls.cert,
    key: tls.key,
  },
);
const base = `${url.protocol}//${url.hostname}:${server.addr.port}`;
console.log(`serving on ${server.addr.hostname}:${server.addr.port}, reached as ${base}`);

const client = await Client.load();
const name = "admission-webhook-example";
const scope = {
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
  rules: [{
    operations: ["CREATE" as const, "UPDATE" as const],
    apiGroups: [""],
    apiVersions: ["v1"],
    resources: ["pods"],
  }],
};
const mutating = new Api<MutatingWebhookConfiguration>(
  client,
  BUILTIN_RESOURCES.MutatingWebhookConfiguration,
);
const validating = new Api<ValidatingWebhookConfiguration>(
  client,
  BUILTIN_RESOURCES.ValidatingWebhookConfiguration,
);
const apply = { type: "apply", fieldManager: "admission-webhook-example", force: true } as const;
await mutating.patch(name, {
  ...apply,
  body: mutatingWebhookConfiguration({
    name,
    caCert: tls.caCert,
    webhooks: [{ name: "environment.pods.example.com", url: `${base}/mutate`, ...scope }],
  }),
});
await validating.patch(name, {
  ...apply,
  body: validatingWebhookConfiguration({
    name,
    caCert: tls.caCert,
    webhooks: [{ name: "team.pods.example.com", url: `${base}/validate`, ...scope }],
  }),
});
console.log(
  `registered MutatingWebhookConfiguration and ValidatingWebhookConfiguration ${name} for pods in ${namespace}`,
);
console.log("ready");

const stop = Promise.withResolvers<void>();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => stop.resolve());
}
await stop.promise;

for (const api of [validating, mutating]) {
  await api.delete(name).catch((e) =>
    console.error(`could not delete ${name}: ${(e as Error).message}`)
  );
}
console.log(`deleted both ${name} configurations`);
await server.shutdown();
client.close();

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = /^--(url|listen|namespace)$/.exec(argv[i]);
    if (!flag || argv[i + 1] === undefined) {
      console.error(
        "usage: admission_webhook.ts [--url https://HOST:PORT] [--listen ADDRESS] [--namespace NS]",
      );
      Deno.exit(2);
    }
    out[flag[1]] = argv[i + 1];
  }
  return out;
}
