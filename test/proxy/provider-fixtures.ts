import jpeg from "jpeg-js";
import { expect } from "vitest";
import { sniffImage } from "../../src/core/image-format/sniff-image.js";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { synthesizePicture } from "../emulators/synthesize-picture.js";
import { pngBase64 } from "./provider-harness.js";

/** A 1.91:1 social image: every model has to pick its nearest size or aspect for it. */
export const TARGET = { width: 1200, height: 628 };
/** The edited image of edit requests (96×64 PNG). */
export const SOURCE = pngBase64(96, 64, "source photo");
export const REFERENCE_PNG = pngBase64(40, 40, "logo");
export const REFERENCE_JPEG = Buffer.from(jpeg.encode({ width: 48, height: 32, data: Buffer.from(synthesizePicture(48, 32, "texture").data) }, 85).data).toString("base64");
/** A mask for SOURCE: alpha 0 in the left half marks the area to change. */
export const MASK = (() => {
  const mask = synthesizePicture(96, 64, "mask");
  for (let y = 0; y < 64; y++) for (let x = 0; x < 48; x++) mask.data[(y * 96 + x) * 4 + 3] = 0;
  return { data: Buffer.from(encodePng(mask)).toString("base64") };
})();

export const image = { data: SOURCE, mimeType: "image/png" };
/** Two references of different types, so each file's own type can be checked on the wire. */
export const references = [
  { data: REFERENCE_JPEG, mimeType: "image/jpeg" },
  { data: REFERENCE_PNG, mimeType: "image/png" },
];

/** Asserts base64 `data` is a complete PNG of the given size (read from its header). */
export function expectPngOf(data: string, width?: number, height?: number) {
  const sniffed = sniffImage(new Uint8Array(Buffer.from(data, "base64")));
  expect(sniffed).toMatchObject({ type: "image/png", complete: true, ...(width ? { width, height } : {}) });
}
