/// <reference types="@figma/plugin-typings" />
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";
import { type Affine, applyAffine, invertAffine } from "./affine-2x3.js";
import type { FakeImageStore } from "./fake-image-store.js";
import { FakeFrameNode, type FakeSceneNode, FakeTextNode, cornerRadii, isTransparentContainer } from "./fake-nodes.js";

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
  const target = new Float32Array(width * height * 4);
  drawNode(canvas, target, node, null, true);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < target.length; i += 4) {
    const a = target[i + 3]!;
    if (a <= 0) continue;
    data[i] = Math.round((target[i]! / a) * 255);
    data[i + 1] = Math.round((target[i + 1]! / a) * 255);
    data[i + 2] = Math.round((target[i + 2]! / a) * 255);
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

/** Premultiplied RGBA colour, channels 0–1. */
type Rgba = [number, number, number, number];

/** Hit test in page coordinates. */
type HitTest = (x: number, y: number) => boolean;

function drawNode(canvas: Canvas, target: Float32Array, node: FakeSceneNode, clip: Uint8Array | null, isRoot: boolean): void {
  if (!isRoot && !node._visible) return;
  // Masks would need a second pass over siblings; the mask shape itself is never painted in Figma, so skip it.
  if (node._props.isMask === true) return;
  const layered = node._opacity < 1;
  const layer = layered ? new Float32Array(target.length) : target;
  if (node._type !== "GROUP") paintOwnShape(canvas, layer, node, clip);
  if (node._children && node._type !== "BOOLEAN_OPERATION") {
    const childClip = node instanceof FakeFrameNode && node._clips() ? clipMask(canvas, node, clip) : clip;
    for (const child of node._children) drawNode(canvas, layer, child, childClip, false);
  }
  if (layered) {
    const o = node._opacity;
    for (let i = 0; i < target.length; i += 4) {
      const a = layer[i + 3]! * o;
      if (a <= 0) continue;
      const k = 1 - a;
      target[i] = layer[i]! * o + target[i]! * k;
      target[i + 1] = layer[i + 1]! * o + target[i + 1]! * k;
      target[i + 2] = layer[i + 2]! * o + target[i + 2]! * k;
      target[i + 3] = a + target[i + 3]! * k;
    }
  }
}

/** Fills then strokes of the node's own shape. */
function paintOwnShape(canvas: Canvas, target: Float32Array, node: FakeSceneNode, clip: Uint8Array | null): void {
  const fills = node._fills.filter((p) => p.visible !== false && (p.opacity ?? 1) > 0);
  const strokes = node._strokes.filter((p) => p.visible !== false && (p.opacity ?? 1) > 0);
  const strokeWeight = typeof node._props.strokeWeight === "number" ? node._props.strokeWeight : 1;
  const hasStroke = strokes.length > 0 && strokeWeight > 0;
  if (fills.length === 0 && !hasStroke) return;
  const abs = node._absTransform();
  const toLocal = invertAffine(abs);
  const [w, h] = node._size();
  const fillHit = node._type === "BOOLEAN_OPERATION" ? booleanHitTest(node) : null;
  const shape = localShape(node);
  const fillSamplers = fills.map((p) => paintSampler(p, w, h, canvas.images));
  const strokeSamplers = hasStroke ? strokes.map((p) => paintSampler(p, w, h, canvas.images)) : [];
  const align = (node._props.strokeAlign as string | undefined) ?? "INSIDE";
  const [outer, inner] = align === "INSIDE" ? [0, strokeWeight] : align === "OUTSIDE" ? [-strokeWeight, 0] : [-strokeWeight / 2, strokeWeight / 2];
  const grow = hasStroke ? Math.max(0, -outer) : 0;
  const box = node.absoluteBoundingBox!;
  const [x0, x1, y0, y1] = pixelRange(canvas, box, grow);
  const colour: Rgba = [0, 0, 0, 0];
  for (let py = y0; py < y1; py++) {
    const ay = canvas.originY + (py + 0.5) / canvas.scale;
    for (let px = x0; px < x1; px++) {
      const i = py * canvas.width + px;
      if (clip && clip[i] === 0) continue;
      const ax = canvas.originX + (px + 0.5) / canvas.scale;
      const [u, v] = applyAffine(toLocal, ax, ay);
      colour[0] = colour[1] = colour[2] = colour[3] = 0;
      const inFill = fillSamplers.length > 0 && (fillHit ? fillHit(ax, ay) : shape(u, v, 0));
      if (inFill) for (const sample of fillSamplers) sample(u, v, colour);
      if (hasStroke && !fillHit && shape(u, v, outer) && !shape(u, v, inner)) for (const sample of strokeSamplers) sample(u, v, colour);
      if (colour[3] <= 0) continue;
      const k = 1 - colour[3];
      const o = i * 4;
      target[o] = colour[0] + target[o]! * k;
      target[o + 1] = colour[1] + target[o + 1]! * k;
      target[o + 2] = colour[2] + target[o + 2]! * k;
      target[o + 3] = colour[3] + target[o + 3]! * k;
    }
  }
}

/** Pixel index range [x0, x1) × [y0, y1) whose centres can fall inside `box` grown by `grow` points. */
function pixelRange(canvas: Canvas, box: Rect, grow: number): [number, number, number, number] {
  const s = canvas.scale;
  const x0 = Math.max(0, Math.floor((box.x - grow - canvas.originX) * s - 0.5));
  const y0 = Math.max(0, Math.floor((box.y - grow - canvas.originY) * s - 0.5));
  const x1 = Math.min(canvas.width, Math.ceil((box.x + box.width + grow - canvas.originX) * s + 0.5));
  const y1 = Math.min(canvas.height, Math.ceil((box.y + box.height + grow - canvas.originY) * s + 0.5));
  return [x0, x1, y0, y1];
}

/** Clip mask of a clipping frame's shape, intersected with the mask already in force. */
function clipMask(canvas: Canvas, frame: FakeSceneNode, parent: Uint8Array | null): Uint8Array {
  const mask = new Uint8Array(canvas.width * canvas.height);
  const toLocal = invertAffine(frame._absTransform());
  const shape = localShape(frame);
  const [x0, x1, y0, y1] = pixelRange(canvas, frame.absoluteBoundingBox!, 0);
  for (let py = y0; py < y1; py++) {
    const ay = canvas.originY + (py + 0.5) / canvas.scale;
    for (let px = x0; px < x1; px++) {
      const i = py * canvas.width + px;
      if (parent && parent[i] === 0) continue;
      const [u, v] = applyAffine(toLocal, canvas.originX + (px + 0.5) / canvas.scale, ay);
      if (shape(u, v, 0)) mask[i] = 1;
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
  const [tl, tr, br, bl] = radii.map((r) => Math.max(0, Math.min(r, limit) - inset));
  if (tl! > 0 && u < left + tl! && v < top + tl!) return (u - left - tl!) ** 2 + (v - top - tl!) ** 2 <= tl! ** 2;
  if (tr! > 0 && u > right - tr! && v < top + tr!) return (u - right + tr!) ** 2 + (v - top - tr!) ** 2 <= tr! ** 2;
  if (br! > 0 && u > right - br! && v > bottom - br!) return (u - right + br!) ** 2 + (v - bottom + br!) ** 2 <= br! ** 2;
  if (bl! > 0 && u < left + bl! && v > bottom - bl!) return (u - left - bl!) ** 2 + (v - bottom + bl!) ** 2 <= bl! ** 2;
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
      return [
        a.color.r + (b.color.r - a.color.r) * f,
        a.color.g + (b.color.g - a.color.g) * f,
        a.color.b + (b.color.b - a.color.b) * f,
        a.color.a + (b.color.a - a.color.a) * f,
      ];
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
