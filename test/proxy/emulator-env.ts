import type { GeminiEmulator, OpenAiEmulator } from "../emulators/index.js";

/** Test keys: they must never show up in an answer or a log line. */
export const OPENAI_TEST_KEY = "sk-test-openai-key-never-shown";
export const GEMINI_TEST_KEY = "AIzaTestGeminiKeyNeverShownToUsers00";

/**
 * The environment a proxy under test is configured from, exactly as `npm start` reads it: both
 * keys set and the SDKs' own base-URL variables (`OPENAI_BASE_URL`, `GOOGLE_GEMINI_BASE_URL`)
 * pointed at the emulators, with a 20 s request deadline.
 */
export function emulatorEnv(openai: OpenAiEmulator, gemini: GeminiEmulator): Record<string, string> {
  return {
    OPENAI_API_KEY: OPENAI_TEST_KEY,
    OPENAI_BASE_URL: openai.url,
    GEMINI_API_KEY: GEMINI_TEST_KEY,
    GOOGLE_GEMINI_BASE_URL: gemini.url,
    BRANDFILL_DEADLINE_S: "20",
  };
}
