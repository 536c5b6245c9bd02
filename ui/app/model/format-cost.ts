// Runs in the plugin iframe (pure).

/**
 * A cost for the panel: "free" for 0, "price unknown" for null (never a guess), otherwise
 * "≈ $0.04" (two decimals; three below one cent, where prices are quoted to a tenth of a cent).
 * @param usd US dollars, or null when the catalog has no price for this run.
 */
export function formatCost(usd: number | null): string {
  if (usd === null) return "price unknown";
  if (usd === 0) return "free";
  return `≈ $${usd < 0.01 ? usd.toFixed(3) : usd.toFixed(2)}`;
}
