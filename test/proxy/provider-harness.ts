import { OAuth2Client } from "google-auth-library";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { AppDeps } from "../../src/proxy/app-deps.js";
import { createApp } from "../../src/proxy/create-app.js";
import { serveProxyAsync } from "../../src/proxy/serve-proxy.js";
import { createProviders } from "../../src/proxy/create-providers.js";
import { loadProxyConfig, type ProxyConfig } from "../../src/proxy/proxy-config.js";
import { emulatorEnv } from "./emulator-env.js";
import { startGeminiEmulator, startOpenAiEmulator, type GeminiEmulator, type OpenAiEmulator } from "../emulators/index.js";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { synthesizePicture } from "../emulators/synthesize-picture.js";

export interface ProviderProxy {
  /** Proxy origin, e.g. http://127.0.0.1:54321 */
  url: string;
  config: ProxyConfig;
  openai: OpenAiEmulator;
  gemini: GeminiEmulator;
  close(): Promise<void>;
}

export interface ProviderProxyOptions {
  /** Extra environment (wins over the defaults, which point both SDKs at the emulators). */
  env?: Record<string, string>;
  /** Changes the loaded configuration before the app is built (e.g. a catalog entry). */
  configure?: (config: ProxyConfig) => void;
  /** Builds the providers from the loaded configuration (default: `createProviders`, as `npm start` does). */
  providers?: (config: ProxyConfig, emulators: { openai: OpenAiEmulator; gemini: GeminiEmulator }) => AppDeps["providers"];
}

/**
 * Starts both emulators and a real proxy on a random port, configured from environment
 * variables exactly as `npm start` is (keys set, the SDKs' base-URL variables pointed at the
 * emulators), with an optional hook to build the providers differently (fake Vertex auth,
 * a fetch that redirects OpenAI's EU host to the emulator).
 */
export async function startProviderProxyAsync(options: ProviderProxyOptions = {}): Promise<ProviderProxy> {
  const [openai, gemini] = await Promise.all([startOpenAiEmulator(), startGeminiEmulator()]);
  const config = loadProxyConfig({
    ...emulatorEnv(openai, gemini),
    BRANDFILL_LOG: "0",
    ...options.env,
  });
  options.configure?.(config);
  const providers = options.providers?.(config, { openai, gemini }) ?? createProviders(config);
  const app = createApp({ config, providers, logLine: () => undefined });
  const running = await serveProxyAsync(app.fetch, { hostname: "127.0.0.1", port: 0 });
  return {
    url: running.url,
    config,
    openai,
    gemini,
    async close() {
      // No grace: a hanging stream or an aborted request must not keep close() waiting.
      await running.shutdownAsync(0);
      await Promise.all([openai.close(), gemini.close()]);
    },
  };
}

/**
 * One proxy for a test file: started before all tests, closed after them, and before each
 * test the emulators' request logs are cleared and their default behaviour is `ok` again.
 * The returned object is filled in once the proxy runs.
 */
export function useProviderProxy(options: ProviderProxyOptions = {}): ProviderProxy {
  const proxy = {} as ProviderProxy;
  beforeAll(async () => {
    Object.assign(proxy, await startProviderProxyAsync(options));
  });
  afterAll(() => proxy.close?.());
  beforeEach(() => {
    for (const emulator of [proxy.openai, proxy.gemini]) {
      emulator.requests.length = 0;
      emulator.setDefault("ok");
    }
  });
  return proxy;
}

/** A Vertex AI auth client already holding an unexpired fake token, so no request leaves the machine. */
export function fakeVertexAuthClient(token = "fake-vertex-token"): OAuth2Client {
  const authClient = new OAuth2Client();
  authClient.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return authClient;
}

/** `POST /v1/images` as JSON; returns the status and parsed body. */
export async function postImagesAsync(proxy: { url: string }, body: unknown, init: { signal?: AbortSignal } = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(`${proxy.url}/v1/images`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: "null" },
    body: JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  return { status: response.status, json: await response.json() };
}

/** One server-sent event as the proxy wrote it. */
export interface SseEvent {
  event: string;
  data: any;
}

/**
 * `POST /v1/images` with `Accept: text/event-stream`, reading events one by one as they arrive;
 * `onEvent` sees each event before the next one is read.
 */
export async function postImagesStreamAsync(
  proxy: { url: string },
  body: unknown,
  onEvent: (event: SseEvent) => void | Promise<void> = () => undefined,
  signal?: AbortSignal,
): Promise<{ status: number; events: SseEvent[] }> {
  const response = await fetch(`${proxy.url}/v1/images`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream", Origin: "null" },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  const events: SseEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value.replace(/\r\n/g, "\n");
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? "message";
      const data = block
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).replace(/^ /, ""))
        .join("\n");
      if (!data) continue;
      const parsed = { event, data: JSON.parse(data) };
      events.push(parsed);
      await onEvent(parsed);
    }
    if (done) break;
  }
  return { status: response.status, events };
}

/** A small real PNG (synthetic picture) as base64 for requests. */
export function pngBase64(width: number, height: number, seed = "source"): string {
  return Buffer.from(encodePng(synthesizePicture(width, height, seed))).toString("base64");
}
