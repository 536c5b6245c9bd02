import { createApp } from "../../src/proxy/create-app.js";
import { createProviders } from "../../src/proxy/create-providers.js";
import { createRequestGuard, type RequestGuard } from "../../src/proxy/limits/create-request-guard.js";
import { loadProxyConfig, type ProxyConfig } from "../../src/proxy/proxy-config.js";
import { serveProxyAsync, type RunningProxy } from "../../src/proxy/serve-proxy.js";
import { createMemoryStore } from "../../src/proxy/store/create-memory-store.js";
import type { LimitStore } from "../../src/proxy/store/limit-store.js";
import { emulatorEnv } from "./emulator-env.js";
import { startGeminiEmulator, startOpenAiEmulator, type GeminiEmulator, type OpenAiEmulator } from "../emulators/index.js";

import { GEMINI_TEST_KEY as GEMINI_KEY, OPENAI_TEST_KEY as OPENAI_KEY } from "./emulator-env.js";

export { GEMINI_KEY, OPENAI_KEY };
/** Two rotated tokens of one team (they share its limits) and one of another team. */
export const TOKEN_A1 = "tok-a1-5f0c6d2e9b8a47c1b3d2";
export const TOKEN_A2 = "tok-a2-8e1f7a3c2d6b4e90a1c5";
export const TOKEN_B = "tok-b-0c4a9e2f6d1b8a3c7e5f";
export const TOKENS_ENV = `team-a:${TOKEN_A1},team-a:${TOKEN_A2},${TOKEN_B}`;

/** A proxy with its guard, served by Node like `start-proxy.ts`, wired to shared emulators. */
export interface GuardedProxy {
  url: string;
  app: ReturnType<typeof createApp>;
  config: ProxyConfig;
  guard: RequestGuard;
  store: LimitStore;
  running: RunningProxy;
  logs: string[];
  openai: OpenAiEmulator;
  gemini: GeminiEmulator;
  /** POSTs JSON to /v1/images with a bearer token (none when `token` is null). */
  postAsync(body: unknown, token?: string | null, init?: RequestInit): Promise<Response>;
  /** Stops the server; the emulators too unless they were passed in. */
  close(): Promise<void>;
}

/** Options of `startGuardedProxyAsync`. */
export interface GuardedProxyOptions {
  /** Shared store (default: a fresh in-memory one). */
  store?: LimitStore;
  /** Emulators shared between several proxies (default: started here, closed by `close`). */
  emulators?: { openai: OpenAiEmulator; gemini: GeminiEmulator };
}

/**
 * Starts a proxy with authentication and limits as `npm start` builds it: configuration from
 * environment variables (`BRANDFILL_TOKEN` defaults to `TOKENS_ENV`), the SDKs pointed at the
 * emulators, a request guard on `store`, Node's HTTP server on a free loopback port.
 */
export async function startGuardedProxyAsync(env: Record<string, string> = {}, options: GuardedProxyOptions = {}): Promise<GuardedProxy> {
  const ownEmulators = !options.emulators;
  const { openai, gemini } = options.emulators ?? { openai: await startOpenAiEmulator(), gemini: await startGeminiEmulator() };
  const config = loadProxyConfig({
    ...emulatorEnv(openai, gemini),
    BRANDFILL_TOKEN: TOKENS_ENV,
    ...env,
  });
  const logs: string[] = [];
  const logLine = (line: string) => void logs.push(line);
  const store = options.store ?? createMemoryStore();
  const guard = createRequestGuard({ config: config.guard, store, leaseMs: config.deadlineMs + 60_000, logLine });
  const app = createApp({ config, providers: createProviders(config), guard, logLine, allowedOrigins: ["https://brand.example"] });
  const running = await serveProxyAsync(app.fetch, { hostname: "127.0.0.1", port: 0 });
  return {
    url: running.url,
    app,
    config,
    guard,
    store,
    running,
    logs,
    openai,
    gemini,
    postAsync: (body, token = TOKEN_A1, init = {}) =>
      fetch(`${running.url}/v1/images`, {
        method: "POST",
        ...init,
        headers: {
          "content-type": "application/json",
          origin: "null",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    async close() {
      await running.shutdownAsync(0);
      if (ownEmulators) await Promise.all([openai.close(), gemini.close()]);
    },
  };
}

/** Asserts a text holds no key, no token, no stack trace and no long base64 run. */
export function findLeak(text: string, extra: readonly string[] = []): string | null {
  for (const secret of [OPENAI_KEY, GEMINI_KEY, TOKEN_A1, TOKEN_A2, TOKEN_B, ...extra]) if (text.includes(secret)) return `secret ${secret.slice(0, 6)}…`;
  if (/\bat .+\.(ts|js|mjs):\d+/.test(text) || /\n\s+at /.test(text)) return "stack trace";
  if (/[A-Za-z0-9+/]{200,}={0,2}/.test(text)) return "base64 run";
  return null;
}
