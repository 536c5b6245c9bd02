import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { clearInterval, clearTimeout, setInterval, setTimeout } from "node:timers";

/** A proxy listening under Node. */
export interface RunningProxy {
  /** e.g. `http://127.0.0.1:8787` */
  url: string;
  server: Server;
  /**
   * Graceful shutdown: stops accepting connections at once, answers any new request arriving on
   * an open keep-alive connection with 503 and `Connection: close`, lets requests in flight
   * finish, and after `graceMs` ends whatever is still open. Resolves when the server is closed.
   */
  shutdownAsync(graceMs?: number): Promise<void>;
}

/** The 503 a request gets while the proxy shuts down (the panel retries elsewhere or later). */
function shuttingDown(): Response {
  const body = { error: { code: "provider_unavailable", message: "The proxy is restarting. Try again in a moment.", retryable: true, retryAfterS: 2 } };
  return new Response(JSON.stringify(body), { status: 503, headers: { "content-type": "application/json", connection: "close", "retry-after": "2" } });
}

/**
 * Serves a Fetch-API app (the Hono app from `createApp`) with Node's HTTP server.
 * @param fetch the app's `fetch`.
 * @param listen interface and port (0 = any free port).
 * @throws the listen error (e.g. EADDRINUSE) as a rejected promise.
 */
export async function serveProxyAsync(fetch: (request: Request) => Response | Promise<Response>, listen: { hostname: string; port: number }): Promise<RunningProxy> {
  let closing = false;
  const server = serve({ fetch: (request: Request) => (closing ? shuttingDown() : fetch(request)), port: listen.port, hostname: listen.hostname }) as Server;
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = listen.hostname.includes(":") ? `[${listen.hostname}]` : listen.hostname;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host === "0.0.0.0" || host === "[::]" ? "127.0.0.1" : host}:${port}`,
    server,
    shutdownAsync(graceMs = 30_000) {
      closing = true;
      closed ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs).unref();
        // A keep-alive socket whose request just finished would keep close() waiting for its idle timeout.
        const sweep = setInterval(() => server.closeIdleConnections(), 100).unref();
        server.close(() => {
          clearTimeout(timer);
          clearInterval(sweep);
          resolve();
        });
      });
      return closed;
    },
  };
}
