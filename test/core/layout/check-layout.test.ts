import { describe, expect, it } from "vitest";
import { checkLayout } from "../../../src/core/layout/check-layout.js";
import type { LayoutResult, PlacedElement } from "../../../src/core/layout/layout-result.js";
import { relayout } from "../../../src/core/layout/relayout.js";
import { el, makeSpec } from "./make-spec.js";

const spec = makeSpec(300, 250, [
  el("bg", "background", [0, 0, 300, 250]),
  el("logo", "logo", [10, 10, 60, 20]),
  el("head", "headline", [10, 40, 200, 30], { nodeType: "TEXT", text: { characters: "Big summer sale", fontSize: 20 } }),
  el("badge", "decoration", [180, 30, 40, 40]),
  el("cta", "cta", [10, 200, 100, 32], { nodeType: "FRAME", text: { characters: "Shop", fontSize: 14 } }),
]);
const target = { width: 300, height: 250 };
const good = (): LayoutResult => relayout(spec, target);
const withElement = (r: LayoutResult, id: string, patch: Partial<PlacedElement>): LayoutResult => ({
  ...r,
  elements: r.elements.map((e) => (e.id === id ? { ...e, ...patch } : e)),
});

describe("checkLayout", () => {
  it("finds nothing wrong with a relayout at the source size", () => {
    expect(checkLayout(good(), target, spec)).toEqual([]);
  });

  it("reports an element outside the frame", () => {
    const r = withElement(good(), "logo", { box: { x: 260, y: 10, width: 60, height: 20 } });
    expect(checkLayout(r, target, spec)).toEqual(['The logo "logo" (60×20 at (260, 10)) reaches outside the 300×250 frame.']);
  });

  it("reports an element in a safe zone", () => {
    const zoned = { ...target, safeZone: { top: 0.2, bottom: 0, left: 0, right: 0 } };
    expect(checkLayout(good(), zoned, spec)).toContain('The logo "logo" (60×20 at (10, 10)) reaches into a safe zone of 300×250.');
  });

  it("reports a new overlap but not one the source already had", () => {
    const moved = withElement(good(), "cta", { box: { x: 20, y: 20, width: 100, height: 32 } });
    expect(checkLayout(moved, target, spec)).toEqual([
      'The logo "logo" overlaps the cta "cta", which it does not in the source.',
      'The headline "head" overlaps the cta "cta", which it does not in the source.',
    ]);
    // The badge overlapped the headline in the source, so it may still.
    expect(checkLayout(good(), target, spec).some((v) => v.includes("badge"))).toBe(false);
  });

  it("reports text under 8 px and text overflowing its box", () => {
    const small = withElement(good(), "cta", { fontSize: 7.5 });
    expect(checkLayout(small, target, spec)).toEqual(['The cta "cta" is set at 7.5 px, below the 8 px minimum.']);
    const tight = withElement(good(), "head", { box: { x: 10, y: 40, width: 60, height: 30 }, fontSize: 20 });
    expect(checkLayout(tight, target, spec)).toEqual([expect.stringMatching(/^The headline "head" overflows its 60×30 box at 20 px \(needs about/)]);
  });

  it("reports elements missing, doubled, or dropped without a warning", () => {
    const r = good();
    const missing = { ...r, elements: r.elements.filter((e) => e.id !== "badge") };
    expect(checkLayout(missing, target, spec)).toEqual(['The decoration "badge" is neither placed nor reported as dropped.']);
    const silent: LayoutResult = {
      ...r,
      elements: r.elements.filter((e) => e.id !== "head"),
      dropped: [{ id: "head", name: "head", role: "headline", cause: "no-room", reason: "Headline dropped." }],
    };
    expect(checkLayout(silent, target, spec)).toEqual(['The headline "head" was dropped without a warning.']);
    const twice = { ...r, elements: [...r.elements, r.elements[1]!] };
    expect(checkLayout(twice, target, spec)).toContain('The logo "logo" appears 2 times among placed and dropped elements.');
  });

  it("reports a background that does not cover the frame", () => {
    const r = withElement(good(), "bg", { box: { x: 0, y: 0, width: 300, height: 200 } });
    expect(checkLayout(r, target, spec)).toEqual(['The background "bg" (300×200 at (0, 0)) does not cover the 300×250 frame.']);
  });
});
