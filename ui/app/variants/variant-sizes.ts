// Runs in the plugin iframe (pure): the sizes a Variants run will make.
import { AD_SIZE_PRESETS, type AdSizePreset } from "../../../src/core/layout/ad-sizes.js";
import { parseSizeList, type RequestedSize } from "../../../src/core/layout/parse-size-list.js";

/** "iab-medium-rectangle" → "Medium rectangle": the preset's name as a designer reads it. */
export function presetName(preset: Pick<AdSizePreset, "id">): string {
  const words = preset.id.split("-").slice(1).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Presets by group, in the order the fixture lists them (IAB, Google, Meta). */
export function presetGroups(): { group: AdSizePreset["group"]; presets: AdSizePreset[] }[] {
  const groups: { group: AdSizePreset["group"]; presets: AdSizePreset[] }[] = [];
  for (const preset of AD_SIZE_PRESETS) {
    const last = groups[groups.length - 1];
    if (last?.group === preset.group) last.presets.push(preset);
    else groups.push({ group: preset.group, presets: [preset] });
  }
  return groups;
}

/**
 * Splits the size tokens a file remembers (`get-variant-sizes`: preset ids and `W×H`) into ticked
 * presets and the custom-sizes text.
 */
export function sizesFromTokens(tokens: readonly string[]): { presetIds: Set<string>; customText: string } {
  const presetIds = new Set(tokens.filter((t) => AD_SIZE_PRESETS.some((p) => p.id === t)));
  return { presetIds, customText: tokens.filter((t) => !presetIds.has(t)).join(", ") };
}

/** The tokens to remember for a choice: preset ids, then custom sizes as `WxH`. */
export function tokensFromSizes(sizes: readonly RequestedSize[]): string[] {
  return sizes.map((s) => s.presetId ?? `${s.width}x${s.height}`);
}

/**
 * The sizes to make: ticked presets (with their safe zones) then typed custom sizes (`600x300,
 * 1200×1500`), each size once. Custom text that does not parse gives `problem`, the sentence
 * from parseSizeList, and contributes no sizes.
 */
export function chosenSizes(presetIds: ReadonlySet<string>, customText: string): { sizes: RequestedSize[]; problem: string | null } {
  const sizes: RequestedSize[] = AD_SIZE_PRESETS.filter((p) => presetIds.has(p.id)).map((p) => ({
    width: p.width,
    height: p.height,
    presetId: p.id,
    ...(p.safeZone ? { safeZone: p.safeZone } : {}),
  }));
  let problem: string | null = null;
  if (customText.trim()) {
    try {
      for (const size of parseSizeList(customText)) {
        if (!sizes.some((s) => s.width === size.width && s.height === size.height && s.presetId === size.presetId)) sizes.push(size);
      }
    } catch (e) {
      problem = (e as Error).message;
    }
  }
  return { sizes, problem };
}
