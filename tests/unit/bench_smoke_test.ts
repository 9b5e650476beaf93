import assert from "node:assert/strict";

Deno.test("bench --smoke decodes a few hundred events and prints the summary line", async () => {
  const main = new URL("../../bench/main.ts", import.meta.url).pathname;
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-run",
      "--allow-read",
      "--allow-write",
      "--allow-net",
      "--allow-env",
      main,
      "--smoke",
    ],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(10_000),
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  assert.match(
    stdout,
    /^bench: decode=\d+\.\d\d limit, n\/a client-node; sync=n\/a client-node; memory=n\/a client-node$/m,
  );
});
