/**
 * PodApi.exec and attach against an in-process WebSocket endpoint that
 * speaks the channel protocol as the API server does: subprotocol
 * negotiation, stdout and stderr frames, stdin and v5's close message,
 * the Status on the error channel, resize, and handshakes that are refused.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, ApiError, type Client, KubeError, type PodProcess } from "../../../../mod.ts";
import { testClient, within } from "../../../support/test_client.ts";
import { makeTestTls, type TestTls } from "../../../support/tls.ts";

const TOKEN = "exec-token-5f2e9a";
const V5 = "v5.channel.k8s.io";
const V4 = "v4.channel.k8s.io";
const text = new TextEncoder();
const utf8 = new TextDecoder();

/** The server's side of one session. */
interface Session {
  url: URL;
  headers: Headers;
  /** The subprotocol the server chose. */
  protocol: string;
  /** Sends `data` on `channel`. */
  send(channel: number, data: Uint8Array | string): void;
  /** Sends a Status on the error channel (3). */
  status(status: Record<string, unknown>): void;
  /** The next message from the client, channel byte first. */
  next(): Promise<Uint8Array>;
  /** Resolves when the client has closed the socket, or the server did. */
  closed: Promise<void>;
  close(): void;
}

type Script = (session: Session) => void | Promise<void>;

interface ServerOptions {
  /** What the session does once open. */
  script?: Script;
  /** The subprotocols the server speaks; the client's first one that it speaks is chosen. */
  speaks?: string[];
  /** Answers a request instead of upgrading it (a refusal). */
  refuse?: (req: Request) => Response | Promise<Response> | undefined;
  tls?: TestTls;
}

interface Harness {
  client: Client;
  pods: ReturnType<typeof Api.v1Pod>;
  sessions: Session[];
  /** Every request, upgrade or not: `METHOD path upgrade?`. */
  requests: string[];
}

const SUCCESS = { metadata: {}, status: "Success" };

function exitCode(code: number) {
  return {
    metadata: {},
    status: "Failure",
    message:
      `command terminated with non-zero exit code: error executing command, exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

/** A queue of the client's messages that a script awaits one at a time. */
function inbox(socket: WebSocket) {
  const queued: Uint8Array[] = [];
  const waiting: ((m: Uint8Array) => void)[] = [];
  socket.addEventListener("message", (e) => {
    const message = new Uint8Array(e.data as ArrayBuffer);
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else queued.push(message);
  });
  return (): Promise<Uint8Array> => {
    const message = queued.shift();
    if (message) return Promise.resolve(message);
    return new Promise((resolve) => waiting.push(resolve));
  };
}

async function withExecServer(
  options: ServerOptions,
  fn: (h: Harness) => Promise<void>,
): Promise<void> {
  const sessions: Session[] = [];
  const requests: string[] = [];
  const speaks = options.speaks ?? [V5, V4];
  const scripts: Promise<void>[] = [];
  const server = Deno.serve(
    {
      hostname: "127.0.0.1",
      port: 0,
      onListen() {},
      ...(options.tls ? { cert: options.tls.serverCert, key: options.tls.serverKey } : {}),
    },
    (req) => {
      const url = new URL(req.url);
      const upgrade = req.headers.get("upgrade") === "websocket";
      requests.push(`${req.method} ${url.pathname}${upgrade ? " upgrade" : ""}`);
      const refusal = options.refuse?.(req);
      if (refusal) return refusal;
      if (!upgrade) {
        return Response.json({
          kind: "Status",
          apiVersion: "v1",
          status: "Failure",
          message: "Upgrade request required",
          reason: "BadRequest",
          code: 400,
        }, { status: 400 });
      }
      const offered = (req.headers.get("sec-websocket-protocol") ?? "").split(",").map((p) =>
        p.trim()
      );
      const protocol = offered.find((p) => speaks.includes(p));
      const headers = new Headers(req.headers);
      const { socket, response } = Deno.upgradeWebSocket(req, protocol ? { protocol } : {});
      socket.binaryType = "arraybuffer";
      const next = inbox(socket);
      const closed = new Promise<void>((resolve) =>
        socket.addEventListener("close", () => resolve(), { once: true })
      );
      const session: Session = {
        url,
        headers,
        protocol: protocol ?? "",
        send(channel, data) {
          const bytes = typeof data === "string" ? text.encode(data) : data;
          const frame = new Uint8Array(bytes.length + 1);
          frame[0] = channel;
          frame.set(bytes, 1);
          socket.send(frame);
        },
        status(status) {
          session.send(3, JSON.stringify(status));
        },
        next,
        closed,
        close: () => socket.close(1000),
      };
      sessions.push(session);
      socket.addEventListener("open", () => {
        scripts.push(
          Promise.resolve(options.script?.(session)).catch((e) => {
            console.error("script failed:", e);
            socket.close();
          }),
        );
      }, { once: true });
      return response;
    },
  );
  const scheme = options.tls ? "https" : "http";
  const client = testClient(`${scheme}://127.0.0.1:${server.addr.port}`, {
    namespace: "client-ns",
    token: TOKEN,
    caCerts: options.tls ? [options.tls.caCert] : undefined,
  });
  try {
    await fn({ client, pods: Api.v1Pod(client).within("team-a"), sessions, requests });
  } finally {
    client.close();
    await Promise.all(scripts);
    await server.shutdown();
  }
}

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return await new Response(stream).text();
}

