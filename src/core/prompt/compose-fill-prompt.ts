import type { FrameSpec, KeepClearZone } from "../frame-spec/frame-spec.js";
import { describeRegion, describeSpan, type UnitBox } from "./describe-region.js";
import { largestFreeRegion } from "./largest-free-region.js";

/** Words for each keep-clear role, as a model should read them. */
const ROLE_WORDS: Record<KeepClearZone["role"], string> = {
  logo: "the logo",
  headline: "the headline",
  body: "body text",
  cta: "the button",
  image: "a product image",
  decoration: "a decoration",
  background: "the background",
};

/** The last line when the palette swatch is attached as a reference image. */
export const SWATCH_NOTE = "The attached swatch image shows the brand colours exactly.";

/** At most this many zones are named one by one; the rest are summarised (prompts stay readable). */
const MAX_NAMED_ZONES = 8;

export interface FillPromptInput {
  /** The designer's words, as typed. */
  userPrompt: string;
  spec: Pick<FrameSpec, "width" | "height" | "keepClear">;
  /** Locked brand colours, `#RRGGBB`. */
  palette: readonly string[];
  /** Plain colour name for a hex (e.g. "deep emerald green"); hex only when absent. */
  nameColour?: (hex: string) => string;
  /** True when a swatch of the palette is attached as a reference image (`renderPaletteSwatch`): the prompt says so last. */
  swatchAttached?: boolean;
}

export interface FillPrompt {
  /** The prompt sent to the model. */
  prompt: string;
  /** Keep-clear zones as fractions of the frame (0–1), for the request's `keepClear`. */
  keepClear: UnitBox[];
  /** Where the main subject should go, as fractions, or null when the layout is full. */
  subjectRegion: UnitBox | null;
}

/** "1.91:1 landscape", "1:1 square", "9:16 portrait". */
export function describeAspect(width: number, height: number): string {
  const r = width / height;
  const shape = Math.abs(Math.log(r)) < 0.05 ? "square" : r > 1 ? "landscape" : "portrait";
  const known: [number, number][] = [
    [1, 1],
    [4, 5],
    [5, 4],
    [3, 2],
    [2, 3],
    [4, 3],
    [3, 4],
    [16, 9],
    [9, 16],
    [21, 9],
    [2, 1],
    [1, 2],
    [3, 1],
    [1, 3],
    [4, 1],
    [1, 4],
    [8, 1],
    [1, 8],
  ];
  const exact = known.find(([a, b]) => Math.abs(a / b - r) < 0.01);
  const ratio = exact ? `${exact[0]}:${exact[1]}` : r >= 1 ? `${r.toFixed(2)}:1` : `1:${(1 / r).toFixed(2)}`;
  return `${ratio} ${shape}`;
}

/**
 * Composes the prompt a model gets for a fill: the designer's words first (they lead), then
 * the frame's constraints — aspect ratio, the keep-clear zones where live text, logo, button
 * and images sit (named by place and percent span, so any model can follow them), where the
 * subject should go instead, and the locked brand colours as hex and as names. Ends by
 * forbidding rendered text, because the frame's text is live Figma text on top, and, when a swatch
 * of the palette is attached, with {@link SWATCH_NOTE}.
 *
 * Pure and deterministic: the same input gives the same prompt, which the recipe records.
 */
export function composeFillPrompt(input: FillPromptInput): FillPrompt {
  const { spec } = input;
  const keepClear: UnitBox[] = spec.keepClear.map((z) => ({
    x: z.box.x / spec.width,
    y: z.box.y / spec.height,
    width: z.box.width / spec.width,
    height: z.box.height / spec.height,
  }));
  const subjectRegion = keepClear.length ? largestFreeRegion(keepClear) : null;
  const lines: string[] = [input.userPrompt.trim().replace(/\s+/g, " ")];
  lines.push(
    `Format: a ${describeAspect(spec.width, spec.height)} background image (${Math.round(spec.width)}×${Math.round(spec.height)} px) for a design layout; it fills the whole frame edge to edge.`,
  );
  if (keepClear.length) {
    const named = spec.keepClear.slice(0, MAX_NAMED_ZONES).map((z, i) => `${ROLE_WORDS[z.role]} at ${describeRegion(keepClear[i]!)} (${describeSpan(keepClear[i]!)})`);
    const more = spec.keepClear.length - named.length;
    lines.push(
      `Live layers sit on top of this image, so keep these areas calm, low in detail and free of subjects: ${named.join("; ")}${more > 0 ? `; and ${more} more small elements` : ""}.`,
    );
    if (subjectRegion && subjectRegion.width * subjectRegion.height > 0.04) {
      lines.push(`Put the main subject in the open space at ${describeRegion(subjectRegion)} (${describeSpan(subjectRegion)}).`);
    }
  }
  if (input.palette.length) {
    const colours = input.palette.map((hex) => (input.nameColour ? `${hex} (${input.nameColour(hex)})` : hex));
    lines.push(`Brand colours, use them as the dominant colours: ${colours.join(", ")}.`);
  }
  lines.push("Do not render any text, letters, numbers, logos or watermarks.");
  if (input.swatchAttached) lines.push(SWATCH_NOTE);
  return { prompt: lines.join("\n"), keepClear, subjectRegion };
}
