/**
 * PodApi.portForward against an in-process endpoint that speaks the
 * kubelet's port-forward protocol over WebSocket (`v4.channel.k8s.io`:
 * channel 0 data, channel 1 errors, each opened by the port in two
 * little-endian bytes): connections at once, megabytes both ways, errors
 * that close one connection, slow readers, and closing.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Api, ApiError, type Client, type ForwardedPort, KubeError } from "../../../../mod.ts";
import { testClient, within } from "../../../support/test_client.ts";

const TOKEN = "pf-token-8d1b4c";
const text = new TextEncoder();
const utf8 = new TextDecoder();

/** The server's side of one forwarded connection. */
interface Session {
  url: URL;
  protocol: string;
  authorization: string | null;
  /** The port asked for (`?ports=`). */
  port: number;
  socket: WebSocket;
  /** Sends `data` on `channel` (0 data, 1 error). */
  send(channel: number, data: Uint8Array | string): void;
  closed: Promise<void>;
}

/** What a session does once open; by default, it echoes the data channel. */
type Script = (session: Session) => void | Promise<void>;

/** The port in two little-endian bytes, as the kubelet opens each channel. */
function portBytes(port: number): Uint8Array {
  return Uint8Array.of(port & 0xff, port >> 8);
}

/** Opens both channels with the port, as the kubelet does, then echoes what arrives on channel 0. */
const echo: Script = (s) => {
  s.send(0, portBytes(s.port));
  s.send(1, portBytes(s.port));
  s.socket.addEventListener("message", (e) => {
    const frame = new Uint8Array(e.data as ArrayBuffer);
    if (frame[0] === 0) s.socket.send(frame);
  });
};

interface Harness {
  client: Client;
  pods: ReturnType<typeof Api.v1Pod>;
  sessions: Session[];
}

async function withForwardServer(
  script: Script,
  fn: (h: Harness) => Promise<void>,
  refuse?: (req: Request) => Response | undefined,
): Promise<void> {
  const sessions: Session[] = [];
  const scripts: Promise<void>[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const refusal = refuse?.(req);
    if (refusal) return refusal;
    const url = new URL(req.url);
    const offered = req.headers.get("sec-websocket-protocol") ?? "";
    const authorization = req.headers.get("authorization");
    const protocol = offered.split(",").map((p) => p.trim()).includes("v4.channel.k8s.io")
      ? "v4.channel.k8s.io"
      : undefined;
    const { socket, response } = Deno.upgradeWebSocket(req, protocol ? { protocol } : {});
    socket.binaryType = "arraybuffer";
    const session: Session = {
      url,
      protocol: protocol ?? "",
      authorization,
      port: Number(url.searchParams.get("ports")),
      socket,
      send(channel, data) {
        const bytes = typeof data === "string" ? text.encode(data) : data;
        const frame = new Uint8Array(bytes.length + 1);
        frame[0] = channel;
        frame.set(bytes, 1);
        socket.send(frame);
      },
      closed: new Promise((resolve) =>
        socket.addEventListener("close", () => resolve(), { once: true })
      ),
    };
    sessions.push(session);
    socket.addEventListener("open", () => {
      scripts.push(
        Promise.resolve(script(session)).catch((e) => {
          console.error("script failed:", e);
          socket.close();
        }),
      );
    }, { once: true });
    return response;
  });
  const client = testClient(`http://127.0.0.1:${server.addr.port}`, {
    namespace: "client-ns",
    token: TOKEN,
  });
  try {
    await fn({ client, pods: Api.v1Pod(client).within("team-a"), sessions });
  } finally {
    client.close();
    await Promise.all(scripts);
    await server.shutdown();
  }
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let offset = 0; offset < bytes.length;) offset += await conn.write(bytes.subarray(offset));
}

/** Reads exactly `length` bytes. */
async function readExactly(conn: Deno.Conn, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length;) {
    const n = await conn.read(out.subarray(offset));
    if (n === null) throw new Error(`the connection ended after ${offset} of ${length} bytes`);
    offset += n;
  }
  return out;
}

/** Resolves when the peer has closed the connection: end of file, or a reset. */
async function ended(conn: Deno.Conn): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
  try {
    while (await conn.read(buffer) !== null) {
      // Draining whatever was still on the way.
    }
  } catch {
    // A reset is an end too.
  }
}

/** An onError that records each report and resolves `reported` at the first. */
function errors() {
  const seen: { error: Error; port: ForwardedPort }[] = [];
  let first!: () => void;
  const reported = new Promise<void>((resolve) => first = resolve);
  return {
    seen,
    reported,
    onError: (error: Error, port: ForwardedPort) => {
      seen.push({ error, port });
      first();
    },
  };
}

