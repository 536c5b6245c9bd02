import type { Box, ConstraintType, LayoutElement } from "../frame-spec/frame-spec.js";
import { finishProposals, type Placement, type PlacementContext, type Proposal } from "./placement.js";

/**
 * Places elements by their Figma constraints, the way Figma resizes a frame, after first scaling
 * the whole design uniformly so it fits the safe area (`s = min(areaW / w, areaH / h)`; a frame
 * twice as large gets twice as large type). The remaining extra space along one axis is then
 * shared out per constraint: MIN keeps the offset from the left/top, MAX from the right/bottom,
 * CENTER the offset from the centre, STRETCH keeps both offsets and grows, SCALE keeps position
 * and size as fractions of the frame. Figma's constraint semantics: plugin API `Constraints`.
 *
 * Only sensible when the target's aspect is close to the source's; the caller decides that.
 */
export function placeByConstraints(items: readonly LayoutElement[], ctx: PlacementContext): Placement {
  const frame = uniformFrame(ctx);
  return finishProposals(
    items.map((e) => constrain(e, frame, ctx.area)),
    ctx,
  );
}

/**
 * Re-runs the frame's auto layout (HORIZONTAL or VERTICAL) in the safe area: paddings, item
 * spacing and children scaled uniformly by `s` as in {@link placeByConstraints}, children stacked
 * along the primary axis in layer order and aligned by `primaryAxisAlignItems` (MIN, CENTER, MAX,
 * SPACE_BETWEEN) and `counterAxisAlignItems` (MIN, CENTER, MAX; BASELINE as MIN). Children with
 * absolute positioning keep their constraints. A dropped child closes up the stack, as in Figma.
 *
 * @throws Error when the frame has no HORIZONTAL or VERTICAL auto layout.
 */
export function placeByAutoLayout(items: readonly LayoutElement[], ctx: PlacementContext): Placement {
  const layout = ctx.spec.autoLayout;
  if (!layout || layout.mode === "GRID") throw new Error("This frame has no row or column auto layout to re-run.");
  const frame = uniformFrame(ctx);
  const { s, area } = frame;
  const horizontal = layout.mode === "HORIZONTAL";
  // Layers taken out of a nested container are not in the frame's own stack: they keep their constraints.
  const flowing = items.filter((e) => e.layoutPositioning === "AUTO" && !e.parentId);
  const padStart = (horizontal ? layout.paddingLeft : layout.paddingTop) * s;
  const padEnd = (horizontal ? layout.paddingRight : layout.paddingBottom) * s;
  const padCrossStart = (horizontal ? layout.paddingTop : layout.paddingLeft) * s;
  const padCrossEnd = (horizontal ? layout.paddingBottom : layout.paddingRight) * s;
  const mainLength = (horizontal ? area.width : area.height) - padStart - padEnd;
  const crossLength = (horizontal ? area.height : area.width) - padCrossStart - padCrossEnd;
  const lengths = flowing.map((e) => (horizontal ? e.box.width : e.box.height) * s);
  const total = lengths.reduce((a, b) => a + b, 0);
  const n = flowing.length;
  let gap = layout.itemSpacing * s;
  let offset = 0;
  const free = mainLength - total - gap * Math.max(0, n - 1);
  if (layout.primaryAxisAlignItems === "SPACE_BETWEEN") {
    gap = n > 1 ? (mainLength - total) / (n - 1) : 0;
  } else if (layout.primaryAxisAlignItems === "CENTER") {
    offset = free / 2;
  } else if (layout.primaryAxisAlignItems === "MAX") {
    offset = free;
  }
  const proposals: Proposal[] = [];
  let cursor = padStart + offset;
  flowing.forEach((e, i) => {
    const length = lengths[i]!;
    const cross = (horizontal ? e.box.height : e.box.width) * s;
    const align = layout.counterAxisAlignItems;
    const crossOffset = align === "CENTER" ? (crossLength - cross) / 2 : align === "MAX" ? crossLength - cross : 0;
    const main0 = cursor;
    const cross0 = padCrossStart + crossOffset;
    const box: Box = horizontal ? { x: area.x + main0, y: area.y + cross0, width: length, height: cross } : { x: area.x + cross0, y: area.y + main0, width: cross, height: length };
    proposals.push({ element: e, box, scale: s });
    cursor += length + gap;
  });
  const placed = new Map(proposals.map((p) => [p.element.id, p]));
  const ordered = items.map((e) => placed.get(e.id) ?? constrain(e, frame, area));
  return finishProposals(ordered, ctx);
}

interface UniformFrame {
  readonly s: number;
  readonly area: Box;
  readonly sourceWidth: number;
  readonly sourceHeight: number;
}

function uniformFrame(ctx: PlacementContext): UniformFrame {
  const { width, height } = ctx.spec;
  const s = Math.min(ctx.area.width / width, ctx.area.height / height);
  return { s, area: ctx.area, sourceWidth: width, sourceHeight: height };
}

function constrain(e: LayoutElement, frame: UniformFrame, area: Box): Proposal {
  const [x, width] = axis(e.box.x, e.box.width, e.constraints.horizontal, frame.s, area.width, frame.sourceWidth);
  const [y, height] = axis(e.box.y, e.box.height, e.constraints.vertical, frame.s, area.height, frame.sourceHeight);
  return { element: e, box: { x: area.x + x, y: area.y + y, width, height }, scale: frame.s };
}

/** One axis of Figma's constraint resize: returns [offset, length] in the target area, points. */
function axis(pos: number, len: number, c: ConstraintType, s: number, targetLen: number, sourceLen: number): [number, number] {
  const extra = targetLen - sourceLen * s;
  switch (c) {
    case "MIN":
      return [pos * s, len * s];
    case "MAX":
      return [pos * s + extra, len * s];
    case "CENTER":
      return [pos * s + extra / 2, len * s];
    case "STRETCH":
      return [pos * s, len * s + extra];
    case "SCALE": {
      const k = targetLen / sourceLen;
      return [pos * k, len * k];
    }
  }
}
