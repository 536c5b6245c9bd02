// Runs in the plugin iframe (pure): which model to preselect for a job.
import type { AvailableModel } from "../../../src/jobs/proxy-client.js";

/**
 * Cheap, fast models for exploring, cheapest known price first (gpt-image-2 at low quality is
 * $0.005–0.006; the Gemini drafts have no published price). As of 2026-12-07: the former
 * drafts gpt-image-1-mini and gemini-2.5/3.1-flash-image are shut down.
 */
export const DRAFT_MODEL_IDS = ["gpt-image-2", "gemini-3.1-flash-lite-image", "gemini-nano-banana-2.1", "offline"] as const;
/** Quality models to finish a draft with, best first. */
export const FINISH_MODEL_IDS = ["gpt-image-2", "gemini-3-pro-image", "gpt-image-2.5-sunburst", "gemini-nano-banana-2.1", "offline"] as const;

/**
 * The first of `preferred` that is available (and can do `operation`), else the first available
 * model that is not the offline one, else offline; null when the list is empty.
 */
export function pickModel(models: readonly AvailableModel[], preferred: readonly string[], operation: "generate" | "edit" = "generate"): AvailableModel | null {
  const usable = models.filter((m) => m.available && m.operations.includes(operation));
  for (const id of preferred) {
    const found = usable.find((m) => m.id === id);
    if (found) return found;
  }
  return usable.find((m) => m.provider !== "offline") ?? usable[0] ?? null;
}

/** The model a control should show: the chosen one while it is usable, else `fallback`. */
export function resolveModel(
  models: readonly AvailableModel[] | null,
  chosen: string | null,
  fallback: readonly string[],
  operation: "generate" | "edit" = "generate",
): AvailableModel | null {
  if (!models) return null;
  const current = models.find((m) => m.id === chosen && m.available && m.operations.includes(operation));
  return current ?? pickModel(models, fallback, operation);
}
