/// <reference types="@figma/plugin-typings" />
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../src/core/raster/rgba-image.js";
import { createFigmaFake } from "./create-figma-fake.js";

const FIXTURES = "/work/shared/fixtures/figma-rest/";
const cache = new Map<string, unknown>();
function fixture(name: string): unknown {
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(FIXTURES + name, "utf8")));
  return cache.get(name);
}

/** Top-level nodes each fixture must produce: "TYPE W×H" per node, grouped by page name. */
const EXPECTED: Record<string, Record<string, string[]>> = {
  "1yhy-Figma-Context-MCP__card-322x523__nodes.json": { "Page 1": ["FRAME 322×523"] },
  "GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json": { "Page 1": ["FRAME 1440×616"] },
  "Hifumisama-Figma-Context-MCP__portfolio-home-1440__nodes.json": {
    "Page 1": [
      "FRAME 1440×2903",
      "COMPONENT 900×182",
      "RECTANGLE 143×143",
      "RECTANGLE 143×143",
      "RECTANGLE 143×143",
      "RECTANGLE 143×143",
      "FRAME 204×196",
      "FRAME 600×1280",
      "COMPONENT 560×614",
      "COMPONENT 506×509",
    ],
  },
  "fefeding-figma2html__effects-test-banners__file.json": {
    "Page 1": [
      ...Array(5).fill("FRAME 794×319"),
      ...Array(3).fill("FRAME 1139×319"),
      "FRAME 463×320",
      "FRAME 1139×320",
      "FRAME 1139×320",
      "FRAME 1362×320",
      "FRAME 605×320",
      "RECTANGLE 252×213",
      "RECTANGLE 188×286",
    ],
  },
  "fefeding-figma2html__marketing-campaign-poster-725x1000__frame-node.json": { "Page 1": ["FRAME 725×1000"] },
  "fefeding-figma2html__poster-templates-750w__document-node.json": {
    "Page 1": ["FRAME 750×3161", "FRAME 750×2775", "FRAME 750×1640", "FRAME 750×1624", "TEXT 1101×150", "TEXT 1327×150"],
  },
  "psingley-fig4ai__design-tokens-demo-community__file.json": {
    Colors: ["FRAME 1110×2322", "FRAME 1920×960"],
    Typography: ["FRAME 676×756"],
    Shadows: ["FRAME 973×744"],
    Components: ["COMPONENT 220×270", "COMPONENT 1024×48"],
    "Advisor Desktop": ["FRAME 1024×728"],
  },
};