Deno.test("portForward: each local connection gets its own WebSocket to portforward?ports=REMOTE with v4.channel.k8s.io, several at once on several ports", async () => {
  await withForwardServer(echo, async ({ pods, sessions }) => {
    await using forwarder = await pods.portForward("web-0", {
      ports: [{ local: 0, remote: 80 }, { remote: 9090 }],
    });
    const [http, metrics] = forwarder.ports;
    assert.equal(http.hostname, "127.0.0.1");
    assert.notEqual(http.local, 0);
    assert.notEqual(metrics.local, 0);
    assert.notEqual(http.local, metrics.local);
    assert.deepEqual([http.remote, metrics.remote], [80, 9090]);
    const conns = await Promise.all(
      [http, metrics, http, metrics, http, metrics].map((p) =>
        Deno.connect({ hostname: "127.0.0.1", port: p.local })
      ),
    );
    try {
      const answers = await within(
        Promise.all(conns.map(async (conn, i) => {
          const message = text.encode(`connection ${i} says hello`);
          await writeAll(conn, message);
          return utf8.decode(await readExactly(conn, message.length));
        })),
        "every echo",
      );
      assert.deepEqual(answers, conns.map((_, i) => `connection ${i} says hello`));
      assert.equal(sessions.length, 6);
      assert.equal(forwarder.connections, 6);
      for (const s of sessions) {
        assert.equal(s.url.pathname, "/api/v1/namespaces/team-a/pods/web-0/portforward");
        assert.equal(s.protocol, "v4.channel.k8s.io");
        assert.equal(s.authorization, `Bearer ${TOKEN}`);
      }
      assert.deepEqual(sessions.map((s) => s.port).sort(), [80, 80, 80, 9090, 9090, 9090]);
    } finally {
      for (const conn of conns) conn.close();
    }
  });
});

Deno.test("portForward: several MiB go both ways at once, intact", async () => {
  const size = 8 * 1024 * 1024;
  const payload = new Uint8Array(size).map((_, i) => (i * 31 + (i >> 12)) % 256);
  await withForwardServer(echo, async ({ pods }) => {
    await using forwarder = await pods.portForward("web-0", { ports: [{ remote: 5432 }] });
    const conns = await Promise.all(
      [1, 2].map(() => Deno.connect({ hostname: "127.0.0.1", port: forwarder.ports[0].local })),
    );
    try {
      await within(
        Promise.all(conns.map(async (conn) => {
          const [, back] = await Promise.all([writeAll(conn, payload), readExactly(conn, size)]);
          assert.ok(back.every((b, i) => b === payload[i]), "the echo differs from what was sent");
        })),
        "8 MiB to go and come back on two connections",
        60_000,
      );
    } finally {
      for (const conn of conns) conn.close();
    }
  });
});

Deno.test("portForward: an error on the error channel closes that connection and goes to onError; the rest carry on", async () => {
  const script: Script = (s) => {
    if (s.port !== 81) return echo(s);
    s.send(0, portBytes(81));
    s.send(1, portBytes(81));
    s.send(
      1,
      "error forwarding port 81 to pod 1f0c, uid : failed to execute portforward in network namespace: dial tcp4 127.0.0.1:81: connect: connection refused",
    );
  };
  await withForwardServer(script, async ({ pods }) => {
    const reports = errors();
    await using forwarder = await pods.portForward("web-0", {
      ports: [{ remote: 81 }, { remote: 80 }],
      onError: reports.onError,
    });
    const [refused, open] = forwarder.ports;
    const bad = await Deno.connect({ hostname: "127.0.0.1", port: refused.local });
    await within(reports.reported, "the error to be reported");
    await within(ended(bad), "the failed connection to close");
    bad.close();
    const [{ error, port }] = reports.seen;
    assert.ok(error instanceof KubeError);
    assert.match(
      error.message,
      new RegExp(`^port-forward 127\\.0\\.0\\.1:${refused.local} -> 81: `),
    );
    assert.match(error.message, /connection refused/);
    assert.deepEqual(port, refused);
    const good = await Deno.connect({ hostname: "127.0.0.1", port: open.local });
    try {
      await writeAll(good, text.encode("still here"));
      assert.equal(utf8.decode(await within(readExactly(good, 10), "the echo")), "still here");
    } finally {
      good.close();
    }
    assert.equal(reports.seen.length, 1);
  });
});

