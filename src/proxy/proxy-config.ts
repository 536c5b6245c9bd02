import { extendCatalog } from "../core/catalog/resolve-model.js";
import type { ModelEntry } from "../core/catalog/model-catalog.js";
import { OPENAI_DATA_RESIDENCIES, type OpenAiDataResidency } from "./providers/openai-provider.js";
import { loadGuardConfig, type GuardConfig } from "./limits/load-guard-config.js";

/**
 * Everything the proxy reads from its environment (the only place configuration comes from).
 * Every variable is listed in the README.
 */
export interface ProxyConfig {
  port: number;
  /** Interface to listen on; loopback by default. */
  host: string;
  /** `dataResidency` (OPENAI_DATA_RESIDENCY, e.g. `eu`) picks OpenAI's regional endpoint unless OPENAI_BASE_URL is set. */
  openai: { apiKey: string; baseURL?: string; dataResidency?: OpenAiDataResidency } | null;
  gemini: { apiKey?: string; baseUrl?: string; apiVersion?: string; vertex?: { project: string; location: string } } | null;
  catalog: ModelEntry[];
  /** Overall deadline of one image request, retries included (ms). */
  deadlineMs: number;
  /** Largest accepted request body (bytes); larger gets 413 before it is buffered. */
  maxBodyBytes: number;
  /** Log one JSON line per request to stderr (never prompts, images or keys). */
  log: boolean;
  /** Tokens, rate, concurrency and budget limits, shared store (`BRANDFILL_TOKEN`, `BRANDFILL_RATE_PER_MIN`, …). */
  guard: GuardConfig;
  /** How long a shutdown waits for requests in flight before ending them (ms, `BRANDFILL_SHUTDOWN_GRACE_S`). */
  shutdownGraceMs: number;
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v);

function positiveNumber(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got “${raw}”.`);
  return value;
}

/**
 * Where OpenAI calls go: OPENAI_BASE_URL when set, else the regional endpoint OPENAI_DATA_RESIDENCY
 * names (`eu` → https://eu.api.openai.com/v1, the SDK's `dataResidency` option), else the SDK default.
 * @throws Error naming the variable when the region is not one the SDK knows.
 */
function openAiEndpoint(env: Record<string, string | undefined>): { baseURL?: string; dataResidency?: OpenAiDataResidency } {
  if (env.OPENAI_BASE_URL) return { baseURL: env.OPENAI_BASE_URL };
  const region = env.OPENAI_DATA_RESIDENCY?.trim().toLowerCase();
  if (!region) return {};
  if (!(OPENAI_DATA_RESIDENCIES as readonly string[]).includes(region)) {
    throw new Error(`OPENAI_DATA_RESIDENCY must be one of ${OPENAI_DATA_RESIDENCIES.join(", ")}, got “${env.OPENAI_DATA_RESIDENCY}”.`);
  }
  return { dataResidency: region as OpenAiDataResidency };
}

/**
 * Reads the proxy's configuration from environment variables.
 * @throws Error naming the variable when a value is malformed.
 */
export function loadProxyConfig(env: Record<string, string | undefined>): ProxyConfig {
  const port = positiveNumber(env, "PORT", 8787);
  if (!Number.isInteger(port) || port > 65535) throw new Error(`PORT must be a port number, got “${env.PORT}”.`);
  const useVertex = truthy(env.GOOGLE_GENAI_USE_VERTEXAI);
  const geminiKey = env.GEMINI_API_KEY || env.GOOGLE_API_KEY;
  let gemini: ProxyConfig["gemini"] = null;
  if (useVertex) {
    const project = env.GOOGLE_CLOUD_PROJECT;
    const location = env.GOOGLE_CLOUD_LOCATION;
    if (!project || !location) throw new Error("GOOGLE_GENAI_USE_VERTEXAI needs GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION (e.g. europe-west4).");
    gemini = { vertex: { project, location }, ...(env.GOOGLE_VERTEX_BASE_URL ? { baseUrl: env.GOOGLE_VERTEX_BASE_URL } : {}) };
  } else if (geminiKey) {
    gemini = {
      apiKey: geminiKey,
      ...(env.GOOGLE_GEMINI_BASE_URL ? { baseUrl: env.GOOGLE_GEMINI_BASE_URL } : {}),
      ...(env.GOOGLE_GENAI_API_VERSION ? { apiVersion: env.GOOGLE_GENAI_API_VERSION } : {}),
    };
  }
  return {
    port,
    host: env.HOST || "127.0.0.1",
    openai: env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY, ...openAiEndpoint(env) } : null,
    gemini,
    catalog: extendCatalog(env.BRANDFILL_EXTRA_MODELS),
    deadlineMs: positiveNumber(env, "BRANDFILL_DEADLINE_S", 180) * 1000,
    maxBodyBytes: positiveNumber(env, "BRANDFILL_MAX_BODY_MB", 64) * 1024 * 1024,
    log: env.BRANDFILL_LOG !== "0",
    guard: loadGuardConfig(env),
    shutdownGraceMs: positiveNumber(env, "BRANDFILL_SHUTDOWN_GRACE_S", 30) * 1000,
  };
}