Deno.test("exec: the query repeats command once per argument and names container, stdin, stdout, stderr and tty; the token and both subprotocols go in the handshake", async () => {
  await withExecServer({
    script: (s) => {
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods, sessions }) => {
    const proc = await pods.exec("web-0", ["sh", "-c", "echo a && echo b"], {
      container: "app",
      stdin: "piped",
    });
    assert.deepEqual(await within(proc.status, "the status"), { success: true, code: 0 });
    const [session] = sessions;
    assert.equal(session.url.pathname, "/api/v1/namespaces/team-a/pods/web-0/exec");
    assert.deepEqual(session.url.searchParams.getAll("command"), ["sh", "-c", "echo a && echo b"]);
    assert.equal(session.url.searchParams.get("container"), "app");
    assert.equal(session.url.searchParams.get("stdin"), "true");
    assert.equal(session.url.searchParams.get("stdout"), "true");
    assert.equal(session.url.searchParams.get("stderr"), "true");
    assert.equal(session.url.searchParams.get("tty"), "false");
    assert.equal(session.headers.get("authorization"), `Bearer ${TOKEN}`);
    assert.equal(session.headers.get("sec-websocket-protocol"), `${V5}, ${V4}`);
    assert.equal(proc.protocol, V5);
  });
});

Deno.test("exec: stdout and stderr frames, split and merged, arrive in order on their own streams, and output() collects them with exit code 0", async () => {
  await withExecServer({
    script: (s) => {
      s.send(1, "hel");
      s.send(2, "war");
      s.send(1, "lo\nwor");
      s.send(2, "ning\n");
      s.send(1, "ld\n");
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["greet"]);
    const out = await within(proc.output(), "the output");
    assert.equal(utf8.decode(out.stdout), "hello\nworld\n");
    assert.equal(utf8.decode(out.stderr), "warning\n");
    assert.equal(out.success, true);
    assert.equal(out.code, 0);
  });
});

Deno.test("exec: under v5, the server's close message ends stdout before the session ends", async () => {
  await withExecServer({
    script: async (s) => {
      s.send(1, "all of it");
      s.send(255, Uint8Array.of(1));
      await s.next();
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["cat"], { stdin: "piped" });
    assert.equal(await within(readText(proc.stdout), "stdout to end"), "all of it");
    await proc.stdin.close();
    assert.deepEqual(await within(proc.status, "the status"), { success: true, code: 0 });
  });
});

