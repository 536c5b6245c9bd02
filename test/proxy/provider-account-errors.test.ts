import { describe, expect, it } from "vitest";
import { API_ERROR_STATUS } from "../../src/core/api/api-error.js";
import type { GeminiBehaviour, OpenAiBehaviour } from "../emulators/index.js";
import { postImagesAsync, useProviderProxy } from "./provider-harness.js";
import { findLeak } from "./start-guarded-proxy.js";

// Issue 18, point 4: an account out of credit, with billing disabled, or without access to the
// model is not "too many requests": not retryable, not retried, and a sentence naming the
// provider and who can fix it (the brief's contract: quota_exhausted 402, model_access_denied 403).

const proxy = useProviderProxy({ env: { BRANDFILL_DEADLINE_S: "20" } });

const OPENAI = { model: "gpt-image-2", prompt: "a lighthouse", width: 1024, height: 1024, quality: "low" };
const GEMINI = { model: "gemini-nano-banana-2.1", prompt: "a lighthouse", width: 400, height: 400 };

it("has the contract's codes and statuses", () => {
  expect(API_ERROR_STATUS.quota_exhausted).toBe(402);
  expect(API_ERROR_STATUS.model_access_denied).toBe(403);
});

const openAiCases: [string, OpenAiBehaviour, number, string, RegExp][] = [
  ["429 insufficient_quota", "insufficientQuota", 402, "quota_exhausted", /OpenAI says the account behind this proxy has no credit left/],
  ["400 billing_hard_limit_reached", "billingHardLimit", 402, "quota_exhausted", /OpenAI says the account behind this proxy has no credit left/],
  [
    "403 organisation not verified",
    "organizationNotVerified",
    403,
    "model_access_denied",
    /OpenAI says the key behind this proxy has no access to GPT Image 2|OpenAI says the key behind this proxy has no access to .*verified/,
  ],
  ["404 model_not_found", "modelNotFound", 403, "model_access_denied", /OpenAI says the key behind this proxy has no access to/],
];

describe("openai account problems", () => {
  it.each(openAiCases)("answers %s once, without retrying, as %s", async (_, behaviour, status, code, message) => {
    proxy.openai.setDefault(behaviour);
    try {
      const { status: got, json } = await postImagesAsync(proxy, OPENAI);
      expect(got).toBe(status);
      expect(json.error).toMatchObject({ code, provider: "openai", retryable: false });
      expect(json.error.retryAfterS).toBeUndefined();
      expect(json.error.message).toMatch(message);
      expect(json.error.message).toMatch(/Whoever runs your team's proxy can fix this/);
      expect(json.error.message).not.toMatch(/too many requests|Try again/i);
      expect(findLeak(JSON.stringify(json))).toBeNull();
      // The SDK retries 429s on its own; this one must reach OpenAI exactly once.
      expect(proxy.openai.requests).toHaveLength(1);
    } finally {
      proxy.openai.setDefault("ok");
    }
  });

  it("still treats a real 429 rate limit as retryable", async () => {
    proxy.openai.setDefault({ rateLimited: { retryAfterS: 0 } });
    try {
      const { status, json } = await postImagesAsync(proxy, OPENAI);
      expect(status).toBe(429);
      expect(json.error).toMatchObject({ code: "rate_limited", retryable: true });
      expect(proxy.openai.requests).toHaveLength(3);
    } finally {
      proxy.openai.setDefault("ok");
    }
  });
});

const geminiCases: [string, GeminiBehaviour, number, string, RegExp][] = [
  ["429 with a limit of 0 (no billed project)", "quotaExhausted", 402, "quota_exhausted", /Google Gemini says the project behind this proxy has used up its quota/],
  ["403 BILLING_DISABLED", "billingDisabled", 402, "quota_exhausted", /Google Gemini says billing is not enabled/],
  ["403 IAM_PERMISSION_DENIED on the model", "modelAccessDenied", 403, "model_access_denied", /Google Gemini says the key behind this proxy has no access to/],
];

describe("gemini account problems", () => {
  it.each(geminiCases)("answers %s once, without retrying, as %s", async (_, behaviour, status, code, message) => {
    proxy.gemini.setDefault(behaviour);
    try {
      const { status: got, json } = await postImagesAsync(proxy, GEMINI);
      expect(got).toBe(status);
      expect(json.error).toMatchObject({ code, provider: "gemini", retryable: false });
      expect(json.error.retryAfterS).toBeUndefined();
      expect(json.error.message).toMatch(message);
      expect(json.error.message).toMatch(/Whoever runs your team's proxy can fix this/);
      expect(json.error.message).not.toMatch(/too many requests|Try again/i);
      expect(findLeak(JSON.stringify(json))).toBeNull();
      // RetryInfo says 22 s, which would fit the 20 s deadline's first wait… but no retry can help.
      expect(proxy.gemini.requests).toHaveLength(1);
    } finally {
      proxy.gemini.setDefault("ok");
    }
  });
});
