import assert from "node:assert/strict";
import {
  ApiError,
  isAlreadyExists,
  isConflict,
  isForbidden,
  isGone,
  isInvalid,
  isNotFound,
  isTooManyRequests,
  isUnauthorized,
  KubeError,
  type Status,
} from "../../mod.ts";

const status = (code: number, reason: string): Status => ({
  kind: "Status",
  apiVersion: "v1",
  status: "Failure",
  code,
  reason,
  message: "m",
});
const error = (code: number, reason: string) => new ApiError("GET", "/p", status(code, reason));

Deno.test("status predicates: each names one Status, by reason or by code, for errors and watch Statuses alike", () => {
  assert.equal(isNotFound(error(404, "NotFound")), true);
  assert.equal(isNotFound(status(404, "")), true);
  assert.equal(isConflict(error(409, "Conflict")), true);
  assert.equal(isConflict(error(409, "AlreadyExists")), false);
  assert.equal(isAlreadyExists(error(409, "AlreadyExists")), true);
  assert.equal(isGone(status(410, "Expired")), true);
  assert.equal(isGone(error(410, "Gone")), true);
  assert.equal(isForbidden(error(403, "Forbidden")), true);
  assert.equal(isUnauthorized(error(401, "Unauthorized")), true);
  assert.equal(isInvalid(error(422, "Invalid")), true);
  assert.equal(isTooManyRequests(error(429, "TooManyRequests")), true);
});

Deno.test("status predicates: anything that is not a server's answer matches none", () => {
  for (
    const e of [new KubeError("network down"), new Error("x"), undefined, null, 404, "NotFound"]
  ) {
    assert.equal(isNotFound(e), false);
    assert.equal(isGone(e), false);
    assert.equal(isConflict(e), false);
  }
  assert.equal(isNotFound(error(500, "InternalError")), false);
});
