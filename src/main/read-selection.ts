// Runs in the Figma sandbox.
import { buildFrameSpec } from "../core/frame-spec/build-frame-spec.js";
import type { PaletteColour } from "../core/frame-spec/frame-spec.js";
import type { SelectionState } from "../core/protocol/plugin-messages.js";
import { nodeTypeWords } from "./node-type-words.js";
import { readDocumentPaletteAsync } from "./read-document-palette.js";
import { readSpecNode } from "./read-spec-node.js";

/** Node types a fill can go into as a bottom-most child. */
const CONTAINERS = new Set<NodeType>(["FRAME", "COMPONENT", "INSTANCE"]);
/** Shapes a fill can be laid over (same size, directly above). */
const SHAPES = new Set<NodeType>(["RECTANGLE", "ELLIPSE", "POLYGON", "STAR", "VECTOR"]);

/** Whether a fill can target this node, and the sentence to show when it cannot. */
export function fillTargetProblem(node: SceneNode): string | null {
  if (CONTAINERS.has(node.type)) return null;
  if (SHAPES.has(node.type)) {
    const fills = (node as GeometryMixin).fills;
    return Array.isArray(fills) && fills.length > 0 ? null : `“${node.name}” has no fill. Select a frame, or a shape with a fill.`;
  }
  if (node.type === "TEXT") return `“${node.name}” is text, which brandfill never fills. Select the frame around it.`;
  if (node.type === "GROUP") return `“${node.name}” is a group, which has no fill of its own. Select a frame or a shape.`;
  return `A ${nodeTypeWords(node.type)} cannot be filled. Select a frame or a shape.`;
}

/**
 * What the selection offers the Fill job: the FrameSpec of the one selected frame or shape,
 * or a sentence saying what to select.
 */
export function readSelectionState(): SelectionState {
  const selection = figma.currentPage.selection;
  if (selection.length === 0) return { kind: "none", reason: "Select a frame to fill." };
  if (selection.length > 1) return { kind: "none", reason: `Select one frame to fill (${selection.length} layers are selected).` };
  const node = selection[0]!;
  const problem = fillTargetProblem(node);
  if (problem) return { kind: "none", reason: problem };
  if (node.width < 1 || node.height < 1) return { kind: "none", reason: `“${node.name}” is smaller than 1×1 point, too small to fill.` };
  return { kind: "fill-target", spec: buildFrameSpec(readSpecNode(node), figma.currentPage.id) };
}

/** The file's style and variable colours, read once per document (and again on request). */
let documentPalette: { root: DocumentNode; colours: Promise<PaletteColour[]> } | null = null;

/**
 * The selection state with the file's paint-style and variable colours appended to the
 * frame's palette (after the frame's own colours, without repeating a hex), so a designer can
 * lock brand colours the frame does not use yet. The file's colours are read the first time and
 * when `refreshPalette` asks (the panel's own request), not on every selection change: a design
 * system can hold thousands of variables.
 */
export async function readSelectionStateAsync(options: { refreshPalette?: boolean } = {}): Promise<SelectionState> {
  const state = readSelectionState();
  if (state.kind !== "fill-target") return state;
  if (!documentPalette || documentPalette.root !== figma.root || options.refreshPalette) {
    documentPalette = { root: figma.root, colours: readDocumentPaletteAsync() };
  }
  const seen = new Set(state.spec.palette.map((p) => p.hex));
  const extra = (await documentPalette.colours).filter((p) => !seen.has(p.hex));
  return { kind: "fill-target", spec: { ...state.spec, palette: [...state.spec.palette, ...extra] } };
}
