// Runs in the plugin iframe: the panel's settings as stored in figma.clientStorage.
import type { NetworkAccess } from "../../../src/core/network/proxy-access.js";

declare const __BRANDFILL_NETWORK_ACCESS__: NetworkAccess;

/** The built manifest's network access: every build of the panel defines it (build-options.mjs `panelDefine`). */
export const NETWORK_ACCESS = __BRANDFILL_NETWORK_ACCESS__;

/** The team build's proxy (the one origin its manifest allows), else the one `npm start` serves. */
export const DEFAULT_PROXY_URL = NETWORK_ACCESS.allowedDomains.find((d) => d.startsWith("http")) ?? "http://localhost:8787";

/**
 * Settings kept per user in `figma.clientStorage` (through main's `get-settings`/`set-settings`),
 * never in the document, because the token is a secret and the proxy address is per machine.
 */
export interface PanelSettings {
  /** Base URL of the brandfill proxy, e.g. `http://localhost:8787`. */
  proxyUrl: string;
  /** Bearer token the proxy asks for; empty when it asks for none. */
  token: string;
  /** Model id picked when the panel opens; empty = the first available. */
  defaultModel: string;
  /** Variants per Generate, 1–4. */
  defaultVariants: number;
  /** Monthly budget in USD above which the panel warns before a run; null = no warning. */
  monthlyBudgetUsd: number | null;
  /** What runs cost this calendar month (`YYYY-MM`, USD, known prices only). */
  spend: { month: string; usd: number };
}

/** The calendar month a cost counts towards, `YYYY-MM` in the designer's time zone. */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

export const DEFAULT_SETTINGS: PanelSettings = {
  proxyUrl: DEFAULT_PROXY_URL,
  token: "",
  defaultModel: "",
  defaultVariants: 1,
  monthlyBudgetUsd: null,
  spend: { month: currentMonth(), usd: 0 },
};

/**
 * Reads stored settings leniently: anything missing or of the wrong type takes its default, so
 * an older or hand-edited store never breaks the panel. Spend from an earlier month resets to 0.
 */
export function readPanelSettings(raw: Record<string, unknown>, now = new Date()): PanelSettings {
  const text = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);
  const variants = typeof raw.defaultVariants === "number" ? Math.round(raw.defaultVariants) : DEFAULT_SETTINGS.defaultVariants;
  const budget = typeof raw.monthlyBudgetUsd === "number" && raw.monthlyBudgetUsd > 0 ? raw.monthlyBudgetUsd : null;
  const spendRaw = raw.spend as { month?: unknown; usd?: unknown } | undefined;
  const month = currentMonth(now);
  const spend = spendRaw && spendRaw.month === month && typeof spendRaw.usd === "number" && spendRaw.usd >= 0 ? { month, usd: spendRaw.usd } : { month, usd: 0 };
  return {
    proxyUrl: text(raw.proxyUrl, DEFAULT_PROXY_URL).trim() || DEFAULT_PROXY_URL,
    token: text(raw.token, ""),
    defaultModel: text(raw.defaultModel, ""),
    defaultVariants: Math.min(4, Math.max(1, variants)),
    monthlyBudgetUsd: budget,
    spend,
  };
}

/**
 * Whether a run of `estimateUsd` would take this month's spend past the budget, as a sentence
 * for the designer, or null when there is no budget or it stays within it. An unknown price
 * warns only once the budget is already spent.
 */
export function budgetWarning(settings: PanelSettings, estimateUsd: number | null): string | null {
  const budget = settings.monthlyBudgetUsd;
  if (budget === null) return null;
  const spent = settings.spend.usd;
  const after = spent + (estimateUsd ?? 0);
  if (after <= budget) return null;
  const money = (usd: number) => `$${usd.toFixed(2)}`;
  return spent >= budget
    ? `You have spent ${money(spent)} this month, past your ${money(budget)} budget.`
    : `This run could take this month's spend to ${money(after)}, past your ${money(budget)} budget.`;
}
