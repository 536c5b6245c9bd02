import { BrandfillError } from "../core/api/api-error.js";
import type { ImageProvider, ProviderCall, ProviderImage } from "./providers/image-provider.js";

/**
 * How far a returned image may stray from the size asked for. Aspect: 5 % on a log scale,
 * wide enough for Google's published Gemini tables (16:9 at 1K is 1376×768, 1.3 % off the
 * ratio; 21:9 is 1536×672, 2 % off) and far tighter than a wrong answer (1:1 for 16:9 is 44 %).
 * Area: half to twice the expected pixels, so an image from another size tier (4× apart) is
 * caught while rounding to 16 px and table differences (a few %) never are.
 */
const MAX_ASPECT_LOG_DISTANCE = 0.05;
const MAX_AREA_FACTOR = 2;

/** Throws when `image` is not plausibly the size `call` asked for (sizes in pixels). */
function checkSize(call: ProviderCall, provider: string, image: ProviderImage): void {
  const expected = call.size;
  const aspectOff = Math.abs(Math.log(image.width / image.height / (expected.width / expected.height)));
  const areaRatio = (image.width * image.height) / (expected.width * expected.height);
  if (aspectOff <= MAX_ASPECT_LOG_DISTANCE && areaRatio >= 1 / MAX_AREA_FACTOR && areaRatio <= MAX_AREA_FACTOR) return;
  throw new BrandfillError(
    "provider_error",
    `The image service sent a ${image.width}×${image.height} px image where about ${expected.width}×${expected.height} was asked for, so it was not used. Try again.`,
    { provider, retryable: true },
  );
}

/**
 * Wraps a provider so every image it returns (and every image it streams through `onImage`)
 * is checked against the size the request asked for; a wrong size fails that image with a
 * `provider_error` (a failed variant when others are fine, the whole request when none is)
 * instead of reaching the canvas distorted or blurred. The offline model
 * makes exactly the target size and is not wrapped.
 */
export function expectProviderSize(provider: ImageProvider): ImageProvider {
  if (provider.id === "offline") return provider;
  return {
    id: provider.id,
    async runAsync(call) {
      const onImage = call.onImage;
      const result = await provider.runAsync({
        ...call,
        ...(onImage ? { onImage: (index: number, image: ProviderImage) => { checkSize(call, provider.id, image); onImage(index, image); } } : {}),
      });
      // A wrong image among good ones becomes a failed variant; all wrong fails the request.
      const images: ProviderImage[] = [];
      const failures = [...result.failures];
      let first: BrandfillError | undefined;
      result.images.forEach((image, index) => {
        try {
          checkSize(call, provider.id, image);
          images.push(image);
        } catch (error) {
          const e = error as BrandfillError;
          first ??= e;
          failures.push({ index, code: e.code, message: e.message });
        }
      });
      if (first && images.length === 0) throw first;
      return { ...result, images, failures };
    },
  };
}
