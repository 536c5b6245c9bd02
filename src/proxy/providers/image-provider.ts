import type { ProviderSize } from "../../core/catalog/choose-provider-size.js";
import type { ModelEntry, Quality } from "../../core/catalog/model-catalog.js";
import type { UnitBox } from "../../core/prompt/describe-region.js";

/** An input image as raw bytes with its sniffed type. */
export interface ImageBytes {
  bytes: Uint8Array;
  type: "image/png" | "image/jpeg" | "image/webp";
  width: number;
  height: number;
}

/** Everything one provider call needs; validated and resolved by the route. */
export interface ProviderCall {
  model: ModelEntry;
  prompt: string;
  /** What to ask for (from `chooseProviderSize`). */
  size: ProviderSize;
  n: number;
  quality: Quality | undefined;
  palette: readonly string[];
  keepClear: readonly UnitBox[];
  /** Edit source; absent for generation. */
  image?: ImageBytes;
  /** PNG, alpha 0 = area to change, same size as `image`. */
  mask?: ImageBytes;
  references: readonly ImageBytes[];
  /**
   * `"transparent"` for a cut-out (only models with `transparentBackground`: checked by the
   * route), `"opaque"`; absent for the model's own choice (`auto`).
   */
  background?: "transparent" | "opaque";
  /** Aborted when the client goes away or the deadline passes. */
  signal: AbortSignal;
  /**
   * When the request's one overall deadline passes (ms since the epoch, `Date.now()` clock):
   * providers do not start a retry wait that would end after it.
   */
  deadlineAt?: number;
  /** Called with each partial preview (a checked PNG, like a final image) when the provider streams them. */
  onPartial?: (index: number, preview: ProviderImage) => void;
  /** Called as soon as each final image is ready (before the whole call finishes). */
  onImage?: (index: number, image: ProviderImage) => void;
  /** Called as soon as one variant fails while the others go on (it is also in `failures`). */
  onFailure?: (failure: VariantFailure) => void;
}

/** A variant that did not come back: its index (0-based), the API error code and a sentence for a designer. */
export interface VariantFailure {
  index: number;
  code: string;
  message: string;
}

/** A final image from a provider, checked: real PNG bytes of a known size. */
export interface ProviderImage {
  png: Uint8Array;
  width: number;
  height: number;
  /**
   * The same PNG as canonical base64, when the provider sent it so: the proxy passes it on
   * without encoding it again (for a 4096² image that is tens of megabytes per pass).
   */
  base64?: string;
}

export interface ProviderResult {
  images: ProviderImage[];
  /** The provider's own usage counts, passed through. */
  usage: Record<string, unknown>;
  /** Cost from the provider's usage where the price is known; null when unknown. */
  costUsd: number | null;
  /** What was asked of the provider, for the recipe (size or aspect ratio, quality, n). */
  providerRequest: Record<string, unknown>;
  /** Variants that failed while others succeeded. */
  failures: VariantFailure[];
}

/**
 * One image service behind the proxy. Implementations throw `BrandfillError` with a code from
 * the API's list and a sentence for a designer; never a raw SDK error.
 */
export interface ImageProvider {
  readonly id: "openai" | "gemini" | "offline";
  runAsync(call: ProviderCall): Promise<ProviderResult>;
}
