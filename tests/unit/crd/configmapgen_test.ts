import assert from "node:assert/strict";
import type { CustomResourceDefinition } from "../../../mod.ts";
import { parseYamlDocuments } from "../../../src/config/yaml.ts";
import { ConfigMapGenerator } from "../../../examples/configmapgen_crd.ts";

const yaml = new URL("../../../examples/configmapgen.yaml", import.meta.url).pathname;

Deno.test("examples/configmapgen.yaml holds the CRD the example defines with customResource", async () => {
  const documents = parseYamlDocuments(await Deno.readTextFile(yaml), yaml);
  const crd = documents.find((d) =>
    (d as CustomResourceDefinition).kind === "CustomResourceDefinition"
  );
  assert.deepEqual(crd, ConfigMapGenerator.definition);
  // And its sample generator passes the check.
  const sample = documents.find((d) => (d as { kind?: string }).kind === "ConfigMapGenerator");
  assert.deepEqual(ConfigMapGenerator.validate(sample), []);
});
