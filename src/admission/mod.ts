/**
 * Admission webhooks: the AdmissionReview types, {@linkcode admissionHandler}
 * for `Deno.serve`, the JSON patch it answers mutations with, the webhook's
 * certificates, its configuration objects, and a server whose certificate
 * rotates without a restart.
 *
 * @example
 * ```ts ignore
 * import { admissionHandler, createWebhookCertificates, serveWebhook } from "./mod.ts";
 * const tls = await createWebhookCertificates({ ipAddresses: ["127.0.0.1"] });
 * serveWebhook(admissionHandler({ validate: () => ({ allowed: true }) }), tls);
 * ```
 *
 * @module
 */

export type {
  AdmissionRequest,
  AdmissionResponse,
  AdmissionReview,
  GroupVersionKind,
  GroupVersionResource,
  UserInfo,
} from "./types.ts";
export {
  type AdmissionContext,
  admissionHandler,
  type AdmissionHandlerOptions,
  type ValidationResult,
} from "./handler.ts";
export { escapePointer, jsonPatch } from "./json_patch.ts";
export {
  caBundle,
  type CertificateOptions,
  createWebhookCertificates,
  readWebhookCertificates,
  type WebhookCertificates,
} from "./certificates.ts";
export {
  mutatingWebhookConfiguration,
  validatingWebhookConfiguration,
  type WebhookConfigurationOptions,
  type WebhookOptions,
} from "./configuration.ts";
export { serveWebhook, WebhookServer, type WebhookServerOptions } from "./server.ts";
