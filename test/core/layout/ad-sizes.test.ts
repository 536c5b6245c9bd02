import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AD_SIZE_PRESETS } from "../../../src/core/layout/ad-sizes.js";
import { parseSizeList } from "../../../src/core/layout/parse-size-list.js";
import { fixturePath } from "../../fixtures/fixture-path.js";

const fixture = JSON.parse(readFileSync(fixturePath("ad-sizes.json"), "utf8")) as { presets: unknown[] };

describe("AD_SIZE_PRESETS", () => {
  it("equals test/fixtures/ad-sizes.json exactly, safe zones included", () => {
    expect(JSON.parse(JSON.stringify(AD_SIZE_PRESETS))).toStrictEqual(fixture.presets);
  });

  it("has unique ids", () => {
    expect(new Set(AD_SIZE_PRESETS.map((p) => p.id)).size).toBe(AD_SIZE_PRESETS.length);
  });
});

describe("parseSizeList", () => {
  it("reads sizes written with x, X or ×, with spaces around commas", () => {
    expect(parseSizeList("300x250,728x90, 1080×1920 ,160X600")).toEqual([
      { width: 300, height: 250 },
      { width: 728, height: 90 },
      { width: 1080, height: 1920 },
      { width: 160, height: 600 },
    ]);
  });

  it("reads preset ids with their safe zones", () => {
    expect(parseSizeList("meta-reels, iab-leaderboard")).toEqual([
      { width: 1080, height: 1920, safeZone: { top: 0.14, bottom: 0.35, left: 0.06, right: 0.06 }, presetId: "meta-reels" },
      { width: 728, height: 90, presetId: "iab-leaderboard" },
    ]);
  });

  it("keeps a repeated size once", () => {
    expect(parseSizeList("300x250, 300×250,300 x 250")).toEqual([{ width: 300, height: 250 }]);
  });

  it("accepts sizes from 1 to 4096 and rejects 0 and 4097", () => {
    expect(parseSizeList("1x1,4096x4096")).toHaveLength(2);
    expect(() => parseSizeList("0x10")).toThrow(/"0x10"/);
    expect(() => parseSizeList("4097x10")).toThrow(/"4097x10"/);
  });

  it("names every bad token in one message", () => {
    expect(() => parseSizeList("300x250, 300y250, big, 12.5x40, 300x250x2")).toThrow(
      /These sizes are not valid: "300y250", "big", "12.5x40", "300x250x2"\. Write each size as W×H/,
    );
  });

  it("rejects an empty list", () => {
    expect(() => parseSizeList(" , ")).toThrow(/No sizes given/);
  });
});
