import { describe, expect, it } from "vitest";
import { chunkTextPieces } from "../../src/proxy/chunk-text-pieces.js";

// The proxy writes answers holding multi-megabyte base64 in bounded pieces; the bytes must be
// exactly the UTF-8 of the whole text, whatever the cut points.

const concat = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks].map((c) => Buffer.from(c)));

describe("chunkTextPieces", () => {
  it("gives the utf-8 of the concatenated pieces in chunks of at most 1 MiB", () => {
    const big = "QUJD".repeat(700_000); // 2.8 M characters
    const pieces = ['{"images":[{"data":"', big, '","note":"“quoted” ✓"}]}'];
    const chunks = [...chunkTextPieces(pieces)];
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 20);
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(concat(chunks).toString("utf8")).toBe(pieces.join(""));
    expect(JSON.parse(concat(chunks).toString("utf8")).images[0].note).toBe("“quoted” ✓");
  });

  it("never cuts between the halves of a surrogate pair", () => {
    const text = `${"a".repeat((1 << 20) - 1)}🎨tail`;
    const chunks = [...chunkTextPieces([text])];
    expect(concat(chunks).toString("utf8")).toBe(text);
    expect(Buffer.from(chunks[0]!).toString("utf8")).not.toContain("\uFFFD");
  });

  it("makes nothing for empty pieces", () => {
    expect([...chunkTextPieces(["", ""])]).toEqual([]);
  });
});
