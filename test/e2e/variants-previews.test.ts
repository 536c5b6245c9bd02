import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { variantsCommandAsync } from "../../src/cli/variants-command.js";
import { classifyRoles, collectTexts } from "../../src/core/frame-spec/classify-role.js";
import type { SpecNode } from "../../src/core/frame-spec/spec-node.js";
import { AD_SIZE_PRESETS } from "../../src/core/layout/ad-sizes.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { FIGMA_REST_DIR, loadRealFrames } from "../core/layout/real-frames.js";

const OUT = "test-output/variants-previews";
const frames = loadRealFrames();

interface SizeLine {
  size: string;
  preset: string;
  layout: string;
  preview: string;
  dropped: string[];
  warnings: string[];
  violations: number;
}

/** Every layer in a subtree (the node itself excluded) that reads as a button where it sits. */
function buttonsInside(node: SpecNode, frame: { width: number; height: number }, largestFont: number): SpecNode[] {
  const visible = node.children.filter((c) => c.visible);
  const roles = classifyRoles(visible, frame, largestFont);
  return visible.flatMap((c, i) => [...(roles[i] === "cta" && c.type !== "TEXT" ? [c] : []), ...buttonsInside(c, frame, largestFont)]);
}

function find(node: SpecNode, id: string): SpecNode | undefined {
  if (node.id === id) return node;
  for (const c of node.children) {
    const hit = find(c, id);
    if (hit) return hit;
  }
  return undefined;
}

// The `brandfill variants` command on every ad-like frame of the real Figma files, at every preset
// size, layout only (no model): what a designer gets is a layout JSON and a preview PNG per size.
const results = new Map<string, SizeLine[]>();
beforeAll(async () => {
  const presets = AD_SIZE_PRESETS.map((p) => p.id).join(",");
  for (const frame of frames) {
    const lines: SizeLine[] = [];
    const code = await variantsCommandAsync(
      ["--frame", join(FIGMA_REST_DIR, frame.file), "--node", frame.id, "--sizes", presets, "--out", join(OUT, frame.id.replace(/[^0-9a-z-]/gi, "_")), "--layout-only"],
      { stdout: (line) => lines.push(JSON.parse(line) as SizeLine), stderr: () => {} },
    );
    expect(code).toBe(0);
    results.set(frame.id, lines);
  }
}, 300_000);

describe.each(frames.map((f) => [`${f.name} (${f.spec.width}×${f.spec.height})`, f] as const))("variants of %s", (_, frame) => {
  it("never merges a button into a headline or any other element, at any preset size", () => {
    const largest = Math.max(0, ...collectTexts(frame.root).map((t) => t.fontSize));
    const size = { width: frame.spec.width, height: frame.spec.height };
    for (const e of frame.spec.elements) {
      // A button's own label and an opened panel's (removed) children are not merged buttons.
      if (e.role === "cta" || e.opened) continue;
      const node = find(frame.root, e.id)!;
      expect(buttonsInside(node, size, largest).map((b) => `${b.name} inside ${e.role} "${e.name}"`)).toEqual([]);
    }
  });

  it("reports every dropped element, warns about lost content, breaks no layout rule and writes a preview PNG per size", async () => {
    const lines = results.get(frame.id)!;
    expect(lines.map((l) => l.preset)).toEqual(AD_SIZE_PRESETS.map((p) => p.id));
    for (const line of lines) {
      const doc = JSON.parse(readFileSync(line.layout, "utf8")) as {
        elements: { id: string }[];
        dropped: { id: string; role: string; name: string; reason: string }[];
        warnings: string[];
        violations: string[];
      };
      expect(doc.violations, `${line.preset}`).toEqual([]);
      const seen = [...doc.elements.map((e) => e.id), ...doc.dropped.map((d) => d.id)].sort();
      expect(seen, `${line.preset}: every layer placed or dropped once`).toEqual(frame.spec.elements.map((e) => e.id).sort());
      for (const d of doc.dropped) {
        expect(d.reason).toContain(`"${d.name}" dropped:`);
        if (d.role !== "decoration")
          expect(
            doc.warnings.some((w) => w.includes(`"${d.name}"`)),
            `${line.preset}: ${d.reason}`,
          ).toBe(true);
      }
      expect(line.dropped).toEqual(doc.dropped.map((d) => d.reason));

      expect(existsSync(line.preview)).toBe(true);
      const [w, h] = line.size.split("x").map(Number);
      const meta = await sharp(line.preview).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", w, h]);
    }
  });

  it("draws each kept layer into its preview", () => {
    // The medium rectangle: at the centre of every kept box the preview is not the plain grey.
    const line = results.get(frame.id)!.find((l) => l.preset === "iab-medium-rectangle")!;
    const doc = JSON.parse(readFileSync(line.layout, "utf8")) as { elements: { id: string; role: string; box: { x: number; y: number; width: number; height: number } }[] };
    const png = decodePng(readFileSync(line.preview));
    for (const e of doc.elements.filter((x) => x.role !== "background" && x.role !== "decoration" && x.box.width >= 4 && x.box.height >= 4)) {
      const edge = (Math.floor(e.box.y + 1) * png.width + Math.floor(e.box.x + 1)) * 4;
      expect([...png.data.subarray(edge, edge + 3)], `${e.role} ${e.id}`).not.toEqual([214, 214, 218]);
    }
  });
});
