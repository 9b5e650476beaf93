/**
 * Warning headers: the RFC 7234 parse, and the Client's onWarning hook and
 * its default (each distinct message once on stderr), against the fake API
 * server sending scripted `Warning` headers.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, ApiError, parseWarnings, type RequestOptions } from "../../../mod.ts";
import { FakeApiServer } from "../../support/fake_apiserver.ts";

Deno.test("parseWarnings reads code, agent and text of one warn-value", () => {
  assert.deepEqual(parseWarnings('299 - "extensions/v1beta1 Ingress is deprecated"'), [
    { code: 299, agent: "-", text: "extensions/v1beta1 Ingress is deprecated" },
  ]);
});

Deno.test("parseWarnings splits a list at commas outside quotes and unescapes quoted-pairs", () => {
  const header = '299 - "unknown field \\"spec.replica\\"", 299 api.example:443 "a, b \\\\ c",' +
    '199 proxy "stale"';
  assert.deepEqual(parseWarnings(header), [
    { code: 299, agent: "-", text: 'unknown field "spec.replica"' },
    { code: 299, agent: "api.example:443", text: "a, b \\ c" },
    { code: 199, agent: "proxy", text: "stale" },
  ]);
});

Deno.test("parseWarnings reads a warn-date and skips empty list elements", () => {
  assert.deepEqual(
    parseWarnings(' , 299 - "dated" "Wed, 02 Dec 2026 16:00:00 GMT" ,, 299 - ""'),
    [
      { code: 299, agent: "-", text: "dated", date: "Wed, 02 Dec 2026 16:00:00 GMT" },
      { code: 299, agent: "-", text: "" },
    ],
  );
});

Deno.test("parseWarnings stops at the first value that does not fit the grammar", () => {
  const cases: [string, string[]][] = [
    ['299 - "kept", 29 - "short code"', ["kept"]],
    ['299 - "kept", 299 "no agent"', ["kept"]],
    ['299 - "kept", 299 - unquoted', ["kept"]],
    ['299 - "kept", 299 - "unterminated', ["kept"]],
    ['299 - "kept" trailing, 299 - "lost"', []],
    ["", []],
  ];
  for (const [header, texts] of cases) {
    assert.deepEqual(parseWarnings(header).map((w) => w.text), texts, header);
  }
});

Deno.test("Client: onWarning is told each 299 message of an answer, with its request", async () => {
  const server = new FakeApiServer();
  const seen: [string, RequestOptions][] = [];
  const client = server.client({ onWarning: (message, request) => seen.push([message, request]) });
  try {
    server.create("default", "web");
    server.knobs.warnings = ['299 - "first", 299 - "second \\"quoted\\""', '214 - "transformed"'];
    await Api.v1Pod(client).within("default").get("web");
    assert.deepEqual(seen.map(([message]) => message), ["first", 'second "quoted"']);
    assert.equal(seen[0][1].path, "/api/v1/namespaces/default/pods/web");
    assert.equal(seen[0][1].method ?? "GET", "GET");
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("Client: warnings on an error answer reach onWarning before the ApiError", async () => {
  const server = new FakeApiServer();
  const seen: string[] = [];
  const client = server.client({ onWarning: (message) => seen.push(message) });
  try {
    server.knobs.warnings = ['299 - "admission: team label missing"'];
    await assert.rejects(
      () => Api.v1Pod(client).within("default").get("nope"),
      (e: unknown) => e instanceof ApiError && e.code === 404,
    );
    assert.deepEqual(seen, ["admission: team label missing"]);
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("Client: by default each distinct warning is printed once to stderr, as kubectl does", async () => {
  const server = new FakeApiServer();
  const client = server.client();
  const printed: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => printed.push(args.join(" "));
  try {
    const pods = Api.v1Pod(client).within("default");
    server.knobs.warnings = ['299 - "v1 Pod field x is deprecated"'];
    await pods.list();
    await pods.list();
    server.knobs.warnings = ['299 - "v1 Pod field x is deprecated", 299 - "another"'];
    await pods.list();
    server.knobs.warnings = undefined;
    await pods.list();
  } finally {
    console.error = original;
    client.close();
    await server.close();
  }
  assert.deepEqual(printed, ["Warning: v1 Pod field x is deprecated", "Warning: another"]);
});
