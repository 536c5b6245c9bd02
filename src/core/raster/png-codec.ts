import { convertIndexedToRgb, decode, encode } from "fast-png";
import { isPng } from "./is-png.js";
import type { PngCodec } from "./png-codec-type.js";
import type { RgbaImage } from "./rgba-image.js";

// Node's PNG codec (command line, tests, benches, proxy). The panel must not import this file:
// it uses the browser's codec (ui/lib/browser-png-codec.ts; the jobs in src/jobs take either) so fast-png stays out of its bundle.
export { isPng };

/**
 * Decodes a PNG of any colour type and bit depth (grey, grey+alpha, RGB, RGBA, indexed; 1–16 bit)
 * into 8-bit straight-alpha RGBA. 16-bit channels are reduced to the nearest 8-bit level
 * (round(v / 257)); the panel's browser codec keeps the high byte instead, so the two can differ
 * by one level on 16-bit PNGs.
 * @throws Error with a sentence naming the problem when the bytes are not a readable PNG.
 */
export function decodePng(bytes: Uint8Array): RgbaImage {
  if (!isPng(bytes)) throw new Error("The image is not a PNG file.");
  let png;
  try {
    png = decode(bytes);
  } catch (cause) {
    throw new Error(`The PNG file could not be read (${(cause as Error).message}).`);
  }
  const { width, height, channels, depth } = png;
  const out = new Uint8ClampedArray(width * height * 4);
  const src = png.data;
  const n = width * height;
  if (png.palette) {
    // Indexed colour: fast-png expands through PLTE (+ tRNS) to RGB or RGBA.
    const rgb = convertIndexedToRgb(png);
    const ch = rgb.length / n;
    for (let p = 0; p < n; p++) {
      out[p * 4] = rgb[p * ch]!;
      out[p * 4 + 1] = rgb[p * ch + 1]!;
      out[p * 4 + 2] = rgb[p * ch + 2]!;
      out[p * 4 + 3] = ch === 4 ? rgb[p * ch + 3]! : 255;
    }
    return { width, height, data: out };
  }
  const scale = depth === 16 ? 1 / 257 : depth < 8 ? 255 / ((1 << depth) - 1) : 1;
  const read = (i: number) => Math.round(src[i]! * scale);
  if (depth < 8) {
    // Sub-byte greyscale: fast-png returns packed samples.
    const rowBytes = Math.ceil((width * depth) / 8);
    const perByte = 8 / depth;
    const mask = (1 << depth) - 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const byte = src[y * rowBytes + Math.floor(x / perByte)]!;
        const v = Math.round(((byte >> (8 - depth * ((x % perByte) + 1))) & mask) * scale);
        const o = (y * width + x) * 4;
        out[o] = out[o + 1] = out[o + 2] = v;
        out[o + 3] = 255;
      }
    }
    return { width, height, data: out };
  }
  for (let p = 0; p < n; p++) {
    const s = p * channels;
    const o = p * 4;
    if (channels >= 3) {
      out[o] = read(s);
      out[o + 1] = read(s + 1);
      out[o + 2] = read(s + 2);
      out[o + 3] = channels === 4 ? read(s + 3) : 255;
    } else {
      const v = read(s);
      out[o] = out[o + 1] = out[o + 2] = v;
      out[o + 3] = channels === 2 ? read(s + 1) : 255;
    }
  }
  return { width, height, data: out };
}

/** Options of {@link encodePng}. */
export interface EncodePngOptions {
  /**
   * Write RGB (colour type 2) when every pixel is opaque, e.g. to give back a picture in the form
   * it came (`pngHasAlpha`); an image with any translucent pixel is still written as RGBA.
   */
  readonly opaqueAsRgb?: boolean;
}

/**
 * Encodes an 8-bit straight-alpha RGBA image as a PNG (colour type 6, 8 bit; colour type 2 with
 * `opaqueAsRgb` when every alpha is 255). The encoding is deterministic: the same pixels always
 * give the same bytes.
 */
export function encodePng(image: RgbaImage, options: EncodePngOptions = {}): Uint8Array {
  if (options.opaqueAsRgb) {
    const n = image.width * image.height;
    let opaque = true;
    for (let p = 0; p < n && opaque; p++) opaque = image.data[p * 4 + 3] === 255;
    if (opaque) {
      const rgb = new Uint8Array(n * 3);
      for (let p = 0; p < n; p++) {
        rgb[p * 3] = image.data[p * 4]!;
        rgb[p * 3 + 1] = image.data[p * 4 + 1]!;
        rgb[p * 3 + 2] = image.data[p * 4 + 2]!;
      }
      return encode({ width: image.width, height: image.height, data: rgb, channels: 3, depth: 8 });
    }
  }
  return encode({ width: image.width, height: image.height, data: image.data, channels: 4, depth: 8 });
}

/**
 * `decodePng` and `encodePng` as a {@link PngCodec}, for the jobs when they run in Node. Lossless
 * for every pixel, translucent ones included; errors are those of `decodePng`, as rejections.
 */
export const fastPngCodec: PngCodec = {
  decodeAsync: async (bytes) => decodePng(bytes),
  encodeAsync: async (image) => encodePng(image),
};
