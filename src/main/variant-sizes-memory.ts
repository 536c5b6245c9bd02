// Runs in the Figma sandbox: the sizes a file last used for variants, kept in the file itself.
import { VARIANT_SIZES_KEY } from "../core/variants/variant-messages.js";
import { parseStoredStrings } from "./parse-stored-strings.js";
import { readBrandfillData, SHARED_VARIANT_SIZES_KEY, writeBrandfillData } from "./recipe-store.js";

/** Longest list kept (the panel offers 20 presets plus what the designer types). */
const MAX_TOKENS = 100;

/**
 * The size tokens (`iab-leaderboard`, `300x250`, …) last chosen in this file, from the
 * document's shared plugin data (`brandfill/variant-sizes`, or an earlier version's private key), so every collaborator opening the file gets the same set. An unreadable
 * value reads as none.
 */
export function readVariantSizes(): string[] {
  return parseStoredStrings(readBrandfillData(figma.root, SHARED_VARIANT_SIZES_KEY, VARIANT_SIZES_KEY)).slice(0, MAX_TOKENS);
}

/** Remembers the chosen size tokens in the document (repeats dropped, order kept). */
export function writeVariantSizes(tokens: readonly string[]): void {
  writeBrandfillData(figma.root, SHARED_VARIANT_SIZES_KEY, JSON.stringify([...new Set(tokens)].slice(0, MAX_TOKENS)), VARIANT_SIZES_KEY);
}
