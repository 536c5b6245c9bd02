import { describe, expect, it } from "vitest";
import type { LayoutElement } from "../../../src/core/frame-spec/frame-spec.js";
import { checkLayout } from "../../../src/core/layout/check-layout.js";
import type { LayoutResult } from "../../../src/core/layout/layout-result.js";
import { relayout } from "../../../src/core/layout/relayout.js";
import { el, makeSpec, medRect } from "./make-spec.js";

const boxOf = (r: LayoutResult, id: string) => r.elements.find((e) => e.id === id)!.box;
const right = (b: { x: number; width: number }) => b.x + b.width;
const centreX = (b: { x: number; width: number }) => b.x + b.width / 2;
const pinned = (
  id: string,
  box: [number, number, number, number],
  horizontal: LayoutElement["constraints"]["horizontal"],
  vertical: LayoutElement["constraints"]["vertical"] = "MIN",
) => el(id, "decoration", box, { constraints: { horizontal, vertical } });

describe("relayout by constraints (aspect close to the source)", () => {
  // 300×250 → 360×250: aspect 1.44 vs 1.2, within 1.25×; uniform scale 1, 60 pt of extra width.
  const spec = makeSpec(300, 250, [
    pinned("min", [10, 10, 40, 40], "MIN"),
    pinned("max", [250, 10, 40, 40], "MAX"),
    pinned("centre", [125, 80, 50, 40], "CENTER"),
    pinned("stretch", [10, 140, 280, 20], "STRETCH"),
    pinned("scale", [30, 180, 60, 40], "SCALE"),
  ]);
  const r = relayout(spec, { width: 360, height: 250 });

  it("uses the frame's constraints", () => {
    expect(r.template).toBe("constraints");
    expect(checkLayout(r, { width: 360, height: 250 }, spec)).toEqual([]);
  });

  it("keeps MIN pinned left and MAX pinned right", () => {
    expect(boxOf(r, "min")).toEqual({ x: 10, y: 10, width: 40, height: 40 });
    expect(360 - right(boxOf(r, "max"))).toBeCloseTo(10, 6);
    expect(boxOf(r, "max").width).toBe(40);
  });

  it("keeps CENTER centred", () => {
    expect(centreX(boxOf(r, "centre"))).toBeCloseTo(180, 6);
    expect(boxOf(r, "centre").width).toBe(50);
  });

  it("stretches STRETCH and scales SCALE with the frame", () => {
    expect(boxOf(r, "stretch")).toEqual({ x: 10, y: 140, width: 340, height: 20 });
    expect(boxOf(r, "scale")).toEqual({ x: 36, y: 180, width: 72, height: 40 });
  });

  it("scales everything uniformly first when the frame grows", () => {
    const big = relayout(spec, { width: 720, height: 500 });
    expect(big.template).toBe("constraints");
    expect(boxOf(big, "min")).toEqual({ x: 20, y: 20, width: 80, height: 80 });
    expect(720 - right(boxOf(big, "max"))).toBeCloseTo(20, 6);
  });

  it("pins MAX to the bottom and centres CENTER vertically too", () => {
    const tall = makeSpec(250, 300, [pinned("bottom", [10, 250, 40, 40], "MIN", "MAX"), pinned("middle", [100, 125, 50, 50], "MIN", "CENTER")]);
    const t = relayout(tall, { width: 250, height: 360 });
    expect(t.template).toBe("constraints");
    expect(360 - (boxOf(t, "bottom").y + boxOf(t, "bottom").height)).toBeCloseTo(10, 6);
    expect(boxOf(t, "middle").y + 25).toBeCloseTo(180, 6);
  });

  it("scales text with the frame and keeps it within its box", () => {
    const s = medRect();
    const out = relayout(s, { width: 336, height: 280 });
    expect(out.template).toBe("constraints");
    expect(out.elements.find((e) => e.id === "head")!.fontSize).toBeCloseTo(22 * 1.12, 2);
    expect(checkLayout(out, { width: 336, height: 280 }, s)).toEqual([]);
  });
});

