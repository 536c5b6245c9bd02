/// <reference types="@figma/plugin-typings" />
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { type Affine, applyAffine, invertAffine } from "./affine-2x3.js";
import type { FakeImageStore } from "./fake-image-store.js";
import { isTransparentContainer } from "./fake-base-node.js";
import { FakeFrameNode } from "./fake-frame-node.js";
import { type FakeSceneNode, cornerRadii } from "./fake-scene-node.js";
import { FakeTextNode } from "./fake-text-node.js";

/** Largest export the fake renders (pixels per side); Figma's own limit is similar in spirit. */
const MAX_EXPORT_SIDE = 16384;

/**
 * Renders `node` and its visible descendants the way `exportAsync({format: "PNG"})` would, into 8-bit
 * straight-alpha RGBA.
 *
 * Output size is `round(bounds × scale)` per side (at least 1 px), where bounds are the node's render
 * bounds (own box incl. rotation, grown by unclipped visible children) or, with `useAbsoluteBounds`,
 * its bounding box; scale comes from `constraint` (SCALE value, or WIDTH/HEIGHT value ÷ bounds size).
 *
 * Each output pixel is one point sample at its centre (no anti-aliasing), so edges on whole pixels give
 * exact colours. Painting is source-over in premultiplied float, children bottom-to-top, frames with
 * `clipsContent` clip their children, node opacity composites the node's whole subtree as a layer.
 * @throws Error when the export would be larger than 16384 px on a side.
 */
export function renderNode(node: FakeSceneNode, settings: { constraint?: ExportSettingsConstraints; useAbsoluteBounds?: boolean }, images: FakeImageStore): RgbaImage {
  const bounds = settings.useAbsoluteBounds ? node.absoluteBoundingBox! : node._renderBounds();
  const scale = exportScale(settings.constraint, bounds);
  const width = Math.max(1, Math.round(bounds.width * scale));
  const height = Math.max(1, Math.round(bounds.height * scale));
  if (width > MAX_EXPORT_SIDE || height > MAX_EXPORT_SIDE) {
    throw new Error(`in exportAsync: The export would be ${width}×${height} px, larger than the fake renders (${MAX_EXPORT_SIDE} px per side).`);
  }
  const canvas: Canvas = { width, height, scale, originX: bounds.x, originY: bounds.y, images };
  const target: Layer = { x0: 0, y0: 0, width, height, data: new Float32Array(width * height * 4) };
  drawNode(canvas, target, node, null, true);
  const src = target.data;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < src.length; i += 4) {
    const a = src[i + 3]!;
    if (a <= 0) continue;
    data[i] = Math.round((src[i]! / a) * 255);
    data[i + 1] = Math.round((src[i + 1]! / a) * 255);
    data[i + 2] = Math.round((src[i + 2]! / a) * 255);
    data[i + 3] = Math.round(a * 255);
  }
  return { width, height, data };
}

/**
 * Export scale for an `ExportSettingsConstraints` (plugin API: SCALE multiplies, WIDTH/HEIGHT give the
 * target pixel size of that side).
 * @throws Error when the value is not a positive number.
 */
export function exportScale(constraint: ExportSettingsConstraints | undefined, bounds: Rect): number {
  if (!constraint) return 1;
  const { type, value } = constraint;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`in exportAsync: Expected constraint value to be a positive number, got ${value}`);
  if (type === "SCALE") return value;
  if (type === "WIDTH") return bounds.width > 0 ? value / bounds.width : 1;
  if (type === "HEIGHT") return bounds.height > 0 ? value / bounds.height : 1;
  throw new Error(`in exportAsync: Unknown constraint type ${JSON.stringify(type)}; use SCALE, WIDTH or HEIGHT`);
}

interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly originX: number;
  readonly originY: number;
  readonly images: FakeImageStore;
}