Deno.test("exec: a NonZeroExitCode Status gives the exit code, and success false", async () => {
  await withExecServer({
    script: (s) => {
      s.send(2, "failed\n");
      s.status(exitCode(3));
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["sh", "-c", "exit 3"]);
    const out = await within(proc.output(), "the output");
    assert.equal(out.success, false);
    assert.equal(out.code, 3);
    assert.equal(utf8.decode(out.stderr), "failed\n");
  });
});

Deno.test("exec: a Status split across two messages on the error channel is read whole", async () => {
  await withExecServer({
    script: (s) => {
      const json = JSON.stringify(exitCode(42));
      s.send(3, json.slice(0, 20));
      s.send(3, json.slice(20));
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["false"]);
    assert.deepEqual(await within(proc.status, "the status"), { success: false, code: 42 });
  });
});

Deno.test("exec: stdin is forwarded on channel 0, and closing it under v5 sends [255, 0]", async () => {
  const received: number[][] = [];
  await withExecServer({
    script: async (s) => {
      let input = "";
      while (true) {
        const message = await s.next();
        received.push([...message.subarray(0, 2)]);
        if (message[0] === 255) break;
        assert.equal(message[0], 0);
        input += utf8.decode(message.subarray(1));
      }
      s.send(1, input.toUpperCase());
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["tr", "a-z", "A-Z"], { stdin: "piped" });
    const writer = proc.stdin.getWriter();
    await writer.write(text.encode("hello "));
    await writer.write(text.encode("world"));
    await writer.close();
    const out = await within(proc.output(), "the output");
    assert.equal(utf8.decode(out.stdout), "HELLO WORLD");
    assert.deepEqual(received.at(-1), [255, 0]);
  });
});

Deno.test("exec: several MiB of stdin arrive in order, in messages of at most 64 KiB", async () => {
  const input = new Uint8Array(5 * 1024 * 1024).map((_, i) => (i * 7) % 251);
  let largest = 0;
  await withExecServer({
    script: async (s) => {
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      while (true) {
        const message = await s.next();
        if (message[0] === 255) break;
        largest = Math.max(largest, message.length - 1);
        chunks.push(message.slice(1));
      }
      const all = new Uint8Array(await new Blob(chunks).arrayBuffer());
      s.send(1, String(all.length));
      s.send(1, all.every((b, i) => b === input[i]) ? " same" : " different");
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["wc", "-c"], { stdin: "piped" });
    await ReadableStream.from([input.subarray(0, 3_000_000), input.subarray(3_000_000)])
      .pipeTo(proc.stdin);
    const out = await within(proc.output(), "the output");
    assert.equal(utf8.decode(out.stdout), `${input.length} same`);
    assert.equal(largest, 64 * 1024);
  });
});

Deno.test("exec: under v4, closing stdin sends nothing (v4 cannot half-close) and the session still ends with its status", async () => {
  const received: Uint8Array[] = [];
  await withExecServer({
    speaks: [V4],
    script: async (s) => {
      received.push(await s.next());
      s.send(1, "got it");
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["cat"], { stdin: "piped" });
    assert.equal(proc.protocol, V4);
    const writer = proc.stdin.getWriter();
    await writer.write(text.encode("x"));
    await writer.close();
    const out = await within(proc.output(), "the output");
    assert.equal(utf8.decode(out.stdout), "got it");
    assert.deepEqual(received.map((m) => [...m]), [[0, 120]]);
  });
});

Deno.test("exec: a failure Status on the error channel rejects status with an ApiError naming its reason", async () => {
  await withExecServer({
    script: (s) => {
      s.status({
        metadata: {},
        status: "Failure",
        message: 'exec: "nope": executable file not found in $PATH',
        reason: "InternalError",
        code: 500,
      });
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["nope"]);
    await assert.rejects(within(proc.output(), "the output"), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.code, 500);
      assert.equal(e.reason, "InternalError");
      assert.match(e.message, /executable file not found/);
      assert.match(e.message, /pods\/web-0\/exec/);
      return true;
    });
  });
});

