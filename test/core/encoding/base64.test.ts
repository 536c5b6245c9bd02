import { describe, expect, it } from "vitest";
import { decodeBase64, encodeBase64 } from "../../../src/core/encoding/base64.js";

/** Deterministic bytes of every value, in a scrambled order (a linear congruential sequence). */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) out[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  return out;
}

describe("base64", () => {
  it("encodes exactly as node's encoder, for every length remainder", () => {
    for (let length = 0; length < 70; length++) {
      const data = bytes(length, length + 1);
      expect(encodeBase64(data)).toBe(Buffer.from(data).toString("base64"));
      expect(Buffer.from(decodeBase64(encodeBase64(data))).equals(Buffer.from(data))).toBe(true);
    }
  });

  it("decodes the url-safe alphabet to the same bytes as the standard one", () => {
    const data = bytes(3000, 7);
    const standard = Buffer.from(data).toString("base64");
    const urlSafe = Buffer.from(data).toString("base64url");
    expect(urlSafe).toMatch(/[-_]/);
    expect(Buffer.from(decodeBase64(urlSafe)).equals(Buffer.from(data))).toBe(true);
    expect(Buffer.from(decodeBase64(standard.replace(/(.{76})/g, "$1\r\n"))).equals(Buffer.from(data))).toBe(true);
  });

  it("refuses characters outside both alphabets, naming the position", () => {
    expect(() => decodeBase64("QUJD*RA==")).toThrow(/invalid character at position 4/);
  });
});
