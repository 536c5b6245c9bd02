import { isIP } from "node:net";

/**
 * Whether listening on `host` keeps the proxy reachable from this machine only:
 * `localhost`, 127.0.0.0/8 and `::1` (also as `::ffff:127.x.y.z`). `0.0.0.0`, `::` and any
 * other address or name are not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || /^::ffff:127\./.test(h);
  return false;
}