Deno.test("exec: resize sends the terminal size as JSON on channel 4; without a tty it throws", async () => {
  const sizes: string[] = [];
  await withExecServer({
    script: async (s) => {
      for (let i = 0; i < 2; i++) {
        const message = await s.next();
        assert.equal(message[0], 4);
        sizes.push(utf8.decode(message.subarray(1)));
      }
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods, sessions }) => {
    const proc = await pods.exec("web-0", ["sh"], { stdin: "piped", tty: true });
    assert.equal(sessions[0].url.searchParams.get("tty"), "true");
    assert.equal(sessions[0].url.searchParams.get("stderr"), "false");
    proc.resize({ columns: 120, rows: 40 });
    proc.resize({ columns: 80, rows: 24 });
    await within(proc.status, "the status");
    assert.deepEqual(sizes.map((s) => JSON.parse(s)), [
      { Width: 120, Height: 40 },
      { Width: 80, Height: 24 },
    ]);
  });
  await withExecServer({ script: (s) => void s.close() }, async ({ pods }) => {
    await using proc = await pods.exec("web-0", ["date"]);
    assert.throws(() => proc.resize({ columns: 80, rows: 24 }), /tty/);
  });
});

Deno.test("exec: a tty with stderr piped, an empty command, or nothing piped at all is refused before any request", async () => {
  await withExecServer({}, async ({ pods, requests }) => {
    await assert.rejects(pods.exec("web-0", ["sh"], { tty: true, stderr: "piped" }), /stderr/);
    await assert.rejects(pods.exec("web-0", []), /command is empty/);
    await assert.rejects(
      pods.exec("web-0", ["true"], { stdout: "null", stderr: "null" }),
      /pipe at least one/,
    );
    assert.deepEqual(requests, []);
  });
});

Deno.test("exec: a handshake refused with 403 is an ApiError 403 Forbidden with the server's message, over ws and over wss, with no token in it", async () => {
  const forbidden = () =>
    Response.json({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      message:
        'pods "web-0" is forbidden: User "dev" cannot create resource "pods/exec" in API group "" in the namespace "team-a"',
      reason: "Forbidden",
      details: { name: "web-0", kind: "pods" },
      code: 403,
    }, { status: 403 });
  const tls = await makeTestTls();
  for (const options of [{ refuse: forbidden }, { refuse: forbidden, tls }]) {
    await withExecServer(options, async ({ pods }) => {
      await assert.rejects(pods.exec("web-0", ["date"]), (e: unknown) => {
        assert.ok(e instanceof ApiError, String(e));
        assert.equal(e.code, 403);
        assert.equal(e.reason, "Forbidden");
        assert.match(
          e.message,
          /^GET \/api\/v1\/namespaces\/team-a\/pods\/web-0\/exec: 403 Forbidden/,
        );
        assert.match(e.message, /cannot create resource "pods\/exec"/);
        assert.ok(e.cause instanceof KubeError);
        assert.match(e.cause.message, /WebSocket upgrade failed/);
        for (const message of [e.message, e.cause.message]) {
          assert.ok(!message.includes(TOKEN), message);
        }
        return true;
      });
    });
  }
});

Deno.test("exec: an upgrade refused where a plain GET passes is asked again as a POST, so the error names the missing create permission", async () => {
  await withExecServer({
    // Kubernetes 1.35+: the upgrade and a POST are authorized as create, a plain GET as get.
    refuse: (req) => {
      const upgrade = req.headers.get("upgrade") === "websocket";
      if (!upgrade && req.method === "GET") return undefined;
      return Response.json({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        message: 'pods "web-0" is forbidden: User "dev" cannot create resource "pods/exec"',
        reason: "Forbidden",
        code: 403,
      }, { status: 403 });
    },
  }, async ({ pods, requests }) => {
    await assert.rejects(pods.exec("web-0", ["date"]), (e: unknown) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.code, 403);
      assert.match(e.message, /cannot create/);
      return true;
    });
    const path = "/api/v1/namespaces/team-a/pods/web-0/exec";
    assert.deepEqual(requests, [`GET ${path} upgrade`, `GET ${path}`, `POST ${path}`]);
  });
});