describe("relayout by auto layout", () => {
  const stack = (primaryAxisAlignItems: string, counterAxisAlignItems = "MIN") =>
    makeSpec(
      400,
      100,
      [
        el("logo", "logo", [20, 20, 60, 30]),
        el("photo", "image", [90, 20, 60, 60]),
        el("cta", "cta", [160, 20, 80, 40], { nodeType: "FRAME", text: { characters: "Buy", fontSize: 14 } }),
        el("badge", "decoration", [370, 5, 20, 20], { layoutPositioning: "ABSOLUTE", constraints: { horizontal: "MAX", vertical: "MIN" } }),
      ],
      {
        autoLayout: { mode: "HORIZONTAL", paddingLeft: 20, paddingRight: 20, paddingTop: 20, paddingBottom: 20, itemSpacing: 10, primaryAxisAlignItems, counterAxisAlignItems },
      },
    );

  it("stacks children along the axis with scaled padding and spacing", () => {
    const r = relayout(stack("MIN"), { width: 800, height: 200 });
    expect(r.template).toBe("auto-layout");
    expect(boxOf(r, "logo")).toEqual({ x: 40, y: 40, width: 120, height: 60 });
    expect(boxOf(r, "photo")).toEqual({ x: 180, y: 40, width: 120, height: 120 });
    expect(boxOf(r, "cta")).toEqual({ x: 320, y: 40, width: 160, height: 80 });
    expect(r.elements.find((e) => e.id === "cta")!.fontSize).toBe(28);
  });

  it("spreads SPACE_BETWEEN children and centres on the counter axis", () => {
    const r = relayout(stack("SPACE_BETWEEN", "CENTER"), { width: 440, height: 100 });
    expect(r.template).toBe("auto-layout");
    expect(boxOf(r, "logo").x).toBeCloseTo(20, 6);
    expect(right(boxOf(r, "cta"))).toBeCloseTo(420, 6);
    expect(boxOf(r, "photo").x - right(boxOf(r, "logo"))).toBeCloseTo(boxOf(r, "cta").x - right(boxOf(r, "photo")), 6);
    expect(boxOf(r, "logo").y).toBeCloseTo(35, 6);
  });

  it("leaves absolutely positioned children to their constraints", () => {
    const r = relayout(stack("MIN"), { width: 440, height: 100 });
    expect(440 - right(boxOf(r, "badge"))).toBeCloseTo(10, 6);
  });
});

describe("relayout by role when the aspect changes a lot", () => {
  const spec = medRect();

  it("keeps the logo top-left and the button in its corner at 1200×628", () => {
    const r = relayout(spec, { width: 1200, height: 628 });
    expect(r.template).toBe("anchored");
    expect(r.dropped).toEqual([]);
    const logo = boxOf(r, "logo");
    const cta = boxOf(r, "cta");
    const dot = boxOf(r, "dot");
    expect(logo.x).toBeLessThan(50);
    expect(logo.y).toBeLessThan(50);
    expect(cta.x).toBeLessThan(50);
    expect(628 - (cta.y + cta.height)).toBeLessThan(100);
    expect(1200 - right(dot)).toBeLessThan(100);
    expect(checkLayout(r, { width: 1200, height: 628 }, spec)).toEqual([]);
  });

  it("puts logo | headline | button in a row on a leaderboard", () => {
    const r = relayout(spec, { width: 728, height: 90 });
    expect(r.template).toBe("row");
    const [logo, head, cta] = ["logo", "head", "cta"].map((id) => boxOf(r, id));
    expect(right(logo!)).toBeLessThanOrEqual(head!.x);
    expect(right(head!)).toBeLessThanOrEqual(cta!.x);
    expect(right(cta!)).toBeGreaterThan(700);
    expect(checkLayout(r, { width: 728, height: 90 }, spec)).toEqual([]);
  });

  it("stacks logo, headline and button top to bottom on a skyscraper", () => {
    const r = relayout(spec, { width: 160, height: 600 });
    expect(r.template).toBe("column");
    const [logo, head, sub, cta] = ["logo", "head", "sub", "cta"].map((id) => boxOf(r, id));
    expect(logo!.y + logo!.height).toBeLessThanOrEqual(head!.y);
    expect(head!.y + head!.height).toBeLessThanOrEqual(sub!.y);
    expect(sub!.y + sub!.height).toBeLessThanOrEqual(cta!.y);
    expect(r.elements.find((e) => e.id === "head")!.fontSize).toBeGreaterThan(r.elements.find((e) => e.id === "sub")!.fontSize!);
    expect(checkLayout(r, { width: 160, height: 600 }, spec)).toEqual([]);
  });

  it("fills the frame with the background at every size", () => {
    for (const [width, height] of [
      [320, 50],
      [160, 600],
      [1080, 1920],
    ] as const) {
      expect(boxOf(relayout(spec, { width, height }), "bg")).toEqual({ x: 0, y: 0, width, height });
    }
  });
});

