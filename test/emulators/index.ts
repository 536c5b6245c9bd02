/**
 * Local HTTP emulators of the OpenAI Images API and the Gemini / Vertex AI generateContent API, driven in tests
 * through the real `openai` and `@google/genai` SDKs:
 *
 *   const openai = await startOpenAiEmulator();      // new OpenAI({ apiKey: "k", baseURL: openai.url })
 *   const gemini = await startGeminiEmulator();      // new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: gemini.url } })
 *   openai.enqueue({ rateLimited: { retryAfterS: 0 } }, "moderationBlocked");
 *   ... openai.requests, openai.closedConnections ...
 *   await openai.close();
 *
 * What was checked against the SDK sources, and what is an emulator guess: PROVIDERS-VERIFIED.md.
 */
export { startOpenAiEmulator, type OpenAiBehaviour, type OpenAiEmulator } from "./start-openai-emulator.js";
export { startGeminiEmulator, type GeminiBehaviour, type GeminiEmulator, type GeminiRecordedRequest } from "./start-gemini-emulator.js";
export type { RecordedRequest } from "./recorded-request.js";
export { GEMINI_IMAGE_MODELS } from "./gemini-image-models.js";
