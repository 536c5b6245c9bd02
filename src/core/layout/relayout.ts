import * as v from "valibot";
import type { Box, ElementRole, FrameSpec, LayoutElement } from "../frame-spec/frame-spec.js";
import { boxesOverlap, boxInside, safeArea } from "./box-geometry.js";
import { isFlowText, MIN_FONT_SIZE } from "./estimate-text-block.js";
import { expandGroup, groupCards, type CardGroup } from "./group-cards.js";
import { LayoutTarget, type DropCause, type DroppedElement, type LayoutResult, type LayoutTemplate, type PlacedElement } from "./layout-result.js";
import { placeAnchored } from "./place-anchored.js";
import { placeByAutoLayout, placeByConstraints } from "./place-by-constraints.js";
import { placeInFlow } from "./place-in-flow.js";
import type { Placement, PlacementContext, PlacementProblem, PlaceFunction } from "./placement.js";

/** Options of {@link relayout}. */
export interface RelayoutOptions {
  /**
   * How far the safe area's aspect may differ from the source's (as a ratio ≥ 1) for the frame's
   * own constraints or auto layout to be tried first. Default 1.25 (300×250 → 336×280 or
   * 1080×1080 qualifies; 300×250 → 728×90 does not).
   */
  readonly closeAspectRatio?: number;
  /** Use only this template (the panel's "keep my constraints" toggle, tests). */
  readonly template?: LayoutTemplate;
}

/**
 * Order in which elements are given up when a size is too small: decoration first, then body
 * text, then product image (the stated priority); logo, headline and button only as a
 * last resort, always with a warning.
 */
export const DROP_PRIORITY: Readonly<Record<Exclude<ElementRole, "background">, number>> = {
  decoration: 0,
  body: 1,
  image: 2,
  logo: 3,
  headline: 4,
  cta: 5,
};

const DEFAULT_CLOSE_ASPECT = 1.25;
/** Safe-area aspect (width ÷ height) from which a target counts as strongly horizontal / vertical. */
const HORIZONTAL_ASPECT = 2;
const VERTICAL_ASPECT = 0.6;
/** Safe-area aspect ÷ source aspect beyond which (or below whose inverse) the design counts as turned on its side. */
const TURNED_RATIO = 2;
const ESSENTIAL: ReadonlySet<ElementRole> = new Set(["logo", "headline", "cta"]);

const PLACE: Record<LayoutTemplate, PlaceFunction> = {
  constraints: placeByConstraints,
  "auto-layout": placeByAutoLayout,
  anchored: placeAnchored,
  row: (items, ctx) => placeInFlow("row", items, ctx),
  column: (items, ctx) => placeInFlow("column", items, ctx),
};

/**
 * Lays a frame out for a new size, as live layers: every element keeps its role and gets a box
 * in the target frame (points, top-left origin), texts a font size.
 *
 * Strategy: when the safe area's aspect is within `closeAspectRatio` of the source's, the frame's
 * own auto layout (or, without one, each child's constraints) is tried first; then role-based
 * templates chosen by the safe area's shape: a row for strongly horizontal sizes (≥ 2:1), a column
 * for strongly vertical ones (≤ 0.6:1), anchors relative to the source for square-ish ones, the
 * others after. Each template drops elements until it fits (see {@link DROP_PRIORITY}); the
 * template that keeps the most content wins (logo/headline/button count first, then images, then
 * body text; decorations do not count), the earlier one on a tie unless a later one shows the
 * content 1.25× larger. The frame's own constraints or auto layout win outright when they keep
 * everything.
 *
 * Guarantees, checked by {@link checkLayout}: backgrounds fill the frame; every other element lies
 * inside the frame and outside the safe zones; no two elements overlap unless they did in the
 * source; texts are 8 pt or larger and fit their boxes by the estimate of `estimateTextBlock`;
 * every element is either placed or listed in `dropped` with a reason; a dropped logo, headline
 * or button also gets a warning. Output is deterministic and rounded to 1/100 pt.
 *
 * @param spec the source frame (points).
 * @param target the new size in points, with its safe zone (fractions) if any.
 * @throws Error when the target is not a positive size or its safe zone is not fractions 0–1.
 */
