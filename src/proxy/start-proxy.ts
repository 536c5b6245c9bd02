// Runs in Node: starts the proxy on PORT (default 8787). `npm start` builds the plugin and runs this.
// Every setting comes from the environment (docs/deploy.md lists them all).
import { existsSync } from "node:fs";
import { assertTokenWhenExposed } from "./auth/assert-token-when-exposed.js";
import { createApp } from "./create-app.js";
import { createProviders } from "./create-providers.js";
import { createRequestGuard } from "./limits/create-request-guard.js";
import { loadProxyConfig } from "./proxy-config.js";
import { serveProxyAsync } from "./serve-proxy.js";
import { createLimitStoreAsync } from "./store/create-limit-store.js";
import { createLockPool } from "./lock-palette-pool.js";
import { closeSharedPixelPoolAsync } from "./pixel-pool.js";

// Keys may live in a .env file beside package.json (never committed: .gitignore lists it).
if (existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = loadProxyConfig(process.env);
  assertTokenWhenExposed(config.host, config.guard.tokens.length);
} catch (error) {
  console.error(`brandfill proxy: ${(error as Error).message}`);
  process.exit(1);
}
const logLine = config.log ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
const store = await createLimitStoreAsync(config.guard);
// A slot outlives its request's deadline only if its release was lost (e.g. this process died).
const guard = createRequestGuard({ config: config.guard, store, leaseMs: config.deadlineMs + 60_000, ...(logLine ? { logLine } : {}) });
// Palette locks run in worker threads, so one large lock never stalls the other requests.
const lockPool = createLockPool();
const app = createApp({
  config,
  providers: createProviders(config),
  allowedOrigins: (process.env.BRANDFILL_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
  guard,
  lockAsync: lockPool.lockAsync,
});
let running;
try {
  running = await serveProxyAsync(app.fetch, { hostname: config.host, port: config.port });
} catch (error) {
  console.error(`brandfill proxy: cannot listen on ${config.host}:${config.port} (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
  process.exit(1);
}
const enabled = ["offline", ...(config.openai ? ["openai"] : []), ...(config.gemini ? ["gemini"] : [])];
console.error(
  `brandfill proxy listening on ${config.host}:${new URL(running.url).port} (providers: ${enabled.join(", ")}; ${config.guard.tokens.length ? `${config.guard.tokens.length} token(s)` : "no token"}; limits in ${store.kind})`,
);

// Graceful shutdown (SIGTERM from Cloud Run or Docker, Ctrl-C): refuse new requests, finish those in flight.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    console.error(`brandfill proxy: ${signal}, finishing requests in flight (at most ${config.shutdownGraceMs / 1000} s)`);
    await running.shutdownAsync(config.shutdownGraceMs);
    await Promise.all([store.closeAsync(), lockPool.closeAsync(), closeSharedPixelPoolAsync()]);
    process.exit(0);
  });
}
