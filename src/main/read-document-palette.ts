// Runs in the Figma sandbox: brand colours the file defines as paint styles and colour variables.
import { figmaRgbToHex } from "../core/colour/parse-hex-colour.js";
import type { PaletteColour } from "../core/frame-spec/frame-spec.js";

/** At most this many document colours are offered (a design system can define hundreds). */
const MAX_DOCUMENT_COLOURS = 48;

/** Longest alias chain followed (a variable pointing at a variable …); a longer or circular one is skipped. */
const MAX_ALIAS_DEPTH = 8;

/**
 * Solid colours of the file's local paint styles and COLOR variables (each variable's value
 * in its collection's default mode; an alias, `{ type: "VARIABLE_ALIAS", id }` in plugin-api.d.ts,
 * is followed to the variable it names, in that variable's collection's default mode, up to
 * {@link MAX_ALIAS_DEPTH} steps; an alias to a library variable not in this file is skipped).
 * Then the COLOR variables of the libraries enabled in this file (`figma.teamLibrary`, which the
 * manifest's `teamlibrary` permission grants), imported one by one with `importVariableByKeyAsync`
 * to read their values, only while fewer than {@link MAX_DOCUMENT_COLOURS} colours are found.
 * Library paint styles cannot be listed by the plugin API (it imports styles only by a known key).
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
    const defaultValue = async (variable: Variable) => {
      if (!collections.has(variable.variableCollectionId)) {
        collections.set(variable.variableCollectionId, await figma.variables.getVariableCollectionByIdAsync(variable.variableCollectionId));
      }
      const mode = collections.get(variable.variableCollectionId)?.defaultModeId;
      return mode ? variable.valuesByMode[mode] : undefined;
    };
    const addVariable = async (variable: Variable) => {
      let value = await defaultValue(variable);
      for (let depth = 0; depth < MAX_ALIAS_DEPTH && value && typeof value === "object" && "type" in value && value.type === "VARIABLE_ALIAS"; depth++) {
        const next = await figma.variables.getVariableByIdAsync(value.id);
        value = next ? await defaultValue(next) : undefined;
      }
      if (value && typeof value === "object" && "r" in value) add(figmaRgbToHex(value), "variable", variable.id);
    };
    for (const variable of variables) await addVariable(variable);
    try {
      for (const collection of await figma.teamLibrary.getAvailableLibraryVariableCollectionsAsync()) {
        for (const entry of await figma.teamLibrary.getVariablesInLibraryCollectionAsync(collection.key)) {
          if (out.size >= MAX_DOCUMENT_COLOURS) break;
          if (entry.resolvedType === "COLOR") await addVariable(await figma.variables.importVariableByKeyAsync(entry.key));
        }
      }
    } catch {
      // No teamlibrary permission, or no library enabled: the file's own colours only.
    }
  } catch {
    // No variables API or no colour variables: nothing to offer.
  }
  return [...out.values()].slice(0, MAX_DOCUMENT_COLOURS);
}
