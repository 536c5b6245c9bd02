import type { AccountProblem } from "./provider-error.js";

/**
 * OpenAI error codes meaning the account itself cannot pay for images (OpenAI's error-codes guide:
 * 429 `insufficient_quota` "You exceeded your current quota, please check your plan and billing
 * details"; 400 `billing_hard_limit_reached`; 429 `billing_not_active`): no retry helps.
 */
const OPENAI_NO_CREDIT_CODES = new Set(["insufficient_quota", "billing_hard_limit_reached", "billing_not_active"]);

/**
 * What stands between the account and the model, from an OpenAI error answer, or null for a
 * problem of this request: no credit (above), or no access to the model — `model_not_found`
 * ("does not exist or you do not have access to it", 403/404) and the 403 asking to verify the
 * organisation before using GPT Image models ("Your organization must be verified to use the model").
 */
export function openAiAccountProblem(status: number | undefined, body: { code?: string | null; type?: string; message?: string } | undefined): AccountProblem | null {
  const code = body?.code ?? body?.type ?? "";
  if (OPENAI_NO_CREDIT_CODES.has(code) || OPENAI_NO_CREDIT_CODES.has(body?.type ?? "")) return "no-credit";
  if (code === "model_not_found") return "model-access";
  if (status === 403 && /must be verified|verify organi[sz]ation|does not have access to model/i.test(body?.message ?? "")) return "model-access";
  return null;
}
