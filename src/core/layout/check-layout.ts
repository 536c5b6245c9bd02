import type { FrameSpec } from "../frame-spec/frame-spec.js";
import { boxesOverlap, boxInside, safeArea } from "./box-geometry.js";
import { estimateTextBlock, isFlowText, MIN_FONT_SIZE, textMetricsOf } from "./estimate-text-block.js";
import type { LayoutResult, LayoutTarget } from "./layout-result.js";

/** Slack, in points, for rounding to 1/100 pt. */
const EPS = 0.02;

/**
 * Lists every rule a layout breaks, one sentence each (empty when it is sound):
 * - every source element is placed or reported dropped (once), a dropped logo, headline or
 *   button comes with a warning;
 * - backgrounds cover the frame; every other element lies inside the frame and outside the
 *   target's safe zones;
 * - no two non-background elements overlap unless they overlapped in `sourceSpec`;
 * - no text is under 8 pt, nor any text inside a group or button (`minFontSize` × its scale);
 * - no text overflows its box: characters × font size × average advance, wrapped to the box
 *   width, × line height (see `estimateTextBlock`, calibrated on the source box) must fit.
 *
 * @param result the layout to check (points).
 * @param target the size it was made for, with its safe zone.
 * @param sourceSpec the FrameSpec it was made from.
 */
export function checkLayout(result: LayoutResult, target: LayoutTarget, sourceSpec: FrameSpec): string[] {
  const out: string[] = [];
  const size = `${target.width}×${target.height}`;
  const source = new Map(sourceSpec.elements.map((e) => [e.id, e]));
  const frame = { x: 0, y: 0, width: target.width, height: target.height };
  const area = safeArea(target);
  const name = (id: string) => {
    const e = source.get(id);
    return e ? `${e.role} "${e.name}"` : `unknown element ${id}`;
  };

  const seen = new Map<string, number>();
  for (const id of [...result.elements.map((e) => e.id), ...result.dropped.map((d) => d.id)]) seen.set(id, (seen.get(id) ?? 0) + 1);
  for (const e of sourceSpec.elements) {
    const n = seen.get(e.id) ?? 0;
    if (n === 0) out.push(`The ${name(e.id)} is neither placed nor reported as dropped.`);
    if (n > 1) out.push(`The ${name(e.id)} appears ${n} times among placed and dropped elements.`);
  }
  for (const id of seen.keys()) if (!source.has(id)) out.push(`Element ${id} is not in the source frame.`);
  for (const d of result.dropped) {
    if ((d.role === "logo" || d.role === "headline" || d.role === "cta") && !result.warnings.some((w) => w.includes(`"${d.name}"`))) {
      out.push(`The ${name(d.id)} was dropped without a warning.`);
    }
  }

  const placed = result.elements.filter((e) => source.has(e.id));
  for (const p of placed) {
    const e = source.get(p.id)!;
    const b = p.box;
    const at = `${round(b.width)}×${round(b.height)} at (${round(b.x)}, ${round(b.y)})`;
    if (e.role === "background") {
      if (!boxInside(frame, b, EPS)) out.push(`The ${name(p.id)} (${at}) does not cover the ${size} frame.`);
      continue;
    }
    if (!boxInside(b, frame, EPS)) out.push(`The ${name(p.id)} (${at}) reaches outside the ${size} frame.`);
    else if (!boxInside(b, area, EPS)) out.push(`The ${name(p.id)} (${at}) reaches into a safe zone of ${size}.`);
    if (p.fontSize !== undefined && p.fontSize < MIN_FONT_SIZE - 1e-9) {
      out.push(`The ${name(p.id)} is set at ${round(p.fontSize)} px, below the ${MIN_FONT_SIZE} px minimum.`);
    } else if (!isFlowText(e) && e.minFontSize !== undefined && e.minFontSize * p.scale < MIN_FONT_SIZE - EPS) {
      // A group keeps its texts' proportions: its smallest one (the scale is rounded to 1/10,000) must stay legible too.
      out.push(`The ${name(p.id)} shows text at ${round(e.minFontSize * p.scale)} px, below the ${MIN_FONT_SIZE} px minimum.`);
    }
    if (isFlowText(e)) {
      if (p.fontSize === undefined) out.push(`The ${name(p.id)} is a text but has no font size.`);
      else {
        const block = estimateTextBlock(e.text!.characters, p.fontSize, b.width + EPS, textMetricsOf(e));
        if (block.width > b.width + EPS || block.height > b.height + EPS) {
          out.push(
            `The ${name(p.id)} overflows its ${round(b.width)}×${round(b.height)} box at ${round(p.fontSize)} px (needs about ${round(block.width)}×${round(block.height)}).`,
          );
        }
      }
    }
  }

  const others = placed.filter((p) => source.get(p.id)!.role !== "background");
  for (let i = 0; i < others.length; i++) {
    for (let j = i + 1; j < others.length; j++) {
      const a = others[i]!;
      const b = others[j]!;
      if (boxesOverlap(a.box, b.box, EPS) && !boxesOverlap(source.get(a.id)!.box, source.get(b.id)!.box)) {
        out.push(`The ${name(a.id)} overlaps the ${name(b.id)}, which it does not in the source.`);
      }
    }
  }
  return out;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
