import * as v from "valibot";
import type { LockReport } from "../colour/lock-palette.js";
import { FIGMA_MAX_IMAGE_EDGE_PX } from "../raster/figma-image-limit.js";
import { FiniteNumber } from "../schema/finite-number.js";
import { PlainRecord } from "../schema/plain-record.js";
import { PositiveInteger } from "../schema/positive-integer.js";
import { SafeInteger } from "../schema/safe-integer.js";

/** Largest prompt accepted, in characters (OpenAI's GPT image limit is 32,000: docs/providers.md). */
export const MAX_PROMPT_CHARS = 32_000;
/** Largest target edge in pixels: Figma refuses images over 4096 × 4096 (`createImage`). */
export const MAX_TARGET_EDGE_PX = FIGMA_MAX_IMAGE_EDGE_PX;
/** Variants per request (issue 3: n up to 8). */
export const MAX_VARIANTS = 8;
/** References per request (OpenAI edits take up to 16 images: docs/providers.md). */
export const MAX_REFERENCES = 16;

// The messages below reach the client in the proxy's 400 (`describeSchemaIssue` puts the field's
// name first), so each one says what the field must be instead of valibot's default, which
// quotes the value received.

/**
 * Messages of an object's own issues: not an object at all, a required key missing, or (for a
 * strict object) a key the request does not have.
 */
function objectMessage(shape: string) {
  return (issue: v.ObjectIssue | v.StrictObjectIssue): string =>
    !issue.path ? `must be ${shape}` : issue.expected === "never" ? "is not a field of an images request" : "is required";
}

