// zod/mini: these schemas ship in the sandbox bundle, where every kilobyte counts.
import * as z from "zod/mini";

/**
 * An axis-aligned box in **points** (Figma canvas units), relative to the top-left of the
 * frame it belongs to. At export scale 1 a point is one pixel.
 */
export const Box = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().check(z.nonnegative()),
  height: z.number().check(z.nonnegative()),
});
export type Box = z.infer<typeof Box>;

/**
 * What an element of an ad or a hero does, as far as layout and generation care.
 * - `logo`, `headline`, `body`, `cta` (a button), `image` (a product or photo): keep-clear zones
 *   the generated background must stay calm behind, and what re-layout places by role.
 * - `decoration`: shapes and ornaments; first to drop when a size is too small.
 * - `background`: a layer covering (almost) the whole frame; the thing Fill replaces.
 */
export const ElementRole = z.enum(["logo", "headline", "body", "cta", "image", "decoration", "background"]);
export type ElementRole = z.infer<typeof ElementRole>;

/** Figma's plugin-API constraint values (`Constraints.horizontal` / `.vertical`). */
export const ConstraintType = z.enum(["MIN", "MAX", "CENTER", "STRETCH", "SCALE"]);
export type ConstraintType = z.infer<typeof ConstraintType>;

/** A hex colour, `#RRGGBB`, upper case. */
export const Hex = z.string().check(z.regex(/^#[0-9A-F]{6}$/, "a colour must be #RRGGBB"));
export type Hex = z.infer<typeof Hex>;

/** One colour of a frame's palette, with where it is used. */
export const PaletteColour = z.object({
  hex: Hex,
  /** How many paints (fills and strokes) in the frame use it. */
  usage: z.int().check(z.nonnegative()),
  /** Ids of the layers that use it (at most 20 are kept). */
  layers: z.array(z.string()),
  source: z.enum(["fill", "stroke", "style", "variable", "user"]),
});
export type PaletteColour = z.infer<typeof PaletteColour>;

/** Text facts of a TEXT element (a mixed-size text reports its largest size). */
export const TextFacts = z.object({
  characters: z.string(),
  /** Font size in points. */
  fontSize: z.number().check(z.positive()),
  fontFamily: z.optional(z.string()),
  fontWeight: z.optional(z.number()),
});
export type TextFacts = z.infer<typeof TextFacts>;

/** Auto-layout settings of a frame (Figma `layoutMode` ≠ NONE). Paddings and spacing in points. */
export const AutoLayout = z.object({
  mode: z.enum(["HORIZONTAL", "VERTICAL", "GRID"]),
  paddingLeft: z.number(),
  paddingRight: z.number(),
  paddingTop: z.number(),
  paddingBottom: z.number(),
  itemSpacing: z.number(),
  primaryAxisAlignItems: z.string(),
  counterAxisAlignItems: z.string(),
});
export type AutoLayout = z.infer<typeof AutoLayout>;

/** One direct child of the frame, as layout and prompt composition see it. */
export const LayoutElement = z.object({
  id: z.string(),
  name: z.string(),
  /** Figma node type, e.g. `TEXT`, `FRAME`, `INSTANCE`, `RECTANGLE`. */
  nodeType: z.string(),
  role: ElementRole,
  /** Axis-aligned bounds in the frame, points. */
  box: Box,
  /** Degrees, counter-clockwise as Figma reports it. */
  rotation: z.number(),
  constraints: z.object({ horizontal: ConstraintType, vertical: ConstraintType }),
  /** Present for TEXT elements, and for groups/buttons whose label is text (the label). */
  text: z.optional(TextFacts),
  /** `ABSOLUTE` children of an auto-layout frame are not moved by it. */
  layoutPositioning: z.enum(["AUTO", "ABSOLUTE"]),
  /** Whether this element (or a descendant) shows an image fill. */
  hasImage: z.boolean(),
});
export type LayoutElement = z.infer<typeof LayoutElement>;

/** A region the generated image must keep calm (no busy detail, no subject) behind a live layer. */
export const KeepClearZone = z.object({
  elementId: z.string(),
  role: ElementRole,
  box: Box,
});
export type KeepClearZone = z.infer<typeof KeepClearZone>;

/**
 * What the plugin read from the selected frame (or shape): everything Fill, Inpaint and
 * Variants need, and nothing Figma-specific, so core code and headless commands can use it.
 * Sizes are points; `width`×`height` at export scale 1 is the pixel size of the fill.
 */
export const FrameSpec = z.object({
  nodeId: z.string(),
  pageId: z.string(),
  name: z.string(),
  nodeType: z.string(),
  width: z.number().check(z.positive()),
  height: z.number().check(z.positive()),
  autoLayout: z.nullable(AutoLayout),
  /** Direct children in paint order (bottom first), hidden ones left out. */
  elements: z.array(LayoutElement),
  /** Boxes of the text, logo, button and image elements. */
  keepClear: z.array(KeepClearZone),
  /** Solid colours used by the frame and its descendants, most used first. */
  palette: z.array(PaletteColour),
  /** The element brandfill would replace on a new fill, if any (a generated fill or full-bleed image). */
  backgroundElementId: z.nullable(z.string()),
});
export type FrameSpec = z.infer<typeof FrameSpec>;
