/**
 * Tests of admissionHandler: every shape of answer, the refusals of bodies
 * that are not reviews, and functions that throw, return nonsense or overrun.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  admissionHandler,
  type AdmissionHandlerOptions,
  type AdmissionRequest,
  type AdmissionResponse,
  type JsonPatchOperation,
  type KubeObject,
  type Pod,
} from "../../../mod.ts";
import { ManualClock } from "../../support/manual_clock.ts";

const UID = "705ab4f5-6393-11e8-b7cc-42010a800002";

function podRequest(overrides: Partial<AdmissionRequest<Pod>> = {}): AdmissionRequest<Pod> {
  return {
    uid: UID,
    kind: { group: "", version: "v1", kind: "Pod" },
    resource: { group: "", version: "v1", resource: "pods" },
    name: "web",
    namespace: "shop",
    operation: "CREATE",
    userInfo: { username: "alice" },
    object: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "shop", labels: { app: "web" } },
      spec: { containers: [{ name: "main", image: "nginx:latest" }] },
    },
    oldObject: null,
    dryRun: false,
    ...overrides,
  };
}

function post(body: unknown, init: RequestInit = {}): Request {
  return new Request("https://webhook.test/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

function reviewOf(request: unknown) {
  return { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview", request };
}

/** Sends one review through a handler and returns the answer's response, checking the envelope. */
async function ask<T = KubeObject>(
  options: AdmissionHandlerOptions<T>,
  request: unknown = podRequest(),
): Promise<AdmissionResponse> {
  const answer = await admissionHandler(options)(post(reviewOf(request)));
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get("content-type"), "application/json");
  const review = await answer.json();
  assert.equal(review.apiVersion, "admission.k8s.io/v1");
  assert.equal(review.kind, "AdmissionReview");
  assert.equal(review.request, undefined);
  return review.response;
}

function patchOf(response: AdmissionResponse): JsonPatchOperation[] {
  assert.equal(response.patchType, "JSONPatch");
  return JSON.parse(
    new TextDecoder().decode(Uint8Array.from(atob(response.patch!), (c) => c.charCodeAt(0))),
  );
}

Deno.test("admissionHandler allows with the request's uid and no more when validate allows", async () => {
  assert.deepEqual(await ask({ validate: () => ({ allowed: true }) }), { uid: UID, allowed: true });
});

Deno.test("admissionHandler allows everything when given neither function", async () => {
  assert.deepEqual(await ask({}), { uid: UID, allowed: true });
});

Deno.test("admissionHandler passes an allowing validate's warnings on", async () => {
  const response = await ask<Pod>({
    validate: (request) => ({
      allowed: true,
      warnings: request.object.spec!.containers.filter((c) => c.image?.endsWith(":latest"))
        .map((c) => `container ${c.name}: the :latest tag is mutable`),
    }),
  });
  assert.deepEqual(response, {
    uid: UID,
    allowed: true,
    warnings: ["container main: the :latest tag is mutable"],
  });
});

Deno.test("admissionHandler denies with the message, code 403 Forbidden by default, and warnings", async () => {
  assert.deepEqual(
    await ask({
      validate: async () => {
        await Promise.resolve();
        return {
          allowed: false,
          message: "a team label is required",
          warnings: ["see the policy"],
        };
      },
    }),
    {
      uid: UID,
      allowed: false,
      status: {
        status: "Failure",
        code: 403,
        reason: "Forbidden",
        message: "a team label is required",
      },
      warnings: ["see the policy"],
    },
  );
});

Deno.test("admissionHandler denies with the code given, and the reason the API server would give it", async () => {
  const response = await ask({
    validate: () => ({ allowed: false, message: "bad spec", code: 422 }),
  });
  assert.deepEqual(response.status, {
    status: "Failure",
    code: 422,
    reason: "Invalid",
    message: "bad spec",
  });
  const odd = await ask({ validate: () => ({ allowed: false, message: "teapot", code: 418 }) });
  assert.equal(odd.status?.code, 418);
  assert.equal(odd.status?.reason, undefined);
  const low = await ask({ validate: () => ({ allowed: false, message: "m", code: 200 }) });
  assert.equal(low.status?.code, 403, "a code under 400 is no denial code");
});

