import assert from "node:assert/strict";
import { crdsOf, generate } from "../../../src/crd/codegen_cli.ts";
import { checkResource, type CustomResourceDefinition, formatPath } from "../../../mod.ts";
import { parseYamlDocuments } from "../../../src/config/yaml.ts";
import { CONFIG, deno, docLintProblems, MOD_URL } from "./_deno.ts";

const data = new URL("../../data/crds/", import.meta.url).pathname;

/** The YAML files of one project's folder (CRDs) or of its samples. */
async function yamlFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isFile && entry.name.endsWith(".yaml")) files.push(`${dir}${entry.name}`);
  }
  return files.sort();
}

async function projects(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(data)) if (entry.isDirectory) names.push(entry.name);
  return names.sort();
}

interface Sample {
  file: string;
  object: { apiVersion: string; kind: string; metadata?: { name?: string } };
}

async function samplesOf(project: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const file of await yamlFiles(`${data}${project}/samples/`)) {
    for (const doc of parseYamlDocuments(await Deno.readTextFile(file), file)) {
      samples.push({ file, object: doc as Sample["object"] });
    }
  }
  return samples;
}

/** The CRD and version a sample is an object of, if its CRD is among the test data. */
function versionOf(crds: CustomResourceDefinition[], sample: Sample) {
  const [group, version] = sample.object.apiVersion.split("/");
  const crd = crds.find((c) => c.spec.group === group && c.spec.names.kind === sample.object.kind);
  const served = crd?.spec.versions.find((v) => v.name === version && v.served);
  return crd && served ? { crd, version: served } : undefined;
}

Deno.test("codegen on real CRDs: every module passes deno check and deno doc --lint, and every project's samples type-check against it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kube-codegen-real-" });
  try {
    const crds: CustomResourceDefinition[] = [];
    const sources: string[] = [];
    for (const project of await projects()) {
      for (const file of await yamlFiles(`${data}${project}/`)) {
        sources.push(file);
        crds.push(...crdsOf(parseYamlDocuments(await Deno.readTextFile(file), file)));
      }
    }
    const written = await generate({
      sources,
      cluster: false,
      names: [],
      out: dir,
      fmt: true,
      importFrom: MOD_URL,
    });
    assert.equal(written.length, crds.length);
    assert.equal(written.length, 14);

    let test = "";
    let count = 0;
    const perProject: Record<string, number> = {};
    for (const project of await projects()) {
      for (const sample of await samplesOf(project)) {
        const found = versionOf(crds, sample);
        if (!found) continue;
        const type = found.crd.spec.names.kind +
          found.version.name[0].toUpperCase() + found.version.name.slice(1);
        const module = `./${found.crd.metadata.name}.ts`;
        // kubebuilder-made manifests carry `creationTimestamp: null`, which the
        // server ignores but ObjectMeta (src/types/meta.ts) types as Time only:
        // a finding for the types, not for the generated modules.
        const metadata = sample.object.metadata as Record<string, unknown> | undefined;
        if (metadata?.creationTimestamp === null) delete metadata.creationTimestamp;
        test += `import type { ${type} as T${count} } from "${module}";\n` +
          `// ${
            sample.file.slice(data.length)
          }: ${sample.object.kind} ${sample.object.metadata?.name}\n` +
          `export const sample${count}: T${count} = ${JSON.stringify(sample.object)};\n`;
        perProject[project] = (perProject[project] ?? 0) + 1;
        count++;
      }
    }
    // Each project brings samples of at least one of its generated kinds.
    assert.deepEqual(Object.keys(perProject).sort(), await projects());
    await Deno.writeTextFile(`${dir}/samples.ts`, test);

    const files = written.map((m) => m.path);
    const checked = await deno("check", "--config", CONFIG, ...files, `${dir}/samples.ts`);
    assert.equal(checked.code, 0, checked.output.slice(0, 4000));
    assert.deepEqual(await docLintProblems(files), []);
    const fmt = await deno("fmt", "--check", ...files);
    assert.equal(fmt.code, 0, fmt.output.slice(0, 2000));
    assert.ok(count >= 80, `${count} samples`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the runtime check passes every project's own samples against its CRD's schema", async () => {
  const crds: CustomResourceDefinition[] = [];
  for (const project of await projects()) {
    for (const file of await yamlFiles(`${data}${project}/`)) {
      crds.push(...crdsOf(parseYamlDocuments(await Deno.readTextFile(file), file)));
    }
  }
  const problems: string[] = [];
  let checked = 0;
  for (const project of await projects()) {
    for (const sample of await samplesOf(project)) {
      const found = versionOf(crds, sample);
      if (!found) continue;
      checked++;
      for (const issue of checkResource(found.version.schema!.openAPIV3Schema!, sample.object)) {
        problems.push(
          `${
            sample.file.slice(data.length)
          } ${sample.object.kind} ${sample.object.metadata?.name}: ${
            formatPath(issue.path)
          }: ${issue.message}`,
        );
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked >= 80, `${checked} samples`);
});
