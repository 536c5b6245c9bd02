import type { Box, LayoutElement } from "../frame-spec/frame-spec.js";
import { boxesOverlap, unionBox } from "./box-geometry.js";
import { finishProposals, type Placement, type PlacementContext } from "./placement.js";

/** Elements closer than this share of the source's shorter side move as one group (stacked photos, a label on a badge). */
const CLUSTER_GAP_SHARE = 0.02;

/**
 * Places elements by anchors relative to the source: the design (the source frame together with
 * anything hanging over its edges) is scaled uniformly to fit the safe area, and the spare space
 * along the looser axis is shared by where each group of elements sat: a group whose centre was
 * in the left (top) third stays against the left (top), the right (bottom) third against the
 * right (bottom), the middle third centred. So a logo top-left stays top-left and a button keeps
 * its corner. Elements that touch or nearly touch form one group, so what was stacked stays
 * stacked.
 *
 * Groups are merged until their bounding boxes are disjoint, and the spare space given to a
 * group never decreases from left to right (top to bottom), so two elements apart in the source
 * stay apart: no new overlaps, by construction.
 */
export function placeAnchored(items: readonly LayoutElement[], ctx: PlacementContext): Placement {
  const { spec, area } = ctx;
  const frame: Box = { x: 0, y: 0, width: spec.width, height: spec.height };
  const content = unionBox([frame, ...items.map((e) => e.box)]);
  const s = Math.min(area.width / content.width, area.height / content.height);
  const spareX = area.width - content.width * s;
  const spareY = area.height - content.height * s;
  const groupOf = clusters(items, CLUSTER_GAP_SHARE * Math.min(spec.width, spec.height));
  const proposals = items.map((e, i) => {
    const g = groupOf[i]!;
    const ax = third(g.x + g.width / 2, spec.width);
    const ay = third(g.y + g.height / 2, spec.height);
    const box: Box = {
      x: area.x + (e.box.x - content.x) * s + spareX * ax,
      y: area.y + (e.box.y - content.y) * s + spareY * ay,
      width: e.box.width * s,
      height: e.box.height * s,
    };
    return { element: e, box, scale: s };
  });
  return finishProposals(proposals, ctx);
}

/** 0 for the first third of `length`, 0.5 for the middle, 1 for the last. */
function third(centre: number, length: number): number {
  return centre < length / 3 ? 0 : centre > (2 * length) / 3 ? 1 : 0.5;
}

/**
 * The bounding box of each element's group: elements within `gap` points of each other are
 * joined, then groups whose bounding boxes overlap are merged until none do.
 */
function clusters(items: readonly LayoutElement[], gap: number): Box[] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const grown = items.map((e) => ({ x: e.box.x - gap / 2, y: e.box.y - gap / 2, width: e.box.width + gap, height: e.box.height + gap }));
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) if (boxesOverlap(grown[i]!, grown[j]!)) join(i, j);
  for (let merged = true; merged; ) {
    merged = false;
    const boxes = groupBoxes(items, find);
    const roots = [...boxes.keys()];
    for (let a = 0; a < roots.length && !merged; a++) {
      for (let b = a + 1; b < roots.length && !merged; b++) {
        if (boxesOverlap(boxes.get(roots[a]!)!, boxes.get(roots[b]!)!)) {
          join(roots[a]!, roots[b]!);
          merged = true;
        }
      }
    }
  }
  const boxes = groupBoxes(items, find);
  return items.map((_, i) => boxes.get(find(i))!);
}

function groupBoxes(items: readonly LayoutElement[], find: (i: number) => number): Map<number, Box> {
  const members = new Map<number, Box[]>();
  items.forEach((e, i) => members.set(find(i), [...(members.get(find(i)) ?? []), e.box]));
  return new Map([...members].map(([root, boxes]) => [root, unionBox(boxes)]));
}