Deno.test("portForward: a data channel opened for another port fails the connection", async () => {
  const script: Script = (s) => {
    s.send(0, portBytes(8080));
    s.send(1, portBytes(s.port));
  };
  await withForwardServer(script, async ({ pods }) => {
    const reports = errors();
    await using forwarder = await pods.portForward("web-0", {
      ports: [{ remote: 80 }],
      onError: reports.onError,
    });
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: forwarder.ports[0].local });
    await within(reports.reported, "the error to be reported");
    await within(ended(conn), "the connection to close");
    conn.close();
    assert.match(reports.seen[0].error.message, /data channel is for port 8080, not 80/);
  });
});

Deno.test("portForward: a refused handshake is reported to onError as the server's ApiError, and that connection is closed", async () => {
  const forbidden = () =>
    Response.json({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      message: 'pods "web-0" is forbidden: User "dev" cannot create resource "pods/portforward"',
      reason: "Forbidden",
      code: 403,
    }, { status: 403 });
  await withForwardServer(echo, async ({ pods }) => {
    const reports = errors();
    await using forwarder = await pods.portForward("web-0", {
      ports: [{ remote: 80 }],
      onError: reports.onError,
    });
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: forwarder.ports[0].local });
    await within(reports.reported, "the refusal to be reported");
    await within(ended(conn), "the connection to close");
    conn.close();
    const [{ error }] = reports.seen;
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, 403);
    assert.equal(error.reason, "Forbidden");
    assert.ok(!error.message.includes(TOKEN));
    assert.equal(forwarder.connections, 0);
  }, forbidden);
});

Deno.test("portForward: a local reader slower than the pod, past maxBufferedBytes, is cut off and reported", async () => {
  const script: Script = (s) => {
    echo(s);
    const chunk = new Uint8Array(64 * 1024);
    for (let i = 0; i < 512; i++) s.send(0, chunk); // 32 MiB: more than the kernel buffers
  };
  await withForwardServer(script, async ({ pods }) => {
    const reports = errors();
    await using forwarder = await pods.portForward("web-0", {
      ports: [{ remote: 80 }],
      onError: reports.onError,
      maxBufferedBytes: 1024 * 1024,
    });
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: forwarder.ports[0].local });
    try {
      await within(reports.reported, "the slow reader to be reported");
      assert.match(reports.seen[0].error.message, /1048576 bytes from the pod wait unread/);
    } finally {
      conn.close();
    }
  });
});

Deno.test("portForward: close() closes the listeners and every open connection", async () => {
  await withForwardServer(echo, async ({ pods, sessions }) => {
    const forwarder = await pods.portForward("web-0", { ports: [{ remote: 80 }] });
    const { local } = forwarder.ports[0];
    const conn = await Deno.connect({ hostname: "127.0.0.1", port: local });
    await writeAll(conn, text.encode("x"));
    await within(readExactly(conn, 1), "the echo");
    await within(forwarder.close(), "close()");
    await within(forwarder.closed, "closed");
    assert.equal(forwarder.connections, 0);
    await within(ended(conn), "the local connection to close");
    conn.close();
    await within(sessions[0].closed, "the WebSocket to close");
    await assert.rejects(Deno.connect({ hostname: "127.0.0.1", port: local }));
  });
});

Deno.test("portForward: the signal closes it, and so does await using", async () => {
  await withForwardServer(echo, async ({ pods }) => {
    const stop = new AbortController();
    const forwarder = await pods.portForward("web-0", {
      ports: [{ remote: 80 }],
      signal: stop.signal,
    });
    stop.abort();
    await within(forwarder.closed, "the signal to close the forwarder");
    await assert.rejects(Deno.connect({ hostname: "127.0.0.1", port: forwarder.ports[0].local }));

    let local: number;
    {
      await using scoped = await pods.portForward("web-0", { ports: [{ remote: 80 }] });
      local = scoped.ports[0].local;
    }
    await assert.rejects(Deno.connect({ hostname: "127.0.0.1", port: local }));
  });
});

Deno.test("portForward: a local port already in use is a KubeError naming it, and the ports opened before it are closed again", async () => {
  await withForwardServer(echo, async ({ pods }) => {
    using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const { port } = taken.addr;
    await assert.rejects(
      pods.portForward("web-0", { ports: [{ remote: 80 }, { local: port, remote: 81 }] }),
      (e: unknown) => {
        assert.ok(e instanceof KubeError);
        assert.match(e.message, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}`));
        return true;
      },
    );
    await assert.rejects(pods.portForward("web-0", { ports: [] }), /no ports/);
    await assert.rejects(pods.portForward("web-0", { ports: [{ remote: 70000 }] }), /TCP ports/);
  });
});
