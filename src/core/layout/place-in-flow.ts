import type { Box, LayoutElement } from "../frame-spec/frame-spec.js";
import { insetBox } from "./box-geometry.js";
import { estimateTextBlock, isFlowText, MIN_FONT_SIZE, smallestFontSize, textMetricsOf, type TextBlock } from "./estimate-text-block.js";
import type { PlacedElement } from "./layout-result.js";
import { minVisibleSide, placeRigid, placeText, type Placement, type PlacementContext, type PlacementProblem } from "./placement.js";

/** Margin and gap of a flow layout as a fraction of the safe area's shorter side, clamped to 2–40 pt. */
const MARGIN_SHARE = 0.04;
/** Space under a text before the next one in a stack, as a fraction of its font size. */
const TEXT_GAP = 0.25;
/** A column spreads its items apart by at most this share of its height per gap (then centres the stack). */
const MAX_COLUMN_GAP_SHARE = 0.08;
/** A decoration shrinks to no less than this share of the reference scale; below it, it goes. */
const MIN_DECORATION_SHARE = 0.25;
/** In a row a text may wrap into this many lines, or as many as it had in the source if more. */
const MAX_ROW_LINES = 3;
/**
 * Banner height each line of a text in a row needs: a 50 pt mobile banner holds one line per
 * text, a 90 pt leaderboard two. Past that a banner reads as a wall of small type.
 */
const ROW_LINE_PITCH = 40;

/**
 * Places elements side by side (`row`: leaderboards, mobile banners) or stacked (`column`:
 * skyscrapers, stories), ignoring their source positions: logos first, buttons last, the rest
 * in source reading order along the axis. In a row the texts share one column (headline over
 * body) that takes the width the other elements leave.
 *
 * Sizes follow one factor `k ∈ [0, 1]`, the largest that fits, found by bisection: a picture
 * (image, logo, button, group) is scaled by `sRef·k` (`sRef = √(area / source area)`) but no
 * larger than the safe area and no smaller than legibility allows (its smallest text ≥ 8 pt, its longer
 * side ≥ `minVisibleSide`, a decoration ≥ ¼·sRef); a text is set at `max(8, size·sRef·k)` and
 * wrapped (in a row into one line per 40 pt of height, at most 3 or its source line count).
 * Fitting is monotone in `k`
 * (everything shrinks or holds as `k` falls), so bisection finds the largest fit.
 *
 * Items that cannot fit even alone at their minimum are reported as `illegible` / `too-small`;
 * when all fit alone but not together, every item is reported `no-room` and the caller drops one.
 */
export function placeInFlow(direction: "row" | "column", items: readonly LayoutElement[], ctx: PlacementContext): Placement {
  if (items.length === 0) return { elements: [], problems: [] };
  const margin = Math.min(40, Math.max(2, MARGIN_SHARE * Math.min(ctx.area.width, ctx.area.height)));
  const area = insetBox(ctx.area, margin);
  if (area.width <= 0 || area.height <= 0) return { elements: [], problems: items.map((e) => ({ id: e.id, kind: "no-room" as const })) };
  const sRef = Math.sqrt((area.width * area.height) / (ctx.spec.width * ctx.spec.height));

  const floor = (e: LayoutElement) => minScale(e, area, sRef);
  const alone = items.flatMap((e) => aloneProblem(e, area, floor(e), direction === "row" && isFlowText(e) ? rowLines(e, area) : Infinity));
  if (alone.length > 0) return { elements: [], problems: alone };

  const flow: Flow = { sRef, area, gap: margin, floor };
  const slots = orderSlots(direction, items);
  const measure = (k: number) => (direction === "row" ? measureRow(slots, k, flow) : measureColumn(slots, k, flow));
  let k = 1;
  if (!measure(1).fits) {
    if (!measure(0).fits) return { elements: [], problems: items.map((e) => ({ id: e.id, kind: "no-room" as const })) };
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (measure(mid).fits) lo = mid;
      else hi = mid;
    }
    k = lo;
  }
  const placed = measure(k).place();
  const byId = new Map(placed.map((p) => [p.id, p]));
  return { elements: items.map((e) => byId.get(e.id)!), problems: [] };
}

interface Flow {
  readonly sRef: number;
  /** The safe area less the margin. */
  readonly area: Box;
  readonly gap: number;
  readonly floor: (e: LayoutElement) => number;
}

type Slot = { kind: "picture"; element: LayoutElement } | { kind: "texts"; elements: LayoutElement[] };

