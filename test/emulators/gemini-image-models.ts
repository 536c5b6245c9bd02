/**
 * Image models of the Gemini API as the emulator serves them, and the pixel size each answer has.
 *
 * Sources: model ids from `@google/genai` 3.1.0 (`dist/genai.d.ts`, the `Model_2` union), aspect-ratio and
 * `imageSize` values from the same file (`ImageConfigAspectRatio`, `ImageConfigImageSize`, `ImageSize` enum) and
 * docs/providers.md. Pixel tables: `GEMINI_25_PIXELS` is Google's published table for
 * gemini-2.5-flash-image; `GEMINI_3_PIXELS_1K` is Google's Gemini 3 Pro Image table as copied by a third party
 * (doc.ai.soraliststudio.com, "Nano Banana Pro aspect ratio"), where 2K is exactly 2× and 4K 4× the 1K size.
 * The 1:4, 4:1, 1:8, 8:1 rows and the `512` size (half of 1K) are emulator guesses: unverified.
 */

/** What one model accepts. */
export interface GeminiImageModelRule {
  readonly aspectRatios: readonly string[];
  /** Accepted `imageConfig.imageSize` values. */
  readonly imageSizes: readonly string[];
  /** Which pixel table answers use; `2.5` ignores `imageSize` (always about 1024 px). */
  readonly pixels: "2.5" | "3";
  /** Most `inlineData` images one request may carry (docs/providers.md: 3 on 2.5, 14 on Gemini 3). */
  readonly maxInputImages: number;
  /** Output tokens per image by image size (derived from published per-image prices ÷ output token price). */
  readonly outputTokens: Readonly<Record<string, number>>;
}

const TEN_RATIOS = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"] as const;
const FOURTEEN_RATIOS = [...TEN_RATIOS, "1:4", "4:1", "1:8", "8:1"] as const;

/** gemini-2.5-flash-image, shut down 2026-10-02: served only when a test passes it in `models`. */
export const FLASH_25: GeminiImageModelRule = {
  aspectRatios: TEN_RATIOS,
  imageSizes: ["1K", "2K", "4K"],
  pixels: "2.5",
  maxInputImages: 3,
  outputTokens: { "1K": 1290, "2K": 1290, "4K": 1290 },
};
const PRO_3: GeminiImageModelRule = {
  aspectRatios: TEN_RATIOS,
  imageSizes: ["1K", "2K", "4K"],
  pixels: "3",
  maxInputImages: 14,
  outputTokens: { "1K": 1120, "2K": 1120, "4K": 2000 },
};
const FLASH_31: GeminiImageModelRule = {
  aspectRatios: FOURTEEN_RATIOS,
  imageSizes: ["512", "1K", "2K", "4K"],
  pixels: "3",
  maxInputImages: 14,
  outputTokens: { "512": 747, "1K": 1120, "2K": 1680, "4K": 2520 },
};
/** gemini-nano-banana-2.1 (GA 2026-10-06, issue 15): the 14 ratios at 1K/2K/4K, no 512 px tier. */
const NANO_BANANA_21: GeminiImageModelRule = { ...FLASH_31, imageSizes: ["1K", "2K", "4K"], outputTokens: { "1K": 1120, "2K": 1680, "4K": 2520 } };

/**
 * Model ids served by default: Google's image models as of 2026-12-07. `nano-banana-pro-preview` is listed by
 * the SDK without documentation and treated as Gemini 3 Pro Image. The 3.1 Flash Lite Image capabilities are
 * unverified and copied from the shut-down 3.1 Flash Image. Shut down and answered 404 like any unknown id
 * (pass `models` to serve them): gemini-2.5-flash-image (2026-10-02), gemini-3.1-flash-image (2026-10-29),
 * gemini-3-pro-image-preview (2026-06-25) and older `-preview` ids, though the SDK's `Model_2` still lists the
 * first two.
 */
export const GEMINI_IMAGE_MODELS: Readonly<Record<string, GeminiImageModelRule>> = {
  "gemini-3-pro-image": PRO_3,
  "nano-banana-pro-preview": PRO_3,
  "gemini-nano-banana-2.1": NANO_BANANA_21,
  "gemini-3.1-flash-lite-image": FLASH_31,
};

/** gemini-2.5-flash-image output pixels per aspect ratio (Google, "Image generation" docs). */
export const GEMINI_25_PIXELS: Readonly<Record<string, readonly [number, number]>> = {
  "1:1": [1024, 1024],
  "2:3": [832, 1248],
  "3:2": [1248, 832],
  "3:4": [864, 1184],
  "4:3": [1184, 864],
  "4:5": [896, 1152],
  "5:4": [1152, 896],
  "9:16": [768, 1344],
  "16:9": [1344, 768],
  "21:9": [1536, 672],
};

/** Gemini 3 image models at `1K` (see the file comment for sources; the last four rows are guesses). */
export const GEMINI_3_PIXELS_1K: Readonly<Record<string, readonly [number, number]>> = {
  "1:1": [1024, 1024],
  "2:3": [816, 1232],
  "3:2": [1232, 816],
  "3:4": [896, 1200],
  "4:3": [1200, 896],
  "4:5": [896, 1136],
  "5:4": [1136, 896],
  "9:16": [768, 1376],
  "16:9": [1376, 768],
  "21:9": [1584, 672],
  "1:4": [512, 2048],
  "4:1": [2048, 512],
  "1:8": [384, 3072],
  "8:1": [3072, 384],
};

const SCALE: Readonly<Record<string, number>> = { "512": 0.5, "1K": 1, "2K": 2, "4K": 4 };

/**
 * Output size in pixels for a model's aspect ratio and image size (both already validated).
 * When `aspectRatio` is absent the model follows the first input image's shape (nearest listed ratio), or 1:1.
 */
export function geminiOutputSize(
  rule: GeminiImageModelRule,
  aspectRatio: string | undefined,
  imageSize: string | undefined,
  input?: { width: number; height: number },
): { width: number; height: number } {
  const table = rule.pixels === "2.5" ? GEMINI_25_PIXELS : GEMINI_3_PIXELS_1K;
  let ratio = aspectRatio;
  if (!ratio) {
    ratio = "1:1";
    if (input) {
      const target = Math.log(input.width / input.height);
      let best = Infinity;
      for (const candidate of rule.aspectRatios) {
        const [w, h] = table[candidate]!;
        const distance = Math.abs(Math.log(w / h) - target);
        if (distance < best) [best, ratio] = [distance, candidate];
      }
    }
  }
  const [w, h] = table[ratio]!;
  const scale = rule.pixels === "2.5" ? 1 : (SCALE[imageSize ?? "1K"] ?? 1);
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}
