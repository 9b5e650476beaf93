/**
 * parseManifests and readManifests: documents, Lists, kubectl's YAML 1.1
 * rules, JSON, and errors that name the document and line but quote no value.
 *
 * @module
 */

import assert from "node:assert/strict";
import { KubeError, manifestSource, parseManifests, readManifests } from "../../../../mod.ts";

const cm = (name: string, extra = "") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

Deno.test("documents split on ---, empty ones skipped, in order", () => {
  const text = `---\n${cm("a")}---\n\n---\n# only a comment\n---\n${cm("b")}\n...\n---\n${cm("c")}`;
  const objects = parseManifests(text);
  assert.deepEqual(objects.map((o) => o.metadata.name), ["a", "b", "c"]);
  // A leading --- opens the first document; the empty and comment-only ones keep their numbers.
  assert.deepEqual(manifestSource(objects[0]), { source: "manifest", document: 1, line: 2 });
  assert.deepEqual(objects.map((o) => manifestSource(o)?.document), [1, 4, 5]);
});

Deno.test("kind: List and typed lists are flattened; other top-level fields are kept", () => {
  const text = `apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {k: v}}
- {apiVersion: apps/v1, kind: Deployment, metadata: {name: b}, spec: {replicas: 2}}
---
apiVersion: v1
kind: ConfigMapList
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, binaryData: {x: AA==}}
`;
  const objects = parseManifests(text);
  assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`), [
    "ConfigMap/a",
    "Deployment/b",
    "ConfigMap/c",
  ]);
  assert.deepEqual(objects[0].data, { k: "v" });
  assert.deepEqual(objects[2].binaryData, { x: "AA==" });
});

Deno.test("merge keys, YAML 1.1 booleans and octal are read as kubectl reads them", () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - &base
        name: a
        image: nginx
        imagePullPolicy: Always
      - <<: *base
        name: b
      volumes:
      - name: v
        configMap: {name: c, defaultMode: 0644, optional: yes}
`;
  const [deployment] = parseManifests(text);
  // deno-lint-ignore no-explicit-any
  const spec = (deployment.spec as any).template.spec;
  assert.deepEqual(spec.containers[1], { name: "b", image: "nginx", imagePullPolicy: "Always" });
  assert.equal(spec.volumes[0].configMap.defaultMode, 0o644);
  assert.equal(spec.volumes[0].configMap.optional, true);
});

Deno.test("JSON is read, one object or a List", () => {
  const objects = parseManifests(JSON.stringify(
    {
      apiVersion: "v1",
      kind: "List",
      items: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "n" } }],
    },
    null,
    2,
  ));
  assert.deepEqual(objects.map((o) => o.metadata.name), ["n"]);
  const [one] = parseManifests(`\n\n{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}`);
  assert.equal(one.kind, "Secret");
  assert.equal(manifestSource(one)?.line, 3);
});

Deno.test("an object without metadata gets an empty one", () => {
  const [o] = parseManifests("apiVersion: v1\nkind: Namespace\n");
  assert.deepEqual(o.metadata, {});
});

/** Asserts `text` fails with a KubeError matching `pattern`, and that no `secret` is quoted. */
function assertFails(text: string, pattern: RegExp, secret = "hunter2") {
  assert.throws(() => parseManifests(text, { source: "app.yaml" }), (e: Error) => {
    assert.ok(e instanceof KubeError, String(e));
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes(secret), `the message quotes a value: ${e.message}`);
    return true;
  });
}

Deno.test("errors name the source, the document's number and line, and quote no value", () => {
  // Bad YAML in document 2.
  assertFails(
    `${cm("a")}---\napiVersion: v1\nkind: Secret\nstringData:\n  password: "hunter2\n`,
    /^app\.yaml: document 2 \(line \d+, column \d+\): not valid YAML/,
  );
  assertFails(
    `${cm("a")}---\napiVersion: v1\nkind: Secret\nstringData: {password: [hunter2}\n`,
    /^app\.yaml: document 2 \(line 8, column \d+\): not valid YAML/,
  );
  // A tab as indentation.
  assertFails(`${cm("a", "data:\n\tpassword: hunter2\n")}`, /document 1 \(line 6, column \d+\)/);
  // Not an object.
  assertFails(
    `${cm("a")}---\n- hunter2\n`,
    /^app\.yaml: document 2 \(line 6\): not an object but a list$/,
  );
  assertFails(`hunter2\n`, /document 1 \(line 1\): not an object but string/);
  // No kind, no apiVersion, wrong types.
  assertFails(
    `${cm("a")}---\n\napiVersion: v1\nmetadata: {name: hunter2}\n`,
    /^app\.yaml: document 2 \(line 7\): no kind$/,
  );
  assertFails(`kind: Secret\ndata: {p: hunter2}\n`, /document 1 \(line 1\): no apiVersion$/);
  assertFails(`apiVersion: 1\nkind: Secret\n`, /apiVersion is not a string/);
  assertFails(`apiVersion: v1\nkind: Secret\nmetadata: hunter2\n`, /metadata is not an object/);
  // A List's item.
  assertFails(
    `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, data: {p: hunter2}}\n`,
    /document 1 \(line 1\): item 2 of the List: no kind$/,
  );
  // An alias to nothing.
  assertFails(
    `apiVersion: v1\nkind: Secret\ndata: *hunter2\n`,
    /document 1 \(line 1(, column \d+)?\): not valid YAML/,
  );
});

Deno.test("readManifests reads a file, a directory in name order, -R, and stdin", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/b.yaml`, cm("b"));
    await Deno.writeTextFile(
      `${dir}/a.json`,
      JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } }),
    );
    await Deno.writeTextFile(`${dir}/notes.txt`, "not a manifest");
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(`${dir}/sub/c.yml`, cm("c"));
    const names = (objects: { metadata: { name?: string } }[]) =>
      objects.map((o) => o.metadata.name);
    assert.deepEqual(names(await readManifests(dir)), ["a", "b"]);
    assert.deepEqual(names(await readManifests(dir, { recursive: true })), ["a", "b", "c"]);
    assert.deepEqual(names(await readManifests(`${dir}/notes.txt`).catch(() => [])), []);
    const [fromFile] = await readManifests(`${dir}/sub/c.yml`);
    assert.equal(manifestSource(fromFile)?.source, `${dir}/sub/c.yml`);
    const stdin = ReadableStream.from([new TextEncoder().encode(cm("d"))]);
    const [fromStdin] = await readManifests("-", { stdin });
    assert.equal(fromStdin.metadata.name, "d");
    assert.equal(manifestSource(fromStdin)?.source, "<stdin>");
    await assert.rejects(
      () => readManifests(`${dir}/missing.yaml`),
      /missing\.yaml: cannot be read/,
    );
    await Deno.writeTextFile(`${dir}/bad.yaml`, `${cm("x")}---\nkind: Secret\n`);
    await assert.rejects(
      () => readManifests(dir),
      /bad\.yaml: document 2 \(line 6\): no apiVersion/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
