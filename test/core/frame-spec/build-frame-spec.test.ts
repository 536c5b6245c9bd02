import { readFileSync } from "node:fs";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { buildFrameSpec } from "../../../src/core/frame-spec/build-frame-spec.js";
import { classifyRoles } from "../../../src/core/frame-spec/classify-role.js";
import type { SpecNode } from "../../../src/core/frame-spec/spec-node.js";
import { FrameSpec } from "../../../src/core/frame-spec/frame-spec.js";
import { findRestFrame, specNodeFromRest } from "../../../src/core/frame-spec/spec-node-from-rest.js";
import { composeFillPrompt } from "../../../src/core/prompt/compose-fill-prompt.js";
import { fixturePath } from "../../fixtures/fixture-path.js";
import { loadAllFrames } from "../layout/real-frames.js";

const fixture = (name: string) => JSON.parse(readFileSync(fixturePath(`figma-rest/${name}`), "utf8"));
const specOf = (name: string) => buildFrameSpec(specNodeFromRest(findRestFrame(fixture(name))), "0:1");

describe("buildFrameSpec on real figma documents", () => {
  it("reads the e-commerce hero: headline, copy, review, button and product image as keep-clear zones", () => {
    const spec = specOf("GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json");
    expect(v.is(FrameSpec, spec)).toBe(true);
    expect([spec.width, spec.height]).toEqual([1440, 616]);
    const roles = spec.keepClear.map((z) => z.role);
    expect(roles).toContain("headline");
    expect(roles).toContain("cta");
    expect(roles).toContain("image");
    const cta = spec.keepClear.find((z) => z.role === "cta")!;
    expect(cta.box).toEqual({ x: 80, y: 480, width: 328, height: 56 });
    const image = spec.keepClear.find((z) => z.role === "image")!;
    expect(image.box.x).toBe(720);
    // Zones lie inside the frame.
    for (const z of spec.keepClear) {
      expect(z.box.x).toBeGreaterThanOrEqual(0);
      expect(z.box.y).toBeGreaterThanOrEqual(0);
      expect(z.box.x + z.box.width).toBeLessThanOrEqual(spec.width + 1e-6);
      expect(z.box.y + z.box.height).toBeLessThanOrEqual(spec.height + 1e-6);
    }
    expect(spec.palette[0]!.hex).toBe("#000000");
    expect(spec.palette.map((p) => p.hex)).toContain("#4659FF");
  });

  it("finds the headline, body copy, review and button inside the hero's nested Content frame", () => {
    const spec = specOf("GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json");
    const roles = Object.fromEntries(spec.elements.map((e) => [e.name, e.role]));
    expect(roles).toEqual({
      Content: "decoration",
      "Get ready to feel amazing.": "body",
      "Supplements that work harder and taste better.": "headline",
      "Our science-backed formulas enhance nutrient absorption by up to 500%, delivered in flavors you'll actually look forward to drinking.": "body",
      Review: "body",
      Button: "cta",
      "image 14": "image",
    });
    // The column is kept only as its panel; its parts name the container they came out of.
    const content = spec.elements.find((e) => e.name === "Content")!;
    expect(content.opened).toBe(true);
    expect(spec.elements.find((e) => e.name === "Button")!.parentId).toBe(content.id);
    expect(content.parentId).toBeUndefined();
  });

  it("finds the logo and a full-bleed background in the campaign poster", () => {
    const spec = specOf("fefeding-figma2html__marketing-campaign-poster-725x1000__frame-node.json");
    expect(spec.elements.find((e) => e.role === "logo")?.name).toBe("logo 1");
    expect(spec.backgroundElementId).toBe(spec.elements.find((e) => e.role === "background")!.id);
    expect(spec.keepClear.some((z) => z.role === "logo")).toBe(true);
    expect(spec.keepClear.some((z) => z.role === "background")).toBe(false);
  });

  it("looks through nested groups of the music card to its text boxes", () => {
    const spec = specOf("1yhy-Figma-Context-MCP__card-322x523__nodes.json");
    expect(spec.keepClear.length).toBeGreaterThan(3);
    expect(spec.keepClear.every((z) => z.box.width < 200)).toBe(true);
    expect(spec.palette.map((p) => p.hex)).toEqual(expect.arrayContaining(["#FFFFFF", "#F7214E"]));
  });

  it("reads a button as a button where it fills much of a small frame, and a header bar or a Chinese paragraph as text", () => {
    const frames = loadAllFrames().frames;
    const elements = (name: string) => Object.fromEntries(frames.find((f) => f.name === name)!.spec.elements.map((e) => [e.name, e.role]));
    // A component set of two button variants ("Resume" on a filled outline, 28% of the set each).
    expect(elements("Button Component")).toEqual({ "State=active": "cta", "State=Clicked": "cta" });
    // An app header: a 1024×48 bar whose title sits at its left is the screen's title, not a button.
    expect(elements("Overview").Header).toBe("headline");
    // Nine lines of birthday wishes (no spaces between Chinese words) are body copy.
    expect(elements("模板_生日祝福1")["文本组合"]).toBe("body");
    // The news poster's header picture with its title is not a button either.
    expect(elements("模板解析_热点资讯1")["头图"]).not.toBe("cta");
  });

  it("still reads a short Chinese label centred on a pill as a button", () => {
    const node = (id: string, type: string, box: SpecNode["box"], extra: Partial<SpecNode> = {}): SpecNode => ({
      id,
      name: id,
      type,
      box,
      rotation: 0,
      visible: true,
      fills: [],
      strokes: [],
      constraints: { horizontal: "MIN", vertical: "MIN" },
      layoutPositioning: "AUTO",
      children: [],
      ...extra,
    });
    const solid = [{ type: "SOLID" as const, visible: true, opacity: 1, color: { r: 0.9, g: 0.1, b: 0.1 } }];
    const pill = node(
      "pill",
      "FRAME",
      { x: 40, y: 400, width: 200, height: 56 },
      {
        fills: solid,
        children: [node("label", "TEXT", { x: 92, y: 412, width: 96, height: 32 }, { text: { characters: "立即购买", fontSize: 24 } })],
      },
    );
    const paragraph = node(
      "para",
      "FRAME",
      { x: 40, y: 100, width: 400, height: 120 },
      {
        fills: solid,
        children: [node("copy", "TEXT", { x: 60, y: 110, width: 360, height: 100 }, { text: { characters: "在这特别的日子里愿你的生日充满无尽的快乐", fontSize: 16 } })],
      },
    );
    expect(classifyRoles([pill, paragraph], { width: 750, height: 1000 })).toEqual(["cta", "body"]);
  });

  it("maps rest constraints to the plugin api's names", () => {
    const node = specNodeFromRest({
      id: "1:1",
      name: "F",
      type: "FRAME",
      absoluteBoundingBox: { x: 100, y: 100, width: 200, height: 100 },
      children: [
        {
          id: "1:2",
          name: "Logo",
          type: "RECTANGLE",
          absoluteBoundingBox: { x: 110, y: 120, width: 20, height: 10 },
          constraints: { horizontal: "RIGHT", vertical: "TOP_BOTTOM" },
        },
      ],
    });
    expect(node.children[0]!.box).toEqual({ x: 10, y: 20, width: 20, height: 10 });
    expect(node.children[0]!.constraints).toEqual({ horizontal: "MAX", vertical: "STRETCH" });
  });

  it("refuses json that is not a figma node", () => {
    expect(() => specNodeFromRest({ hello: 1 })).toThrow(/not a Figma node/);
    expect(() => findRestFrame({})).toThrow(/No Figma frame/);
  });
});

