import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "../../src/proxy/create-app.js";
import { createProviders } from "../../src/proxy/create-providers.js";
import { loadProxyConfig } from "../../src/proxy/proxy-config.js";
import { emulatorEnv } from "./emulator-env.js";
import { startGeminiEmulator, startOpenAiEmulator, type GeminiEmulator, type OpenAiEmulator } from "../emulators/index.js";

export interface TestProxy {
  /** Base URL of the proxy, e.g. http://127.0.0.1:54321 */
  url: string;
  openai: OpenAiEmulator;
  gemini: GeminiEmulator;
  app: ReturnType<typeof createApp>;
  logs: string[];
  close(): Promise<void>;
}

/**
 * Starts both provider emulators and a real proxy wired to them exactly as `npm start` wires
 * itself: configuration read from environment variables (keys set, the SDKs' own base-URL
 * variables `OPENAI_BASE_URL` and `GOOGLE_GEMINI_BASE_URL` pointed at the emulators).
 */
export async function startTestProxyAsync(extraEnv: Record<string, string> = {}): Promise<TestProxy> {
  const [openai, gemini] = await Promise.all([startOpenAiEmulator(), startGeminiEmulator()]);
  const config = loadProxyConfig({ ...emulatorEnv(openai, gemini), ...extraEnv });
  const logs: string[] = [];
  const app = createApp({ config, providers: createProviders(config), logLine: (line) => logs.push(line) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    openai,
    gemini,
    app,
    logs,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([openai.close(), gemini.close()]);
    },
  };
}