export function relayout(spec: FrameSpec, target: LayoutTarget, options: RelayoutOptions = {}): LayoutResult {
  if (!v.safeParse(LayoutTarget, target).success) {
    throw new Error(`Cannot lay out for ${target.width}×${target.height}: a size needs a positive width and height, and safe-zone insets between 0 and 1.`);
  }
  const area = safeArea(target);
  const ctx: PlacementContext = { spec, target, area };
  // A card and the layers on it move as one, until the size is too small for them together.
  const { items, groups } = groupCards(spec.elements.filter((e) => e.role !== "background"));
  const groupById = new Map(groups.map((g) => [g.element.id, g]));
  const size = `${target.width}×${target.height}`;

  let best: Attempt | null = null;
  const templates = options.template ? [options.template] : templatesFor(spec, area, options);
  for (const template of templates) {
    const attempt = attemptWithDrops(template, items, ctx, groupById);
    if (!best || isBetter(attempt, best)) best = attempt;
    // The frame's own constraints or auto layout, when they keep everything, are what the designer asked for.
    if (attempt.dropped.length === 0 && (template === "constraints" || template === "auto-layout")) break;
  }
  const chosen = best!;
  let placedList = chosen.placed.flatMap((p) => {
    const group = groupById.get(p.id);
    return group ? expandGroup(group, p) : [p];
  });
  if (chosen.template !== "row" && chosen.template !== "column") placedList = stretchToEdges(placedList, spec, area);
  const placedById = new Map(placedList.map((p) => [p.id, p]));
  const elements = spec.elements.flatMap((e): PlacedElement[] => {
    if (e.role === "background") return [fillFrame(e, target)];
    const p = placedById.get(e.id);
    return p ? [roundPlaced(p)] : [];
  });
  const warnings: string[] = [];
  if (items.length > 0 && (area.width <= 0 || area.height <= 0)) {
    warnings.push(`The safe zones of ${size} leave no room for any layer.`);
  }
  for (const d of chosen.dropped) {
    if (ESSENTIAL.has(d.role)) warnings.push(`${d.reason.replace(" dropped:", " was left out:")} Adjust this size by hand.`);
    // Lost copy or a lost product picture changes what the ad says: say so beside the drop itself.
    else if (d.role === "body" || d.role === "image") warnings.push(d.reason.replace(" dropped:", " was left out:"));
  }
  return {
    width: target.width,
    height: target.height,
    ...(target.safeZone ? { safeZone: { ...target.safeZone } } : {}),
    template: chosen.template,
    elements,
    dropped: chosen.dropped,
    warnings,
  };
}

interface Attempt {
  template: LayoutTemplate;
  placed: PlacedElement[];
  dropped: DroppedElement[];
  /** Geometric mean of (content scale ÷ reference scale) over kept elements other than decorations. */
  quality: number;
}

/** A later template must show the content this much larger to beat an earlier one that keeps as much. */
const QUALITY_MARGIN = 1.25;

function templatesFor(spec: FrameSpec, area: Box, options: RelayoutOptions): LayoutTemplate[] {
  const aspect = area.height > 0 ? area.width / area.height : Infinity;
  const ratio = aspect / (spec.width / spec.height);
  const close = Math.max(ratio, 1 / ratio) <= (options.closeAspectRatio ?? DEFAULT_CLOSE_ASPECT);
  const own: LayoutTemplate[] = close ? [spec.autoLayout && spec.autoLayout.mode !== "GRID" ? "auto-layout" : "constraints"] : [];
  // A size whose shape turns the design on its side (a 2.3:1 hero into a story or a square) is
  // restacked first: scaling the side-by-side design into it leaves it a band across the middle.
  if (aspect >= HORIZONTAL_ASPECT || ratio >= TURNED_RATIO) return [...own, "row", "anchored", "column"];
  if (aspect <= VERTICAL_ASPECT || ratio <= 1 / TURNED_RATIO) return [...own, "column", "anchored", "row"];
  return [...own, "anchored", ...(aspect >= 1 ? (["row", "column"] as const) : (["column", "row"] as const))];
}

/**
 * Whether `a` beats `best` (which came earlier in the template order): it loses less content —
 * counted logo/headline/button first, then images, then body text; decorations do not count —
 * or loses as much and shows it at least {@link QUALITY_MARGIN} times larger.
 */
function isBetter(a: Attempt, best: Attempt): boolean {
  const losses = (x: Attempt) => [["logo", "headline", "cta"], ["image"], ["body"]].map((roles) => x.dropped.filter((d) => roles.includes(d.role)).length);
  const la = losses(a);
  const lb = losses(best);
  for (let i = 0; i < la.length; i++) if (la[i] !== lb[i]) return la[i]! < lb[i]!;
  return a.quality > best.quality * QUALITY_MARGIN;
}

function qualityOf(placed: readonly PlacedElement[], ctx: PlacementContext): number {
  const sRef = Math.sqrt((ctx.area.width * ctx.area.height) / (ctx.spec.width * ctx.spec.height));
  const scales = placed.filter((p) => p.role !== "decoration" && p.scale > 0).map((p) => Math.log(p.scale / sRef));
  return scales.length && sRef > 0 ? Math.exp(scales.reduce((a, b) => a + b, 0) / scales.length) : 1;
}

/**
 * Runs one template, dropping one element per round until nothing is wrong. A card group chosen
 * to go is taken apart instead: its card is dropped (and reported) and the layers on it are laid
 * out on their own, so each can still be kept or dropped by its own importance.
 */
