import { afterEach, describe, expect, it } from "vitest";
import { createGeminiProvider } from "../../src/proxy/providers/gemini-provider.js";
import { createOfflineProvider } from "../../src/proxy/providers/offline-provider.js";
import { createOpenAiProvider } from "../../src/proxy/providers/openai-provider.js";
import { loadProxyConfig, type ProxyConfig } from "../../src/proxy/proxy-config.js";
import type { GeminiRecordedRequest } from "../emulators/index.js";
import { image } from "./provider-fixtures.js";
import { fakeVertexAuthClient, postImagesAsync, startProviderProxyAsync, type ProviderProxy } from "./provider-harness.js";

// EU data residency by configuration alone: OpenAI's regional endpoint (OPENAI_DATA_RESIDENCY)
// and Gemini through Vertex AI in europe-west4 (GOOGLE_GENAI_USE_VERTEXAI, project, location).
// The regional hosts are redirected to the emulators by an injected fetch, which records the
// URL each SDK really called; Vertex auth is a fake token, so nothing leaves the machine.

let proxy: ProviderProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** A fetch that records every URL and sends `host` to `target` instead. */
function redirectingFetch(host: string, target: () => string, seen: string[]): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    seen.push(url);
    return fetch(url.startsWith(host) ? target() + url.slice(host.length) : url, init);
  };
}

describe("openai data residency", () => {
  it("reads OPENAI_DATA_RESIDENCY, lets OPENAI_BASE_URL win, and names a bad value", () => {
    const base = { OPENAI_API_KEY: "sk-x" };
    expect(loadProxyConfig({ ...base, OPENAI_DATA_RESIDENCY: "eu" }).openai).toEqual({ apiKey: "sk-x", dataResidency: "eu" });
    expect(loadProxyConfig({ ...base, OPENAI_DATA_RESIDENCY: "EU", OPENAI_BASE_URL: "https://gateway.example/v1" }).openai).toEqual({
      apiKey: "sk-x",
      baseURL: "https://gateway.example/v1",
    });
    expect(() => loadProxyConfig({ ...base, OPENAI_DATA_RESIDENCY: "mars" })).toThrow(/OPENAI_DATA_RESIDENCY must be one of global, us, eu, ae, au, in, jp, got “mars”/);
  });

  it("sends generations and edits to eu.api.openai.com when OPENAI_DATA_RESIDENCY=eu", async () => {
    const seen: string[] = [];
    proxy = await startProviderProxyAsync({
      env: { OPENAI_BASE_URL: "", OPENAI_DATA_RESIDENCY: "eu" },
      providers: (config, emulators) => ({
        offline: createOfflineProvider(),
        openai: createOpenAiProvider({ ...config.openai!, fetch: redirectingFetch("https://eu.api.openai.com/v1", () => emulators.openai.url, seen) }),
      }),
    });
    expect(proxy.config.openai).toMatchObject({ dataResidency: "eu" });
    const request = { model: "gpt-image-2", prompt: "a lighthouse", width: 1024, height: 1024, quality: "low" };
    expect((await postImagesAsync(proxy, request)).status).toBe(200);
    expect((await postImagesAsync(proxy, { ...request, image })).status).toBe(200);
    // (The SDK also fetches "data:," once to probe multipart support.)
    expect(seen.filter((url) => url.startsWith("http"))).toEqual(["https://eu.api.openai.com/v1/images/generations", "https://eu.api.openai.com/v1/images/edits"]);
    expect(proxy.openai.requests.map((r) => r.path)).toEqual(["/v1/images/generations", "/v1/images/edits"]);
  });
});

describe("gemini through vertex ai in europe-west4", () => {
  const VERTEX_ENV = { GOOGLE_GENAI_USE_VERTEXAI: "true", GOOGLE_CLOUD_PROJECT: "brandfill-eu", GOOGLE_CLOUD_LOCATION: "europe-west4" };
  /** The configured Gemini provider, with a fake Vertex token (the only change a test makes). */
  const vertexProvider = (config: ProxyConfig, fetchImpl?: typeof fetch) =>
    createGeminiProvider({
      ...config.gemini!,
      vertex: { ...config.gemini!.vertex!, googleAuthOptions: { authClient: fakeVertexAuthClient() } },
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });

  it("calls the project's europe-west4 publisher path with an oauth token, never an api key", async () => {
    proxy = await startProviderProxyAsync({
      env: VERTEX_ENV,
      // GOOGLE_VERTEX_BASE_URL, as an operator would set it, once the emulator's port is known.
      providers: (config, emulators) => {
        const withBase = loadProxyConfig({ ...VERTEX_ENV, GOOGLE_VERTEX_BASE_URL: emulators.gemini.url });
        return { offline: createOfflineProvider(), gemini: vertexProvider({ ...config, gemini: withBase.gemini }) };
      },
    });
    expect(proxy.config.gemini).toEqual({ vertex: { project: "brandfill-eu", location: "europe-west4" } });
    const { status, json } = await postImagesAsync(proxy, { model: "gemini-3-pro-image", prompt: "a lighthouse", width: 1200, height: 628, image });
    expect(status).toBe(200);
    expect(json.provider).toBe("gemini");
    const [sent] = proxy.gemini.requests as GeminiRecordedRequest[];
    expect(sent!.path).toBe("/v1beta1/projects/brandfill-eu/locations/europe-west4/publishers/google/models/gemini-3-pro-image:generateContent");
    expect(sent!.vertex).toEqual({ project: "brandfill-eu", location: "europe-west4" });
    expect(sent!.headers.authorization).toBe("Bearer fake-vertex-token");
    expect(sent!.headers["x-goog-api-key"]).toBeUndefined();
    expect(sent!.inlineImages).toHaveLength(1);
  });

  it("goes to europe-west4-aiplatform.googleapis.com when no base url is configured", async () => {
    const seen: string[] = [];
    proxy = await startProviderProxyAsync({
      env: VERTEX_ENV,
      providers: (config, emulators) => ({
        offline: createOfflineProvider(),
        gemini: vertexProvider(
          config,
          redirectingFetch("https://europe-west4-aiplatform.googleapis.com", () => emulators.gemini.url, seen),
        ),
      }),
    });
    const { status } = await postImagesAsync(proxy, { model: "gemini-nano-banana-2.1", prompt: "a lighthouse", width: 400, height: 400 });
    expect(status).toBe(200);
    expect(seen).toEqual([
      "https://europe-west4-aiplatform.googleapis.com/v1beta1/projects/brandfill-eu/locations/europe-west4/publishers/google/models/gemini-nano-banana-2.1:generateContent",
    ]);
    expect(proxy.gemini.requests[0]!.headers.authorization).toBe("Bearer fake-vertex-token");
  });
});