Deno.test("admissionHandler answers a mutation with a base64 JSON patch against the original", async () => {
  const response = await ask<Pod>({
    mutate: (request) => {
      const pod = request.object;
      pod.metadata.labels = { ...pod.metadata.labels, team: "unowned", "example.com/by": "hook" };
      delete pod.metadata.labels.app;
      pod.spec!.containers[0].image = "nginx:1.27";
      return pod;
    },
  });
  assert.equal(response.allowed, true);
  assert.equal(response.uid, UID);
  assert.deepEqual(patchOf(response), [
    { op: "remove", path: "/metadata/labels/app" },
    { op: "add", path: "/metadata/labels/team", value: "unowned" },
    { op: "add", path: "/metadata/labels/example.com~1by", value: "hook" },
    { op: "replace", path: "/spec/containers/0/image", value: "nginx:1.27" },
  ]);
});

Deno.test("admissionHandler sends no patch when mutate returns undefined or an equal object", async () => {
  assert.deepEqual(await ask({ mutate: () => undefined }), { uid: UID, allowed: true });
  assert.deepEqual(await ask({ mutate: (r) => r.object }), { uid: UID, allowed: true });
});

Deno.test("admissionHandler gives mutate a copy: edits without a return are dropped", async () => {
  const request = podRequest();
  const response = await ask<Pod>({
    mutate: (r) => {
      r.object.metadata.labels!.team = "x";
      return undefined;
    },
  }, request);
  assert.deepEqual(response, { uid: UID, allowed: true });
});

Deno.test("admissionHandler validates the object as mutated, and keeps the patch when it allows", async () => {
  let seen: Pod | undefined;
  const response = await ask<Pod>({
    mutate: (r) => ({ ...r.object, metadata: { ...r.object.metadata, labels: { team: "a" } } }),
    validate: (r) => {
      seen = r.object;
      return r.object.metadata.labels?.team
        ? { allowed: true, warnings: ["w"] }
        : { allowed: false, message: "no team" };
    },
  });
  assert.equal(seen?.metadata.labels?.team, "a");
  assert.equal(response.allowed, true);
  assert.deepEqual(response.warnings, ["w"]);
  assert.deepEqual(patchOf(response), [
    { op: "remove", path: "/metadata/labels/app" },
    { op: "add", path: "/metadata/labels/team", value: "a" },
  ]);
});

Deno.test("admissionHandler drops the patch of a request validate then denies", async () => {
  const response = await ask<Pod>({
    mutate: (r) => ({ ...r.object, metadata: { ...r.object.metadata, labels: {} } }),
    validate: () => ({ allowed: false, message: "no" }),
  });
  assert.equal(response.allowed, false);
  assert.equal(response.patch, undefined);
  assert.equal(response.patchType, undefined);
});

Deno.test("admissionHandler does not call mutate for a DELETE, whose object is null", async () => {
  let mutated = false;
  const response = await ask(
    {
      mutate: () => {
        mutated = true;
        return undefined;
      },
      validate: (r) =>
        r.oldObject ? { allowed: true } : { allowed: false, message: "no old object" },
    },
    podRequest({
      operation: "DELETE",
      object: null as unknown as Pod,
      oldObject: podRequest().object,
    }),
  );
  assert.equal(mutated, false);
  assert.equal(response.allowed, true);
});

Deno.test("admissionHandler passes dry runs on by default, and allows them unchecked with onDryRun: allow", async () => {
  let calls = 0;
  const options = {
    mutate: (r: AdmissionRequest<Pod>) => {
      calls++;
      return { ...r.object, metadata: { ...r.object.metadata, labels: { dry: String(r.dryRun) } } };
    },
    validate: (r: AdmissionRequest<Pod>): { allowed: false; message: string } => {
      calls++;
      return { allowed: false, message: `dryRun is ${r.dryRun}` };
    },
  };
  const called = await ask<Pod>(options, podRequest({ dryRun: true }));
  assert.equal(called.status?.message, "dryRun is true");
  assert.equal(calls, 2);
  const skipped = await ask<Pod>({ ...options, onDryRun: "allow" }, podRequest({ dryRun: true }));
  assert.deepEqual(skipped, { uid: UID, allowed: true });
  assert.equal(calls, 2, "neither function ran");
  const real = await ask<Pod>({ ...options, onDryRun: "allow" }, podRequest({ dryRun: false }));
  assert.equal(real.status?.message, "dryRun is false");
});

