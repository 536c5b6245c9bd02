// valibot (imported as a namespace, tree-shaken): layouts travel through the sandbox bundle, where every kilobyte counts.
import * as v from "valibot";
import { Box, ElementRole } from "../frame-spec/frame-spec.js";
import { FiniteNumber } from "../schema/finite-number.js";
import { PositiveNumber } from "../schema/positive-number.js";

/** A fraction 0–1. */
const Fraction = v.pipe(FiniteNumber, v.minValue(0), v.maxValue(1));

/** Safe-zone insets as fractions (0–1): `top`/`bottom` of the height, `left`/`right` of the width. */
export const SafeZoneSchema = v.object({ top: Fraction, bottom: Fraction, left: Fraction, right: Fraction });

/** The size to lay a frame out for, in points, with the placement's safe zone when it has one. */
export const LayoutTarget = v.object({
  width: PositiveNumber,
  height: PositiveNumber,
  safeZone: v.optional(SafeZoneSchema),
});
export type LayoutTarget = v.InferOutput<typeof LayoutTarget>;

/**
 * How a layout was made:
 * - `constraints`: each child's Figma constraints applied after a uniform scale (aspect close to the source);
 * - `auto-layout`: the frame's auto layout re-run as a stack (aspect close to the source);
 * - `anchored`: uniform scale, each element keeping the corner, edge or centre it sat at;
 * - `row`: logo | image | headline and body | button side by side (leaderboards);
 * - `column`: the same stacked top to bottom (skyscrapers, stories).
 */
export const LayoutTemplate = v.picklist(["constraints", "auto-layout", "anchored", "row", "column"]);
export type LayoutTemplate = v.InferOutput<typeof LayoutTemplate>;

/**
 * One element of the source frame as placed in the new size.
 * Main applies it as: uniform `rescale(scale)` of the clone's content (non-text layers), then
 * position and size = `box`; a TEXT layer gets `fontSize` and width `box.width` instead.
 */
export const PlacedElement = v.object({
  id: v.string(),
  name: v.string(),
  role: ElementRole,
  /** Bounds in the new frame, points, top-left origin. */
  box: Box,
  /** Font size in points after re-layout: of the text, or of the largest text inside a group or button. */
  fontSize: v.optional(PositiveNumber),
  /** Uniform factor applied to the element's content (font size ÷ source font size for text). */
  scale: v.pipe(FiniteNumber, v.minValue(0)),
});
export type PlacedElement = v.InferOutput<typeof PlacedElement>;

/**
 * Why an element was left out: `no-room` (the size is too small for everything, dropped by
 * priority), `illegible` (its text would fall below 8 px), `too-small` (a logo, image or button
 * would shrink below legibility), `outside` (it cannot sit inside the frame and its safe zones).
 */
export const DropCause = v.picklist(["no-room", "illegible", "too-small", "outside"]);
export type DropCause = v.InferOutput<typeof DropCause>;

/** An element left out of a size, with a sentence a designer can act on. */
export const DroppedElement = v.object({
  id: v.string(),
  name: v.string(),
  role: ElementRole,
  cause: DropCause,
  /** E.g. `Body text "Subline" dropped: 320×50 leaves no room below the headline.` */
  reason: v.string(),
});
export type DroppedElement = v.InferOutput<typeof DroppedElement>;

/** A frame re-laid out for one size. Every source element is in `elements` or in `dropped`. */
export const LayoutResult = v.object({
  width: PositiveNumber,
  height: PositiveNumber,
  safeZone: v.optional(SafeZoneSchema),
  template: LayoutTemplate,
  /** In the source's paint order (bottom first); backgrounds fill the frame. */
  elements: v.array(PlacedElement),
  /** In the order they were dropped. */
  dropped: v.array(DroppedElement),
  /** Sentences for the designer: a logo, headline or button that could not be kept, an empty safe area. */
  warnings: v.array(v.string()),
});
export type LayoutResult = v.InferOutput<typeof LayoutResult>;
