// Runs in the Figma sandbox: brand colours the file defines as paint styles and colour variables.
import { figmaRgbToHex } from "../core/colour/parse-hex-colour.js";
import type { PaletteColour } from "../core/frame-spec/frame-spec.js";

/** At most this many document colours are offered (a design system can define hundreds). */
const MAX_DOCUMENT_COLOURS = 48;

/**
 * Solid colours of the file's local paint styles and COLOR variables (each variable's value
 * in its collection's default mode; aliases are skipped rather than resolved across files).
 * `usage` is 0: they are offered for locking, not counted in the frame. Any API the host
 * lacks, or a file without styles, gives an empty list — never an error for the designer.
 */
export async function readDocumentPaletteAsync(): Promise<PaletteColour[]> {
  const out = new Map<string, PaletteColour>();
  const add = (hex: string, source: "style" | "variable", id: string) => {
    if (!out.has(hex)) out.set(hex, { hex, usage: 0, layers: [id], source });
  };
  try {
    for (const style of await figma.getLocalPaintStylesAsync()) {
      for (const paint of style.paints) if (paint.type === "SOLID" && paint.visible !== false) add(figmaRgbToHex(paint.color), "style", style.id);
    }
  } catch {
    // No paint styles available: nothing to offer.
  }
  try {
    const variables = await figma.variables.getLocalVariablesAsync("COLOR");
    const collections = new Map<string, VariableCollection | null>();
    for (const variable of variables) {
      if (!collections.has(variable.variableCollectionId)) {
        collections.set(variable.variableCollectionId, await figma.variables.getVariableCollectionByIdAsync(variable.variableCollectionId));
      }
      const mode = collections.get(variable.variableCollectionId)?.defaultModeId;
      const value = mode ? variable.valuesByMode[mode] : undefined;
      if (value && typeof value === "object" && "r" in value) add(figmaRgbToHex(value), "variable", variable.id);
    }
  } catch {
    // No variables API or no colour variables: nothing to offer.
  }
  return [...out.values()].slice(0, MAX_DOCUMENT_COLOURS);
}
