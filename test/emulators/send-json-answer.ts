import type { ServerResponse } from "node:http";
import type { EmulatorServer } from "./start-emulator-server.js";

/**
 * Sends a 200 JSON answer, applying the transport behaviours both emulators share: `malformedJson` (the body cut
 * in half), `slowBody` / `{ slowBody: { chunks, intervalMs } }` (headers at once, body dribbled, default
 * 20 chunks × 50 ms). Any other behaviour sends the body normally.
 */
export async function sendJsonAnswerAsync(server: EmulatorServer, res: ServerResponse, body: string, contentType: string, behaviour: unknown): Promise<void> {
  if (behaviour === "malformedJson") {
    res.writeHead(200, { "content-type": contentType }).end(body.slice(0, Math.floor(body.length / 2)));
    return;
  }
  const slow =
    behaviour === "slowBody"
      ? {}
      : typeof behaviour === "object" && behaviour !== null && "slowBody" in behaviour
        ? (behaviour.slowBody as { chunks?: number; intervalMs?: number })
        : undefined;
  if (slow) return server.sendSlowlyAsync(res, 200, { "content-type": contentType }, new TextEncoder().encode(body), slow.chunks ?? 20, slow.intervalMs ?? 50);
  res.writeHead(200, { "content-type": contentType }).end(body);
}
