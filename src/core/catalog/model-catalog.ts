/**
 * The model catalog: one entry per image model id brandfill can call, with what it can do,
 * what sizes it takes, and what it costs. Facts are from PROVIDERS.md, checked against the
 * `openai` 7.55 (`resources/images.d.ts`: `ImageModel`, size and quality docs) and
 * `@google/genai` 3.1 SDK sources; where a fact could not be confirmed the entry says
 * `unverified` in its notes. Prices are USD per image, standard tier.
 */

export type ProviderId = "openai" | "gemini" | "offline";
/** generate = text → image; edit = image(s) + instruction → image; mask = edit restricted by a mask. */
export type Operation = "generate" | "edit" | "mask";
export type Quality = "low" | "medium" | "high" | "xhigh" | "max" | "auto";
/** Gemini `imageConfig.imageSize` values. */
export type GeminiImageSize = "512" | "1K" | "2K" | "4K";

/** How a model is told what size to make. All sizes are in pixels. */
export type SizeRule =
  /** A short list of sizes (`size: "1536x1024"`). */
  | { kind: "fixed"; sizes: readonly (readonly [number, number])[] }
  /**
   * Any `WxH` with both edges divisible by `multipleOf`, aspect within [minAspect, maxAspect]
   * (width / height), long edge ≤ maxLongEdge, short edge ≤ maxShortEdge, pixel count within
   * [minPixels, maxPixels] (OpenAI SDK docs for gpt-image-2: "divisible by 16", "between 1:3
   * and 3:1", "maximum supported resolution is 3840x2160"; pixel bounds per PROVIDERS.md, unverified).
   */
  | {
      kind: "free";
      multipleOf: number;
      minAspect: number;
      maxAspect: number;
      maxLongEdge: number;
      maxShortEdge: number;
      minPixels: number;
      maxPixels: number;
    }
  /** Gemini: an aspect ratio from a list plus an output size tier. */
  | { kind: "aspect"; aspectRatios: readonly string[]; imageSizes: readonly GeminiImageSize[] }
  /** The offline generator makes exactly the size asked, up to `maxEdge`. */
  | { kind: "exact"; maxEdge: number };

/**
 * USD per million tokens, per token class of OpenAI's image `usage` (`input_tokens_details`,
 * `output_tokens_details`). A class without a price makes a cost that uses it unknown.
 */
export interface TokenPrices {
  textInput?: number;
  imageInput?: number;
  imageOutput?: number;
  textOutput?: number;
}

/**
 * Prices in USD per output image (and, where published, per million tokens, which then win for
 * the actual cost after a run). A missing price means unknown: shown as unknown, never guessed.
 */
export type PriceTable =
  | { kind: "by-quality"; square: Partial<Record<Quality, number>>; nonSquare: Partial<Record<Quality, number>>; tokens?: TokenPrices }
  | { kind: "by-image-size"; bySize: Partial<Record<GeminiImageSize, number>> }
  | { kind: "free" }
  | { kind: "unknown" };

export interface ModelEntry {
  id: string;
  provider: ProviderId;
  label: string;
  /** One line a designer can choose by. */
  strengths: string;
  operations: readonly Operation[];
  size: SizeRule;
  /** Images per provider call (OpenAI `n`); more variants are made with parallel calls. */
  maxNPerCall: number;
  /** Input images an edit can take (the edited image plus references). */
  maxReferences: number;
  qualities: readonly Quality[];
  price: PriceTable;
  /** Provenance mark the provider puts in every output. */
  watermark: "c2pa" | "synthid" | null;
  /**
   * The model can make a transparent background (OpenAI `background: "transparent"`); the
   * panel offers the toggle only then.
   */
  transparentBackground: boolean;
  /** The id is a dated snapshot or alias of another entry. */
  snapshotOf?: string;
  notes?: string;
}

const STANDARD_OPENAI_SIZES = [
  [1024, 1024],
  [1536, 1024],
  [1024, 1536],
] as const;

