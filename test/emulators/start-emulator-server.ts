import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request being handled: the parsed URL and the whole request body. */
export interface EmulatorExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Request headers, lower-case names, repeated values joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/** Writes the response for one exchange; may wait, dribble or never answer. */
export type EmulatorHandler = (exchange: EmulatorExchange, server: EmulatorServer) => Promise<void>;

/**
 * The transport shared by the provider emulators: a `node:http` server on 127.0.0.1 (random port)
 * that tracks sockets, counts client-side disconnects and owns every timer, so `closeAsync` ends
 * hanging and dribbling responses at once and nothing keeps the test process alive.
 */
export interface EmulatorServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /**
   * Requests whose client connection closed before the response finished (the caller aborted).
   * Connections the emulator itself resets, and those cut by `closeAsync`, are not counted.
   */
  readonly closedConnections: number;
  /** Resolves once `closedConnections >= count`; rejects after `timeoutMs` (default 5000) with a clear message. */
  waitForClosedConnectionsAsync(count: number, timeoutMs?: number): Promise<void>;
  /** Waits `ms` milliseconds; resolves `false` early if the client went away or the emulator is closing. */
  sleepAsync(ms: number, res?: ServerResponse): Promise<boolean>;
  /** Destroys the connection without a response (a TCP reset as the client sees it). */
  resetConnection(res: ServerResponse): void;
  /**
   * Sends `body` with full headers, then dribbles it in `chunkCount` pieces `intervalMs` apart.
   * Stops quietly if the client disconnects.
   */
  sendSlowlyAsync(res: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array, chunkCount: number, intervalMs: number): Promise<void>;
  /** Stops listening, ends every open connection (hanging ones included) and cancels timers. */
  closeAsync(): Promise<void>;
}

/**
 * Starts an emulator transport on 127.0.0.1 port 0.
 * @throws when the socket cannot listen.
 */
export async function startEmulatorServer(handler: EmulatorHandler): Promise<EmulatorServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: (ok: boolean) => void }>();
  const resetByServer = new WeakSet<ServerResponse>();
  const waiters = new Set<() => void>();
  let closing = false;
  let closedConnections = 0;

  const server = createServer((req, res) => {
    res.on("close", () => {
      if (!res.writableFinished && !resetByServer.has(res) && !closing) {
        closedConnections++;
        for (const wake of waiters) wake();
      }
    });
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", () => undefined);
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const body = new Uint8Array(Buffer.concat(chunks));
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      handler({ req, res, url, headers, body }, api).catch((error: unknown) => {
        // An emulator bug must be loud in the test output, not a silent hang.
        console.error("emulator handler failed", error);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { "content-type": "text/plain" }).end(`emulator failure: ${(error as Error).message}`);
        } else {
          res.destroy();
        }
      });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const sleepAsync = (ms: number, res?: ServerResponse): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      if (closing || res?.destroyed) return resolve(false);
      const entry = {
        timer: setTimeout(() => finish(true), Math.max(0, ms)),
        resolve: (ok: boolean) => finish(ok),
      };
      const onClose = () => finish(false);
      res?.once("close", onClose);
      function finish(ok: boolean) {
        clearTimeout(entry.timer);
        timers.delete(entry);
        res?.off("close", onClose);
        resolve(ok && !closing && !(res?.destroyed ?? false));
      }
      unref(entry.timer);
      timers.add(entry);
    });

  const api: EmulatorServer = {
    origin: `http://127.0.0.1:${port}`,
    get closedConnections() {
      return closedConnections;
    },
    waitForClosedConnectionsAsync(count, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        if (closedConnections >= count) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Expected ${count} closed client connection(s) within ${timeoutMs} ms, saw ${closedConnections}.`));
        }, timeoutMs);
        unref(timer);
        function check() {
          if (closedConnections >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        }
        waiters.add(check);
      });
    },
    sleepAsync,
    resetConnection(res) {
      resetByServer.add(res);
      res.socket?.resetAndDestroy();
      res.destroy();
    },
    async sendSlowlyAsync(res, status, headers, body, chunkCount, intervalMs) {
      res.writeHead(status, { ...headers, "content-length": String(body.length) });
      res.flushHeaders();
      const size = Math.max(1, Math.ceil(body.length / Math.max(1, chunkCount)));
      for (let offset = 0; offset < body.length; offset += size) {
        if (!(await sleepAsync(intervalMs, res))) return;
        res.write(body.subarray(offset, offset + size));
      }
      res.end();
    },
    async closeAsync() {
      closing = true;
      for (const entry of [...timers]) entry.resolve(false);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
  return api;
}

/** Lets the process exit while a timer is pending (Node timers are objects with `unref`; DOM typings say number). */
function unref(timer: ReturnType<typeof setTimeout>): void {
  (timer as unknown as { unref?: () => void }).unref?.();
}
