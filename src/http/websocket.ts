/**
 * The WebSocket handshake with the API server, and the diagnosis of a
 * refused one.
 *
 * @module
 */

import { ApiError, isBadRequest, KubeError } from "../errors.ts";
import type { RequestOptions, WebSocketRequest } from "./request.ts";

/** The answer of a connect verb to a request without the upgrade. */
function upgradeRequired(error: unknown): boolean {
  return error instanceof ApiError && isBadRequest(error) &&
    /upgrade request required/i.test(error.status.message ?? "");
}

/**
 * Waits for a WebSocket to open: `undefined` when it does (`opened` has
 * then been called, within the open event), else what went wrong, as Deno
 * says it. An abort closes the socket.
 *
 * @param socket The socket, just made.
 * @param signal Aborts the wait and closes the socket.
 * @param opened Called within the open event, before any message is dispatched.
 * @returns `undefined` once open, else Deno's words for the failure.
 *
 * @example
 * ```ts ignore
 * const failure = await handshake(new WebSocket(url), AbortSignal.timeout(10_000));
 * ```
 */
export function handshake(
  socket: WebSocket,
  signal: AbortSignal,
  opened?: (socket: WebSocket) => void,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let error = "";
    const onError = (e: Event) => error = (e as ErrorEvent).message ?? "";
    const onOpen = () =>
      settle(() => {
        try {
          opened?.(socket);
          resolve(undefined);
        } catch (e) {
          socket.close();
          reject(e);
        }
      });
    const onClose = (e: CloseEvent) =>
      settle(() =>
        resolve(error || `closed with code ${e.code}${e.reason ? `: ${e.reason}` : ""}`)
      );
    const onAbort = () =>
      settle(() => {
        socket.close();
        reject(signal.reason);
      });
    const settle = (fn: () => void) => {
      socket.removeEventListener("open", onOpen);
      socket.removeEventListener("error", onError);
      socket.removeEventListener("close", onClose);
      signal.removeEventListener("abort", onAbort);
      fn();
    };
    if (signal.aborted) return onAbort();
    socket.addEventListener("open", onOpen);
    socket.addEventListener("error", onError);
    socket.addEventListener("close", onClose);
    signal.addEventListener("abort", onAbort);
  });
}

/**
 * Why a WebSocket handshake failed, as the server tells it when asked the
 * same request without the upgrade (Deno reports a 403 over TLS as an
 * HTTP/2 stream error, which says nothing). A connect verb is asked again
 * as a POST when the GET only says an upgrade is required.
 *
 * @param send Sends a plain request through the client (credentials, retries).
 * @param options The WebSocket request that was refused.
 * @param failure What Deno said of the failed handshake.
 * @param signal Aborts the diagnosis.
 * @returns The error to throw, and whether the server accepted the request
 * without the upgrade (then the upgrade is worth one more try).
 *
 * @example
 * ```ts ignore
 * const { error, accepted } = await diagnoseRefusal((o) => client.request(o), request, "403", signal);
 * ```
 */
export async function diagnoseRefusal(
  send: (options: RequestOptions) => Promise<Response>,
  options: WebSocketRequest,
  failure: string,
  signal: AbortSignal,
): Promise<{ error: KubeError; accepted: boolean }> {
  const { path, query, timeoutMs } = options;
  const answer = async (method: string): Promise<unknown> => {
    try {
      const res = await send({ method, path, query, signal, timeoutMs });
      await res.body?.cancel();
      return undefined;
    } catch (e) {
      if (signal.aborted) throw e;
      return e;
    }
  };
  let method = "GET";
  let error = await answer(method);
  if (upgradeRequired(error) && options.connect) {
    method = "POST";
    error = await answer(method);
  }
  const upgrade = `the WebSocket upgrade failed (${failure})`;
  if (error instanceof ApiError && !upgradeRequired(error)) {
    const cause = new KubeError(
      `GET ${path}: ${upgrade}; the Status is the answer to the same request sent as a ${method} without the upgrade`,
    );
    return { error: new ApiError("GET", path, error.status, { cause }), accepted: false };
  }
  if (error instanceof KubeError && !(error instanceof ApiError)) {
    return { error, accepted: false };
  }
  return {
    error: new KubeError(
      `GET ${path}: ${upgrade} twice, although the API server accepts the same request without it: a proxy on the way may not pass WebSocket upgrades, or the server speaks none of the subprotocols ${
        options.protocols.join(", ")
      }`,
    ),
    accepted: true,
  };
}
