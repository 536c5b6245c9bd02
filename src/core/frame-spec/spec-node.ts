import type { ConstraintType } from "./frame-spec.js";

/**
 * A paint as FrameSpec extraction needs it. Colours are straight 0–1 like Figma's `RGB`.
 * `opacity` is the paint's own opacity (0–1).
 */
export interface SpecPaint {
  type: "SOLID" | "IMAGE" | "GRADIENT" | "VIDEO" | "PATTERN" | "OTHER";
  visible: boolean;
  opacity: number;
  color?: { r: number; g: number; b: number };
  /** For gradients: the colours of the stops, 0–1. */
  stops?: { r: number; g: number; b: number }[];
}

/**
 * The neutral node tree FrameSpec is built from. Two adapters produce it: main reads live
 * Figma nodes (`src/main/read-spec-node.ts`), and `specNodeFromRest` reads Figma REST JSON, so
 * the plugin and the headless commands classify layouts with one piece of code.
 *
 * `box` is the node's axis-aligned bounds in **points relative to the root frame's top-left**.
 */
export interface SpecNode {
  id: string;
  name: string;
  type: string;
  box: { x: number; y: number; width: number; height: number };
  rotation: number;
  visible: boolean;
  fills: SpecPaint[];
  strokes: SpecPaint[];
  constraints: { horizontal: ConstraintType; vertical: ConstraintType };
  layoutPositioning: "AUTO" | "ABSOLUTE";
  text?: { characters: string; fontSize: number; fontFamily?: string; fontWeight?: number };
  /** Auto layout of this node, when it is a frame with `layoutMode` other than NONE. */
  autoLayout?: {
    mode: "HORIZONTAL" | "VERTICAL" | "GRID";
    paddingLeft: number;
    paddingRight: number;
    paddingTop: number;
    paddingBottom: number;
    itemSpacing: number;
    primaryAxisAlignItems: string;
    counterAxisAlignItems: string;
  };
  /** Plugin data key `brandfill.recipe` present: a layer brandfill generated. */
  isGenerated?: boolean;
  /** Whether this layer masks its later siblings (Figma `isMask`); a group holding one is never taken apart. */
  isMask?: boolean;
  /** Corner radius in points, when the node has one (buttons are usually rounded). */
  cornerRadius?: number;
  children: SpecNode[];
}
