import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

/** What the panel may read from an answer besides the CORS-safelisted headers. */
const EXPOSE_HEADERS = ["X-Request-Id", "Retry-After"];

/**
 * CORS for the proxy's callers: the Figma plugin iframe (opaque origin "null") and any origins
 * configured besides it; no credentials.
 *
 * Preflights (OPTIONS) are answered by Hono's `cors` middleware. For every other request the
 * same answer headers it would add — `Access-Control-Allow-Origin` for an allowed origin,
 * `Access-Control-Expose-Headers`, `Vary: Origin` (Fetch standard, "CORS protocol") — are set
 * with `c.header` before the handler runs, so they land in the headers every answer is built
 * with. Hono's `cors` sets them on `c.res` instead, which under @hono/node-server builds a
 * placeholder Response and then a second, full Fetch Response around the handler's (to merge
 * the two): 0.05–0.1 ms of the proxy's own time per image request, measured with both versions
 * side by side in one process (`npm run bench -- proxy` gives the total).
 *
 * @param origins the allowed `Origin` values, "null" included for the plugin.
 */
export function corsForPlugin(origins: ReadonlySet<string>): MiddlewareHandler {
  const allowOrigin = (origin: string) => (origins.has(origin) ? origin : null);
  const preflight = cors({
    origin: allowOrigin,
    allowMethods: ["GET", "POST", "OPTIONS"],
    allowHeaders: ["Content-Type", "Authorization", "Accept"],
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: 600,
  });
  const expose = EXPOSE_HEADERS.join(",");
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    const allowed = allowOrigin(c.req.header("origin") ?? "");
    if (allowed) c.header("Access-Control-Allow-Origin", allowed);
    c.header("Access-Control-Expose-Headers", expose);
    c.header("Vary", "Origin", { append: true });
    await next();
  };
}
