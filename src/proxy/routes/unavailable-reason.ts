import type { ModelEntry } from "../../core/catalog/model-catalog.js";
import type { AppDeps } from "../app-deps.js";
import { PROVIDER_NAMES } from "../providers/provider-error.js";

/** Why a catalog model cannot be used on this proxy (a designer sentence), or null when it can. */
export type UnavailableReason = (model: ModelEntry) => string | null;

/**
 * The `UnavailableReason` of a proxy with these providers: the offline model is always there; an
 * OpenAI or Gemini model needs its provider configured (its key set where the proxy runs).
 */
export function unavailableReasonFor(providers: AppDeps["providers"]): UnavailableReason {
  return (model) => {
    if (model.provider === "offline" || providers[model.provider]) return null;
    const key = model.provider === "openai" ? "OPENAI_API_KEY" : "GEMINI_API_KEY";
    return `${model.label} needs ${PROVIDER_NAMES[model.provider]} access on the proxy: set ${key} where the proxy runs.`;
  };
}
