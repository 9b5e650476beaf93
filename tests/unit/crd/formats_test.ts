import assert from "node:assert/strict";
import { matchesFormat } from "../../../src/crd/formats.ts";

// What the API server's format registry (kube-openapi strfmt) takes and refuses; the check must
// never be stricter, or a cache would drop objects the server accepted.
const cases: [string, string[], string[]][] = [
  ["date", ["2024-02-29", "1999-12-31"], ["2023-02-29", "2024-1-01", "20240101"]],
  [
    "date-time",
    ["2026-12-02T15:00:00Z", "2026-12-02t15:00:00.123+01:00", "2026-12-02T15:00:00,5Z"],
    ["2026-12-02 15:00:00Z", "2026-12-02T24:00:00Z", "2026-12-02T15:00:60Z", "2026-12-02T15:00:00"],
  ],
  ["uuid", ["0c1e7c32-9b6f-4f61-8d5e-2e4b3f1c9a10", "0C1E7C329B6F4F618D5E2E4B3F1C9A10"], ["x"]],
  ["byte", ["aGVsbG8=", "aGVsbG8h"], ["", "aGVs\nbG8=", "hello!", "aGVsbG8"]],
  ["ipv4", ["1.2.3.4", "010.1.1.1", "::ffff:1.2.3.4"], ["1.2.3", "256.1.1.1", "::1"]],
  ["ipv6", ["::1", "fe80::1", "::ffff:1.2.3.4"], ["1.2.3.4", "fe80::g"]],
  ["cidr", ["10.0.0.0/8", "fd00::/64"], ["10.0.0.0", "10.0.0.0/33"]],
  ["mac", ["00:1a:2b:3c:4d:5e", "00-1A-2B-3C-4D-5E", "001a.2b3c.4d5e", "00:1a:2b:3c:4d:5e:6f:70"], [
    "00:1a:2b",
  ]],
  ["hexcolor", ["#fff", "A0B1C2"], ["#ffff"]],
  ["duration", ["1h30m", "-1.5s", "0", "3 seconds", "1 hr", "2weeks"], ["soon", "1x"]],
];

Deno.test("formats: each checked format takes and refuses what the API server does", () => {
  for (const [format, valid, invalid] of cases) {
    for (const text of valid) assert.ok(matchesFormat(format, text), `${format}: ${text}`);
    for (const text of invalid) assert.ok(!matchesFormat(format, text), `${format}: not ${text}`);
  }
});

Deno.test("formats: formats not checked here pass, whatever the text", () => {
  for (
    const format of ["hostname", "email", "uri", "password", "k8s-short-name", "int-or-string"]
  ) {
    assert.ok(matchesFormat(format, "?? not anything ??"), format);
  }
});
