import * as z from "zod";

/** Largest prompt accepted, in characters (OpenAI's GPT image limit is 32,000: PROVIDERS.md). */
export const MAX_PROMPT_CHARS = 32_000;
/** Largest target edge in pixels: Figma refuses images over 4096 × 4096 (`createImage`). */
export const MAX_TARGET_EDGE_PX = 4096;
/** Variants per request (issue 3: n up to 8). */
export const MAX_VARIANTS = 8;
/** References per request (OpenAI edits take up to 16 images: PROVIDERS.md). */
export const MAX_REFERENCES = 16;

const Base64 = z
  .string()
  .min(1, "must not be empty")
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64 (A–Z, a–z, 0–9, +, / and = padding)");

/** An image sent to the proxy: base64 bytes plus the declared type (checked against magic bytes). */
export const ImageInput = z.object({
  data: Base64,
  mimeType: z.enum(["image/png", "image/jpeg", "image/webp"]),
});
export type ImageInput = z.infer<typeof ImageInput>;

/**
 * `POST /v1/images` body (ARCHITECTURE.md, "ui ⇄ proxy"). Generate when `image` is absent,
 * edit when it is present. `width`/`height` are the target size in **pixels**; the proxy asks
 * the provider for its nearest supported size and returns the provider's pixels; fitting to
 * the exact size happens in core raster code on the client.
 */
export const ImagesRequest = z
  .object({
    model: z.string().min(1, "is required"),
    prompt: z.string().trim().min(1, "is required").max(MAX_PROMPT_CHARS, `must be at most ${MAX_PROMPT_CHARS} characters`),
    width: z.number().int("must be a whole number of pixels").min(1).max(MAX_TARGET_EDGE_PX),
    height: z.number().int("must be a whole number of pixels").min(1).max(MAX_TARGET_EDGE_PX),
    n: z.number().int().min(1).max(MAX_VARIANTS).default(1),
    quality: z.enum(["low", "medium", "high", "xhigh", "max", "auto"]).optional(),
    palette: z.array(z.string().regex(/^#[0-9A-Fa-f]{6}$/, "must be #RRGGBB")).max(32).optional(),
    image: ImageInput.optional(),
    mask: z.object({ data: Base64 }).optional(),
    /**
     * Keep-clear zones as fractions of the target (0–1). Providers get them in the prompt text;
     * the offline model uses them directly to stay calm behind live layers.
     */
    keepClear: z
      .array(z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), width: z.number().min(0).max(1), height: z.number().min(0).max(1) }))
      .max(64)
      .optional(),
    references: z.array(ImageInput).max(MAX_REFERENCES, `at most ${MAX_REFERENCES} references`).optional(),
  })
  .strict()
  .refine((r) => !r.mask || r.image, { message: "a mask needs an image to edit", path: ["mask"] });
export type ImagesRequest = z.input<typeof ImagesRequest>;
export type ParsedImagesRequest = z.output<typeof ImagesRequest>;

/** One image returned by the proxy: PNG bytes as base64, pixel size. */
export const ImageOutput = z.object({
  data: z.string(),
  mimeType: z.literal("image/png"),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type ImageOutput = z.infer<typeof ImageOutput>;

/** A variant that did not come back, and why (issue 3: partial success returns the rest). */
export const VariantFailure = z.object({ index: z.number().int(), code: z.string(), message: z.string() });
export type VariantFailure = z.infer<typeof VariantFailure>;

/** `200` body of `POST /v1/images`. `costUsd` is null when the price is unknown, never a guess. */
export const ImagesResponse = z.object({
  images: z.array(ImageOutput),
  model: z.string(),
  provider: z.enum(["openai", "gemini", "offline"]),
  usage: z.record(z.string(), z.unknown()),
  costUsd: z.number().nullable(),
  latencyMs: z.number(),
  watermark: z.enum(["synthid", "c2pa"]).nullable(),
  /** What was actually asked of the provider (its size or aspect ratio), for the recipe. */
  providerRequest: z.record(z.string(), z.unknown()),
  failures: z.array(VariantFailure).optional(),
});
export type ImagesResponse = z.infer<typeof ImagesResponse>;