Deno.test("admissionHandler denies, never 500s, when validate or mutate throws", async () => {
  const errors: unknown[] = [];
  const thrown = await ask({
    validate: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'team')");
    },
    onError: (e) => errors.push(e),
  });
  assert.deepEqual(thrown, {
    uid: UID,
    allowed: false,
    status: {
      status: "Failure",
      code: 500,
      reason: "InternalError",
      message: "validate failed: TypeError: Cannot read properties of undefined (reading 'team')",
    },
  });
  assert.ok(errors[0] instanceof TypeError, "onError gets the function's own error");

  const rejected = await ask({ mutate: () => Promise.reject("no database") });
  assert.equal(rejected.allowed, false);
  assert.equal(rejected.status?.message, "mutate failed: no database");
});

Deno.test("admissionHandler still denies when onError itself throws", async () => {
  const response = await ask({
    validate: () => {
      throw new Error("boom");
    },
    onError: () => {
      throw new Error("the logger is down");
    },
  });
  assert.equal(response.allowed, false);
  assert.equal(response.status?.message, "validate failed: Error: boom");
});

Deno.test("admissionHandler denies when mutate returns an object JSON cannot hold", async () => {
  const response = await ask({
    mutate: (r) => {
      const cyclic = r.object as KubeObject & { self?: unknown };
      cyclic.self = cyclic;
      return cyclic;
    },
  });
  assert.equal(response.allowed, false);
  assert.equal(response.status?.code, 500);
  assert.match(response.status?.message ?? "", /^mutate failed: /);
});

Deno.test("admissionHandler denies when validate or mutate returns something unusable", async () => {
  const cases: [AdmissionHandlerOptions<KubeObject>, string][] = [
    [
      { validate: () => undefined as never },
      "validate returned undefined, not { allowed: true | false, ... }",
    ],
    [
      { validate: () => ({ allowed: "yes" }) as never },
      "validate returned an object, not { allowed: true | false, ... }",
    ],
    [{ mutate: () => "patched" as never }, "mutate returned a string, not an object or undefined"],
    [{ mutate: () => [] as never }, "mutate returned an array, not an object or undefined"],
  ];
  for (const [options, message] of cases) {
    const response = await ask(options);
    assert.equal(response.allowed, false);
    assert.equal(response.status?.code, 500);
    assert.equal(response.status?.message, message);
  }
  const silent = await ask({ validate: () => ({ allowed: false }) as never });
  assert.equal(silent.status?.message, "denied without a message");
});

Deno.test("admissionHandler denies with a timeout when validate overruns, and aborts its signal", async () => {
  const clock = new ManualClock();
  let signal: AbortSignal | undefined;
  const errors: unknown[] = [];
  const handler = admissionHandler({
    clock,
    timeoutMs: 5_000,
    validate: (_, context) => {
      signal = context.signal;
      return new Promise<never>(() => {});
    },
    onError: (e) => errors.push(e),
  });
  const answer = handler(post(reviewOf(podRequest())));
  // Nine tenths of the webhook's timeout, so the denial beats the API server's own deadline.
  assert.equal(await clock.nextSleep(), 4_500);
  assert.equal(signal?.aborted, false);
  clock.advance(4_500);
  const { response } = await (await answer).json();
  assert.deepEqual(response, {
    uid: UID,
    allowed: false,
    status: {
      status: "Failure",
      code: 504,
      reason: "Timeout",
      message: "validate did not answer within 4500 ms (the webhook's timeout is 5000 ms)",
    },
  });
  assert.equal(signal?.aborted, true);
  assert.equal(errors.length, 1);
});

Deno.test("admissionHandler names mutate as the one that overran, leaving at most a second for the network", async () => {
  const clock = new ManualClock();
  const handler = admissionHandler({
    clock,
    mutate: () => new Promise<never>(() => {}),
    validate: () => ({ allowed: true }),
  });
  const answer = handler(post(reviewOf(podRequest())));
  assert.equal(
    await clock.nextSleep(),
    9_000,
    "10 s, the API server's default timeoutSeconds, less one",
  );
  clock.advance(9_000);
  const { response } = await (await answer).json();
  assert.match(response.status.message, /^mutate did not answer within 9000 ms/);
});