describe("loadRestDocument", () => {
  for (const [name, pages] of Object.entries(EXPECTED)) {
    it(`loads ${name.split("__")[1]} with its top-level frames and sizes`, () => {
      const fake = createFigmaFake();
      const nodes = fake.loadRestDocument(fixture(name));
      const byPage: Record<string, string[]> = {};
      for (const n of nodes) (byPage[n.parent!.name] ??= []).push(`${n.type} ${Math.round(n.width)}×${Math.round(n.height)}`);
      expect(byPage).toEqual(pages);
      for (const n of nodes) expect(n.parent!.type).toBe("PAGE");
    });
  }

  it("keeps REST ids and positions group children relative to the nearest frame", () => {
    const fake = createFigmaFake();
    const [card] = fake.loadRestDocument(fixture("1yhy-Figma-Context-MCP__card-322x523__nodes.json")) as FrameNode[];
    expect(card!.id).toBe("409:3528");
    expect([card!.x, card!.y]).toEqual([13338, 12889]);
    const group = card!.children[0] as GroupNode;
    expect(group.type).toBe("GROUP");
    expect(group.x).toBeCloseTo(26.6875, 6);
    const text = card!.findOne((n) => n.name === "Song Title - Singer") as TextNode;
    expect(text.x).toBeCloseTo(13392.404296875 - 13338, 6);
    expect(text.absoluteBoundingBox!.y).toBeCloseTo(13380.9150390625, 6);
    expect(text.characters).toBe("Song Title - Singer");
    expect(text.fills).toEqual([{ type: "SOLID", color: { r: 1, g: 1, b: 1 }, opacity: 1, blendMode: "NORMAL" }]);
  });

  it("recovers the unrotated size of a rotated node from its bounding box", () => {
    const fake = createFigmaFake();
    const [frame] = fake.loadRestDocument(fixture("1yhy-Figma-Context-MCP__card-322x523__nodes.json")) as FrameNode[];
    const rotated = frame!.findOne((n) => "rotation" in n && Math.abs(n.rotation) > 1) as VectorNode;
    expect(rotated.rotation).toBeCloseTo(-45, 6);
    const box = rotated.absoluteBoundingBox!;
    const side = box.width / Math.SQRT2;
    expect(rotated.width).toBeCloseTo(side, 3);
    expect(rotated.height).toBeCloseTo(side, 3);
  });

  it("maps constraints, auto layout, image paints and instances", async () => {
    const fake = createFigmaFake();
    const [hero] = fake.loadRestDocument(fixture("GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json")) as FrameNode[];
    const imageRect = hero!.findOne((n) => n.type === "RECTANGLE") as RectangleNode;
    const paint = (imageRect.fills as ImagePaint[])[0]!;
    expect(paint.scaleMode).toBe("CROP");
    expect(paint.imageHash).toBe("69c52b1c1f86a9cb9ebee87ee9326fab71a647d5");
    expect(paint.imageTransform![1][1]).toBeCloseTo(0.5629546642303467, 9);
    expect(fake.images.get(paint.imageHash!)!.source).toBe("rest-placeholder");
    const autoLayout = hero!.findAll((n) => n.type === "FRAME" && n.layoutMode !== "NONE") as FrameNode[];
    expect(autoLayout.length).toBeGreaterThan(0);
    expect(autoLayout.some((f) => f.itemSpacing > 0)).toBe(true);
    const instance = hero!.findOne((n) => n.type === "INSTANCE") as InstanceNode;
    const main = await instance.getMainComponentAsync();
    expect(main!.type).toBe("COMPONENT");
    expect(main!.remote).toBe(true);
    for (const n of hero!.findAll()) {
      const c = (n as RectangleNode).constraints;
      if (c) expect(["MIN", "MAX", "CENTER", "STRETCH", "SCALE"]).toContain(c.horizontal);
    }
  });

  it("links instances to components in the same document", async () => {
    const fake = createFigmaFake();
    fake.loadRestDocument(fixture("Hifumisama-Figma-Context-MCP__portfolio-home-1440__nodes.json"));
    const instances = fake.figma.currentPage.findAllWithCriteria({ types: ["INSTANCE"] });
    expect(instances.length).toBe(14);
    const mains = await Promise.all(instances.map((i) => i.getMainComponentAsync()));
    expect(mains.some((m) => m && !m.remote && m.parent !== null)).toBe(true);
  });

  it("loads an unknown node type as a frame-like node", () => {
    const fake = createFigmaFake();
    const [node] = fake.loadRestDocument({ id: "9:9", type: "STICKY", name: "note", absoluteBoundingBox: { x: 0, y: 0, width: 40, height: 30 } });
    expect(node!.type).toBe("FRAME");
    expect([node!.width, node!.height]).toEqual([40, 30]);
    expect(fake.serializeNode(node!)).toContain('"restType":"STICKY"');
  });

  it("puts nodes on a named page and renames ids that are taken", () => {
    const fake = createFigmaFake();
    const json = fixture("1yhy-Figma-Context-MCP__card-322x523__nodes.json");
    const [first] = fake.loadRestDocument(json);
    const [second] = fake.loadRestDocument(json, { pageName: "Copies" });
    expect(second!.parent!.name).toBe("Copies");
    expect(second!.id).not.toBe(first!.id);
  });

  it("renders supplied image bytes for an imageRef", async () => {
    const fake = createFigmaFake();
    const [rect] = fake.loadRestDocument(
      {
        id: "1:1",
        type: "RECTANGLE",
        name: "photo",
        absoluteBoundingBox: { x: 0, y: 0, width: 2, height: 2 },
        fills: [{ type: "IMAGE", scaleMode: "FILL", imageRef: "abc" }],
      },
      { images: { abc: encodePng(createRgbaImage(1, 1, [9, 8, 7, 255])) } },
    );
    const image = decodePng(await rect!.exportAsync());
    expect([...image.data.slice(0, 4)]).toEqual([9, 8, 7, 255]);
  });

  it("exports every top-level frame of the poster fixture with placeholder images", async () => {
    const fake = createFigmaFake();
    const [poster] = fake.loadRestDocument(fixture("fefeding-figma2html__marketing-campaign-poster-725x1000__frame-node.json"));
    const image = decodePng(await poster!.exportAsync({ format: "PNG", constraint: { type: "SCALE", value: 0.25 } }));
    expect([image.width, image.height]).toEqual([181, 250]);
    const opaque = image.data.filter((_, i) => i % 4 === 3 && image.data[i] === 255).length;
    expect(opaque).toBeGreaterThan(181 * 250 * 0.9);
  });

  it("rejects JSON that is not a Figma document", () => {
    const fake = createFigmaFake();
    expect(() => fake.loadRestDocument({ hello: 1 })).toThrow(/not a Figma REST document/);
  });
});
