// valibot (imported as a namespace, tree-shaken): these schemas ship in the sandbox bundle, where every kilobyte counts.
import * as v from "valibot";
import { FiniteNumber } from "../schema/finite-number.js";
import { PositiveNumber } from "../schema/positive-number.js";
import { SafeInteger } from "../schema/safe-integer.js";

/**
 * An axis-aligned box in **points** (Figma canvas units), relative to the top-left of the
 * frame it belongs to. At export scale 1 a point is one pixel.
 */
export const Box = v.object({
  x: FiniteNumber,
  y: FiniteNumber,
  width: v.pipe(FiniteNumber, v.minValue(0)),
  height: v.pipe(FiniteNumber, v.minValue(0)),
});
export type Box = v.InferOutput<typeof Box>;

/**
 * What an element of an ad or a hero does, as far as layout and generation care.
 * - `logo`, `headline`, `body`, `cta` (a button), `image` (a product or photo): keep-clear zones
 *   the generated background must stay calm behind, and what re-layout places by role.
 * - `decoration`: shapes and ornaments; first to drop when a size is too small.
 * - `background`: a layer covering (almost) the whole frame; the thing Fill replaces.
 */
export const ElementRole = v.picklist(["logo", "headline", "body", "cta", "image", "decoration", "background"]);
export type ElementRole = v.InferOutput<typeof ElementRole>;

/** Figma's plugin-API constraint values (`Constraints.horizontal` / `.vertical`). */
export const ConstraintType = v.picklist(["MIN", "MAX", "CENTER", "STRETCH", "SCALE"]);
export type ConstraintType = v.InferOutput<typeof ConstraintType>;

/** A hex colour, `#RRGGBB`, upper case. */
export const Hex = v.pipe(v.string(), v.regex(/^#[0-9A-F]{6}$/, "a colour must be #RRGGBB"));
export type Hex = v.InferOutput<typeof Hex>;

/** One colour of a frame's palette, with where it is used. */
export const PaletteColour = v.object({
  hex: Hex,
  /** How many paints (fills and strokes) in the frame use it. */
  usage: v.pipe(SafeInteger, v.minValue(0)),
  /** Ids of the layers that use it (at most 20 are kept). */
  layers: v.array(v.string()),
  source: v.picklist(["fill", "stroke", "style", "variable", "user"]),
});
export type PaletteColour = v.InferOutput<typeof PaletteColour>;

/** Text facts of a TEXT element (a mixed-size text reports its largest size). */
export const TextFacts = v.object({
  characters: v.string(),
  /** Font size in points. */
  fontSize: PositiveNumber,
  fontFamily: v.optional(v.string()),
  fontWeight: v.optional(FiniteNumber),
});
export type TextFacts = v.InferOutput<typeof TextFacts>;

/** Auto-layout settings of a frame (Figma `layoutMode` ≠ NONE). Paddings and spacing in points. */
export const AutoLayout = v.object({
  mode: v.picklist(["HORIZONTAL", "VERTICAL", "GRID"]),
  paddingLeft: FiniteNumber,
  paddingRight: FiniteNumber,
  paddingTop: FiniteNumber,
  paddingBottom: FiniteNumber,
  itemSpacing: FiniteNumber,
  primaryAxisAlignItems: v.string(),
  counterAxisAlignItems: v.string(),
});
export type AutoLayout = v.InferOutput<typeof AutoLayout>;

/** One direct child of the frame, as layout and prompt composition see it. */
export const LayoutElement = v.object({
  id: v.string(),
  name: v.string(),
  /** Figma node type, e.g. `TEXT`, `FRAME`, `INSTANCE`, `RECTANGLE`. */
  nodeType: v.string(),
  role: ElementRole,
  /** Axis-aligned bounds in the frame, points. */
  box: Box,
  /** Degrees, counter-clockwise as Figma reports it. */
  rotation: FiniteNumber,
  constraints: v.object({ horizontal: ConstraintType, vertical: ConstraintType }),
  /** Present for TEXT elements, and for groups/buttons whose label is text (the label). */
  text: v.optional(TextFacts),
  /** `ABSOLUTE` children of an auto-layout frame are not moved by it. */
  layoutPositioning: v.picklist(["AUTO", "ABSOLUTE"]),
  /** Whether this element (or a descendant) shows an image fill. */
  hasImage: v.boolean(),
});
/**
 * One element as layout sees it. Three fields are read only where the spec is built (main, the
 * commands), so they are not in the schema that messages are checked with (the panel's bundle
 * has no byte to spare; valibot's `object` drops them from a parsed copy):
 * - `opened`: true for a container whose children are elements of their own (a "Content" column
 *   holding a headline and a button): this element is only the container's own look (its fill,
 *   stroke, corners), and a copy of it holds none of its children;
 * - `parentId`: the id of the opened container this element sits in, when it is not a direct
 *   child of the frame;
 * - `minFontSize`: for a group or button holding texts of several sizes, the smallest (points):
 *   the element is legible only while that one stays 8 pt or more once scaled (a case-study card's
 *   15 pt date, not only its 24 pt title).
 */
export type LayoutElement = v.InferOutput<typeof LayoutElement> & { opened?: boolean; parentId?: string; minFontSize?: number };

/** A region the generated image must keep calm (no busy detail, no subject) behind a live layer. */
export const KeepClearZone = v.object({
  elementId: v.string(),
  role: ElementRole,
  box: Box,
});
export type KeepClearZone = v.InferOutput<typeof KeepClearZone>;

/**
 * What the plugin read from the selected frame (or shape): everything Fill, Inpaint and
 * Variants need, and nothing Figma-specific, so core code and headless commands can use it.
 * Sizes are points; `width`×`height` at export scale 1 is the pixel size of the fill.
 */
export const FrameSpec = v.object({
  nodeId: v.string(),
  pageId: v.string(),
  name: v.string(),
  nodeType: v.string(),
  width: PositiveNumber,
  height: PositiveNumber,
  autoLayout: v.nullable(AutoLayout),
  /**
   * What re-layout moves, in paint order (bottom first), hidden layers left out: direct children,
   * and the parts of containers opened because they hold several kinds of content (their ids are
   * nested layers; see `opened`).
   */
  elements: v.array(LayoutElement),
  /** Boxes of the text, logo, button and image elements. */
  keepClear: v.array(KeepClearZone),
  /** Solid colours used by the frame and its descendants, most used first. */
  palette: v.array(PaletteColour),
  /** The element brandfill would replace on a new fill, if any (a generated fill or full-bleed image). */
  backgroundElementId: v.nullable(v.string()),
});
/** What the plugin read from a frame; `elements` carry the build-side fields of {@link LayoutElement}. */
export type FrameSpec = Omit<v.InferOutput<typeof FrameSpec>, "elements"> & { elements: LayoutElement[] };
