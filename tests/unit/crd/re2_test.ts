import assert from "node:assert/strict";
import { re2ToRegExp } from "../../../src/crd/re2.ts";

Deno.test("re2ToRegExp: RE2 patterns match what the API server's Go regexp matches", () => {
  const cases: [string, string[], string[]][] = [
    ["^[a-z]+$", ["abc"], ["ABC", "ab1"]],
    ["(?i)^[a-z]+$", ["AbC"], ["a-b"]],
    ["\\Aab\\z", ["ab"], ["ab\n", "xab"]],
    ["^[[:alpha:]_][[:alnum:]_]*$", ["_a1", "Name"], ["1a", "a-b"]],
    ["^\\Qa.b\\E$", ["a.b"], ["axb"]],
    ["^(?P<n>[0-9]+)$", ["42"], ["x"]],
    ["^[]a]+$", ["]a"], ["b"]],
    ["^[^]a]+$", ["bc"], ["]"]],
    ["ab", ["xaby"], ["ba"]], // unanchored, as RE2's MatchString
    ["^Hostname|IPAddress|[a-z0-9]+\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$", ["Hostname", "x/y"], [
      "?",
    ]],
    ["^\\p{L}+$", ["héllo"], ["h1"]],
  ];
  for (const [pattern, matching, other] of cases) {
    const re = re2ToRegExp(pattern);
    assert.ok(re, pattern);
    for (const text of matching) {
      assert.ok(re.test(text), `${pattern} should match ${JSON.stringify(text)}`);
    }
    for (const text of other) {
      assert.ok(!re.test(text), `${pattern} should not match ${JSON.stringify(text)}`);
    }
  }
});

Deno.test("re2ToRegExp: what JavaScript cannot match the same way is left to the server", () => {
  for (const pattern of ["a(?i)b", "(?U)a+", "[[:^alpha:]]", "[[:nope:]]", "(?<!x)y\\p{"]) {
    assert.equal(re2ToRegExp(pattern), undefined, pattern);
  }
});
