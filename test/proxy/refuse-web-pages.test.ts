import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/proxy/create-app.js";
import { createProviders } from "../../src/proxy/create-providers.js";
import { loadProxyConfig } from "../../src/proxy/proxy-config.js";
import { startGeminiEmulator, startOpenAiEmulator, type GeminiEmulator, type OpenAiEmulator } from "../emulators/index.js";
import { emulatorEnv } from "./emulator-env.js";

// Issue 15 point 3: with no token on loopback, a web page the designer visits must not be able to
// spend the proxy's keys. Each hostile request below is what a page can send without a CORS
// preflight (or with one the CORS rules refuse); each gets a 4xx and no provider hears of it.

let openai: OpenAiEmulator;
let gemini: GeminiEmulator;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  [openai, gemini] = await Promise.all([startOpenAiEmulator(), startGeminiEmulator()]);
  const config = loadProxyConfig(emulatorEnv(openai, gemini));
  const app = createApp({ config, providers: createProviders(config), allowedOrigins: ["https://brand.example"], logLine: () => {} });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => {
  await close?.();
  await Promise.all([openai?.close(), gemini?.close()]);
});

const OPENAI_JSON = JSON.stringify({ model: "gpt-image-2", prompt: "a lighthouse", width: 1024, height: 1024, quality: "low" });
const GEMINI_JSON = JSON.stringify({ model: "gemini-3-pro-image", prompt: "a lighthouse", width: 1024, height: 1024 });

/** Requests the emulators have seen so far. */
const seen = () => openai.requests.length + gemini.requests.length;

async function send(body: string | URLSearchParams, headers: Record<string, string>) {
  const response = await fetch(`${url}/v1/images`, { method: "POST", headers, body });
  return { status: response.status, json: (await response.json()) as { error: { code: string; message: string } } };
}

describe("web pages cannot spend the keys", () => {
  it.each([
    // What a page's fetch(…, { mode: "no-cors", body: "{…}" }) sends: text/plain, its own origin.
    ["a text/plain post from a web page", OPENAI_JSON, { "Content-Type": "text/plain;charset=UTF-8", Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }, 403],
    // The same body with no Origin at all (a client that is not a browser, or a stripped header).
    ["a text/plain post with JSON inside", OPENAI_JSON, { "Content-Type": "text/plain" }, 415],
    ["a text/plain post from the plugin's own origin", GEMINI_JSON, { "Content-Type": "text/plain", Origin: "null" }, 415],
    // A foreign origin with everything else right (as if its preflight had passed).
    ["a json post from a foreign origin", OPENAI_JSON, { "Content-Type": "application/json", Origin: "https://evil.example" }, 403],
    ["a json post from a localhost page on another port", GEMINI_JSON, { "Content-Type": "application/json", Origin: "http://localhost:3000", "Sec-Fetch-Site": "same-site" }, 403],
    // A cross-site request that hides its origin.
    ["a cross-site post without an Origin", OPENAI_JSON, { "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site" }, 403],
  ] as const)("refuses %s before any provider is called", async (_what, body, headers, status) => {
    const before = seen();
    const answer = await send(body, headers);
    expect(answer.status).toBe(status);
    expect(answer.json.error.message).toMatch(status === 415 ? /only accepts requests sent as JSON/ : /only answers the brandfill plugin/);
    expect(seen()).toBe(before);
  });

  it("refuses an html form post (application/x-www-form-urlencoded), with or without an origin", async () => {
    const before = seen();
    const form = new URLSearchParams({ model: "gpt-image-2", prompt: "a lighthouse", width: "1024", height: "1024" });
    const fromPage = await send(form, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(fromPage.status).toBe(403);
    const bare = await send(form, {});
    expect(bare.status).toBe(415);
    expect(seen()).toBe(before);
  });

  it("answers the real plugin (origin null, cross-site, as a sandboxed iframe sends it), configured origins and the brandfill commands", async () => {
    const before = openai.requests.length;
    // Chromium marks every request from an opaque origin cross-site, with `Origin: null`.
    const plugin = await send(OPENAI_JSON, { "Content-Type": "application/json", Origin: "null", "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors" });
    expect(plugin.status).toBe(200);
    const configured = await send(OPENAI_JSON, { "Content-Type": "application/json; charset=utf-8", Origin: "https://brand.example", "Sec-Fetch-Site": "cross-site" });
    expect(configured.status).toBe(200);
    // The commands and tests call with no Origin and no fetch metadata.
    const command = await send(OPENAI_JSON, { "Content-Type": "application/json" });
    expect(command.status).toBe(200);
    expect(openai.requests.length).toBe(before + 3);
    // GETs from the plugin and from the address bar still work.
    const models = await fetch(`${url}/v1/models`, { headers: { Origin: "null", "Sec-Fetch-Site": "cross-site" } });
    expect(models.status).toBe(200);
    const typed = await fetch(`${url}/v1/health`, { headers: { "Sec-Fetch-Site": "none" } });
    expect(typed.status).toBe(200);
  });
});
