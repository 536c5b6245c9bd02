import { createInflate } from "node:zlib";
import { BrandfillError } from "../core/api/api-error.js";
import type { ImageBytes } from "./providers/image-provider.js";

/** Channels per pixel by PNG colour type (PNG spec, 11.2.2 IHDR: 0 grey, 2 RGB, 3 indexed, 4 grey+alpha, 6 RGBA). */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes as [x start, y start, x step, y step] (PNG spec, 8.2 Interlace methods). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;
/** Inflated bytes per step on libuv's thread pool: each step is one short hop off the event loop. */
const INFLATE_CHUNK = 1 << 20;

/** What the IHDR says and the compressed image data, or null when the chunk layout is broken. */
function readChunks(bytes: Uint8Array): { width: number; height: number; bitDepth: number; colourType: number; interlaced: boolean; idat: Uint8Array[] } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: { width: number; height: number; bitDepth: number; colourType: number; interlaced: boolean } | null = null;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = view.getUint32(at + 4);
    const start = at + 8;
    if (start + length + 4 > bytes.length) return null;
    if (type === 0x49484452 && length >= 13) {
      header = { width: view.getUint32(start), height: view.getUint32(start + 4), bitDepth: bytes[start + 8]!, colourType: bytes[start + 9]!, interlaced: bytes[start + 12] === 1 };
    } else if (type === 0x49444154) {
      idat.push(bytes.subarray(start, start + length));
    } else if (type === 0x49454e44) {
      break;
    }
    at = start + length + 4;
  }
  return header && idat.length ? { ...header, idat } : null;
}

/** Filtered scanline bytes a PNG of this header inflates to (each row: a filter byte + packed samples). */
function expectedInflatedBytes(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w > 0 && h > 0 ? h * (1 + Math.ceil((w * bitsPerPixel) / 8)) : 0);
  if (!interlaced) return rows(width, height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) total += rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy));
  return total;
}

/**
 * Checks that a PNG's compressed pixel data inflates to exactly the size its header promises,
 * without keeping the pixels: the data is inflated on libuv's thread pool a megabyte at a time
 * and only counted, and inflating stops as soon as it passes the header's size. So a
 * "decompression bomb" — a small body whose 64×64 header hides a gigabyte of zeros — costs at
 * most the header's own size in work and memory, never the gigabyte, and never blocks the event
 * loop. (sharp/libpng alone would decode only the header's rows and silently ignore the rest;
 * brandfill's own fast-png decoder would inflate all of it on the event loop.)
 *
 * @param field the request field, named in errors (e.g. "mask", "references[2]").
 * @throws BrandfillError `invalid_request` (400) when the chunks are broken, the data is not
 *   zlib, or it inflates to more or less than the header's width × height.
 */
export async function checkPngInflateAsync(field: string, bytes: Uint8Array): Promise<void> {
  const png = readChunks(bytes);
  const channels = png ? CHANNELS[png.colourType] : undefined;
  if (!png || !channels) throw new BrandfillError("invalid_request", `“${field}” is a damaged PNG (its chunks could not be read). Export the image again as PNG.`);
  const expected = expectedInflatedBytes(png.width, png.height, channels * png.bitDepth, png.interlaced);
  const inflater = createInflate({ chunkSize: INFLATE_CHUNK });
  for (const part of png.idat) inflater.write(part);
  inflater.end();
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      // Leaving the loop destroys the stream: nothing more is inflated.
      if (total > expected) break;
    }
  } catch {
    throw new BrandfillError("invalid_request", `“${field}” is a damaged PNG (its pixel data cannot be unpacked). Export the image again as PNG.`);
  }
  if (total > expected) {
    throw new BrandfillError(
      "invalid_request",
      `“${field}” holds more pixel data than its ${png.width}×${png.height} px header allows, so it was refused. Export the image again as a normal PNG.`,
    );
  }
  if (total < expected) {
    throw new BrandfillError(
      "invalid_request",
      `“${field}” is cut short: its pixel data ends before the ${png.width}×${png.height} px its header promises. Export the image again as PNG.`,
    );
  }
}

/**
 * Runs {@link checkPngInflateAsync} on every PNG input of a request (the edit source, its mask
 * and each reference), one after another so a request of many references holds at most one
 * inflater. JPEG and WebP inputs are decoded by their header's size only (libjpeg, libwebp),
 * so they cannot hide more pixels than they declare.
 * @throws BrandfillError `invalid_request` naming the first field that fails.
 */
export async function checkInputImagesAsync(call: { image?: ImageBytes; mask?: ImageBytes; references: readonly ImageBytes[] }): Promise<void> {
  const inputs: [string, ImageBytes | undefined][] = [
    ["image", call.image],
    ["mask", call.mask],
    ...call.references.map((r, i) => [`references[${i}]`, r] as [string, ImageBytes]),
  ];
  for (const [field, input] of inputs) if (input?.type === "image/png") await checkPngInflateAsync(field, input.bytes);
}
