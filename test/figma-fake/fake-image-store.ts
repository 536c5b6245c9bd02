/// <reference types="@figma/plugin-typings" />
import { createHash } from "node:crypto";
import jpeg from "jpeg-js";
import { decodePng, encodePng, isPng } from "../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";

/** Largest width or height Figma accepts for `figma.createImage` (plugin API docs: "up to 4096 pixels"). */
export const MAX_IMAGE_SIDE = 4096;

/** One image known to the fake, keyed by its hash. Sizes are pixels. */
export interface FakeImageRecord {
  /** 40 hex digits: SHA-1 of the bytes for `createImage`, the REST `imageRef` for placeholders. */
  readonly hash: string;
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly format: "PNG" | "JPEG" | "GIF";
  /** How the image got here: `figma.createImage`, or a stand-in for a REST `imageRef`. */
  readonly source: "createImage" | "rest-placeholder" | "rest-supplied";
}

/**
 * The fake's image table: what `figma.createImage` fills and `getImageByHash` and `exportAsync` read.
 * Bytes are validated by magic number like Figma (PNG, JPEG, GIF only; each side ≤ 4096 px) and decoded
 * lazily to straight-alpha RGBA for rendering (GIF is not decoded: it renders as a magenta/black checker).
 */
export class FakeImageStore {
  private readonly records = new Map<string, FakeImageRecord>();
  private readonly decoded = new Map<string, RgbaImage>();

  /**
   * Registers bytes and returns the record (the same record when the bytes are already known).
   * @throws Error("Image type is unsupported") when the bytes are not PNG, JPEG or GIF.
   * @throws Error("Image is too large") when a side exceeds 4096 px.
   */
  add(bytes: Uint8Array, options: { hash?: string; source?: FakeImageRecord["source"] } = {}): FakeImageRecord {
    const sniffed = sniffImage(bytes);
    if (!sniffed) throw new Error("Image type is unsupported");
    if (sniffed.width > MAX_IMAGE_SIDE || sniffed.height > MAX_IMAGE_SIDE) throw new Error("Image is too large");
    const hash = options.hash ?? createHash("sha1").update(bytes).digest("hex");
    const known = this.records.get(hash);
    if (known) return known;
    const record: FakeImageRecord = {
      hash,
      bytes: bytes.slice(),
      width: sniffed.width,
      height: sniffed.height,
      format: sniffed.format,
      source: options.source ?? "createImage",
    };
    this.records.set(hash, record);
    return record;
  }

  /** The record for a hash, or undefined. */
  get(hash: string): FakeImageRecord | undefined {
    return this.records.get(hash);
  }

  /** Every known hash, in registration order. */
  hashes(): string[] {
    return [...this.records.keys()];
  }

  /** Pixels of a known image (cached), or undefined for an unknown hash. */
  decode(hash: string): RgbaImage | undefined {
    const cached = this.decoded.get(hash);
    if (cached) return cached;
    const record = this.records.get(hash);
    if (!record) return undefined;
    const image = decodeRecord(record);
    this.decoded.set(hash, image);
    return image;
  }

  /** A plugin-API `Image` view of a record: bytes and size come back as copies. */
  toImage(record: FakeImageRecord): Image {
    return {
      hash: record.hash,
      getBytesAsync: async () => record.bytes.slice(),
      getSizeAsync: async () => ({ width: record.width, height: record.height }),
    };
  }

  /**
   * Registers the stand-in for a REST `imageRef` (REST documents carry no pixels): a 256×256 PNG of
   * 32 px squares in two colours taken from the ref's first hex digits, so every ref renders
   * differently but deterministically.
   */
  addRestPlaceholder(imageRef: string): FakeImageRecord {
    const known = this.records.get(imageRef);
    if (known) return known;
    // Encoding is the slow part of loading big documents: pixels now, PNG bytes only when someone asks.
    const pixels = placeholderPixels(imageRef);
    let bytes: Uint8Array | undefined;
    const record: FakeImageRecord = {
      hash: imageRef,
      get bytes() {
        bytes ??= encodePng(pixels);
        return bytes;
      },
      width: pixels.width,
      height: pixels.height,
      format: "PNG",
      source: "rest-placeholder",
    };
    this.records.set(imageRef, record);
    this.decoded.set(imageRef, pixels);
    return record;
  }
}

function decodeRecord(record: FakeImageRecord): RgbaImage {
  if (record.format === "PNG") return decodePng(record.bytes);
  if (record.format === "JPEG") {
    const raw = jpeg.decode(record.bytes, { useTArray: true, formatAsRGBA: true });
    return { width: raw.width, height: raw.height, data: new Uint8ClampedArray(raw.data) };
  }
  const data = new Uint8ClampedArray(record.width * record.height * 4);
  for (let y = 0; y < record.height; y++) {
    for (let x = 0; x < record.width; x++) {
      const o = (y * record.width + x) * 4;
      const on = ((x >> 3) + (y >> 3)) % 2 === 0;
      data[o] = on ? 255 : 0;
      data[o + 2] = on ? 255 : 0;
      data[o + 3] = 255;
    }
  }
  return { width: record.width, height: record.height, data };
}

/**
 * Reads the format and pixel size from the header without decoding.
 * Sources: PNG IHDR (ISO/IEC 15948 §11.2.2), JPEG SOFn markers (ITU-T T.81 §B.2.2), GIF logical screen
 * descriptor (GIF89a §18).
 */
export function sniffImage(bytes: Uint8Array): { format: "PNG" | "JPEG" | "GIF"; width: number; height: number } | null {
  if (isPng(bytes) && bytes.length >= 24) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { format: "PNG", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38) {
    return { format: "GIF", width: bytes[6]! | (bytes[7]! << 8), height: bytes[8]! | (bytes[9]! << 8) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = bytes[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) {
        return {
          format: "JPEG",
          height: (bytes[i + 5]! << 8) | bytes[i + 6]!,
          width: (bytes[i + 7]! << 8) | bytes[i + 8]!,
        };
      }
      i += 2 + length;
    }
    return null;
  }
  return null;
}

function placeholderPixels(imageRef: string): RgbaImage {
  const hex = `${imageRef.replace(/[^0-9a-f]/gi, "")}808080c0c0c0`.toLowerCase();
  const a = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const b = a.map((v) => 255 - v);
  const size = 256;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = ((x >> 5) + (y >> 5)) % 2 === 0 ? a : b;
      const o = (y * size + x) * 4;
      data[o] = c[0]!;
      data[o + 1] = c[1]!;
      data[o + 2] = c[2]!;
      data[o + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}
