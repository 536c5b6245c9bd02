/// <reference types="@figma/plugin-typings" />
import { beforeEach, describe, expect, it } from "vitest";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { exportReferencesAsync, REFERENCE_EDGE_PX } from "../../src/main/export-references.js";
import { installFigmaFake } from "./install-figma-fake.js";

beforeEach(() => {
  installFigmaFake();
});

/** A filled rectangle of `width × height` points on the current page. */
function rectangle(name: string, width: number, height: number): RectangleNode {
  const node = figma.createRectangle();
  node.name = name;
  node.resize(width, height);
  node.fills = [{ type: "SOLID", color: { r: 1, g: 0.2, b: 0 } }];
  return node;
}

describe("exportReferencesAsync", () => {
  it("exports the selection as PNGs, large layers scaled to 1,024 px on their longer side", async () => {
    const big = rectangle("Moodboard", 2048, 1024);
    const small = rectangle("Swatch", 200, 300);
    figma.currentPage.selection = [big, small];
    const { references, skipped } = await exportReferencesAsync(undefined, 16);
    expect(skipped).toEqual([]);
    expect(references.map((r) => [r.nodeId, r.name, r.width, r.height])).toEqual([
      [big.id, "Moodboard", REFERENCE_EDGE_PX, 512],
      [small.id, "Swatch", 200, 300],
    ]);
    const png = decodePng(references[0]!.png);
    expect([png.width, png.height]).toEqual([1024, 512]);
    // Real pixels: the rectangle's fill.
    expect([...png.data.subarray(0, 3)]).toEqual([255, 51, 0]);
  });

  it("exports a recipe's layers by id, names the ones that are gone, and keeps to the model's limit", async () => {
    const a = rectangle("A", 100, 100);
    const b = rectangle("B", 100, 100);
    const gone = rectangle("C", 100, 100);
    const goneId = gone.id;
    gone.remove();
    const { references, skipped } = await exportReferencesAsync([a.id, goneId, b.id], 1);
    expect(references.map((r) => r.nodeId)).toEqual([a.id]);
    expect(skipped).toEqual([`A reference layer (${goneId}) is no longer in the file.`, "“B” was left out: this model takes at most 1 reference."]);
  });
});
