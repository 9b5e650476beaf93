/**
 * Runs a command in a pod, as `kubectl exec -i` does: this program's stdin
 * goes to the command, the command's stdout and stderr come out on this
 * program's, and it exits with the command's exit code.
 *
 *     deno run --allow-net --allow-read --allow-env examples/pod_exec.ts NAMESPACE/POD -- COMMAND [ARG...]
 *
 * The command runs without a terminal (no tty) and without a shell: write
 * `-- sh -c "..."` for one. On API servers that speak only
 * v4.channel.k8s.io (before Kubernetes 1.30), the end of this program's
 * stdin cannot be passed on, so a command that reads stdin to its end
 * (`cat`) waits until Ctrl-C.
 */
import { Api, Client } from "../mod.ts";

const dashes = Deno.args.indexOf("--");
const [namespace, name] = (Deno.args[0] ?? "").split("/");
const command = dashes === 1 ? Deno.args.slice(2) : [];
if (!namespace || !name || command.length === 0) {
  console.error("usage: pod_exec.ts NAMESPACE/POD -- COMMAND [ARG...]");
  Deno.exit(2);
}

const client = await Client.load();
try {
  const proc = await Api.v1Pod(client).within(namespace).exec(name, command, { stdin: "piped" });
  // The command may end without reading its input: that read is never awaited.
  Deno.stdin.readable.pipeTo(proc.stdin).catch(() => {});
  await Promise.all([
    proc.stdout.pipeTo(Deno.stdout.writable, { preventClose: true }),
    proc.stderr.pipeTo(Deno.stderr.writable, { preventClose: true }),
  ]);
  const { code } = await proc.status;
  Deno.exit(code);
} catch (e) {
  console.error((e as Error).message);
  Deno.exit(1);
}
