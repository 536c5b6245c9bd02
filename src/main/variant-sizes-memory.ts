// Runs in the Figma sandbox: the sizes a file last used for variants, kept in the file itself.
import { VARIANT_SIZES_KEY } from "../core/variants/variant-messages.js";

/** Longest list kept (the panel offers 20 presets plus what the designer types). */
const MAX_TOKENS = 100;

/**
 * The size tokens (`iab-leaderboard`, `300x250`, …) last chosen in this file, from the
 * document's plugin data, so every collaborator opening the file gets the same set. An unreadable
 * value reads as none.
 */
export function readVariantSizes(): string[] {
  try {
    const parsed: unknown = JSON.parse(figma.root.getPluginData(VARIANT_SIZES_KEY) || "[]");
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === "string").slice(0, MAX_TOKENS) : [];
  } catch {
    return [];
  }
}

/** Remembers the chosen size tokens in the document (repeats dropped, order kept). */
export function writeVariantSizes(tokens: readonly string[]): void {
  figma.root.setPluginData(VARIANT_SIZES_KEY, JSON.stringify([...new Set(tokens)].slice(0, MAX_TOKENS)));
}