/** A premultiplied float RGBA buffer covering canvas pixels [x0, x0+width) × [y0, y0+height). */
interface Layer {
  readonly x0: number;
  readonly y0: number;
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Premultiplied RGBA colour, channels 0–1. */
type Rgba = [number, number, number, number];

/** Hit test in page coordinates. */
type HitTest = (x: number, y: number) => boolean;

function drawNode(canvas: Canvas, target: Layer, node: FakeSceneNode, clip: Uint8Array | null, isRoot: boolean): void {
  if (!isRoot && !node._visible) return;
  // Masks would need a second pass over siblings; the mask shape itself is never painted in Figma, so skip it.
  if (node._props.isMask === true) return;
  const drawsChildren = node._children !== null && node._type !== "BOOLEAN_OPERATION" && node._children.length > 0;
  // A leaf's own fills and strokes are flattened per pixel before compositing, so its opacity can scale that
  // colour exactly; a container needs a layer so overlapping children are faded as one image.
  const layered = node._opacity < 1 && drawsChildren;
  let layer = target;
  if (layered) {
    const [x0, x1, y0, y1] = pixelRange(canvas, target, node._renderBounds(), 0);
    if (x1 <= x0 || y1 <= y0) return;
    layer = { x0, y0, width: x1 - x0, height: y1 - y0, data: new Float32Array((x1 - x0) * (y1 - y0) * 4) };
  }
  const opacity = layered ? 1 : node._opacity;
  // Figma paints a frame's strokes above its content, so containers stroke after their children.
  if (node._type !== "GROUP") paintOwnShape(canvas, layer, node, clip, opacity, drawsChildren ? "fills" : "both");
  if (drawsChildren) {
    const childClip = node instanceof FakeFrameNode && node._clips() ? clipMask(canvas, node, clip) : clip;
    for (const child of node._children!) drawNode(canvas, layer, child, childClip, false);
    if (node._type !== "GROUP") paintOwnShape(canvas, layer, node, clip, opacity, "strokes");
  }
  if (layered) compositeLayer(target, layer, node._opacity);
}

/** Source-over of `layer` × `opacity` onto `target` (both premultiplied). */
function compositeLayer(target: Layer, layer: Layer, opacity: number): void {
  const t = target.data;
  const l = layer.data;
  for (let y = 0; y < layer.height; y++) {
    let li = y * layer.width * 4;
    let ti = ((layer.y0 + y - target.y0) * target.width + (layer.x0 - target.x0)) * 4;
    for (let x = 0; x < layer.width; x++, li += 4, ti += 4) {
      const a = l[li + 3]! * opacity;
      if (a <= 0) continue;
      const k = 1 - a;
      t[ti] = l[li]! * opacity + t[ti]! * k;
      t[ti + 1] = l[li + 1]! * opacity + t[ti + 1]! * k;
      t[ti + 2] = l[li + 2]! * opacity + t[ti + 2]! * k;
      t[ti + 3] = a + t[ti + 3]! * k;
    }
  }
}

/**
 * Fills, strokes or both (strokes on top) of the node's own shape, faded by `opacity`. Strokes are not drawn
 * for VECTOR, TEXT and BOOLEAN_OPERATION, whose real outlines the fake does not know.
 */
function paintOwnShape(canvas: Canvas, target: Layer, node: FakeSceneNode, clip: Uint8Array | null, opacity: number, parts: "fills" | "strokes" | "both"): void {
  const visible = (p: Paint) => p.visible !== false && (p.opacity ?? 1) > 0;
  const fills = parts === "strokes" ? [] : node._fills.filter(visible);
  const strokes = parts === "fills" ? [] : node._strokes.filter(visible);
  const strokeWeight = typeof node._props.strokeWeight === "number" ? node._props.strokeWeight : 1;
  const hasStroke = strokes.length > 0 && strokeWeight > 0 && !["BOOLEAN_OPERATION", "VECTOR", "TEXT"].includes(node._type);
  if ((fills.length === 0 && !hasStroke) || opacity <= 0) return;
  const [[ia, ib, ic], [id, ie, ig]] = invertAffine(node._absTransform());
  const [w, h] = node._size();
  const fillHit = node._type === "BOOLEAN_OPERATION" ? booleanHitTest(node) : null;
  const shape = localShape(node);
  const plainBox = !fillHit && isPlainBox(node);
  const solid = fills.every((p) => p.type === "SOLID") ? flattenSolids(fills as SolidPaint[]) : null;
  const fillSamplers = solid ? [] : fills.map((p) => paintSampler(p, w, h, canvas.images));
  const strokeSamplers = hasStroke ? strokes.map((p) => paintSampler(p, w, h, canvas.images)) : [];
  const hasFill = fills.length > 0;
  const align = (node._props.strokeAlign as string | undefined) ?? "INSIDE";
  const [outer, inner] = align === "INSIDE" ? [0, strokeWeight] : align === "OUTSIDE" ? [-strokeWeight, 0] : [-strokeWeight / 2, strokeWeight / 2];
  const grow = hasStroke ? Math.max(0, -outer) : 0;
  const [x0, x1, y0, y1] = pixelRange(canvas, target, node.absoluteBoundingBox!, grow);
  const step = 1 / canvas.scale;
  const buf = target.data;
  const colour: Rgba = [0, 0, 0, 0];
  for (let py = y0; py < y1; py++) {
    const ay = canvas.originY + (py + 0.5) * step;
    // Computed per pixel, not accumulated, so every pass maps a pixel centre to exactly the same point.
    const uRow = ib * ay + ic;
    const vRow = ie * ay + ig;
    let o = ((py - target.y0) * target.width + (x0 - target.x0)) * 4;
    let ci = py * canvas.width + x0;
    for (let px = x0; px < x1; px++, o += 4, ci++) {
      if (clip && clip[ci] === 0) continue;
      const ax = canvas.originX + (px + 0.5) * step;
      const u = ia * ax + uRow;
      const v = id * ax + vRow;
      const inFill = hasFill && (plainBox ? u >= 0 && u < w && v >= 0 && v < h : fillHit ? fillHit(ax, ay) : shape(u, v, 0));
      const inStroke = hasStroke && shape(u, v, outer) && !shape(u, v, inner);
      if (!inFill && !inStroke) continue;
      if (solid && !inStroke) {
        colour[0] = solid[0];
        colour[1] = solid[1];
        colour[2] = solid[2];
        colour[3] = solid[3];
      } else {
        colour[0] = colour[1] = colour[2] = colour[3] = 0;
        if (inFill) {
          if (solid) over(colour, solid[0] / (solid[3] || 1), solid[1] / (solid[3] || 1), solid[2] / (solid[3] || 1), solid[3]);
          else for (const sample of fillSamplers) sample(u, v, colour);
        }
        if (inStroke) for (const sample of strokeSamplers) sample(u, v, colour);
      }
      const a = colour[3] * opacity;
      if (a <= 0) continue;
      const k = 1 - a;
      buf[o] = colour[0] * opacity + buf[o]! * k;
      buf[o + 1] = colour[1] * opacity + buf[o + 1]! * k;
      buf[o + 2] = colour[2] * opacity + buf[o + 2]! * k;
      buf[o + 3] = a + buf[o + 3]! * k;
    }
  }
}

/** SOLID paints stacked bottom-to-top into one premultiplied colour. */
function flattenSolids(paints: readonly SolidPaint[]): Rgba {
  const out: Rgba = [0, 0, 0, 0];
  for (const p of paints) over(out, p.color.r, p.color.g, p.color.b, p.opacity ?? 1);
  return out;
}

/** True when the outline is exactly the w×h box (no radii, not an ellipse/polygon/line). */
function isPlainBox(node: FakeSceneNode): boolean {
  if (["ELLIPSE", "POLYGON", "STAR", "LINE"].includes(node._type)) return false;
  return node instanceof FakeTextNode || cornerRadii(node).every((r) => r === 0);
}

/** Pixel index range [x0, x1) × [y0, y1) inside `area` whose centres can fall inside `box` grown by `grow` points. */
function pixelRange(canvas: Canvas, area: { x0: number; y0: number; width: number; height: number }, box: Rect, grow: number): [number, number, number, number] {
  const s = canvas.scale;
  const x0 = Math.max(area.x0, Math.floor((box.x - grow - canvas.originX) * s - 0.5));
  const y0 = Math.max(area.y0, Math.floor((box.y - grow - canvas.originY) * s - 0.5));
  const x1 = Math.min(area.x0 + area.width, Math.ceil((box.x + box.width + grow - canvas.originX) * s + 0.5));
  const y1 = Math.min(area.y0 + area.height, Math.ceil((box.y + box.height + grow - canvas.originY) * s + 0.5));
  return [x0, x1, y0, y1];
}

/** Clip mask of a clipping frame's shape, intersected with the mask already in force. */
function clipMask(canvas: Canvas, frame: FakeSceneNode, parent: Uint8Array | null): Uint8Array {
  const mask = new Uint8Array(canvas.width * canvas.height);
  const [[ia, ib, ic], [id, ie, ig]] = invertAffine(frame._absTransform());
  const shape = localShape(frame);
  const plainBox = isPlainBox(frame);
  const [w, h] = frame._size();
  const whole = { x0: 0, y0: 0, width: canvas.width, height: canvas.height };
  const [x0, x1, y0, y1] = pixelRange(canvas, whole, frame.absoluteBoundingBox!, 0);
  const step = 1 / canvas.scale;
  for (let py = y0; py < y1; py++) {
    const ay = canvas.originY + (py + 0.5) * step;
    const uRow = ib * ay + ic;
    const vRow = ie * ay + ig;
    let i = py * canvas.width + x0;
    for (let px = x0; px < x1; px++, i++) {
      if (parent && parent[i] === 0) continue;
      const ax = canvas.originX + (px + 0.5) * step;
      const u = ia * ax + uRow;
      const v = id * ax + vRow;
      if (plainBox ? u >= 0 && u < w && v >= 0 && v < h : shape(u, v, 0)) mask[i] = 1;
    }
  }
  return mask;
}

/**
 * The node's outline as a test in its own coordinates: `inset` > 0 shrinks it, < 0 grows it (used for
 * strokes). Rectangles, frames, text and vectors use their box (with corner radii where set; vectors and
 * text are box approximations); ellipses honour arcData; polygons and stars use their regular outline.
 */
function localShape(node: FakeSceneNode): (u: number, v: number, inset: number) => boolean {
  const [w, h] = node._size();
  switch (node._type) {
    case "ELLIPSE":
      return ellipseShape(node, w, h);
    case "POLYGON":
    case "STAR":
      return polygonShape(node, w, h);
    case "LINE":
      // A line is all stroke: a band along its x axis.
      return (u, v, inset) => u >= 0 && u < w && Math.abs(v) < -inset;
    default: {
      const radii = node instanceof FakeTextNode ? ([0, 0, 0, 0] as const) : cornerRadii(node);
      return (u, v, inset) => insideRoundedRect(u, v, w, h, radii, inset);
    }
  }
}

function insideRoundedRect(u: number, v: number, w: number, h: number, radii: readonly [number, number, number, number], inset: number): boolean {
  const left = inset;
  const top = inset;
  const right = w - inset;
  const bottom = h - inset;
  if (u < left || u >= right || v < top || v >= bottom) return false;
  const limit = Math.min(w, h) / 2;
  const tl = Math.min(radii[0], limit) - inset;
  if (tl > 0 && u < left + tl && v < top + tl) return (u - left - tl) ** 2 + (v - top - tl) ** 2 <= tl * tl;
  const tr = Math.min(radii[1], limit) - inset;
  if (tr > 0 && u > right - tr && v < top + tr) return (u - right + tr) ** 2 + (v - top - tr) ** 2 <= tr * tr;
  const br = Math.min(radii[2], limit) - inset;
  if (br > 0 && u > right - br && v > bottom - br) return (u - right + br) ** 2 + (v - bottom + br) ** 2 <= br * br;
  const bl = Math.min(radii[3], limit) - inset;
  if (bl > 0 && u < left + bl && v > bottom - bl) return (u - left - bl) ** 2 + (v - bottom + bl) ** 2 <= bl * bl;
  return true;
}

function ellipseShape(node: FakeSceneNode, w: number, h: number): (u: number, v: number, inset: number) => boolean {
  const arc = (node._props.arcData as ArcData | undefined) ?? { startingAngle: 0, endingAngle: 2 * Math.PI, innerRadius: 0 };
  const sweep = arc.endingAngle - arc.startingAngle;
  const fullTurn = Math.abs(sweep) >= 2 * Math.PI - 1e-6;
  return (u, v, inset) => {
    const rx = w / 2 - inset;
    const ry = h / 2 - inset;
    if (rx <= 0 || ry <= 0) return false;
    const dx = (u - w / 2) / rx;
    const dy = (v - h / 2) / ry;
    const d = dx * dx + dy * dy;
    if (d > 1) return false;
    if (arc.innerRadius > 0 && Math.sqrt(d) < arc.innerRadius) return false;
    if (fullTurn) return true;
    // Figma's arc angles run clockwise on screen from the +x axis, which is atan2 with y pointing down.
    let a = Math.atan2(v - h / 2, u - w / 2) - arc.startingAngle;
    a = ((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    return a <= ((sweep % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  };
}

function polygonShape(node: FakeSceneNode, w: number, h: number): (u: number, v: number, inset: number) => boolean {
  const count = Math.max(3, Math.round((node._props.pointCount as number | undefined) ?? 3));
  const star = node._type === "STAR";
  const inner = (node._props.innerRadius as number | undefined) ?? 0.382;
  const vertices: Array<[number, number]> = [];
  const steps = star ? count * 2 : count;
  for (let k = 0; k < steps; k++) {
    const angle = -Math.PI / 2 + (2 * Math.PI * k) / steps;
    const r = star && k % 2 === 1 ? inner : 1;
    vertices.push([0.5 + 0.5 * r * Math.cos(angle), 0.5 + 0.5 * r * Math.sin(angle)]);
  }
  return (u, v, inset) => {
    // Inset approximated by shrinking the outline about the centre.
    const sx = w - 2 * inset;
    const sy = h - 2 * inset;
    if (sx <= 0 || sy <= 0) return false;
    const x = (u - inset) / sx;
    const y = (v - inset) / sy;
    let inside = false;
    for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
      const [xi, yi] = vertices[i]!;
      const [xj, yj] = vertices[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

/** Page-space hit test of a node's geometry: boolean operations combine their children's. */
function hitTest(node: FakeSceneNode): HitTest {
  if (node._type === "BOOLEAN_OPERATION") return booleanHitTest(node);
  if (isTransparentContainer(node)) {
    const parts = node._children!.filter((c) => c._visible).map(hitTest);
    return (x, y) => parts.some((t) => t(x, y));
  }
  const toLocal: Affine = invertAffine(node._absTransform());
  const shape = localShape(node);
  return (x, y) => {
    const [u, v] = applyAffine(toLocal, x, y);
    return shape(u, v, 0);
  };
}

/** UNION: any child; INTERSECT: all; SUBTRACT: the first minus the rest; EXCLUDE: an odd number. */
function booleanHitTest(node: FakeSceneNode): HitTest {
  const parts = node._children!.filter((c) => c._visible).map(hitTest);
  const op = (node._props.booleanOperation as string | undefined) ?? "UNION";
  return (x, y) => {
    if (parts.length === 0) return false;
    switch (op) {
      case "INTERSECT":
        return parts.every((t) => t(x, y));
      case "SUBTRACT":
        return parts[0]!(x, y) && !parts.slice(1).some((t) => t(x, y));
      case "EXCLUDE":
        return parts.filter((t) => t(x, y)).length % 2 === 1;
      default:
        return parts.some((t) => t(x, y));
    }
  };
}

/** Composites one paint at local point (u, v) over `out` (premultiplied). */
type PaintSampler = (u: number, v: number, out: Rgba) => void;

/**
 * Builds the sampler for one paint on a w×h box.
 * SOLID: colour × paint opacity. Gradients: the point in normalized box space (u/w, v/h) is mapped through
 * `gradientTransform`; LINEAR uses the mapped x, RADIAL 2 × distance from (0.5, 0.5), ANGULAR the angle
 * around (0.5, 0.5), DIAMOND 2 × L1 distance — stops interpolated linearly in straight sRGB (approximation).
 * IMAGE (nearest pixel): FILL covers the box centred, FIT is contained centred, CROP maps normalized box
 * space through `imageTransform` to normalized image space, TILE repeats the image at its pixel size ×
 * `scalingFactor` from the box origin. Image `rotation` and `filters` are ignored; VIDEO/PATTERN paint nothing.
 */
function paintSampler(paint: Paint, w: number, h: number, images: FakeImageStore): PaintSampler {
  const opacity = paint.opacity ?? 1;
  switch (paint.type) {
    case "SOLID": {
      const { r, g, b } = paint.color;
      return (_u, _v, out) => over(out, r, g, b, opacity);
    }
    case "GRADIENT_LINEAR":
    case "GRADIENT_RADIAL":
    case "GRADIENT_ANGULAR":
    case "GRADIENT_DIAMOND": {
      const t = paint.gradientTransform;
      const stops = [...paint.gradientStops].sort((a, b) => a.position - b.position);
      if (stops.length === 0) return () => {};
      const position = gradientPosition(paint.type);
      return (u, v, out) => {
        const [gx, gy] = applyAffine(t, w > 0 ? u / w : 0, h > 0 ? v / h : 0);
        const [r, g, b, a] = stopColour(stops, position(gx, gy));
        over(out, r, g, b, a * opacity);
      };
    }
    case "IMAGE": {
      const image = paint.imageHash ? images.decode(paint.imageHash) : undefined;
      if (!image) return () => {};
      const lookup = imageLookup(paint, image, w, h);
      return (u, v, out) => {
        const p = lookup(u, v);
        if (p < 0) return;
        const d = image.data;
        over(out, d[p]! / 255, d[p + 1]! / 255, d[p + 2]! / 255, (d[p + 3]! / 255) * opacity);
      };
    }
    default:
      return () => {};
  }
}

function gradientPosition(type: GradientPaint["type"]): (x: number, y: number) => number {
  switch (type) {
    case "GRADIENT_RADIAL":
      return (x, y) => 2 * Math.hypot(x - 0.5, y - 0.5);
    case "GRADIENT_ANGULAR":
      return (x, y) => {
        const a = Math.atan2(y - 0.5, x - 0.5) / (2 * Math.PI);
        return a < 0 ? a + 1 : a;
      };
    case "GRADIENT_DIAMOND":
      return (x, y) => 2 * (Math.abs(x - 0.5) + Math.abs(y - 0.5));
    default:
      return (x) => x;
  }
}

function stopColour(stops: readonly ColorStop[], t: number): [number, number, number, number] {
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (t <= first.position) return [first.color.r, first.color.g, first.color.b, first.color.a];
  if (t >= last.position) return [last.color.r, last.color.g, last.color.b, last.color.a];
  for (let i = 1; i < stops.length; i++) {
    const b = stops[i]!;
    if (t <= b.position) {
      const a = stops[i - 1]!;
      const f = b.position > a.position ? (t - a.position) / (b.position - a.position) : 1;
      return [a.color.r + (b.color.r - a.color.r) * f, a.color.g + (b.color.g - a.color.g) * f, a.color.b + (b.color.b - a.color.b) * f, a.color.a + (b.color.a - a.color.a) * f];
    }
  }
  return [last.color.r, last.color.g, last.color.b, last.color.a];
}

/** Maps a local point to a byte offset in the image, or −1 where the paint shows nothing. */
function imageLookup(paint: ImagePaint, image: RgbaImage, w: number, h: number): (u: number, v: number) => number {
  const iw = image.width;
  const ih = image.height;
  const at = (ix: number, iy: number) => (ix < 0 || iy < 0 || ix >= iw || iy >= ih ? -1 : (iy * iw + ix) * 4);
  switch (paint.scaleMode) {
    case "FILL":
    case "FIT": {
      const s = paint.scaleMode === "FILL" ? Math.max(w / iw, h / ih) : Math.min(w / iw, h / ih);
      const ox = (w - iw * s) / 2;
      const oy = (h - ih * s) / 2;
      const cover = paint.scaleMode === "FILL";
      return (u, v) => {
        let ix = Math.floor((u - ox) / s);
        let iy = Math.floor((v - oy) / s);
        // FILL covers the box; float error at the box edge must not leave a transparent sliver.
        if (cover) {
          ix = Math.min(iw - 1, Math.max(0, ix));
          iy = Math.min(ih - 1, Math.max(0, iy));
        }
        return at(ix, iy);
      };
    }
    case "CROP": {
      const t = paint.imageTransform ?? [
        [1, 0, 0],
        [0, 1, 0],
      ];
      return (u, v) => {
        const [nx, ny] = applyAffine(t, w > 0 ? u / w : 0, h > 0 ? v / h : 0);
        return at(Math.floor(nx * iw), Math.floor(ny * ih));
      };
    }
    case "TILE": {
      const s = paint.scalingFactor && paint.scalingFactor > 0 ? paint.scalingFactor : 1;
      return (u, v) => {
        const ix = Math.floor(u / s);
        const iy = Math.floor(v / s);
        return at(((ix % iw) + iw) % iw, ((iy % ih) + ih) % ih);
      };
    }
    default:
      return () => -1;
  }
}

/** Source-over of a straight colour (channels 0–1, alpha a) onto premultiplied `out`. */
function over(out: Rgba, r: number, g: number, b: number, a: number): void {
  if (a <= 0) return;
  const k = 1 - a;
  out[0] = r * a + out[0] * k;
  out[1] = g * a + out[1] * k;
  out[2] = b * a + out[2] * k;
  out[3] = a + out[3] * k;
}