const GPT_IMAGE_2_SIZE: SizeRule = {
  kind: "free",
  multipleOf: 16,
  minAspect: 1 / 3,
  maxAspect: 3,
  maxLongEdge: 3840,
  maxShortEdge: 2160,
  minPixels: 655_360,
  maxPixels: 8_294_400,
};

/** Gemini's aspect ratios (PROVIDERS.md); newer models add the extreme four. */
const GEMINI_ASPECTS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"] as const;
const GEMINI_WIDE_ASPECTS = [...GEMINI_ASPECTS, "1:4", "4:1", "1:8", "8:1"] as const;

const GPT_IMAGE_2_PRICE: PriceTable = {
  kind: "by-quality",
  square: { low: 0.006, medium: 0.053, high: 0.211 },
  nonSquare: { low: 0.005, medium: 0.041, high: 0.165 },
};

function openAi(id: string, label: string, strengths: string, extra: Partial<ModelEntry> = {}): ModelEntry {
  return {
    id,
    provider: "openai",
    label,
    strengths,
    operations: ["generate", "edit", "mask"],
    size: GPT_IMAGE_2_SIZE,
    maxNPerCall: 10,
    maxReferences: 16,
    qualities: ["low", "medium", "high", "auto"],
    price: { kind: "unknown" },
    watermark: "c2pa",
    transparentBackground: false,
    ...extra,
  };
}

function gemini(id: string, label: string, strengths: string, extra: Partial<ModelEntry> = {}): ModelEntry {
  return {
    id,
    provider: "gemini",
    label,
    strengths,
    // Gemini has no mask parameter: masked edits are sent as image + instruction and the
    // locality is enforced by brandfill's composite (PROVIDERS.md).
    operations: ["generate", "edit", "mask"],
    size: { kind: "aspect", aspectRatios: GEMINI_ASPECTS, imageSizes: ["1K", "2K", "4K"] },
    maxNPerCall: 1,
    maxReferences: 14,
    qualities: ["auto"],
    price: { kind: "unknown" },
    watermark: "synthid",
    // Gemini's imageConfig has no background setting (genai.d.ts `ImageConfig`).
    transparentBackground: false,
    ...extra,
  };
}

/**
 * Every model brandfill offers, in the order the picker lists them: the catalog as of 2026-12-07.
 * Shut down and left out (see {@link RETIRED_MODELS}): gpt-image-1, gpt-image-1-mini,
 * gpt-image-1.5, chatgpt-image-latest, gemini-2.5-flash-image, gemini-3.1-flash-image. The
 * installed SDKs still list some of them (openai 7.55 `ImageModel`: 1-mini, 1.5,
 * chatgpt-image-latest; @google/genai 3.1 `Model_2`: gemini-2.5-flash-image,
 * gemini-3.1-flash-image); the providers' deprecation pages are newer than those types.
 */
