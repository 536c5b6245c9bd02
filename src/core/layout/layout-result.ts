// zod/mini: layouts travel through the sandbox bundle, where every kilobyte counts.
import * as z from "zod/mini";
import { Box, ElementRole } from "../frame-spec/frame-spec.js";

/** Safe-zone insets as fractions (0–1): `top`/`bottom` of the height, `left`/`right` of the width. */
export const SafeZoneSchema = z.object({
  top: z.number().check(z.gte(0), z.lte(1)),
  bottom: z.number().check(z.gte(0), z.lte(1)),
  left: z.number().check(z.gte(0), z.lte(1)),
  right: z.number().check(z.gte(0), z.lte(1)),
});

/** The size to lay a frame out for, in points, with the placement's safe zone when it has one. */
export const LayoutTarget = z.object({
  width: z.number().check(z.positive()),
  height: z.number().check(z.positive()),
  safeZone: z.optional(SafeZoneSchema),
});
export type LayoutTarget = z.infer<typeof LayoutTarget>;

/**
 * How a layout was made:
 * - `constraints`: each child's Figma constraints applied after a uniform scale (aspect close to the source);
 * - `auto-layout`: the frame's auto layout re-run as a stack (aspect close to the source);
 * - `anchored`: uniform scale, each element keeping the corner, edge or centre it sat at;
 * - `row`: logo | image | headline and body | button side by side (leaderboards);
 * - `column`: the same stacked top to bottom (skyscrapers, stories).
 */
export const LayoutTemplate = z.enum(["constraints", "auto-layout", "anchored", "row", "column"]);
export type LayoutTemplate = z.infer<typeof LayoutTemplate>;

/**
 * One element of the source frame as placed in the new size.
 * Main applies it as: uniform `rescale(scale)` of the clone's content (non-text layers), then
 * position and size = `box`; a TEXT layer gets `fontSize` and width `box.width` instead.
 */
export const PlacedElement = z.object({
  id: z.string(),
  name: z.string(),
  role: ElementRole,
  /** Bounds in the new frame, points, top-left origin. */
  box: Box,
  /** Font size in points after re-layout: of the text, or of the largest text inside a group or button. */
  fontSize: z.optional(z.number().check(z.positive())),
  /** Uniform factor applied to the element's content (font size ÷ source font size for text). */
  scale: z.number().check(z.nonnegative()),
});
export type PlacedElement = z.infer<typeof PlacedElement>;

/**
 * Why an element was left out: `no-room` (the size is too small for everything, dropped by
 * priority), `illegible` (its text would fall below 8 px), `too-small` (a logo, image or button
 * would shrink below legibility), `outside` (it cannot sit inside the frame and its safe zones).
 */
export const DropCause = z.enum(["no-room", "illegible", "too-small", "outside"]);
export type DropCause = z.infer<typeof DropCause>;

/** An element left out of a size, with a sentence a designer can act on. */
export const DroppedElement = z.object({
  id: z.string(),
  name: z.string(),
  role: ElementRole,
  cause: DropCause,
  /** E.g. `Body text "Subline" dropped: 320×50 leaves no room below the headline.` */
  reason: z.string(),
});
export type DroppedElement = z.infer<typeof DroppedElement>;

/** A frame re-laid out for one size. Every source element is in `elements` or in `dropped`. */
export const LayoutResult = z.object({
  width: z.number().check(z.positive()),
  height: z.number().check(z.positive()),
  safeZone: z.optional(SafeZoneSchema),
  template: LayoutTemplate,
  /** In the source's paint order (bottom first); backgrounds fill the frame. */
  elements: z.array(PlacedElement),
  /** In the order they were dropped. */
  dropped: z.array(DroppedElement),
  /** Sentences for the designer: a logo, headline or button that could not be kept, an empty safe area. */
  warnings: z.array(z.string()),
});
export type LayoutResult = z.infer<typeof LayoutResult>;