function attemptWithDrops(template: LayoutTemplate, items: readonly LayoutElement[], ctx: PlacementContext, groups: ReadonlyMap<string, CardGroup>): Attempt {
  let kept = [...items];
  const dropped: DroppedElement[] = [];
  for (;;) {
    const placement: Placement = PLACE[template](kept, ctx);
    if (placement.problems.length === 0) return { template, placed: placement.elements, dropped, quality: qualityOf(placement.elements, ctx) };
    const { victim, problem, cause } = chooseVictim(kept, placement.problems);
    const group = groups.get(victim.id);
    if (group) {
      const size = `${ctx.target.width}×${ctx.target.height}`;
      dropped.push({
        id: group.card.id,
        name: group.card.name,
        role: group.card.role,
        cause,
        reason: `${label(group.card)} dropped: at ${size} the layers on it do not fit on it legibly, so they are laid out on their own.`,
      });
      kept = kept.flatMap((e) => (e === victim ? group.members : [e]));
      continue;
    }
    dropped.push({
      id: victim.id,
      name: victim.name,
      role: victim.role,
      cause,
      reason: reasonFor(victim, problem, cause, template, kept, ctx),
    });
    kept = kept.filter((e) => e !== victim);
  }
}

function priorityOf(e: LayoutElement): number {
  return DROP_PRIORITY[e.role as Exclude<ElementRole, "background">] ?? 0;
}

/** Least important first: lower priority, then smaller (font, then area), then later in paint order. */
function leastImportant(candidates: readonly LayoutElement[], all: readonly LayoutElement[]): LayoutElement {
  return [...candidates].sort(
    (a, b) =>
      priorityOf(a) - priorityOf(b) ||
      (a.text?.fontSize ?? 0) - (b.text?.fontSize ?? 0) ||
      a.box.width * a.box.height - b.box.width * b.box.height ||
      all.indexOf(b) - all.indexOf(a),
  )[0]!;
}

/**
 * An element that cannot be kept legibly goes first (it is lost anyway). Otherwise the size is
 * short of room: the least important element in the whole frame goes if it ranks below every
 * element involved; else the least important of those involved.
 */
function chooseVictim(kept: readonly LayoutElement[], problems: readonly PlacementProblem[]): { victim: LayoutElement; problem: PlacementProblem | null; cause: DropCause } {
  const byId = new Map(kept.map((e) => [e.id, e]));
  const legibility = problems.filter((p) => p.kind === "illegible" || p.kind === "too-small");
  if (legibility.length > 0) {
    const victim = leastImportant(
      legibility.map((p) => byId.get(p.id)!),
      kept,
    );
    const problem = legibility.find((p) => p.id === victim.id)!;
    return { victim, problem, cause: problem.kind as DropCause };
  }
  const involved = [...new Set(problems.flatMap((p) => [p.id, ...(p.otherId ? [p.otherId] : [])]))].map((id) => byId.get(id)!);
  const lowest = Math.min(...involved.map(priorityOf));
  const below = kept.filter((e) => priorityOf(e) < lowest);
  if (below.length > 0) return { victim: leastImportant(below, kept), problem: null, cause: "no-room" };
  const victim = leastImportant(
    involved.filter((e) => priorityOf(e) === lowest),
    kept,
  );
  const problem = problems.find((p) => p.id === victim.id || p.otherId === victim.id) ?? null;
  return { victim, problem, cause: problem?.kind === "outside" ? "outside" : "no-room" };
}

const ROLE_LABEL: Record<ElementRole, string> = {
  logo: "Logo",
  headline: "Headline",
  body: "Body text",
  cta: "Button",
  image: "Product image",
  decoration: "Decoration",
  background: "Background",
};

function label(e: LayoutElement): string {
  return `${ROLE_LABEL[e.role]} "${e.name}"`;
}

