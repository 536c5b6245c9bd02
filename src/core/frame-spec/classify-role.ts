import type { ElementRole } from "./frame-spec.js";
import type { SpecNode } from "./spec-node.js";

/** Names designers give logos, buttons and backgrounds (matched case-insensitively on word parts). */
const LOGO_NAME = /(^|[^a-z])(logo|logotype|brand|wordmark|logomark|emblem)([^a-z]|$)/i;
const CTA_NAME = /(^|[^a-z])(button|btn|cta|call[ -]?to[ -]?action|shop[ -]?now|buy|sign[ -]?up|learn[ -]?more)([^a-z]|$)/i;
const BACKGROUND_NAME = /(^|[^a-z])(bg|background|backdrop|hero[ -]?image|cover)([^a-z]|$)/i;

/** Share of the frame's area above which a layer counts as full-bleed (a background). */
const FULL_BLEED_SHARE = 0.9;
/** A CTA label is short: buttons say "Shop now", not a sentence (words). */
const CTA_MAX_WORDS = 5;

/** Every text in a subtree, in paint order. */
export function collectTexts(node: SpecNode): NonNullable<SpecNode["text"]>[] {
  const out: NonNullable<SpecNode["text"]>[] = [];
  const walk = (n: SpecNode) => {
    if (!n.visible) return;
    if (n.text) out.push(n.text);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

/** Whether a subtree shows an image fill. */
export function hasImageFill(node: SpecNode): boolean {
  if (!node.visible) return false;
  if (node.fills.some((p) => p.visible && p.type === "IMAGE")) return true;
  return node.children.some(hasImageFill);
}

/** Pairs of CJK ideographs, kana or Hangul syllables: scripts written without spaces, whose words are mostly one or two characters. */
const CJK_PAIR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff]{2}/gu;

/**
 * Words in a label: runs between spaces, each pair of CJK characters counting as a word (立即购买
 * "buy now" is two), so a Chinese paragraph is not taken for a two-word button label.
 */
function countWords(text: string): number {
  return text.replace(CJK_PAIR, " w ").split(/\s+/).filter(Boolean).length;
}

/**
 * Whether the texts of a container sit across its middle: a button's label is centred in it
 * (to 15% of its width either way, room for an icon beside it); a header bar's title sits at
 * its left.
 */
function labelCentred(node: SpecNode): boolean {
  const edges: number[] = [];
  const walk = (n: SpecNode): void => {
    if (n.visible) {
      if (n.text) edges.push(n.box.x, n.box.x + n.box.width);
      n.children.forEach(walk);
    }
  };
  walk(node);
  // Twice the offset of the label's centre from the container's, against twice 15% of its width.
  return Math.abs(Math.min(...edges) + Math.max(...edges) - 2 * node.box.x - node.box.width) <= 0.3 * node.box.width;
}

/**
 * Classifies the direct children of a frame by role, from names first (designers name their
 * logo "Logo" and their button "CTA"), then from structure: a full-bleed layer is the
 * background; a container with a short label centred on a fill, small in the frame or snug
 * around its label (no taller than 4× the label's size), is a button; the text with the
 * largest font is the headline and the rest is body; an image fill is an image; other shapes
 * are decoration.
 *
 * @param children direct children of the frame (or of a container inside it), visible ones, in
 *   paint order; boxes in points.
 * @param frame the frame's size in points.
 * @param largestFontInFrame the largest font size (points) anywhere in the frame, when `children`
 *   are nested: a 20 pt line beside a 52 pt headline elsewhere is body copy. Default: the largest
 *   among `children`.
 * @returns one role per child, same order.
 */
export function classifyRoles(children: readonly SpecNode[], frame: { width: number; height: number }, largestFontInFrame?: number): ElementRole[] {
  const frameArea = frame.width * frame.height;
  const largestFont = largestFontInFrame ?? Math.max(0, ...children.flatMap((c) => collectTexts(c).map((t) => t.fontSize)));
  return children.map((child): ElementRole => {
    const area = child.box.width * child.box.height;
    const texts = collectTexts(child);
    const words = countWords(texts.map((t) => t.characters).join(" "));
    const biggest = Math.max(...texts.map((t) => t.fontSize));
    const fullBleed = area >= FULL_BLEED_SHARE * frameArea;
    if (child.isGenerated) return "background";
    if (LOGO_NAME.test(child.name)) return "logo";
    if (CTA_NAME.test(child.name) && !fullBleed) return "cta";
    if (fullBleed && texts.length === 0) return "background";
    if (BACKGROUND_NAME.test(child.name) && texts.length === 0 && area >= 0.5 * frameArea) return "background";
    if (child.type === "TEXT" && child.text) {
      // Type within 75% of the largest size in the frame reads as headline; smaller type is body copy.
      return child.text.fontSize >= 0.75 * largestFont ? "headline" : "body";
    }
    const visibleFill =
      child.fills.some((p) => p.visible && p.type !== "IMAGE" && p.opacity > 0) ||
      child.children.some((c) => c.visible && c.type !== "TEXT" && c.fills.some((p) => p.visible && p.type === "SOLID"));
    if (texts.length > 0 && words <= CTA_MAX_WORDS && visibleFill && !fullBleed && labelCentred(child) && (area <= 0.25 * frameArea || child.box.height <= 4 * biggest))
      return "cta";
    if (hasImageFill(child) && texts.length === 0) return "image";
    if (texts.length > 0) return biggest >= 0.75 * largestFont ? "headline" : "body";
    return "decoration";
  });
}
