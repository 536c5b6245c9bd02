// Runs in the plugin iframe (pure).

/** Dollars with two decimals, three below one cent (where prices are quoted to a tenth of a cent). */
function dollars(usd: number): string {
  return `$${usd < 0.01 ? usd.toFixed(3) : usd.toFixed(2)}`;
}

/**
 * An estimate for the panel: "free" for 0, "price unknown" for null (never a guess), otherwise
 * "≈ $0.04".
 * @param usd US dollars, or null when the catalog has no price for this run.
 */
export function formatCost(usd: number | null): string {
  return usd === null ? "price unknown" : usd === 0 ? "free" : `≈ ${dollars(usd)}`;
}

/**
 * What a finished run cost, as the proxy reported it: "$0.04", "free", or "price unknown" when
 * the proxy could not price it (it never guesses).
 * @param usd US dollars from the proxy's `costUsd`, or null.
 */
export function formatActualCost(usd: number | null): string {
  return usd === null ? "price unknown" : usd === 0 ? "free" : dollars(usd);
}

/** One image's part of a run's cost or estimate (USD), null when the run's is unknown. */
export function costShare(usd: number | null, images: number): number | null {
  return usd === null ? null : usd / Math.max(1, images);
}