Deno.test("exec over wss: the client's CA is trusted, and the session runs", async () => {
  await withExecServer({
    tls: await makeTestTls(),
    script: (s) => {
      s.send(1, "over TLS\n");
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods, sessions }) => {
    const out = await within((await pods.exec("web-0", ["date"])).output(), "the output");
    assert.equal(utf8.decode(out.stdout), "over TLS\n");
    assert.equal(sessions[0].headers.get("authorization"), `Bearer ${TOKEN}`);
  });
});

Deno.test("exec: an upgrade refused once, by a server that accepts the request without it, is tried once more; refused again, the error says what may be in the way", async () => {
  let upgrades = 0;
  const unavailableOnce = (req: Request) => {
    if (req.headers.get("upgrade") !== "websocket" || ++upgrades > 1) return undefined;
    return new Response("upstream connect error", { status: 502 });
  };
  await withExecServer({
    refuse: unavailableOnce,
    script: (s) => {
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods, requests }) => {
    const proc = await pods.exec("web-0", ["date"]);
    assert.deepEqual(await within(proc.status, "the status"), { success: true, code: 0 });
    const path = "/api/v1/namespaces/team-a/pods/web-0/exec";
    assert.deepEqual(requests, [
      `GET ${path} upgrade`,
      `GET ${path}`,
      `POST ${path}`,
      `GET ${path} upgrade`,
    ]);
  });
  const alwaysRefused = (req: Request) =>
    req.headers.get("upgrade") === "websocket"
      ? new Response("no upgrades here", { status: 400 })
      : undefined;
  await withExecServer({ refuse: alwaysRefused }, async ({ pods, requests }) => {
    await assert.rejects(pods.exec("web-0", ["date"]), (e: unknown) => {
      assert.ok(e instanceof KubeError && !(e instanceof ApiError), String(e));
      assert.match(e.message, /WebSocket upgrade failed .* twice/);
      assert.match(e.message, /proxy/);
      return true;
    });
    assert.equal(requests.filter((r) => r.endsWith("upgrade")).length, 2);
  });
});

Deno.test("exec: a handshake without an answer fails at its deadline, naming it", async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  await withExecServer({
    // A server that answers the upgrade only once the test is over.
    refuse: (req) =>
      req.headers.get("upgrade") === "websocket"
        ? released.then(() => new Response(null, { status: 503 }))
        : undefined,
  }, async ({ pods }) => {
    try {
      await assert.rejects(
        pods.exec("web-0", ["date"], { timeoutMs: 200 }),
        /WebSocket handshake got no answer within 0\.2s/,
      );
    } finally {
      release();
    }
  });
});

Deno.test("exec: a pod that does not exist is a 404 NotFound ApiError", async () => {
  await withExecServer({
    refuse: () =>
      Response.json({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        message: 'pods "gone" not found',
        reason: "NotFound",
        code: 404,
      }, { status: 404 }),
  }, async ({ pods }) => {
    await assert.rejects(pods.exec("gone", ["date"]), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.code, 404);
      assert.equal(e.reason, "NotFound");
      return true;
    });
  });
});

Deno.test("exec: a server that speaks neither v5 nor v4 is refused with an error naming both", async () => {
  await withExecServer({ speaks: ["channel.k8s.io"] }, async ({ pods }) => {
    await assert.rejects(
      pods.exec("web-0", ["date"]),
      /v5\.channel\.k8s\.io and v4\.channel\.k8s\.io/,
    );
  });
});

Deno.test("exec: a stdout reader slower than the command, past maxBufferedBytes, gets an error that says so, and the session is closed", async () => {
  await withExecServer({
    script: async (s) => {
      const chunk = new Uint8Array(16 * 1024);
      for (let i = 0; i < 64; i++) s.send(1, chunk);
      await s.closed;
    },
  }, async ({ pods, sessions }) => {
    const proc = await pods.exec("web-0", ["yes"], { maxBufferedBytes: 256 * 1024 });
    await assert.rejects(within(proc.status, "the status"), /stdout has 262144 bytes unread/);
    await assert.rejects(readText(proc.stdout), /maxBufferedBytes/);
    await within(sessions[0].closed, "the session to close");
  });
});