interface Measured {
  fits: boolean;
  place: () => PlacedElement[];
}

/**
 * Reading order along the axis, logos first, buttons last; in a row the texts merge into one slot.
 * Elements that share a band across the axis (a headline beside a photo, seen from a column)
 * keep their order across it, so a left-to-right pair stays in that order when stacked.
 */
function orderSlots(direction: "row" | "column", items: readonly LayoutElement[]): Slot[] {
  const span = (e: LayoutElement) => (direction === "row" ? [e.box.x, e.box.width] : [e.box.y, e.box.height]) as [number, number];
  const cross = (e: LayoutElement) => (direction === "row" ? e.box.y + e.box.height / 2 : e.box.x + e.box.width / 2);
  const byStart = items.map((e, i) => ({ e, i })).sort((a, b) => span(a.e)[0] - span(b.e)[0] || a.i - b.i);
  const bands: { end: number; members: { e: LayoutElement; i: number }[] }[] = [];
  for (const item of byStart) {
    const [start, length] = span(item.e);
    const band = bands[bands.length - 1];
    // Joins the band when at least half of it lies within the band's extent so far.
    if (band && band.end - start >= length / 2 && length > 0) {
      band.members.push(item);
      band.end = Math.max(band.end, start + length);
    } else {
      bands.push({ end: start + length, members: [item] });
    }
  }
  const sorted = bands.flatMap((b) => b.members.sort((p, q) => cross(p.e) - cross(q.e) || p.i - q.i).map((m) => m.e));
  const rank = (e: LayoutElement) => (e.role === "logo" ? 0 : e.role === "cta" ? 2 : 1);
  const ordered = [0, 1, 2].flatMap((r) => sorted.filter((e) => rank(e) === r));
  const slots: Slot[] = [];
  let texts: Slot | null = null;
  for (const e of ordered) {
    if (!isFlowText(e)) slots.push({ kind: "picture", element: e });
    else if (direction === "column") slots.push({ kind: "texts", elements: [e] });
    else if (texts && texts.kind === "texts") texts.elements.push(e);
    else slots.push((texts = { kind: "texts", elements: [e] }));
  }
  return slots;
}

function minScale(e: LayoutElement, area: Box, sRef: number): number {
  const smallest = smallestFontSize(e);
  if (smallest !== undefined) return MIN_FONT_SIZE / smallest;
  if (e.role === "decoration") return MIN_DECORATION_SHARE * sRef;
  const side = Math.max(e.box.width, e.box.height);
  return side > 0 ? minVisibleSide(e, area) / side : 0;
}

function maxScale(e: LayoutElement, area: Box): number {
  return Math.min(e.box.width > 0 ? area.width / e.box.width : Infinity, e.box.height > 0 ? area.height / e.box.height : Infinity);
}

function pictureScale(e: LayoutElement, k: number, flow: Flow): number {
  return Math.max(flow.floor(e), Math.min(flow.sRef * k, maxScale(e, flow.area)));
}

function textFont(e: LayoutElement, k: number, sRef: number): number {
  return Math.max(MIN_FONT_SIZE, e.text!.fontSize * sRef * k);
}

