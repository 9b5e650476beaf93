import assert from "node:assert/strict";

Deno.test("bench --smoke decodes a few hundred events, builds no kube-rs, and prints the summary line", async () => {
  const main = new URL("../../../bench/main.ts", import.meta.url).pathname;
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
  const stderr = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, stderr);
  assert.doesNotMatch(stderr, /building kube-rs/);
  const ratio = String.raw`(?:n/a|\d+\.\d\dx)`;
  assert.match(
    stdout,
    new RegExp(
      String.raw`^bench: decode=\d+\.\d\d limit, n/a client-node, n/a kube-rs; ` +
        String.raw`sync=n/a limit, n/a client-node, n/a kube-rs; burst=n/a kube-rs; ` +
        String.raw`memory=n/a client-node, n/a kube-rs; metadata=${ratio} kube-rs; ` +
        String.raw`snapshot=${ratio} apply; latency=n/a client-node$`,
      "m",
    ),
  );
});