describe("composeFillPrompt", () => {
  const spec = specOf("GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json");
  const composed = composeFillPrompt({
    userPrompt: "  sunlit linen textures,  soft shadows ",
    spec,
    palette: ["#4659FF", "#F7F5F1"],
    nameColour: (hex) => (hex === "#4659FF" ? "royal blue" : "off-white"),
  });

  it("leads with the designer's words and states the aspect", () => {
    expect(composed.prompt.split("\n")[0]).toBe("sunlit linen textures, soft shadows");
    expect(composed.prompt).toMatch(/21:9 landscape/);
  });

  it("names every keep-clear zone by place and span and sends their boxes", () => {
    expect(composed.prompt).toMatch(/the button at the bottom-left \(x 6–28%, y 78–87%\)/);
    expect(composed.prompt).toMatch(/a product image at the right side/);
    expect(composed.keepClear).toHaveLength(spec.keepClear.length);
    expect(composed.keepClear[0]!.x).toBeCloseTo(spec.keepClear[0]!.box.x / 1440, 6);
  });

  it("puts the subject in the open space and locks the palette by hex and name", () => {
    // The left column holds the copy and the right half the product: the open space is what is left.
    expect(composed.subjectRegion).not.toBeNull();
    expect(composed.prompt).toMatch(/#4659FF \(royal blue\), #F7F5F1 \(off-white\)/);
    expect(composed.prompt).toMatch(/Do not render any text/);
  });

  it("is deterministic", () => {
    const again = composeFillPrompt({
      userPrompt: "  sunlit linen textures,  soft shadows ",
      spec,
      palette: ["#4659FF", "#F7F5F1"],
      nameColour: (hex) => (hex === "#4659FF" ? "royal blue" : "off-white"),
    });
    expect(again).toEqual(composed);
  });
});
