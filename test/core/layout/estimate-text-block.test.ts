import { describe, expect, it } from "vitest";
import { DEFAULT_TEXT_METRICS, estimateTextBlock, fitFontSize, isFlowText, textMetricsOf } from "../../../src/core/layout/estimate-text-block.js";
import { loadRealFrames } from "./real-frames.js";
import { el } from "./make-spec.js";

describe("estimateTextBlock", () => {
  it("sets Latin at 0.55 em and CJK at 1 em per character", () => {
    expect(estimateTextBlock("Hello", 10, Infinity, DEFAULT_TEXT_METRICS).width).toBeCloseTo(27.5, 9);
    expect(estimateTextBlock("自动布局", 24, Infinity, DEFAULT_TEXT_METRICS).width).toBeCloseTo(96, 9);
    expect(estimateTextBlock("图形-投影", 24, Infinity, DEFAULT_TEXT_METRICS).width).toBeCloseTo(4 * 24 + 0.55 * 24, 9);
  });

  it("wraps at spaces and counts lines × 1.2 × size", () => {
    const b = estimateTextBlock("aaaa bbbb cccc", 10, 45, DEFAULT_TEXT_METRICS);
    expect(b.lines).toBe(3);
    expect(b.width).toBeCloseTo(22, 9);
    expect(b.height).toBeCloseTo(36, 9);
    expect(estimateTextBlock("aaaa bbbb", 10, 49.5, DEFAULT_TEXT_METRICS).lines).toBe(1);
  });

  it("breaks CJK between any two characters and a too-long word between letters", () => {
    expect(estimateTextBlock("测试文本测试文本", 10, 35, DEFAULT_TEXT_METRICS).lines).toBe(3);
    const long = estimateTextBlock("Supercalifragilistic", 10, 30, DEFAULT_TEXT_METRICS);
    expect(long.lines).toBe(4);
    expect(long.width).toBeLessThanOrEqual(30);
  });

  it("keeps explicit line breaks and ignores trailing spaces", () => {
    expect(estimateTextBlock("测试文本\n测试文本", 32, Infinity, DEFAULT_TEXT_METRICS).lines).toBe(2);
    expect(estimateTextBlock("Shop now     ", 10, Infinity, DEFAULT_TEXT_METRICS).width).toBeCloseTo(8 * 5.5, 9);
  });
});

describe("fitFontSize", () => {
  it("keeps the requested size when it fits and shrinks until it does when not", () => {
    const box = { width: 100, height: 24 };
    expect(fitFontSize("Sale", 20, box, DEFAULT_TEXT_METRICS)).toBe(20);
    const f = fitFontSize("Summer sale on every sandal", 40, box, DEFAULT_TEXT_METRICS);
    expect(f).toBeLessThan(40);
    const b = estimateTextBlock("Summer sale on every sandal", f, box.width, DEFAULT_TEXT_METRICS);
    expect(b.height).toBeLessThanOrEqual(24 + 1e-6);
    expect(estimateTextBlock("Summer sale on every sandal", f + 0.01, box.width, DEFAULT_TEXT_METRICS).height).toBeGreaterThan(24);
  });
});

describe("textMetricsOf", () => {
  it("measures line height from a real single-line CJK title (MiSans 24 on 32 pt)", () => {
    const banner = loadRealFrames().find((f) => f.name === "解析13")!;
    const title = banner.spec.elements.find((e) => e.nodeType === "TEXT")!;
    expect(title.text!.characters).toBe("自动布局");
    const m = textMetricsOf(title);
    expect(m.advanceScale).toBe(1);
    expect(m.lineHeight).toBeCloseTo(title.box.height / 24, 6);
  });

  it("widens the advance of a single-line text drawn wider than 0.55 em", () => {
    const wide = el("t", "headline", [0, 0, 60, 14], { nodeType: "TEXT", text: { characters: "HOT DEAL", fontSize: 12 } });
    const m = textMetricsOf(wide);
    expect(m.advanceScale).toBeCloseTo(60 / (8 * 0.55 * 12), 6);
    expect(estimateTextBlock("HOT DEAL", 12, 60, m).lines).toBe(1);
    expect(estimateTextBlock("HOT DEAL", 12, 59, m).lines).toBe(2);
    const absurd = el("t", "headline", [0, 0, 600, 14], { nodeType: "TEXT", text: { characters: "HOT DEAL", fontSize: 12 } });
    expect(textMetricsOf(absurd).advanceScale).toBe(1.6);
  });

  it("treats rotated or empty texts as pictures", () => {
    expect(isFlowText(el("t", "body", [0, 0, 10, 10], { nodeType: "TEXT", text: { characters: "Hi", fontSize: 8 } }))).toBe(true);
    expect(isFlowText(el("t", "body", [0, 0, 10, 10], { nodeType: "TEXT", rotation: 90, text: { characters: "Hi", fontSize: 8 } }))).toBe(false);
    expect(isFlowText(el("t", "body", [0, 0, 10, 10], { nodeType: "TEXT", text: { characters: "  ", fontSize: 8 } }))).toBe(false);
    expect(isFlowText(el("t", "cta", [0, 0, 10, 10], { nodeType: "FRAME", text: { characters: "Go", fontSize: 8 } }))).toBe(false);
  });
});
