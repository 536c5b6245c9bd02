import type { Box, ElementRole, LayoutElement } from "../frame-spec/frame-spec.js";
import { unionBox } from "./box-geometry.js";
import { fitFontSize, isFlowText, smallestFontSize, textMetricsOf } from "./estimate-text-block.js";
import type { PlacedElement } from "./layout-result.js";
import { placeRigid, placeText } from "./placement.js";

/** Points of slack when testing whether a layer lies on a card (rounding in Figma's exports). */
const ON_CARD_SLACK = 1;

/** A card (or panel) and the layers lying on it, moved as one element by re-layout. */
export interface CardGroup {
  /** The shape or opened container the others lie on. */
  readonly card: LayoutElement;
  /** The layers on it (transitively), in paint order. */
  readonly members: readonly LayoutElement[];
  /** The element re-layout places in their stead (`id` = `group:` + the card's id). */
  readonly element: LayoutElement;
}

/** Importance when a group is named for its most important member (higher = more important). */
const IMPORTANCE: Record<ElementRole, number> = { background: -1, decoration: 0, body: 1, image: 2, logo: 3, headline: 4, cta: 5 };

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x - ON_CARD_SLACK &&
    inner.y >= outer.y - ON_CARD_SLACK &&
    inner.x + inner.width <= outer.x + outer.width + ON_CARD_SLACK &&
    inner.y + inner.height <= outer.y + outer.height + ON_CARD_SLACK
  );
}

/**
 * Finds the cards of a frame: a decoration without text (a rounded rectangle, an opened panel)
 * painted below other layers that lie wholly inside it. The card and everything on it become one
 * element, so body copy never leaves its card; a card on a card belongs to the outer one. The
 * group's role is its most important member's, its box the union, its `text` the smallest
 * member text, at the size it is fitted to on the card (so the group counts as illegible as
 * soon as any of its texts would be once expanded).
 *
 * @param items non-background elements, paint order; boxes in points.
 * @returns `items` with each card and its members replaced by the group element (at the card's
 *   place in paint order), and the groups.
 */
export function groupCards(items: readonly LayoutElement[]): { items: LayoutElement[]; groups: CardGroup[] } {
  const cardOf = new Map<LayoutElement, LayoutElement>();
  items.forEach((card, i) => {
    if (card.role !== "decoration" || card.text || card.box.width <= 0 || card.box.height <= 0) return;
    for (const e of items.slice(i + 1)) {
      if (e.role === "background" || !inside(e.box, card.box)) continue;
      const current = cardOf.get(e);
      // The smallest card a layer lies on is the one it belongs to.
      if (!current || current.box.width * current.box.height > card.box.width * card.box.height) cardOf.set(e, card);
    }
  });
  if (cardOf.size === 0) return { items: [...items], groups: [] };
  const top = (e: LayoutElement): LayoutElement => {
    let c = e;
    for (let guard = 0; cardOf.has(c) && guard < items.length; guard++) c = cardOf.get(c)!;
    return c;
  };
  const groups: CardGroup[] = [];
  const out: LayoutElement[] = [];
  for (const e of items) {
    const root = top(e);
    if (root !== e) continue;
    const members = items.filter((m) => m !== e && top(m) === e);
    if (members.length === 0) {
      out.push(e);
      continue;
    }
    const lead = members.reduce((a, m) => (IMPORTANCE[m.role] > IMPORTANCE[a.role] ? m : a));
    const texts = members.flatMap((m) => (m.text ? [{ ...m.text, fontSize: fittedFontSize(m) }] : []));
    const smallest = texts.reduce<LayoutElement["text"]>((a, t) => (!a || t.fontSize < a.fontSize ? t : a), undefined);
    const element: LayoutElement = {
      id: `group:${e.id}`,
      name: lead.name,
      nodeType: "GROUP",
      role: lead.role,
      box: unionBox([e.box, ...members.map((m) => m.box)]),
      rotation: 0,
      constraints: { ...e.constraints },
      ...(smallest ? { text: { ...smallest } } : {}),
      layoutPositioning: e.layoutPositioning,
      hasImage: members.some((m) => m.hasImage) || e.hasImage,
      ...(e.parentId ? { parentId: e.parentId } : {}),
    };
    groups.push({ card: e, members, element });
    out.push(element);
  }
  return { items: out, groups };
}

/** How much smaller than asked a fitted font may come out (`fitFontSize` bisects to 1/1000 pt; 8 pt asks are met within 0.004 pt). */
const FIT_MARGIN = 5e-4;

/**
 * The font size (points) a member's text is set at when its group keeps its source size: a flow
 * text is fitted into its own box by `fitFontSize` as {@link expandGroup} does, which can be less
 * than its nominal size when the estimate finds the box tight (a 20 pt label drawn in a 132 pt
 * box the 0.55 em estimate needs 143 pt for). The fit scales with the group, so the group is
 * legible at scale `s` exactly when `s` × this is 8 pt or more; a hair under the fit, so the
 * bisection's rounding never lands a member at 7.99 pt. A group or button member counts its
 * smallest text (`minFontSize`).
 */
function fittedFontSize(m: LayoutElement): number {
  const t = m.text!;
  // A text that does not fit its own box at all counts as illegible at any scale (a thousandth of a point).
  return isFlowText(m) ? Math.max(fitFontSize(t.characters, t.fontSize, m.box, textMetricsOf(m)) * (1 - FIT_MARGIN), 1e-3) : smallestFontSize(m)!;
}

/**
 * The placed layers of a group placed as one element: each member keeps its place on the card,
 * scaled with the group (`placed.scale` for content; positions by the box's own stretch).
 */
export function expandGroup(group: CardGroup, placed: PlacedElement): PlacedElement[] {
  const g = group.element.box;
  const sx = g.width > 0 ? placed.box.width / g.width : placed.scale;
  const sy = g.height > 0 ? placed.box.height / g.height : placed.scale;
  return [group.card, ...group.members].map((m) => {
    const box = {
      x: placed.box.x + (m.box.x - g.x) * sx,
      y: placed.box.y + (m.box.y - g.y) * sy,
      width: m.box.width * sx,
      height: m.box.height * sy,
    };
    // A text is set as large as the group's scale allows and as its scaled box holds (by the same estimate checks use).
    return isFlowText(m) ? placeText(m, box, fitFontSize(m.text!.characters, m.text!.fontSize * placed.scale, box, textMetricsOf(m))) : placeRigid(m, box, placed.scale);
  });
}
