import { Hono } from "hono";
import type { AppDeps } from "../app-deps.js";

/** The proxy's API version, reported by /v1/health. */
export const PROXY_VERSION = "1.0.0";

/**
 * `GET /v1/health`: `{ ok: true, version, providers: { openai, gemini, offline } }`, each provider
 * `true` when it is configured on this proxy (offline always is). Never names a key.
 */
export function healthRoute(providers: AppDeps["providers"]): Hono {
  const route = new Hono();
  route.get("/v1/health", (c) => c.json({ ok: true, version: PROXY_VERSION, providers: { openai: Boolean(providers.openai), gemini: Boolean(providers.gemini), offline: true } }));
  return route;
}
