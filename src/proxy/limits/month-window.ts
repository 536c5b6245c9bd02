/**
 * The calendar month (UTC) a moment falls in, as budgets count it.
 * @param nowMs milliseconds since the epoch.
 * @returns `key` like "2025-07", `resetInMs` until the next month starts, and `resetsOn`
 *   as a designer reads it ("1 August").
 */
export function monthWindow(nowMs: number): { key: string; resetInMs: number; resetsOn: string } {
  const now = new Date(nowMs);
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  const key = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  const resetsOn = `1 ${new Date(next).toLocaleString("en-GB", { month: "long", timeZone: "UTC" })}`;
  return { key, resetInMs: next - nowMs, resetsOn };
}