export const MODEL_CATALOG: readonly ModelEntry[] = [
  // Transparent background "in preview" for gpt-image-2 (openai images.d.ts `background` doc);
  // issue 15 says it has none: not offered. `input_fidelity` must be omitted (same SDK doc).
  openAi("gpt-image-2", "GPT Image 2", "Best text rendering and layout following; any size up to 3840×2160.", {
    price: GPT_IMAGE_2_PRICE,
  }),
  openAi("gpt-image-2-2026-04-21", "GPT Image 2 (2026-04-21)", "GPT Image 2 as of 21 April 2026, for results that repeat.", {
    price: GPT_IMAGE_2_PRICE,
    snapshotOf: "gpt-image-2",
  }),
  openAi("gpt-image-2.5-sunburst", "GPT Image 2.5 Sunburst", "Newest GPT Image, with extra-high and maximum quality.", {
    qualities: ["low", "medium", "high", "xhigh", "max", "auto"],
    transparentBackground: true,
    notes: "No published price found: cost shows as unknown.",
  }),
  openAi("gpt-image-2.5-sunburst-2026-09-08", "GPT Image 2.5 Sunburst (2026-09-08)", "GPT Image 2.5 Sunburst as of 8 September 2026, for results that repeat.", {
    qualities: ["low", "medium", "high", "xhigh", "max", "auto"],
    transparentBackground: true,
    snapshotOf: "gpt-image-2.5-sunburst",
  }),
  openAi("gpt-image-2.5-flare", "GPT Image 2.5 Flare", "Faster GPT Image 2.5, with extra-high and maximum quality.", {
    qualities: ["low", "medium", "high", "xhigh", "max", "auto"],
    transparentBackground: true,
  }),
  openAi("gpt-image-2.5-flare-2026-09-08", "GPT Image 2.5 Flare (2026-09-08)", "GPT Image 2.5 Flare as of 8 September 2026, for results that repeat.", {
    qualities: ["low", "medium", "high", "xhigh", "max", "auto"],
    transparentBackground: true,
    snapshotOf: "gpt-image-2.5-flare",
  }),
  // The SDK does not list 2.6 among the models taking arbitrary resolutions (`size` doc): standard
  // sizes only. Transparent backgrounds and 16 references per issue 15 (2.6 release, 2026-11-04);
  // the SDK's `background` doc says only "available for supported GPT Image models".
  openAi("gpt-image-2.6-sunburst", "GPT Image 2.6 Sunburst", "Latest Sunburst: transparent backgrounds; standard sizes only.", {
    size: { kind: "fixed", sizes: STANDARD_OPENAI_SIZES },
    transparentBackground: true,
  }),
  openAi("gpt-image-2.6-flare", "GPT Image 2.6 Flare", "Latest Flare: transparent backgrounds; standard sizes only.", {
    size: { kind: "fixed", sizes: STANDARD_OPENAI_SIZES },
    transparentBackground: true,
  }),
  gemini("gemini-3-pro-image", "Nano Banana Pro (Gemini 3 Pro Image)", "Highest Gemini quality and text; up to 4K.", {
    price: { kind: "by-image-size", bySize: { "1K": 0.134, "2K": 0.134, "4K": 0.24 } },
  }),
  // Both ids are in @google/genai 3.1's model list (genai.d.ts `Model_2`) with no documentation:
  // offered with the capabilities of the model they are named after, and no price guessed.
  gemini("nano-banana-pro-preview", "Nano Banana Pro (preview id)", "Preview id of Nano Banana Pro.", {
    snapshotOf: "gemini-3-pro-image",
    notes: "Listed by the @google/genai SDK without documentation; capabilities assumed like gemini-3-pro-image; price unknown.",
  }),
  // Generally available since 2026-10-06, replacing gemini-3.1-flash-image (issue 15): 14 aspect
  // ratios at 1K/2K/4K, no 512 px tier. No published price in brandfill's sources: unknown.
  gemini("gemini-nano-banana-2.1", "Nano Banana 2", "Fast Gemini; widest aspects (up to 8:1) at 1K to 4K.", {
    size: { kind: "aspect", aspectRatios: GEMINI_WIDE_ASPECTS, imageSizes: ["1K", "2K", "4K"] },
    notes: "Price not published: cost shows as unknown.",
  }),
  gemini("gemini-3.1-flash-lite-image", "Nano Banana Lite (Gemini 3.1 Flash Lite Image)", "Lowest-latency Gemini drafts.", {
    size: { kind: "aspect", aspectRatios: GEMINI_ASPECTS, imageSizes: ["512", "1K"] },
    notes: "Aspect list, sizes and price unverified: cost shows as unknown.",
  }),
  {
    id: "offline",
    provider: "offline",
    label: "Offline preview (not AI)",
    strengths: "No key, no cost: a calm palette composition to test layouts.",
    operations: ["generate", "edit", "mask"],
    size: { kind: "exact", maxEdge: 4096 },
    maxNPerCall: 8,
    maxReferences: 16,
    qualities: ["auto"],
    price: { kind: "free" },
    watermark: null,
    transparentBackground: false,
  },
];

export { RETIRED_MODELS, retiredModel, type RetiredModel } from "./retired-models.js";
