import type { ElementRole, FrameSpec } from "../frame-spec/frame-spec.js";
import { safeArea } from "../layout/box-geometry.js";
import { estimateTextBlock, isFlowText, textMetricsOf } from "../layout/estimate-text-block.js";
import type { LayoutResult } from "../layout/layout-result.js";
import { fitCover } from "../raster/fit-cover.js";
import { createRgbaImage, type RgbaImage } from "../raster/rgba-image.js";

/** Input of {@link renderVariantPreview}. */
export interface VariantPreviewInput {
  /** The size's layout (points = pixels at scale 1). */
  readonly layout: LayoutResult;
  /** The source frame the layout was made from (texts, roles). */
  readonly spec: FrameSpec;
  /** The size's background, opaque RGBA; any size (it is resized to cover the frame). Null: a neutral grey. */
  readonly background: RgbaImage | null;
}

/** Straight-alpha sRGB 0–255 colours per role: [r, g, b, fill alpha 0–1]. */
const ROLE_COLOUR: Record<ElementRole, readonly [number, number, number, number]> = {
  headline: [20, 20, 24, 0.9],
  body: [60, 60, 68, 0.75],
  cta: [24, 160, 251, 0.95],
  logo: [242, 78, 30, 0.85],
  image: [255, 255, 255, 0.55],
  decoration: [150, 150, 160, 0.35],
  background: [0, 0, 0, 0],
};
/** A neutral mid grey where there is no background picture. */
const NO_BACKGROUND: readonly [number, number, number, number] = [214, 214, 218, 255];
/** Safe zones are tinted with this colour and alpha, so text in them would show. */
const SAFE_ZONE_TINT: readonly [number, number, number, number] = [255, 0, 80, 0.18];

/**
 * A picture of one variant size for a person to look at: the background (cover-resized), then
 * each placed element in paint order as a box in its role's colour with a 2 px outline: texts as
 * one bar per estimated line at their font size (`estimateTextBlock`), a button as a filled
 * rounded bar, a product image as a light box with its diagonals, a logo as an orange box,
 * decorations as faint boxes; safe zones tinted red. Dropped elements are absent.
 * Pure: no fonts and no DOM, so it runs in the CLI, the tests and a worker alike.
 *
 * @returns an opaque RGBA image (straight alpha, 0–255) of `layout.width`×`layout.height` pixels
 *   (rounded, at least 1×1).
 */
export function renderVariantPreview(input: VariantPreviewInput): RgbaImage {
  const { layout, spec } = input;
  const width = Math.max(1, Math.round(layout.width));
  const height = Math.max(1, Math.round(layout.height));
  const image = input.background
    ? input.background.width === width && input.background.height === height
      ? { width, height, data: new Uint8ClampedArray(input.background.data) }
      : fitCover(input.background, width, height)
    : createRgbaImage(width, height, NO_BACKGROUND);
  const source = new Map(spec.elements.map((e) => [e.id, e]));
  for (const placed of layout.elements) {
    const e = source.get(placed.id);
    if (!e || e.role === "background") continue;
    const [r, g, b, a] = ROLE_COLOUR[e.role];
    const { x, y, width: w, height: h } = placed.box;
    if (isFlowText(e) && placed.fontSize) {
      const font = placed.fontSize;
      const block = estimateTextBlock(e.text!.characters, font, w + 0.02, textMetricsOf(e));
      const pitch = block.lines > 0 ? block.height / block.lines : font;
      for (let line = 0; line < block.lines; line++) {
        const lineWidth = line === block.lines - 1 && block.lines > 1 ? 0.6 * block.width : block.width;
        // A bar as tall as lower-case letters (about half the size), centred in its line.
        fillRect(image, x, y + line * pitch + (pitch - 0.55 * font) / 2, lineWidth, 0.55 * font, r, g, b, a);
      }
      strokeRect(image, x, y, w, h, r, g, b, 0.35);
      continue;
    }
    fillRect(image, x, y, w, h, r, g, b, a, e.role === "cta" ? Math.min(h / 2, 12) : 0);
    if (e.role === "image") {
      drawLine(image, x, y, x + w, y + h, 90, 90, 100, 0.6);
      drawLine(image, x + w, y, x, y + h, 90, 90, 100, 0.6);
    }
    if (e.role === "cta" || e.role === "headline" || e.role === "body") {
      // A group with text (a button label, a rating line): one light bar where its label sits.
      const label = e.role === "cta" ? [255, 255, 255] : [20, 20, 24];
      fillRect(image, x + w * 0.2, y + h * 0.4, w * 0.6, h * 0.2, label[0]!, label[1]!, label[2]!, 0.9);
    }
    strokeRect(image, x, y, w, h, Math.round(r * 0.6), Math.round(g * 0.6), Math.round(b * 0.6), 0.9);
  }
  if (layout.safeZone) {
    const area = safeArea({ width: layout.width, height: layout.height, safeZone: layout.safeZone });
    const [r, g, b, a] = SAFE_ZONE_TINT;
    fillRect(image, 0, 0, width, area.y, r, g, b, a);
    fillRect(image, 0, area.y + area.height, width, height - area.y - area.height, r, g, b, a);
    fillRect(image, 0, area.y, area.x, area.height, r, g, b, a);
    fillRect(image, area.x + area.width, area.y, width - area.x - area.width, area.height, r, g, b, a);
  }
  return image;
}

