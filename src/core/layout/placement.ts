import type { Box, FrameSpec, LayoutElement } from "../frame-spec/frame-spec.js";
import { boxesOverlap, boxInside } from "./box-geometry.js";
import { fitFontSize, isFlowText, MIN_FONT_SIZE, smallestFontSize, textMetricsOf } from "./estimate-text-block.js";
import type { LayoutTarget, PlacedElement } from "./layout-result.js";

/**
 * A logo or button whose longer side would be under this many points is not worth keeping (a
 * 10 pt logo is a smudge).
 */
export const MIN_VISIBLE_SIDE = 16;
/** A product image must show at least this long a side, or 3/4 of the safe area's shorter side if that is less. */
export const MIN_IMAGE_SIDE = 48;

/**
 * The smallest longer side, in points, an element without text may shrink to in `area`:
 * 16 pt for logos, buttons and groups; for a product image 48 pt (or ¾ of the area's shorter
 * side in a banner too thin for that); none for decorations.
 */
export function minVisibleSide(element: LayoutElement, area: Box): number {
  if (element.role === "decoration") return 0;
  if (element.role === "image") return Math.max(MIN_VISIBLE_SIDE, Math.min(MIN_IMAGE_SIDE, 0.75 * Math.min(area.width, area.height)));
  return MIN_VISIBLE_SIDE;
}

/** What one placement attempt needs: the source, the target and its safe area (points). */
export interface PlacementContext {
  readonly spec: FrameSpec;
  readonly target: LayoutTarget;
  /** The target frame minus its safe zones. */
  readonly area: Box;
}

/**
 * Something wrong with an attempt, naming the element at fault:
 * `illegible`/`too-small` (the element itself cannot be kept legibly), `no-room` (not everything
 * fits; `id` is any of the contenders), `outside` (it leaves the safe area), `overlap` (it now
 * overlaps `otherId`, which it did not in the source).
 */
export interface PlacementProblem {
  readonly id: string;
  readonly kind: "illegible" | "too-small" | "no-room" | "outside" | "overlap";
  /** The font size (points) it would have had, for `illegible`. */
  readonly fontSize?: number;
  /** The size (points) it would have had, for `too-small`. */
  readonly size?: { readonly width: number; readonly height: number };
  readonly otherId?: string;
}

/** An attempt's output: placed non-background elements (paint order) and what went wrong. */
export interface Placement {
  readonly elements: PlacedElement[];
  readonly problems: PlacementProblem[];
}

/** One layout strategy: places `items` (non-background elements of `ctx.spec`) or reports problems. */
export type PlaceFunction = (items: readonly LayoutElement[], ctx: PlacementContext) => Placement;

/** A proposed box and content scale for one element, before text fitting and checks. */
export interface Proposal {
  readonly element: LayoutElement;
  readonly box: Box;
  /** Uniform content scale; for a text, the scale its font may grow to at most. */
  readonly scale: number;
}

/** A non-text element (or a text kept as a picture) scaled uniformly into `box`. */
export function placeRigid(element: LayoutElement, box: Box, scale: number): PlacedElement {
  return {
    id: element.id,
    name: element.name,
    role: element.role,
    box,
    ...(element.text ? { fontSize: element.text.fontSize * scale } : {}),
    scale,
  };
}

/** A text layer set at `fontSize` points in `box`. */
export function placeText(element: LayoutElement, box: Box, fontSize: number): PlacedElement {
  return { id: element.id, name: element.name, role: element.role, box, fontSize, scale: fontSize / element.text!.fontSize };
}

/**
 * Finishes a geometry-preserving attempt (constraints, auto layout, anchored): fits each text's
 * font into its box (never above `scale × source size`), then reports texts under 8 pt (in a
 * group or button: its smallest text, `minFontSize`), logos,
 * images or buttons under {@link minVisibleSide}, elements leaving the safe area, and pairs
 * that overlap now but did not in the source.
 */
export function finishProposals(proposals: readonly Proposal[], ctx: PlacementContext): Placement {
  const problems: PlacementProblem[] = [];
  const elements = proposals.map(({ element, box, scale }): PlacedElement => {
    if (isFlowText(element)) {
      const font = fitFontSize(element.text!.characters, element.text!.fontSize * scale, box, textMetricsOf(element));
      if (font < MIN_FONT_SIZE) problems.push({ id: element.id, kind: "illegible", fontSize: font });
      return placeText(element, box, Math.max(font, 1e-3));
    }
    const placed = placeRigid(element, box, scale);
    // A group or button is as legible as the smallest text in it.
    const smallest = smallestFontSize(element);
    if (smallest !== undefined && smallest * scale < MIN_FONT_SIZE) {
      problems.push({ id: element.id, kind: "illegible", fontSize: smallest * scale });
    } else if (!element.text && Math.max(box.width, box.height) < minVisibleSide(element, ctx.area) - 1e-9) {
      problems.push({ id: element.id, kind: "too-small", size: { width: box.width, height: box.height } });
    }
    return placed;
  });
  for (const p of elements) {
    if (!boxInside(p.box, ctx.area, 1e-6)) problems.push({ id: p.id, kind: "outside" });
  }
  for (let i = 0; i < proposals.length; i++) {
    for (let j = i + 1; j < proposals.length; j++) {
      const a = proposals[i]!;
      const b = proposals[j]!;
      if (boxesOverlap(elements[i]!.box, elements[j]!.box, 1e-6) && !boxesOverlap(a.element.box, b.element.box)) {
        problems.push({ id: a.element.id, kind: "overlap", otherId: b.element.id });
      }
    }
  }
  return { elements, problems };
}
