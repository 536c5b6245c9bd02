// Runs in Node: starts the proxy on PORT (default 8787). `npm start` builds the plugin and runs this.
import { existsSync } from "node:fs";
import { setTimeout } from "node:timers";
import { serve } from "@hono/node-server";
import { createApp } from "./create-app.js";
import { createProviders } from "./create-providers.js";
import { loadProxyConfig } from "./proxy-config.js";

// Keys may live in a .env file beside package.json (never committed: .gitignore lists it).
if (existsSync(".env")) process.loadEnvFile(".env");

let config;
try {
  config = loadProxyConfig(process.env);
} catch (error) {
  console.error(`brandfill proxy: ${(error as Error).message}`);
  process.exit(1);
}
const providers = createProviders(config);
const app = createApp({ config, providers, allowedOrigins: (process.env.BRANDFILL_ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean) });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const enabled = ["offline", ...(config.openai ? ["openai"] : []), ...(config.gemini ? ["gemini"] : [])];
  console.error(`brandfill proxy listening on http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${info.port} (providers: ${enabled.join(", ")})`);
});

// Graceful shutdown: stop accepting, let in-flight requests finish.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