Deno.test("exec: a connection closed without a Status rejects status and fails the streams", async () => {
  await withExecServer({
    script: (s) => {
      s.send(1, "partial");
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["date"]);
    await assert.rejects(
      within(proc.status, "the status"),
      /before the server sent the process's exit status/,
    );
    await assert.rejects(readText(proc.stdout), /exit status/);
  });
});

Deno.test("exec: bytes that arrived before a connection closed without a Status are handed out, unread until then, and then the streams fail", async () => {
  await withExecServer({
    script: (s) => {
      s.send(1, "first ");
      s.send(2, "warning\n");
      s.send(1, "second\n");
      s.close();
    },
  }, async ({ pods }) => {
    const proc = await pods.exec("web-0", ["date"]);
    // Nothing is read until the session has failed.
    await assert.rejects(within(proc.status, "the status"), /exit status/);
    for (
      const [stream, expected] of [[proc.stdout, "first second\n"], [
        proc.stderr,
        "warning\n",
      ]] as const
    ) {
      const reader = stream.getReader();
      let got = "";
      const error = await (async () => {
        try {
          for (let read = await reader.read(); !read.done; read = await reader.read()) {
            got += utf8.decode(read.value);
          }
        } catch (e) {
          return e;
        }
      })();
      assert.equal(got, expected, "every byte that arrived");
      assert.ok(error instanceof KubeError, "then the stream fails");
      assert.match(
        error.message,
        /the connection closed .* before the server sent the process's exit status/,
      );
    }
  });
});

Deno.test("exec: the signal ends the session: status rejects with its reason and the server sees the socket close", async () => {
  const stop = new AbortController();
  await withExecServer({
    script: async (s) => {
      s.send(1, "started\n");
      await s.closed;
    },
  }, async ({ pods, sessions }) => {
    const proc = await pods.exec("web-0", ["sleep", "infinity"], { signal: stop.signal });
    const reader = proc.stdout.getReader();
    assert.equal(utf8.decode((await within(reader.read(), "stdout")).value), "started\n");
    stop.abort(new Error("enough"));
    await assert.rejects(within(proc.status, "the status"), /enough/);
    await assert.rejects(reader.read(), /enough/);
    await within(sessions[0].closed, "the session to close");
  });
});

Deno.test("exec: await using closes a session that is still running", async () => {
  await withExecServer({ script: (s) => s.closed }, async ({ pods, sessions }) => {
    let proc: PodProcess;
    {
      await using running = await pods.exec("web-0", ["sleep", "infinity"]);
      proc = running;
    }
    await assert.rejects(proc.status, /closed before the process ended/);
    await within(sessions[0].closed, "the session to close");
    assert.equal(await readText(proc.stdout), "");
  });
});

Deno.test("attach: the attach path, and no command in the query", async () => {
  await withExecServer({
    script: (s) => {
      s.send(1, "log line\n");
      s.status(SUCCESS);
      s.close();
    },
  }, async ({ pods, sessions }) => {
    const proc = await pods.attach("web-0", { container: "app", stderr: "null" });
    assert.equal(await readText(proc.stdout), "log line\n");
    assert.throws(() => proc.stderr, TypeError);
    assert.throws(() => proc.stdin, TypeError);
    assert.deepEqual(await proc.status, { success: true, code: 0 });
    const { url } = sessions[0];
    assert.equal(url.pathname, "/api/v1/namespaces/team-a/pods/web-0/attach");
    assert.deepEqual(url.searchParams.getAll("command"), []);
    assert.equal(url.searchParams.get("container"), "app");
    assert.equal(url.searchParams.get("stdin"), "false");
    assert.equal(url.searchParams.get("stderr"), "false");
  });
});