/** An element that cannot fit the area even alone at its smallest legible size (a text within `maxLines`). */
function aloneProblem(e: LayoutElement, area: Box, floor: number, maxLines: number): PlacementProblem[] {
  if (isFlowText(e)) {
    const metrics = textMetricsOf(e);
    const fits = (font: number) => {
      const block = estimateTextBlock(e.text!.characters, font, area.width, metrics);
      return block.width <= area.width + 1e-6 && block.height <= area.height + 1e-6 && block.lines <= maxLines;
    };
    if (fits(MIN_FONT_SIZE)) return [];
    let lo = 0;
    for (let hi = MIN_FONT_SIZE; hi - lo > 0.01; ) {
      const mid = (lo + hi) / 2;
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    return [{ id: e.id, kind: "illegible", fontSize: lo }];
  }
  const cap = maxScale(e, area);
  if (floor <= cap + 1e-12) return [];
  const smallest = smallestFontSize(e);
  if (smallest !== undefined) return [{ id: e.id, kind: "illegible", fontSize: smallest * cap }];
  return [{ id: e.id, kind: "too-small", size: { width: e.box.width * cap, height: e.box.height * cap } }];
}

interface TextStack {
  blocks: { element: LayoutElement; font: number; block: TextBlock }[];
  width: number;
  height: number;
}

function stackTexts(elements: readonly LayoutElement[], k: number, sRef: number, width: number): TextStack {
  const blocks = elements.map((element) => {
    const font = textFont(element, k, sRef);
    return { element, font, block: estimateTextBlock(element.text!.characters, font, width, textMetricsOf(element)) };
  });
  const gaps = blocks.slice(0, -1).reduce((a, b) => a + TEXT_GAP * b.font, 0);
  return {
    blocks,
    width: Math.max(0, ...blocks.map((b) => b.block.width)),
    height: blocks.reduce((a, b) => a + b.block.height, 0) + gaps,
  };
}

/** Lines a text may take in a row of the area's height. */
function rowLines(e: LayoutElement, area: Box): number {
  return Math.max(1, Math.min(Math.floor(area.height / ROW_LINE_PITCH), Math.max(MAX_ROW_LINES, sourceLines(e))));
}

/** Lines a text had in its source box, by the same estimate. */
function sourceLines(e: LayoutElement): number {
  return estimateTextBlock(e.text!.characters, e.text!.fontSize, e.box.width, textMetricsOf(e)).lines;
}

function placeStack(stack: TextStack, x: number, y: number): PlacedElement[] {
  let top = y;
  return stack.blocks.map(({ element, font, block }) => {
    const p = placeText(element, { x, y: top, width: block.width, height: block.height }, font);
    top += block.height + TEXT_GAP * font;
    return p;
  });
}

function measureRow(slots: readonly Slot[], k: number, flow: Flow): Measured {
  const { sRef, area, gap } = flow;
  const pictures = slots.map((s) => (s.kind === "picture" ? pictureScale(s.element, k, flow) : 0));
  const pictureWidth = slots.reduce((a, s, i) => a + (s.kind === "picture" ? s.element.box.width * pictures[i]! : 0), 0);
  const gaps = gap * (slots.length - 1);
  const textSlot = slots.find((s) => s.kind === "texts");
  const room = area.width - pictureWidth - gaps;
  const stack = textSlot && textSlot.kind === "texts" && room > 0 ? stackTexts(textSlot.elements, k, sRef, room) : null;
  const fits = textSlot
    ? !!stack && stack.width <= room + 1e-6 && stack.height <= area.height + 1e-6 && stack.blocks.every((b) => b.block.lines <= rowLines(b.element, area))
    : room >= -1e-6;
  return {
    fits,
    place: () => {
      const widths = slots.map((s, i) => (s.kind === "picture" ? s.element.box.width * pictures[i]! : stack!.width));
      const free = area.width - widths.reduce((a, b) => a + b, 0);
      const spacing = slots.length > 1 ? free / (slots.length - 1) : 0;
      let x = area.x + (slots.length > 1 ? 0 : free / 2);
      return slots.flatMap((s, i) => {
        const left = x;
        x += widths[i]! + spacing;
        if (s.kind === "texts") return placeStack(stack!, left, area.y + (area.height - stack!.height) / 2);
        const scale = pictures[i]!;
        const h = s.element.box.height * scale;
        return [placeRigid(s.element, { x: left, y: area.y + (area.height - h) / 2, width: widths[i]!, height: h }, scale)];
      });
    },
  };
}

function measureColumn(slots: readonly Slot[], k: number, flow: Flow): Measured {
  const { sRef, area, gap } = flow;
  const sized = slots.map((s) => {
    if (s.kind === "picture") {
      const scale = pictureScale(s.element, k, flow);
      return { slot: s, scale, stack: null, width: s.element.box.width * scale, height: s.element.box.height * scale };
    }
    const stack = stackTexts(s.elements, k, sRef, area.width);
    return { slot: s, scale: 0, stack, width: stack.width, height: stack.height };
  });
  const total = sized.reduce((a, s) => a + s.height, 0);
  const fits = total + gap * (slots.length - 1) <= area.height + 1e-6 && sized.every((s) => s.width <= area.width + 1e-6);
  return {
    fits,
    place: () => {
      const n = sized.length;
      const spacing = n > 1 ? Math.min((area.height - total) / (n - 1), Math.max(gap, MAX_COLUMN_GAP_SHARE * area.height)) : 0;
      let y = area.y + (area.height - total - spacing * (n - 1)) / 2;
      return sized.flatMap((s) => {
        const top = y;
        y += s.height + spacing;
        const x = area.x + (area.width - s.width) / 2;
        if (s.stack) return placeStack(s.stack, x, top);
        const e = (s.slot as { element: LayoutElement }).element;
        return [placeRigid(e, { x, y: top, width: s.width, height: s.height }, s.scale)];
      });
    },
  };
}
