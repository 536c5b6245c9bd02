import type { LayoutElement } from "../frame-spec/frame-spec.js";

/** The smallest font size, in points, a layout may use (the readability floor). */
export const MIN_FONT_SIZE = 8;
/**
 * Average advance of a proportional (Latin, Cyrillic, digit) character as a fraction of the font
 * size. 0.5–0.55 em is the usual average for text faces; 0.55 leans wide so estimates err on
 * the side of more lines, not overflow.
 */
export const AVERAGE_ADVANCE = 0.55;
/** CJK ideographs, kana, Hangul and full-width forms are set on a square body: 1 em (W3C JLREQ §1.2, CLREQ §3.1). */
export const FULL_WIDTH_ADVANCE = 1;
/** Line height as a multiple of the font size when nothing better is known (CSS `line-height: normal` ≈ 1.2). */
export const DEFAULT_LINE_HEIGHT = 1.2;

/** How one text is estimated: a multiplier on the average advances, and its line height ÷ font size. */
export interface TextMetrics {
  readonly advanceScale: number;
  readonly lineHeight: number;
}

/** The estimated block of a wrapped text. Points. */
export interface TextBlock {
  readonly lines: number;
  /** Width of the widest line. */
  readonly width: number;
  /** `lines × lineHeight × fontSize`. */
  readonly height: number;
}

export const DEFAULT_TEXT_METRICS: TextMetrics = { advanceScale: 1, lineHeight: DEFAULT_LINE_HEIGHT };

// Hangul Jamo, CJK radicals … CJK ideographs, Hangul syllables, CJK compatibility, full-width forms, CJK symbols.
const FULL_WIDTH =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]|[\u{1f300}-\u{1faff}]/u;
const SPACE = /\s/u;

/**
 * Estimates how a text wraps in a box `maxWidth` wide: characters × font size × advance
 * (0.55 em proportional, 1 em full-width), greedy word wrap, CJK breakable between any two
 * characters, a word too long for a line broken between characters, explicit line breaks kept,
 * trailing spaces ignored.
 *
 * @param fontSize points, > 0.
 * @param maxWidth points; `Infinity` gives the natural single-line width of each paragraph.
 * @returns lines, widest line and height in points. An empty text is one empty line.
 */
export function estimateTextBlock(characters: string, fontSize: number, maxWidth: number, metrics: TextMetrics): TextBlock {
  const unit = fontSize * metrics.advanceScale;
  const limit = maxWidth + Math.max(1e-9, Math.abs(maxWidth) * 1e-9);
  let lines = 0;
  let widest = 0;
  for (const paragraph of characters.split(/\r\n|[\n\r\u2028\u2029]/)) {
    let lineWidth = 0;
    let lineUsed = false;
    let pendingSpace = 0;
    const endLine = () => {
      lines += 1;
      widest = Math.max(widest, lineWidth);
      lineWidth = 0;
      lineUsed = false;
      pendingSpace = 0;
    };
    for (const token of tokenize(paragraph.trimEnd())) {
      if (token.space) {
        if (lineUsed) pendingSpace += token.width * unit;
        continue;
      }
      const w = token.width * unit;
      if (lineUsed && lineWidth + pendingSpace + w <= limit) {
        lineWidth += pendingSpace + w;
        pendingSpace = 0;
        continue;
      }
      if (lineUsed) endLine();
      if (w <= limit) {
        lineWidth = w;
        lineUsed = true;
        continue;
      }
      // Longer than a whole line: break between characters, as Figma does.
      for (const ch of token.chars) {
        const cw = advanceOf(ch) * unit;
        if (lineUsed && lineWidth + cw > limit) endLine();
        lineWidth += cw;
        lineUsed = true;
      }
    }
    endLine();
  }
  return { lines, width: widest, height: lines * metrics.lineHeight * fontSize };
}

/**
 * Metrics of a TEXT element calibrated on its source box, so a text drawn wide (Poppins, capitals)
 * is not estimated narrower than it was drawn: a single-line text's measured width raises the
 * advance (up to 1.6×), and the box height over the estimated line count gives the line height
 * (clamped to 1–2 × the font size).
 */
export function textMetricsOf(element: LayoutElement): TextMetrics {
  if (!element.text) return DEFAULT_TEXT_METRICS;
  // Re-layout asks for the same element's metrics in every placement round (a swatch sheet of
  // 120 layers runs thousands); elements are never changed once made, so once per element.
  let metrics = metricsCache.get(element);
  if (!metrics) metricsCache.set(element, (metrics = measureMetrics(element.text, element.box)));
  return metrics;
}

const metricsCache = new WeakMap<LayoutElement, TextMetrics>();

function measureMetrics({ characters, fontSize }: NonNullable<LayoutElement["text"]>, { width, height }: LayoutElement["box"]): TextMetrics {
  const natural = estimateTextBlock(characters, fontSize, Infinity, DEFAULT_TEXT_METRICS);
  const singleLine = natural.lines === 1 && height < 1.9 * fontSize && natural.width > 0;
  const advanceScale = singleLine ? clamp(width / natural.width, 1, 1.6) : 1;
  const lines = estimateTextBlock(characters, fontSize, width, { advanceScale, lineHeight: 1 }).lines;
  const lineHeight = clamp(height / (lines * fontSize), 1, 2);
  return { advanceScale, lineHeight };
}

/**
 * The largest font size ≤ `maxFontSize` at which the text fits `box` (wrapped to its width,
 * no taller than its height), to 1/1000 pt. Returns 0 when not even a sliver fits.
 */
export function fitFontSize(characters: string, maxFontSize: number, box: { width: number; height: number }, metrics: TextMetrics): number {
  const fits = (f: number) => {
    const b = estimateTextBlock(characters, f, box.width, metrics);
    return b.width <= box.width + 1e-6 && b.height <= box.height + 1e-6;
  };
  if (fits(maxFontSize)) return maxFontSize;
  let lo = 0;
  let hi = maxFontSize;
  while (hi - lo > 1e-3) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The smallest text (points) an element shows at its source size: for a group or button holding texts of several
 * sizes its `minFontSize`, else its text's size; undefined for an element without text. Legibility is judged on it.
 */
export function smallestFontSize(element: LayoutElement): number | undefined {
  return element.text && (element.minFontSize ?? element.text.fontSize);
}

/** Whether an element reflows as text (an unrotated TEXT layer with something to say), rather than scaling as a picture. */
export function isFlowText(element: LayoutElement): boolean {
  return element.nodeType === "TEXT" && !!element.text && element.text.characters.trim().length > 0 && Math.abs(element.rotation % 360) < 0.01;
}

interface Token {
  space: boolean;
  chars: string[];
  /** In em (before the font size). */
  width: number;
}

function advanceOf(ch: string): number {
  return FULL_WIDTH.test(ch) ? FULL_WIDTH_ADVANCE : AVERAGE_ADVANCE;
}

/** Words, single spaces and single full-width characters (each breakable on its own). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word: Token | null = null;
  for (const ch of text) {
    const space = SPACE.test(ch);
    const full = !space && FULL_WIDTH.test(ch);
    if (space || full) {
      word = null;
      tokens.push({ space, chars: [ch], width: advanceOf(ch) });
      continue;
    }
    if (!word) {
      word = { space: false, chars: [], width: 0 };
      tokens.push(word);
    }
    word.chars.push(ch);
    word.width += AVERAGE_ADVANCE;
  }
  return tokens;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
