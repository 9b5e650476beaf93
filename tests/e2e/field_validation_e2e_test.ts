/**
 * fieldValidation and warnings against the local control plane: an unknown
 * field is dropped with a Warning header under `Warn` (which reaches the
 * client's onWarning), and refused with a 400 under `Strict`.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, ApiError, Client, type ConfigMap } from "../../mod.ts";
import { cluster, withNamespace } from "./_cluster.ts";

/** A ConfigMap with a field its schema does not have, past the type checker. */
function withUnknownField(name: string): ConfigMap {
  return { metadata: { name }, data: { a: "1" }, bogus: true } as unknown as ConfigMap;
}

Deno.test("e2e fieldValidation: an unknown field is a warning under Warn and a 400 BadRequest under Strict", async () => {
  const { kubeconfig, context } = await cluster();
  const warnings: { message: string; method?: string; path: string }[] = [];
  using warned = await Client.load({
    kubeconfig,
    context,
    onWarning: (message, request) =>
      warnings.push({ message, method: request.method, path: request.path }),
  });
  await withNamespace(async (ns) => {
    const cms = Api.v1ConfigMap(warned).within(ns);

    const created = await cms.create(withUnknownField("warned"), { fieldValidation: "Warn" });
    assert.deepEqual(created.data, { a: "1" });
    assert.equal("bogus" in created, false, "the server dropped the field");
    assert.deepEqual(warnings, [{
      message: 'unknown field "bogus"',
      method: "POST",
      path: `/api/v1/namespaces/${ns}/configmaps`,
    }]);

    warnings.length = 0;
    await assert.rejects(
      () => cms.create(withUnknownField("strict"), { fieldValidation: "Strict" }),
      (e: unknown) => {
        assert.ok(e instanceof ApiError);
        assert.equal(e.code, 400);
        assert.match(e.message, /unknown field "bogus"/);
        return true;
      },
    );
    await assert.rejects(
      () => cms.get("strict"),
      (e: unknown) => e instanceof ApiError && e.code === 404,
    );

    await cms.replace("warned", { ...withUnknownField("warned"), data: { a: "2" } }, {
      fieldValidation: "Ignore",
    });
    assert.equal(warnings.length, 0, "Ignore drops the field silently");
    await cms.patch("warned", { type: "merge", body: { data: { b: "3" }, bogus: 1 } }, {
      fieldValidation: "Warn",
    });
    assert.deepEqual(warnings.map((w) => `${w.method} ${w.message}`), [
      'PATCH unknown field "bogus"',
    ]);
    assert.deepEqual((await cms.get("warned")).data, { a: "2", b: "3" });
  });
});
