import { constants, deflateRawSync } from "node:zlib";

/** CRC-32 of PNG chunks (PNG spec, annex D; ISO 3309 polynomial 0xEDB88320). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/**
 * A "decompression bomb": a valid-looking RGBA PNG whose IHDR says `width × height` but whose one
 * zlib stream inflates to `inflatedMiB` MiB of zeros (each zero row is a valid filter-0 scanline).
 * Built from one deflated MiB repeated (sync-flushed, so the pieces join into one stream) with the
 * right Adler-32, so even a gigabyte costs a millisecond to make: about 1 KB of body per MiB.
 */
export function pngBomb(width: number, height: number, inflatedMiB: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  const total = inflatedMiB * (1 << 20);
  // Adler-32 of `total` zero bytes (RFC 1950 §9): a stays 1, b adds 1 per byte.
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  const zlib = Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: inflatedMiB }, () => piece), last, adler]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib), chunk("IEND", Buffer.alloc(0))]);
}
