/// <reference types="@figma/plugin-typings" />
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createFigmaFake } from "./create-figma-fake.js";
import { fixturePath } from "../fixtures/fixture-path.js";

const CARD = JSON.parse(readFileSync(fixturePath("figma-rest/1yhy-Figma-Context-MCP__card-322x523__nodes.json"), "utf8"));

function loadCard() {
  const fake = createFigmaFake();
  const [frame] = fake.loadRestDocument(CARD) as FrameNode[];
  return { fake, frame: frame! };
}

describe("serializeNode", () => {
  it("gives the same string for the same subtree, across fakes", () => {
    const a = loadCard();
    const b = loadCard();
    const first = a.fake.serializeNode(a.frame);
    expect(a.fake.serializeNode(a.frame)).toBe(first);
    expect(b.fake.serializeNode(b.frame)).toBe(first);
    expect(first).toContain('"id":"409:3528"');
  });

  it("is unchanged by reads, exports and clones elsewhere", async () => {
    const { fake, frame } = loadCard();
    const before = fake.serializeNode(frame);
    frame.findAll();
    void frame.absoluteBoundingBox;
    await frame.exportAsync({ format: "PNG", constraint: { type: "SCALE", value: 0.25 } });
    const copy = frame.clone();
    copy.x += 500;
    (copy.findOne((n) => n.type === "TEXT") as TextNode).setPluginData("k", "v");
    expect(fake.serializeNode(frame)).toBe(before);
  });

  it("changes when a nested property, plugin data or relaunch data changes", () => {
    const { fake, frame } = loadCard();
    const base = fake.serializeNode(frame);
    const vector = frame.findOne((n) => n.type === "VECTOR") as VectorNode;
    const changes: Array<[string, () => void, () => void]> = [
      ["opacity", () => (vector.opacity = 0.5), () => (vector.opacity = 1)],
      ["x", () => (vector.x += 1), () => (vector.x -= 1)],
      ["fills", () => (vector.fills = []), () => undefined],
    ];
    for (const [label, change] of changes) {
      change();
      expect(fake.serializeNode(frame), label).not.toBe(base);
    }
    const after = fake.serializeNode(frame);
    frame.setPluginData("brandfill", "1");
    const withData = fake.serializeNode(frame);
    expect(withData).not.toBe(after);
    vector.setRelaunchData({ open: "Open" });
    expect(fake.serializeNode(frame)).not.toBe(withData);
  });

  it("writes keys in sorted order and mixed values as a marker", () => {
    const fake = createFigmaFake();
    const rect = fake.figma.createRectangle();
    rect.topLeftRadius = 3;
    const text = fake.serializeNode(rect);
    expect(text).toContain('"cornerRadius":"<mixed>"');
    const keys = Object.keys(JSON.parse(text));
    expect(keys).toEqual([...keys].sort());
  });
});
