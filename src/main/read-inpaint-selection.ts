// Runs in the Figma sandbox: which image and which shapes an inpaint job would use.
import { IDENTITY_AFFINE } from "../core/geometry/affine.js";
import type { InpaintSelectionState } from "../core/protocol/plugin-messages.js";
import { nodeTypeWords } from "./node-type-words.js";

/** Figma's image limit per side (pixels): exports for inpainting stay within it. */
export const MAX_INPAINT_EDGE = 4096;

/** Layers that can mark the area to change: drawn shapes, and boolean groups of them. */
const SHAPE_TYPES = new Set<NodeType>(["RECTANGLE", "ELLIPSE", "POLYGON", "STAR", "VECTOR", "LINE", "BOOLEAN_OPERATION"]);

/** A valid inpaint selection, resolved to nodes, with the pixel grid the sources are exported on. */
export interface InpaintSelection {
  /** The layer whose (topmost visible) fill is an image. */
  readonly image: SceneNode & MinimalFillsMixin;
  readonly paint: ImagePaint;
  /** The shapes drawn over it, in selection order. */
  readonly shapes: readonly SceneNode[];
  /** The image file's own pixel size. */
  readonly native: { readonly width: number; readonly height: number };
  /** Export pixels per point of the layer: the image's native density, capped at 4096 px a side. */
  readonly scale: number;
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** A sentence when the cap lowered the resolution, else null. */
  readonly note: string | null;
}

/** The topmost visible IMAGE fill of a node, if any. */
function imagePaintOf(node: SceneNode): ImagePaint | null {
  if (!("fills" in node) || !Array.isArray(node.fills)) return null;
  const fills = node.fills as readonly Paint[];
  for (let i = fills.length - 1; i >= 0; i--) {
    const paint = fills[i]!;
    if (paint.type === "IMAGE" && paint.visible !== false && paint.imageHash) return paint;
  }
  return null;
}

/** Whether a node can mark a region: a shape, or a group made only of shapes. */
function isMarkingShape(node: SceneNode): boolean {
  if (SHAPE_TYPES.has(node.type)) return true;
  return node.type === "GROUP" && node.children.length > 0 && node.children.every(isMarkingShape);
}

function kindOf(node: SceneNode): string {
  if (node.type === "TEXT") return "text";
  if (node.type === "FRAME") return "a frame";
  if (node.type === "GROUP") return "a group with more than shapes in it";
  if (node.type === "INSTANCE") return "a component instance";
  return `a ${nodeTypeWords(node.type)}`;
}

const overlaps = (a: Rect, b: Rect) => a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;

/**
 * Image pixels per point of the layer along its densest axis, through the fill's scale mode
 * (plugin API `ImagePaint`): FILL covers the box (points per pixel = max(w/iw, h/ih)), FIT is
 * contained (min), CROP maps the box's unit square to the image's through `imageTransform`,
 * TILE draws the image at `scalingFactor` points per pixel. A 90° or 270° paint `rotation`
 * swaps the image's sides for FILL and FIT.
 */
function nativeDensity(paint: ImagePaint, native: { width: number; height: number }, w: number, h: number): number {
  const quarterTurn = Math.abs(Math.round((paint.rotation ?? 0) / 90)) % 2 === 1;
  const [iw, ih] = quarterTurn ? [native.height, native.width] : [native.width, native.height];
  switch (paint.scaleMode) {
    case "FIT":
      return Math.max(iw / w, ih / h);
    case "CROP": {
      const [[a, c], [b, d]] = paint.imageTransform ?? IDENTITY_AFFINE;
      return Math.max(Math.hypot(a * native.width, b * native.height) / w, Math.hypot(c * native.width, d * native.height) / h);
    }
    case "TILE":
      return 1 / (paint.scalingFactor && paint.scalingFactor > 0 ? paint.scalingFactor : 1);
    default:
      return Math.min(iw / w, ih / h);
  }
}

/**
 * Reads the current selection as an inpaint job's input: exactly one layer with an image fill
 * (any scale mode, any rotation) plus one or more shapes (rectangle, ellipse, polygon, star,
 * vector, line, boolean group, or a group of those) overlapping it. The export density is the
 * image's native one, so one export pixel is about one image pixel, lowered so neither side
 * exceeds 4096 px (said in `note`).
 *
 * @returns the resolved selection, or `{ problem }`: a sentence saying what to select.
 */
export async function readInpaintSelectionAsync(): Promise<InpaintSelection | { problem: string }> {
  const selection = figma.currentPage.selection;
  if (selection.length === 0) return { problem: "Select an image and one or more shapes drawn over the part to change." };
  const images = selection.filter((node) => imagePaintOf(node) !== null);
  if (images.length === 0) {
    return { problem: "Also select the image the shapes are drawn over (a layer with an image fill)." };
  }
  if (images.length > 1) {
    const names = images
      .slice(0, 3)
      .map((n) => `“${n.name}”`)
      .join(", ");
    return { problem: `Select one image with the shapes: ${names} all have image fills.` };
  }
  const image = images[0] as SceneNode & MinimalFillsMixin;
  const shapes = selection.filter((node) => node !== image);
  if (shapes.length === 0) {
    return { problem: `Draw a shape over the part of “${image.name}” to change, then select the image and the shape together.` };
  }
  const other = shapes.find((node) => !isMarkingShape(node));
  if (other) {
    return { problem: `“${other.name}” is ${kindOf(other)}. Select only the image and the shapes drawn over it.` };
  }
  if (image.width < 1 || image.height < 1) return { problem: `“${image.name}” is smaller than 1×1 point, too small to inpaint.` };
  const imageBox = image.absoluteBoundingBox;
  const away = shapes.find((s) => imageBox && s.absoluteBoundingBox && !overlaps(imageBox, s.absoluteBoundingBox));
  if (away) return { problem: `“${away.name}” is not over “${image.name}”. Move the shape onto the part of the image to change.` };

  const paint = imagePaintOf(image)!;
  const file = figma.getImageByHash(paint.imageHash!);
  if (!file) return { problem: `The image in “${image.name}” has not loaded yet. Wait a moment and select it again.` };
  const native = await file.getSizeAsync();
  const density = nativeDensity(paint, native, image.width, image.height);
  const scale = Math.min(density, MAX_INPAINT_EDGE / image.width, MAX_INPAINT_EDGE / image.height);
  const pixelWidth = Math.max(1, Math.round(image.width * scale));
  const pixelHeight = Math.max(1, Math.round(image.height * scale));
  const capped = scale < density;
  const note = capped
    ? `“${image.name}” is inpainted at ${pixelWidth}×${pixelHeight} px rather than its native ${Math.round(image.width * density)}×${Math.round(image.height * density)} px, because Figma images are at most ${MAX_INPAINT_EDGE} px on a side.`
    : null;
  return { image, paint, shapes, native, scale, pixelWidth, pixelHeight, note };
}

/** The panel's view of {@link readInpaintSelectionAsync}: names, sizes and the scale mode, or the sentence. */
export function describeInpaintSelection(found: InpaintSelection | { problem: string }): InpaintSelectionState {
  if ("problem" in found) return { kind: "none", reason: found.problem };
  return {
    kind: "inpaint-target",
    image: {
      nodeId: found.image.id,
      name: found.image.name,
      scaleMode: found.paint.scaleMode,
      nativeWidth: found.native.width,
      nativeHeight: found.native.height,
      pixelWidth: found.pixelWidth,
      pixelHeight: found.pixelHeight,
      note: found.note,
    },
    shapes: found.shapes.map((s) => ({ nodeId: s.id, name: s.name, type: s.type })),
  };
}
