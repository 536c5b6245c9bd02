import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deltaE2000 } from "../../../src/core/colour/delta-e-2000.js";
import type { Cielab } from "../../../src/core/colour/linear-rgb-to-cielab.js";
import { fixturePath } from "../../fixtures/fixture-path.js";

const TABLE = fixturePath("ciede2000-sharma2005.tsv");

/** The 34 pairs of Sharma, Wu & Dalal (2005), Table 1: `[lab1, lab2, ΔE00]`. */
const pairs: [Cielab, Cielab, number][] = readFileSync(TABLE, "utf8")
  .split("\n")
  .filter((line) => /^[\d.-]/.test(line))
  .map((line) => {
    const v = line.split("\t").map(Number);
    return [[v[0]!, v[1]!, v[2]!], [v[3]!, v[4]!, v[5]!], v[6]!];
  });

describe("deltaE2000", () => {
  it("reads all 34 pairs of the Sharma 2005 table", () => {
    expect(pairs).toHaveLength(34);
  });

  it.each(pairs.map((p, i) => [i + 1, ...p] as const))("matches Sharma 2005 pair %i to 4 decimals in both argument orders", (_, lab1, lab2, expected) => {
    expect(Math.abs(deltaE2000(lab1, lab2) - expected)).toBeLessThan(5e-5);
    expect(Math.abs(deltaE2000(lab2, lab1) - expected)).toBeLessThan(5e-5);
  });

  it("is zero for identical colours", () => {
    expect(deltaE2000([53.2, 80.1, 67.2], [53.2, 80.1, 67.2])).toBe(0);
  });
});