/** A sentence a designer can act on, e.g. `Body text "Sub" dropped: 320×50 leaves no room below the headline.` */
function reasonFor(
  victim: LayoutElement,
  problem: PlacementProblem | null,
  cause: DropCause,
  template: LayoutTemplate,
  kept: readonly LayoutElement[],
  ctx: PlacementContext,
): string {
  const size = `${ctx.target.width}×${ctx.target.height}`;
  const head = `${label(victim)} dropped:`;
  if (cause === "illegible") {
    const px = Math.floor((problem?.fontSize ?? 0) * 10) / 10;
    return `${head} at ${size} its text would be ${px} px, below the ${MIN_FONT_SIZE} px minimum.`;
  }
  if (cause === "too-small") {
    const w = Math.round(problem?.size?.width ?? 0);
    const h = Math.round(problem?.size?.height ?? 0);
    return `${head} at ${size} it would be only ${w}×${h} pt, too small to see.`;
  }
  if (cause === "outside") return `${head} at ${size} it cannot sit inside the frame and out of the safe zones.`;
  if (ctx.area.width <= 0 || ctx.area.height <= 0) return `${head} the safe zones of ${size} leave no room for it.`;
  const others = kept.filter((e) => e !== victim);
  const anchor = (["headline", "logo", "cta"] as const).map((r) => others.find((e) => e.role === r)).find((e) => e);
  if (!anchor) return `${head} ${size} leaves no room for it.`;
  const anchorName = anchor.role === "cta" ? "the button" : `the ${anchor.role}`;
  const below = victim.box.y + victim.box.height / 2 >= anchor.box.y + anchor.box.height / 2;
  // In a row, texts share one column: a body text sits under the headline, everything else beside it.
  if (template === "row" && !(isFlowText(victim) && isFlowText(anchor))) return `${head} ${size} leaves no room beside ${anchorName}.`;
  if (template === "row" || template === "column") return `${head} ${size} leaves no room ${below ? "below" : "above"} ${anchorName}.`;
  const otherId = problem?.kind === "overlap" ? (problem.id === victim.id ? problem.otherId : problem.id) : undefined;
  const other = otherId ? kept.find((e) => e.id === otherId) : undefined;
  if (other) return `${head} at ${size} it would overlap ${label(other)}, which it does not in the source.`;
  return `${head} ${size} leaves no room for it around ${anchorName}.`;
}

/** Share of the frame's side within which a layer counts as touching that edge (bleeding off it). */
const EDGE_SHARE = 0.01;

/**
 * Balances a scaled layout whose aspect differs from the source's: a panel, a flat shape or a
 * picture that bled off an edge of the source frame is stretched to the same edge of the safe
 * area (a picture with Figma's "fill" scaling is cropped, not distorted), unless that would make
 * it overlap a layer it did not overlap in the source. Without it a half-frame photo leaves an
 * empty strip when 1440×616 becomes 1200×628.
 */
function stretchToEdges(placed: PlacedElement[], spec: FrameSpec, area: Box): PlacedElement[] {
  const source = new Map(spec.elements.map((e) => [e.id, e]));
  const out = [...placed];
  out.forEach((p, i) => {
    const e = source.get(p.id);
    if (!e || e.text || Math.abs(e.rotation) > 0.01 || !(e.role === "decoration" || (e.role === "image" && e.nodeType === "RECTANGLE"))) return;
    const tx = EDGE_SHARE * spec.width;
    const ty = EDGE_SHARE * spec.height;
    const x0 = e.box.x <= tx ? area.x : p.box.x;
    const y0 = e.box.y <= ty ? area.y : p.box.y;
    const x1 = e.box.x + e.box.width >= spec.width - tx ? area.x + area.width : p.box.x + p.box.width;
    const y1 = e.box.y + e.box.height >= spec.height - ty ? area.y + area.height : p.box.y + p.box.height;
    const box = { x: Math.min(x0, p.box.x), y: Math.min(y0, p.box.y), width: 0, height: 0 };
    box.width = Math.max(x1, p.box.x + p.box.width) - box.x;
    box.height = Math.max(y1, p.box.y + p.box.height) - box.y;
    if (!boxInside(box, area, 1e-6)) return;
    const clash = out.some((q, j) => {
      const o = source.get(q.id);
      return j !== i && o && o.role !== "background" && boxesOverlap(box, q.box, 1e-6) && !boxesOverlap(e.box, o.box);
    });
    if (!clash) out[i] = { ...p, box };
  });
  return out;
}

/** A background covers the whole frame; its content is scaled to cover (the larger factor). */
function fillFrame(e: LayoutElement, target: LayoutTarget): PlacedElement {
  const scale = Math.max(target.width / Math.max(e.box.width, 1e-9), target.height / Math.max(e.box.height, 1e-9));
  return { id: e.id, name: e.name, role: e.role, box: { x: 0, y: 0, width: target.width, height: target.height }, scale: round(scale, 1e4) };
}

/** Rounds edges (not sizes) to 1/100 pt so boxes that touched still touch, and fonts down to 1/100 pt. */
function roundPlaced(p: PlacedElement): PlacedElement {
  const x0 = round(p.box.x, 100);
  const y0 = round(p.box.y, 100);
  const x1 = round(p.box.x + p.box.width, 100);
  const y1 = round(p.box.y + p.box.height, 100);
  return {
    ...p,
    box: { x: x0, y: y0, width: round(x1 - x0, 100), height: round(y1 - y0, 100) },
    ...(p.fontSize !== undefined ? { fontSize: Math.floor(p.fontSize * 100 + 1e-6) / 100 } : {}),
    scale: round(p.scale, 1e4),
  };
}

function round(v: number, per: number): number {
  return Math.round(v * per) / per;
}
