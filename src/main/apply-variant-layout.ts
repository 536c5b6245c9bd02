// Runs in the Figma sandbox: moves, scales and resizes cloned layers to a variant's layout.
import { transformedBounds, type Affine } from "../core/geometry/affine.js";
import type { PlacedElement } from "../core/layout/layout-result.js";

/** Scale factors this close to 1 are left alone (rescaling by 1.0004 only blurs edges). */
const SCALE_EPSILON = 1e-3;

/**
 * Loads every font used by the text layers under `nodes` (Figma refuses to change text whose
 * font is not loaded). A font that cannot be loaded (missing on this machine) is skipped.
 * @returns a test telling whether a text layer's fonts are all loaded.
 */
export async function loadVariantFontsAsync(nodes: readonly SceneNode[]): Promise<(text: TextNode) => boolean> {
  const texts = nodes.flatMap((n) => (n.type === "TEXT" ? [n] : "findAllWithCriteria" in n ? n.findAllWithCriteria({ types: ["TEXT"] }) : []));
  const fontsOf = (t: TextNode): FontName[] => (t.characters.length > 0 ? t.getRangeAllFontNames(0, t.characters.length) : typeof t.fontName === "symbol" ? [] : [t.fontName]);
  const key = (f: FontName) => `${f.family}\u0000${f.style}`;
  const wanted = new Map<string, FontName>();
  for (const t of texts) for (const f of fontsOf(t)) wanted.set(key(f), f);
  const loaded = new Set<string>();
  await Promise.all(
    [...wanted].map(async ([k, font]) => {
      try {
        await figma.loadFontAsync(font);
        loaded.add(k);
      } catch {
        // A missing font only means that text keeps its size; the layout says so in its warnings.
      }
    }),
  );
  return (text) => fontsOf(text).every((f) => loaded.has(key(f)));
}

/** The layer's axis-aligned bounds in its parent's coordinates, points. */
function boundsInParent(node: SceneNode): { x: number; y: number; width: number; height: number } {
  return transformedBounds(node.relativeTransform as Affine, node.width, node.height);
}

/** Moves the layer so its axis-aligned bounds start at (x, y) in the parent. */
function moveBoundsTo(node: SceneNode, x: number, y: number): void {
  const b = boundsInParent(node);
  node.x += x - b.x;
  node.y += y - b.y;
}

/**
 * Scales a text layer's type by `scale`: every styled run's font size, and line height and
 * letter spacing where they are in pixels (percentages follow the size by themselves). Sizes are
 * rounded to 1/100 pt. Needs the text's fonts loaded.
 */
function scaleText(text: TextNode, scale: number): void {
  const segments = text.characters.length > 0 ? text.getStyledTextSegments(["fontSize", "lineHeight", "letterSpacing"]) : [];
  if (segments.length === 0) {
    if (typeof text.fontSize === "number") text.fontSize = round(text.fontSize * scale);
    return;
  }
  for (const s of segments) {
    text.setRangeFontSize(s.start, s.end, Math.max(1, round(s.fontSize * scale)));
    if (s.lineHeight.unit === "PIXELS") text.setRangeLineHeight(s.start, s.end, { unit: "PIXELS", value: round(s.lineHeight.value * scale) });
    if (s.letterSpacing.unit === "PIXELS") text.setRangeLetterSpacing(s.start, s.end, { unit: "PIXELS", value: round(s.letterSpacing.value * scale) });
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Applies one placed element to its clone in the variant frame (layout-result.ts, PlacedElement):
 * - a background is scaled by its cover factor and centred (the frame clips the overhang);
 * - a text layer gets its font sizes scaled so the largest is `fontSize`, then the box `box`
 *   (fixed size, so the layout's checked box is what the file holds);
 * - any other layer is rescaled uniformly by `scale` (Figma's Scale tool: strokes, corner radii,
 *   nested text and effects scale too), resized to `box` when that stretches it, and moved there.
 * Rotated layers are only scaled and moved: their box is their rotated bounds.
 *
 * @param fontsLoaded whether a text layer's fonts are loaded; a text without them is only moved.
 * @returns a sentence when the layer could not be fully applied, else null.
 */
export function applyPlacedElement(node: SceneNode, placed: PlacedElement, frame: { width: number; height: number }, fontsLoaded: (text: TextNode) => boolean): string | null {
  const scale = placed.scale;
  // Every layer a frame's direct child can be has the layout mixin (rotation, rescale, resize).
  const layer = node as SceneNode & LayoutMixin;
  const rotated = Math.abs(layer.rotation) > 0.01;
  if (placed.role === "background") {
    if (scale > 0 && Math.abs(scale - 1) > SCALE_EPSILON) layer.rescale(Math.max(0.01, scale));
    const b = boundsInParent(node);
    moveBoundsTo(node, (frame.width - b.width) / 2, (frame.height - b.height) / 2);
    return null;
  }
  let problem: string | null = null;
  if (node.type === "TEXT") {
    if (fontsLoaded(node)) {
      if (scale > 0 && Math.abs(scale - 1) > SCALE_EPSILON) scaleText(node, scale);
      if (!rotated) {
        node.textAutoResize = "NONE";
        node.resize(Math.max(0.01, placed.box.width), Math.max(0.01, placed.box.height));
      }
    } else {
      problem = `The font of "${node.name}" is not available, so its size was kept; check it fits.`;
    }
  } else {
    if (scale > 0 && Math.abs(scale - 1) > SCALE_EPSILON) layer.rescale(Math.max(0.01, scale));
    const stretched = Math.abs(layer.width - placed.box.width) > 0.5 || Math.abs(layer.height - placed.box.height) > 0.5;
    if (!rotated && stretched && node.type !== "LINE") {
      // An auto-layout frame that hugs its content would grow back after resize: fix its size (plugin-api.d.ts, primaryAxisSizingMode).
      const frame = node as SceneNode & Partial<Pick<FrameNode, "layoutMode" | "primaryAxisSizingMode" | "counterAxisSizingMode">>;
      if (frame.layoutMode !== undefined && frame.layoutMode !== "NONE") {
        frame.primaryAxisSizingMode = "FIXED";
        frame.counterAxisSizingMode = "FIXED";
      }
      layer.resize(Math.max(0.01, placed.box.width), Math.max(0.01, placed.box.height));
    }
  }
  moveBoundsTo(node, placed.box.x, placed.box.y);
  return problem;
}