describe("relayout at 320×50", () => {
  it("drops decorations, then body text, and says why", () => {
    const r = relayout(medRect(), { width: 320, height: 50 });
    expect(r.dropped.map((d) => [d.id, d.cause])).toEqual([
      ["dot", "no-room"],
      ["wave", "no-room"],
      ["sub", "no-room"],
    ]);
    expect(r.dropped.map((d) => d.reason)).toEqual([
      'Decoration "dot" dropped: 320×50 leaves no room beside the headline.',
      'Decoration "wave" dropped: 320×50 leaves no room beside the headline.',
      'Body text "Subline" dropped: 320×50 leaves no room below the headline.',
    ]);
    expect(r.elements.map((e) => e.id).sort()).toEqual(["bg", "cta", "head", "logo", "photo"]);
    // Lost copy is said beside the layout; lost decorations only in the dropped list.
    expect(r.warnings).toEqual(['Body text "Subline" was left out: 320×50 leaves no room below the headline.']);
    expect(checkLayout(r, { width: 320, height: 50 }, medRect())).toEqual([]);
  });

  it("drops the product image after the body text when even that is not enough", () => {
    const crowded = medRect();
    crowded.elements = crowded.elements.map((e) => (e.id === "head" ? { ...e, text: { characters: "Summer sale: fifty percent off every sandal we stock", fontSize: 22 } } : e));
    const r = relayout(crowded, { width: 320, height: 50 });
    expect(r.dropped.map((d) => d.role)).toEqual(["decoration", "decoration", "body", "image"]);
    expect(r.dropped.at(-1)!.reason).toBe('Product image "photo" dropped: 320×50 leaves no room beside the headline.');
    expect(checkLayout(r, { width: 320, height: 50 }, crowded)).toEqual([]);
  });

  it("warns when a headline cannot fit at 8 px instead of hiding it", () => {
    // A square cover with small type: at 50 pt tall its 11 pt title would be 2 px.
    const card = makeSpec(322, 523, [
      el("art", "headline", [27, 230, 276, 276], { nodeType: "GROUP", name: "Cover", text: { characters: "Song Title - Singer", fontSize: 11 } }),
      el("cta", "cta", [100, 40, 120, 32], { nodeType: "FRAME", name: "Play", text: { characters: "Play", fontSize: 14 } }),
    ]);
    const r = relayout(card, { width: 320, height: 50 });
    expect(r.dropped.map((d) => [d.id, d.cause])).toEqual([["art", "illegible"]]);
    expect(r.dropped[0]!.reason).toMatch(/^Headline "Cover" dropped: at 320×50 its text would be \d\.\d px, below the 8 px minimum\.$/);
    expect(r.warnings).toEqual([`${r.dropped[0]!.reason.replace(" dropped:", " was left out:")} Adjust this size by hand.`]);
    expect(r.elements.map((e) => e.id)).toEqual(["cta"]);
    expect(checkLayout(r, { width: 320, height: 50 }, card)).toEqual([]);
  });
});

describe("relayout inputs", () => {
  it("is deterministic", () => {
    expect(relayout(medRect(), { width: 970, height: 250 })).toEqual(relayout(medRect(), { width: 970, height: 250 }));
  });

  it("reports safe zones that leave nothing and drops everything with a warning", () => {
    const r = relayout(medRect(), { width: 300, height: 250, safeZone: { top: 0.5, bottom: 0.5, left: 0, right: 0 } });
    expect(r.elements.map((e) => e.id)).toEqual(["bg"]);
    expect(r.warnings[0]).toBe("The safe zones of 300×250 leave no room for any layer.");
    expect(r.dropped.find((d) => d.id === "sub")!.reason).toBe('Body text "Subline" dropped: the safe zones of 300×250 leave no room for it.');
  });

  it("rejects a size that is not positive", () => {
    expect(() => relayout(medRect(), { width: 0, height: 250 })).toThrow(/Cannot lay out for 0×250/);
    expect(() => relayout(medRect(), { width: Number.NaN, height: 250 })).toThrow(/positive width and height/);
  });

  it("can be held to one template", () => {
    const r = relayout(medRect(), { width: 728, height: 90 }, { template: "anchored" });
    expect(r.template).toBe("anchored");
    expect(checkLayout(r, { width: 728, height: 90 }, medRect())).toEqual([]);
  });
});
