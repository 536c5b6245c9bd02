import { describe, expect, it } from "vitest";
import { MODEL_CATALOG } from "../../../src/core/catalog/model-catalog.js";
import { decodeBase64 } from "../../../src/core/encoding/base64.js";
import { decodePng, fastPngCodec } from "../../../src/core/raster/png-codec.js";
import type { PngCodec } from "../../../src/core/raster/png-codec-type.js";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { buildVariantRequestAsync } from "../../../src/core/variants/build-variant-request.js";
import { planVariantBackground } from "../../../src/core/variants/plan-variant-background.js";
import { createSourcePyramid } from "../../../src/core/variants/source-pyramid.js";
import { variantModelInput } from "../../../src/core/variants/variant-model-input.js";
import { loadKodak } from "../raster/load-kodak.js";

const GPT = MODEL_CATALOG.find((m) => m.id === "gpt-image-2")!;

/** A codec that writes a 3-byte stand-in per image (its size and call number) and keeps what it was given. */
function recordingCodec(): PngCodec & { encoded: RgbaImage[] } {
  const encoded: RgbaImage[] = [];
  return {
    encoded,
    decodeAsync: () => Promise.reject(new Error("not used")),
    encodeAsync: async (image) => {
      encoded.push(image);
      return new Uint8Array([image.width & 255, image.height & 255, encoded.length]);
    },
  };
}

describe("buildVariantRequestAsync", () => {
  it("sends the outpaint canvas and mask as the codec it is given encodes them", async () => {
    const photo = loadKodak(9);
    const plan = planVariantBackground({ model: GPT, target: { width: 1200, height: 300 }, source: photo, mode: "extend", quality: "low" });
    const source = createSourcePyramid(photo);
    const input = { plan, layout: { width: 1200, height: 300, elements: [] }, userPrompt: "a quiet harbour", palette: [], model: GPT, source };
    const codec = recordingCodec();
    const { request } = await buildVariantRequestAsync(input, codec);
    const pictures = variantModelInput(plan, source);
    expect(codec.encoded).toEqual([pictures.image, pictures.mask]);
    expect(Array.from(decodeBase64(request.image!.data))).toEqual([pictures.image.width & 255, pictures.image.height & 255, 1]);
    expect(Array.from(decodeBase64(request.mask!.data))).toEqual([pictures.mask!.width & 255, pictures.mask!.height & 255, 2]);

    // With fast-png, the pictures come back byte for byte.
    const { request: real } = await buildVariantRequestAsync(input, fastPngCodec);
    expect(decodePng(decodeBase64(real.image!.data))).toEqual(pictures.image);
    expect(decodePng(decodeBase64(real.mask!.data))).toEqual(pictures.mask);
  });

  it("encodes nothing to regenerate without a source", async () => {
    const plan = planVariantBackground({ model: GPT, target: { width: 300, height: 600 }, source: null, mode: "regenerate" });
    const codec = recordingCodec();
    const { request } = await buildVariantRequestAsync(
      { plan, layout: { width: 300, height: 600, elements: [] }, userPrompt: "calm", palette: [], model: GPT, source: null },
      codec,
    );
    expect(codec.encoded).toEqual([]);
    expect(request.image).toBeUndefined();
    expect(request.mask).toBeUndefined();
  });
});
