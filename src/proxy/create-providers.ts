import type { AppDeps } from "./app-deps.js";
import { createGeminiProvider } from "./providers/gemini-provider.js";
import { createOfflineProvider } from "./providers/offline-provider.js";
import { createOpenAiProvider } from "./providers/openai-provider.js";
import type { ProxyConfig } from "./proxy-config.js";

/** Builds the providers the configuration enables; offline always. Keys stay inside the SDK clients. */
export function createProviders(config: ProxyConfig): AppDeps["providers"] {
  return {
    offline: createOfflineProvider(),
    ...(config.openai ? { openai: createOpenAiProvider(config.openai) } : {}),
    ...(config.gemini ? { gemini: createGeminiProvider(config.gemini) } : {}),
  };
}
