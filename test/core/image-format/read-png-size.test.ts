import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { readPngSize } from "../../../src/core/image-format/read-png-size.js";
import { sniffImage } from "../../../src/core/image-format/sniff-image.js";
import { encodePng } from "../../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../../src/core/raster/rgba-image.js";

describe("readPngSize", () => {
  it("reads the size of a real PNG, including sides above 65,535 px in the header", () => {
    expect(readPngSize(encodePng(createRgbaImage(300, 7, [1, 2, 3, 255])))).toEqual({ width: 300, height: 7 });
    const png = encodePng(createRgbaImage(2, 2));
    // IHDR width 70,000 (big-endian at byte 16): read as a 32-bit integer, as sniffImage does.
    const wide = png.slice();
    wide.set([0x00, 0x01, 0x11, 0x70], 16);
    expect(readPngSize(wide)).toEqual({ width: 70_000, height: 2 });
    expect(sniffImage(wide)).toMatchObject({ type: "image/png", width: 70_000, height: 2 });
  });

  it("reads a PNG that sits inside a larger buffer", () => {
    const png = encodePng(createRgbaImage(5, 9));
    const buffer = new Uint8Array(png.length + 16);
    buffer.set(png, 16);
    expect(readPngSize(buffer.subarray(16))).toEqual({ width: 5, height: 9 });
  });

  it("says null for a JPEG, a cut-off PNG and bytes that only start like a PNG", () => {
    const jpg = new Uint8Array(jpeg.encode({ data: Buffer.alloc(4 * 4 * 4, 200), width: 4, height: 4 }, 90).data);
    expect(sniffImage(jpg)).toMatchObject({ type: "image/jpeg", width: 4, height: 4 });
    expect(readPngSize(jpg)).toBeNull();
    const png = encodePng(createRgbaImage(4, 4));
    expect(readPngSize(png.subarray(0, 32))).toBeNull();
    const noIhdr = png.slice();
    noIhdr[12] = 0x69; // "iHDR": not the IHDR chunk type
    expect(readPngSize(noIhdr)).toBeNull();
  });
});