/**
 * Blends a colour over the pixels whose centres fall in the box (edges anti-aliased by coverage),
 * with corners rounded by `radius` pixels. Straight alpha over an opaque image.
 */
function fillRect(image: RgbaImage, x: number, y: number, w: number, h: number, r: number, g: number, b: number, alpha: number, radius = 0): void {
  if (w <= 0 || h <= 0 || alpha <= 0) return;
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(image.width, Math.ceil(x + w));
  const y1 = Math.min(image.height, Math.ceil(y + h));
  const data = image.data;
  for (let py = y0; py < y1; py++) {
    const cy = Math.min(py + 1, y + h) - Math.max(py, y);
    for (let px = x0; px < x1; px++) {
      // Only the first and last columns are partly covered; the ones between are whole pixels.
      const cx = px === x0 || px === x1 - 1 ? Math.min(px + 1, x + w) - Math.max(px, x) : 1;
      let cover = Math.max(0, cx) * Math.max(0, cy);
      if (radius > 0) {
        // Distance outside the rounded corner's circle, as a 1 px soft edge.
        const dx = Math.max(x + radius - (px + 0.5), 0, px + 0.5 - (x + w - radius));
        const dy = Math.max(y + radius - (py + 0.5), 0, py + 0.5 - (y + h - radius));
        cover *= Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(dx, dy)));
      }
      const k = alpha * cover;
      if (k <= 0) continue;
      const o = (py * image.width + px) * 4;
      data[o] = data[o]! + (r - data[o]!) * k;
      data[o + 1] = data[o + 1]! + (g - data[o + 1]!) * k;
      data[o + 2] = data[o + 2]! + (b - data[o + 2]!) * k;
    }
  }
}

function strokeRect(image: RgbaImage, x: number, y: number, w: number, h: number, r: number, g: number, b: number, alpha: number): void {
  const t = Math.min(2, w / 2, h / 2);
  fillRect(image, x, y, w, t, r, g, b, alpha);
  fillRect(image, x, y + h - t, w, t, r, g, b, alpha);
  fillRect(image, x, y + t, t, h - 2 * t, r, g, b, alpha);
  fillRect(image, x + w - t, y + t, t, h - 2 * t, r, g, b, alpha);
}

function drawLine(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, r: number, g: number, b: number, alpha: number): void {
  const steps = Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)));
  for (let i = 0; i <= steps; i++) {
    const t = steps > 0 ? i / steps : 0;
    fillRect(image, x0 + (x1 - x0) * t - 0.5, y0 + (y1 - y0) * t - 0.5, 1, 1, r, g, b, alpha);
  }
}