/** A number that must be a whole number from `min` to `max`, with one sentence for every way to miss. */
function wholeNumber(min: number, max: number, unit: string) {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

const Base64 = v.pipe(
  v.string("must be base64 text"),
  v.minLength(1, "must not be empty"),
  v.regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64 (A–Z, a–z, 0–9, +, / and = padding)"),
);

const Fraction = v.pipe(v.number("must be a fraction from 0 to 1"), v.minValue(0, "must be a fraction from 0 to 1"), v.maxValue(1, "must be a fraction from 0 to 1"));

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
const QUALITIES = ["low", "medium", "high", "xhigh", "max", "auto"] as const;
const BACKGROUNDS = ["transparent", "opaque", "auto"] as const;

/** `must be a, b or c`. */
const oneOf = (options: readonly string[]) => `must be ${options.slice(0, -1).join(", ")} or ${options.at(-1)}`;

/** An image sent to the proxy: base64 bytes plus the declared type (checked against magic bytes). */
export const ImageInput = v.object(
  {
    data: Base64,
    mimeType: v.picklist(IMAGE_TYPES, oneOf(IMAGE_TYPES)),
  },
  objectMessage("an image: { data, mimeType }"),
);
export type ImageInput = v.InferOutput<typeof ImageInput>;

/**
 * `POST /v1/images` body (ARCHITECTURE.md, "ui ⇄ proxy"). Generate when `image` is absent,
 * edit when it is present. `width`/`height` are the target size in **pixels**; the proxy asks
 * the provider for its nearest supported size and returns the provider's pixels; fitting to
 * the exact size happens in core raster code on the client. Unknown fields are refused;
 * `prompt` is trimmed; `n` defaults to 1. Every issue's message is a predicate for a designer
 * ("is required", "must be …") to follow the field's name.
 */
export const ImagesRequest = v.pipe(
  v.strictObject(
    {
      model: v.pipe(v.string("must be a model id (text)"), v.minLength(1, "is required")),
      prompt: v.pipe(v.string("must be text"), v.trim(), v.minLength(1, "is required"), v.maxLength(MAX_PROMPT_CHARS, `must be at most ${MAX_PROMPT_CHARS} characters`)),
      width: wholeNumber(1, MAX_TARGET_EDGE_PX, "pixels"),
      height: wholeNumber(1, MAX_TARGET_EDGE_PX, "pixels"),
      n: v.optional(wholeNumber(1, MAX_VARIANTS, "images"), 1),
      quality: v.optional(v.picklist(QUALITIES, oneOf(QUALITIES))),
      palette: v.optional(
        v.pipe(
          v.array(v.pipe(v.string("must be #RRGGBB"), v.regex(/^#[0-9A-Fa-f]{6}$/, "must be #RRGGBB")), "must be a list of #RRGGBB colours"),
          v.maxLength(32, "must have at most 32 colours"),
        ),
      ),
      image: v.optional(ImageInput),
      mask: v.optional(v.object({ data: Base64 }, objectMessage("a mask: { data }"))),
      /**
       * Keep-clear zones as fractions of the target (0–1). Providers get them in the prompt text;
       * the offline model uses them directly to stay calm behind live layers.
       */
      keepClear: v.optional(
        v.pipe(
          v.array(v.object({ x: Fraction, y: Fraction, width: Fraction, height: Fraction }, objectMessage("a zone: { x, y, width, height }")), "must be a list of zones"),
          v.maxLength(64, "must have at most 64 zones"),
        ),
      ),
      references: v.optional(v.pipe(v.array(ImageInput, "must be a list of images"), v.maxLength(MAX_REFERENCES, `must have at most ${MAX_REFERENCES} references`))),
      /**
       * `"cover"`: the proxy returns each image at exactly `width` × `height` pixels, scaled to
       * cover and centre-cropped (Figma's FILL), instead of the provider's nearest size.
       */
      fit: v.optional(v.picklist(["cover"], 'must be "cover" (or left out for the provider\'s size)')),
      /**
       * `true`: the proxy locks `palette` on each image's pixels (after `fit`) and returns the
       * lock's ΔE2000 report with it. Partial previews are not locked.
       */
      lockPalette: v.optional(v.boolean("must be true or false")),
      /**
       * `"transparent"`: a cut-out on a transparent background (straight alpha in the PNG), for
       * models whose catalog entry has `transparentBackground`; `"opaque"` / `"auto"` (default)
       * otherwise. Sent to OpenAI as its `background` parameter.
       */
      background: v.optional(v.picklist(BACKGROUNDS, oneOf(BACKGROUNDS))),
    },
    objectMessage("a JSON object"),
  ),
  v.forward(
    v.check((r) => !r.mask || r.image !== undefined, "needs an image to edit"),
    ["mask"],
  ),
  v.forward(
    v.check((r) => !r.lockPalette || (r.palette?.length ?? 0) > 0, "needs “palette”: the colours to lock"),
    ["lockPalette"],
  ),
);
/** What a client sends: `n` may be left out. */
export type ImagesRequest = v.InferInput<typeof ImagesRequest>;
/** What the proxy works with after parsing: `prompt` trimmed, `n` filled in. */
export type ParsedImagesRequest = v.InferOutput<typeof ImagesRequest>;

/**
 * One image returned by the proxy: PNG bytes as base64, pixel size, with `lockPalette` the
 * lock's report (`LockReport` of core/colour/lock-palette.ts, without the OKLab regions), and
 * `note`, a sentence for the designer when the provider returned another size than asked
 * ("came back at 512×512, upscaled ×2"); the recipe stores it.
 */
export const ImageOutput = v.object({
  data: v.string(),
  mimeType: v.literal("image/png"),
  width: PositiveInteger,
  height: PositiveInteger,
  lockReport: v.optional(v.object({ colours: v.array(PlainRecord) })),
  note: v.optional(v.string()),
});
export type ImageOutput = Omit<v.InferOutput<typeof ImageOutput>, "lockReport"> & { lockReport?: LockReport };

/** A variant that did not come back, and why (issue 3: partial success returns the rest). */
export const VariantFailure = v.object({ index: SafeInteger, code: v.string(), message: v.string() });
export type VariantFailure = v.InferOutput<typeof VariantFailure>;

/** `200` body of `POST /v1/images`. `costUsd` is null when the price is unknown, never a guess. */
export const ImagesResponse = v.object({
  images: v.array(ImageOutput),
  model: v.string(),
  provider: v.picklist(["openai", "gemini", "offline"]),
  usage: PlainRecord,
  costUsd: v.nullable(FiniteNumber),
  latencyMs: FiniteNumber,
  watermark: v.nullable(v.picklist(["synthid", "c2pa"])),
  /** What was actually asked of the provider (its size or aspect ratio), for the recipe. */
  providerRequest: PlainRecord,
  failures: v.optional(v.array(VariantFailure)),
});
export type ImagesResponse = Omit<v.InferOutput<typeof ImagesResponse>, "images"> & { images: ImageOutput[] };
