/// <reference types="@figma/plugin-typings" />
// Test helpers for inpainting in the Figma fake: image layers from Kodak photos, shapes in an image's
// own coordinates, and the check that a placed patch shows the composite over the right pixels.
import { applyAffine, invertAffine, multiplyAffine, type Affine } from "../../src/core/geometry/affine.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { resizeImage } from "../../src/core/raster/resize-image.js";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { loadKodak } from "../core/raster/load-kodak.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";

/** A Kodak photo, resized (Catmull–Rom) when a size is given, so tests that need no detail stay fast. */
export function kodak(n: number, width?: number, height?: number): RgbaImage {
  const photo = loadKodak(n);
  return width && height ? resizeImage(photo, width, height) : photo;
}

/** A rectangle of `width × height` points with the photo as its IMAGE fill. */
export function imageLayer(photo: RgbaImage, width: number, height: number, paint: Partial<ImagePaint> = {}): RectangleNode {
  const image = figma.createImage(encodePng(photo));
  const rect = figma.createRectangle();
  rect.name = "Photo";
  rect.resize(width, height);
  rect.fills = [{ type: "IMAGE", imageHash: image.hash, scaleMode: "FILL", ...paint } as ImagePaint];
  return rect;
}

/** Puts `shape` at `box` (points) in `image`'s own coordinates, turned with the image. */
export function placeOver(image: SceneNode, shape: SceneNode & LayoutMixin, box: { x: number; y: number; width: number; height: number }): void {
  if (shape.type !== "LINE") shape.resize(box.width, box.height);
  else shape.resize(box.width, 0);
  if (shape.parent !== image.parent) image.parent!.appendChild(shape);
  const offset: Affine = [
    [1, 0, box.x],
    [0, 1, box.y],
  ];
  shape.relativeTransform = multiplyAffine(image.relativeTransform, offset) as Transform;
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * A GROUP or BOOLEAN_OPERATION of a rectangle and an ellipse at page boxes, loaded through the fake's
 * REST loader (the plugin API cannot make groups in the fake).
 */
export function shapeGroup(fake: FigmaFake, type: "GROUP" | "BOOLEAN_OPERATION", rect: Box, ellipse: Box, booleanOperation = "UNION"): SceneNode {
  const grey = [{ type: "SOLID", color: { r: 0.5, g: 0.5, b: 0.5, a: 1 } }];
  const [node] = fake.loadRestDocument({
    type,
    name: type === "GROUP" ? "Marks" : "Cut-out",
    booleanOperation,
    fills: grey,
    children: [
      { type: "RECTANGLE", name: "Box", absoluteBoundingBox: rect, fills: grey },
      { type: "ELLIPSE", name: "Hole", absoluteBoundingBox: ellipse, fills: grey },
    ],
  });
  return node!;
}

/** RGBA of one pixel. */
export function pixelAt(image: RgbaImage, x: number, y: number): number[] {
  const o = (y * image.width + x) * 4;
  return [...image.data.subarray(o, o + 4)];
}

/** A frame with no fill, big enough to hold everything given, at the page origin. */
export function clearFrame(width: number, height: number): FrameNode {
  const frame = figma.createFrame();
  frame.name = "Canvas";
  frame.fills = [];
  frame.resize(width, height);
  return frame;
}

/** How a placed patch renders against the composite it should show. */
export interface PatchCheck {
  /** Rendered pixels inside the image layer. */
  readonly compared: number;
  /** Of those, pixels whose colour differs from the composite by more than the tolerance. */
  readonly mismatched: number;
  /** Rendered pixels inside the patch area where the composite differs from the source (the patch shows). */
  readonly changedShown: number;
}

/**
 * Renders `container` at `scale` and compares every rendered pixel inside the image layer with the
 * composite pixel under it: a page point maps to the layer's own point (u, v) through the inverse of
 * its absolute transform, and to export pixel (⌊u·k⌋, ⌊v·k⌋). The fake point-samples both the image
 * and the patch, so a pixel whose sample falls on an image-pixel boundary may pick the neighbour:
 * callers allow a few mismatches.
 */
export async function checkPatchOver(
  container: SceneNode,
  image: SceneNode,
  composite: RgbaImage,
  source: RgbaImage,
  k: number,
  scale: number,
  tolerance = 2,
): Promise<PatchCheck> {
  const render = decodePng(await container.exportAsync({ format: "PNG", constraint: { type: "SCALE", value: scale } }));
  const origin = container.absoluteBoundingBox!;
  const toLayer = invertAffine(image.absoluteTransform);
  let compared = 0;
  let mismatched = 0;
  let changedShown = 0;
  for (let y = 0; y < render.height; y++) {
    for (let x = 0; x < render.width; x++) {
      const p = applyAffine(toLayer, origin.x + (x + 0.5) / scale, origin.y + (y + 0.5) / scale);
      const ex = Math.floor(p.x * k);
      const ey = Math.floor(p.y * k);
      if (ex < 0 || ey < 0 || ex >= composite.width || ey >= composite.height) continue;
      compared++;
      const want = pixelAt(composite, ex, ey);
      const got = pixelAt(render, x, y);
      const before = pixelAt(source, ex, ey);
      if (want.some((v, c) => v !== before[c])) changedShown++;
      if (want.some((v, c) => Math.abs(v - got[c]!) > tolerance)) mismatched++;
    }
  }
  return { compared, mismatched, changedShown };
}
