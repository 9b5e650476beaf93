/**
 * `tls-server-name`: TLS that names another host than the one dialled,
 * through an in-process CONNECT tunnel that Deno's HTTP client takes for a
 * proxy.
 *
 * @module
 */

import { ConfigError } from "../errors.ts";

/** The longest CONNECT request head accepted. */
const MAX_HEAD = 8192;

/**
 * A tunnel for one API server: requests go to a URL whose host is the TLS
 * server name (so Deno's TLS sends it as SNI and checks the certificate
 * against it), through a local HTTP proxy that connects every CONNECT for
 * that name to the server's real address.
 *
 * Deno offers no per-client server name; its `tcp` proxy transport speaks
 * plain HTTP, while an HTTP proxy gets `CONNECT name:port` and the TLS
 * handshake runs end to end through it. The tunnel listens on 127.0.0.1
 * only, and refuses any CONNECT to another name.
 *
 * @example
 * ```ts ignore
 * import { ServerNameTunnel } from "./server_name.ts";
 * using tunnel = new ServerNameTunnel("https://10.0.0.1:6443", "api.lab.example");
 * const client = Deno.createHttpClient({ proxy: tunnel.proxy, caCerts: [ca] });
 * await fetch(`${tunnel.url}/version`, { client });
 * ```
 */
export class ServerNameTunnel implements Disposable {
  #listener: Deno.TcpListener;
  #connections = new Set<Deno.Conn>();
  #target: { hostname: string; port: number };
  #authority: string;
  /** The server's URL with the TLS server name for its host: where requests go. */
  readonly url: string;
  /** The proxy to give `Deno.createHttpClient`. */
  readonly proxy: Deno.Proxy;

  /**
   * Starts listening on a free loopback port.
   *
   * @param server The API server's URL, e.g. `https://10.0.0.1:6443`.
   * @param serverName The name its certificate holds, e.g. `api.lab.example`.
   * @throws {ConfigError} When the server is not an https URL, or the name
   * is not a host name.
   */
  constructor(server: string, serverName: string) {
    const url = new URL(server);
    if (url.protocol !== "https:") {
      throw new ConfigError(
        `tls-server-name "${serverName}" needs an https server, not ${url.protocol}`,
      );
    }
    const named = new URL(server);
    try {
      named.hostname = serverName;
    } catch {
      // Reported below: the hostname did not change.
    }
    if (named.hostname !== serverName.toLowerCase() && named.hostname !== `[${serverName}]`) {
      throw new ConfigError(`tls-server-name "${serverName}" is not a host name`);
    }
    const port = Number(url.port || 443);
    this.#target = { hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"), port };
    this.#authority = `${named.hostname}:${port}`.toLowerCase();
    this.url = named.href.replace(/\/+$/, "");
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    this.proxy = { url: `http://127.0.0.1:${this.#listener.addr.port}` };
    this.#accept();
  }

  /** Stops listening and closes every tunnelled connection. */
  close(): void {
    try {
      this.#listener.close();
    } catch {
      // Closed already.
    }
    for (const conn of this.#connections) closeQuietly(conn);
    this.#connections.clear();
  }

  /** Same as {@linkcode ServerNameTunnel.close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  async #accept(): Promise<void> {
    try {
      for await (const conn of this.#listener) {
        this.#connections.add(conn);
        this.#tunnel(conn).finally(() => {
          closeQuietly(conn);
          this.#connections.delete(conn);
        });
      }
    } catch {
      // The listener was closed.
    }
  }

  /** Reads one CONNECT, answers it, and pipes bytes both ways until either side ends. */
  async #tunnel(conn: Deno.Conn): Promise<void> {
    const head = await readHead(conn);
    const target = head && /^CONNECT (\S+) HTTP\/1\.[01]\r\n/.exec(head)?.[1]?.toLowerCase();
    if (target !== this.#authority) {
      await answer(conn, "403 Forbidden");
      return;
    }
    let upstream: Deno.TcpConn;
    try {
      upstream = await Deno.connect(this.#target);
    } catch {
      await answer(conn, "502 Bad Gateway");
      return;
    }
    this.#connections.add(upstream);
    try {
      await answer(conn, "200 Connection Established");
      // Either direction ending ends the tunnel: the other side would wait for ever.
      await Promise.race([
        conn.readable.pipeTo(upstream.writable).catch(() => {}),
        upstream.readable.pipeTo(conn.writable).catch(() => {}),
      ]);
    } finally {
      closeQuietly(upstream);
      this.#connections.delete(upstream);
    }
  }
}

/** The request head, up to its blank line; undefined when the peer ends first or sends too much. */
async function readHead(conn: Deno.Conn): Promise<string | undefined> {
  const buffer = new Uint8Array(MAX_HEAD);
  let length = 0;
  const decoder = new TextDecoder();
  while (length < MAX_HEAD) {
    const n = await conn.read(buffer.subarray(length)).catch(() => null);
    if (n === null) return undefined;
    length += n;
    const text = decoder.decode(buffer.subarray(0, length));
    // Deno's client sends nothing after the head until it is answered.
    if (text.includes("\r\n\r\n")) return text;
  }
  return undefined;
}

async function answer(conn: Deno.Conn, status: string): Promise<void> {
  await conn.write(new TextEncoder().encode(`HTTP/1.1 ${status}\r\n\r\n`)).catch(() => {});
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // Closed already.
  }
}