Deno.test("admissionHandler arms its deadline only for a promise, and cancels it once answered", async () => {
  const clock = new ManualClock();
  const synchronous = admissionHandler({ clock, validate: () => ({ allowed: true }) });
  assert.equal(
    (await (await synchronous(post(reviewOf(podRequest())))).json()).response.allowed,
    true,
  );
  assert.deepEqual(clock.requested, [], "a synchronous function needs no timer");

  const asynchronous = admissionHandler({
    clock,
    validate: () => Promise.resolve({ allowed: true }),
  });
  assert.equal(
    (await (await asynchronous(post(reviewOf(podRequest())))).json()).response.allowed,
    true,
  );
  assert.deepEqual(clock.requested, [9_000]);
  assert.deepEqual(clock.pending, [], "no timer is left behind");
});

Deno.test("admissionHandler gives mutate and validate one budget between them", async () => {
  const clock = new ManualClock();
  const handler = admissionHandler({
    clock,
    timeoutMs: 10_000,
    mutate: () => {
      clock.advance(3_000); // a slow synchronous mutate uses up part of the budget
      return undefined;
    },
    validate: () => new Promise<never>(() => {}),
  });
  const answer = handler(post(reviewOf(podRequest())));
  assert.equal(await clock.nextSleep(), 6_000);
  clock.advance(6_000);
  const { response } = await (await answer).json();
  assert.match(response.status.message, /^validate did not answer within 9000 ms/);
});

async function refusal(request: Request, options: AdmissionHandlerOptions = {}) {
  const answer = await admissionHandler(options)(request);
  return {
    status: answer.status,
    text: (await answer.text()).trim(),
    allow: answer.headers.get("allow"),
  };
}

Deno.test("admissionHandler refuses bodies that are not AdmissionReviews with a 400 naming what is wrong", async () => {
  const cases: [unknown, string][] = [
    [
      '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1",',
      "the body is not JSON (",
    ],
    ["[1,2]", "the body is an array, not an AdmissionReview object"],
    ['"review"', 'the body is "review", not an AdmissionReview object'],
    [
      { apiVersion: "v1", kind: "Pod", metadata: {} },
      'the body\'s kind is "Pod", not "AdmissionReview"',
    ],
    [
      { apiVersion: "admission.k8s.io/v1beta1", kind: "AdmissionReview", request: podRequest() },
      'the AdmissionReview\'s apiVersion is "admission.k8s.io/v1beta1"; only admission.k8s.io/v1 is served (list only "v1" in the webhook\'s admissionReviewVersions)',
    ],
    [
      { apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview" },
      "the AdmissionReview has no request object",
    ],
    [reviewOf({ ...podRequest(), uid: "" }), "the AdmissionReview's request has no uid"],
    [reviewOf({ object: {} }), "the AdmissionReview's request has no uid, kind, operation"],
  ];
  for (const [body, message] of cases) {
    const { status, text } = await refusal(post(body), { validate: () => ({ allowed: true }) });
    assert.equal(status, 400, message);
    assert.ok(text.startsWith(`admission webhook: ${message}`), `${text}\n!= ${message}`);
  }
});

Deno.test("admissionHandler never quotes a body that does not parse: it may hold a Secret", async () => {
  const body =
    '{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"object":{"kind":"Secret","data":{"password":"c2VjcmV0';
  const { status, text } = await refusal(post(body));
  assert.equal(status, 400);
  assert.ok(!text.includes("c2VjcmV0"), text);
});

Deno.test("admissionHandler refuses a body over maxBodyBytes with a 413, declared or streamed", async () => {
  const big = JSON.stringify(reviewOf(podRequest({ name: "x".repeat(2_000) })));
  const declared = await refusal(post(big), { maxBodyBytes: 1_000 });
  assert.equal(declared.status, 413);
  assert.equal(
    declared.text,
    "admission webhook: the body is larger than 1000 bytes (maxBodyBytes)",
  );
  // A chunked body with no Content-Length is counted as it arrives.
  const bytes = new TextEncoder().encode(big);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.subarray(i, i + 100));
      controller.close();
    },
  });
  const streamed = await refusal(
    new Request("https://webhook.test/", { method: "POST", body: stream }),
    { maxBodyBytes: 1_000 },
  );
  assert.equal(streamed.status, 413);
  const fits = await admissionHandler({ maxBodyBytes: bytes.length })(post(big));
  assert.equal(fits.status, 200);
});

Deno.test("admissionHandler answers another method than POST with a 405", async () => {
  const got = await refusal(new Request("https://webhook.test/"));
  assert.deepEqual(got, {
    status: 405,
    text: "admission webhook: GET is not served; the API server POSTs an AdmissionReview",
    allow: "POST",
  });
});
