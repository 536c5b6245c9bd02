// Runs in the Figma sandbox (pure): lists of ids, hashes or size tokens that brandfill keeps in plugin data.

/**
 * The strings of a JSON array kept as plugin data; anything else in it is skipped.
 * @param text the stored value; "" (nothing stored) means an empty list.
 * @returns the array's strings in order; [] when the text is not a JSON array (a hand-edited or
 *   damaged value never stops the plugin).
 */
export function parseStoredStrings(text: string): string[] {
  try {
    const list: unknown = JSON.parse(text || "[]");
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}
