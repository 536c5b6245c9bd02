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
    ...extra,
  };
}

/** Every model brandfill offers, in the order the picker lists them. */
export const MODEL_CATALOG: readonly ModelEntry[] = [
  openAi("gpt-image-2", "GPT Image 2", "Best text rendering and layout following; any size up to 3840×2160.", {
    price: GPT_IMAGE_2_PRICE,
  }),
  openAi("gpt-image-2-2026-04-21", "GPT Image 2 (2026-04-21)", "GPT Image 2 as of 21 April 2026, for results that repeat.", {
    price: GPT_IMAGE_2_PRICE,
    snapshotOf: "gpt-image-2",
  }),
  openAi("gpt-image-2.5-sunburst", "GPT Image 2.5 Sunburst", "Newest GPT Image, with extra-high and maximum quality.", {
    qualities: ["low", "medium", "high", "xhigh", "max", "auto"],
    notes: "No published price found: cost shows as unknown.",
  }),
  openAi("gpt-image-2.5-sunburst-2026-09-08", "GPT Image 2.5 Sunburst (2026-09-08)", "GPT Image 2.5 Sunburst as of 8 September 2026, for results that repeat.", {
    qualities: ["low", "medium", "high", "xhigh", "max", "auto"],
    snapshotOf: "gpt-image-2.5-sunburst",
  }),
  openAi("gpt-image-2.5-flare", "GPT Image 2.5 Flare", "Faster GPT Image 2.5, with extra-high and maximum quality.", {
    qualities: ["low", "medium", "high", "xhigh", "max", "auto"],
  }),
  openAi("gpt-image-2.5-flare-2026-09-08", "GPT Image 2.5 Flare (2026-09-08)", "GPT Image 2.5 Flare as of 8 September 2026, for results that repeat.", {
    qualities: ["low", "medium", "high", "xhigh", "max", "auto"],
    snapshotOf: "gpt-image-2.5-flare",
  }),
  // The SDK does not list 2.6 among the models taking arbitrary resolutions: standard sizes only.
  openAi("gpt-image-2.6-sunburst", "GPT Image 2.6 Sunburst", "Latest Sunburst; standard sizes only.", {
    size: { kind: "fixed", sizes: STANDARD_OPENAI_SIZES },
  }),
  openAi("gpt-image-2.6-flare", "GPT Image 2.6 Flare", "Latest Flare; standard sizes only.", {
    size: { kind: "fixed", sizes: STANDARD_OPENAI_SIZES },
  }),
  // A moving alias of the image model ChatGPT uses now: results and price can change without notice.
  openAi("chatgpt-image-latest", "ChatGPT Image (latest)", "Whatever image model ChatGPT uses today; standard sizes only.", {
    size: { kind: "fixed", sizes: STANDARD_OPENAI_SIZES },
    notes: "Moving alias (openai SDK ImageModel); no published price: cost shows as unknown.",
  }),
  openAi("gpt-image-1.5", "GPT Image 1.5", "Realistic photos, strong edits with high input fidelity.", {
    size: { kind: "fixed", sizes: STANDARD_OPENAI_SIZES },
    price: {
      kind: "by-quality",
      square: { low: 0.009, medium: 0.034, high: 0.133 },
      nonSquare: { low: 0.013, medium: 0.05, high: 0.2 },
    },
  }),
  openAi("gpt-image-1-mini", "GPT Image 1 mini", "Cheapest GPT Image: fast drafts to explore ideas.", {
    size: { kind: "fixed", sizes: STANDARD_OPENAI_SIZES },
    price: {
      kind: "by-quality",
      square: { low: 0.005, medium: 0.011, high: 0.036 },
      nonSquare: { low: 0.006, medium: 0.015, high: 0.052 },
    },
  }),
  gemini("gemini-2.5-flash-image", "Nano Banana (Gemini 2.5 Flash Image)", "Fast, cheap, consistent edits; about one megapixel.", {
    // About one megapixel at every aspect (Google's table: 1:1 1024², 21:9 1536×672), i.e. the 1K tier.
    size: { kind: "aspect", aspectRatios: GEMINI_ASPECTS, imageSizes: ["1K"] },
    maxReferences: 3,
    price: { kind: "by-image-size", bySize: { "1K": 0.039 } },
  }),
  gemini("gemini-3.1-flash-image", "Nano Banana 2 (Gemini 3.1 Flash Image)", "Widest aspects (up to 8:1) from 512 px drafts to 4K.", {
    size: { kind: "aspect", aspectRatios: GEMINI_WIDE_ASPECTS, imageSizes: ["512", "1K", "2K", "4K"] },
    price: { kind: "by-image-size", bySize: { "512": 0.045, "1K": 0.067, "2K": 0.101, "4K": 0.151 } },
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
  gemini("gemini-nano-banana-2.1", "Nano Banana 2.1", "Newer Nano Banana 2 id; widest aspects, 512 px to 4K.", {
    size: { kind: "aspect", aspectRatios: GEMINI_WIDE_ASPECTS, imageSizes: ["512", "1K", "2K", "4K"] },
    snapshotOf: "gemini-3.1-flash-image",
    notes: "Listed by the @google/genai SDK without documentation; capabilities assumed like gemini-3.1-flash-image; price unknown.",
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
  },
];

/**
 * Ids that no longer work, with what to use instead (OpenAI SDK `ImageModel` deprecation notes:
 * gpt-image-1 shut down 2026-10-23, dall-e-2/3 retired 2026-05-12; Gemini preview ids ended
 * when the GA ids shipped).
 */
export const RETIRED_MODELS: Readonly<Record<string, string>> = {
  "gpt-image-1": "gpt-image-2.5-sunburst or gpt-image-2.5-flare",
  "dall-e-2": "gpt-image-2",
  "dall-e-3": "gpt-image-2",
  "gemini-3.1-flash-image-preview": "gemini-3.1-flash-image",
  "gemini-3-pro-image-preview": "gemini-3-pro-image",
  "gemini-2.5-flash-image-preview": "gemini-2.5-flash-image",
  "gemini-2.0-flash-preview-image-generation": "gemini-2.5-flash-image",
};
