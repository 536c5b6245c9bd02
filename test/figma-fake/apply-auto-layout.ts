/// <reference types="@figma/plugin-typings" />
import type { FakeFrameNode } from "./fake-frame-node.js";
import type { FakeSceneNode } from "./fake-scene-node.js";

const running = new Set<FakeFrameNode>();

/**
 * Lays out a HORIZONTAL or VERTICAL auto-layout frame the way Figma's auto layout does for the common
 * cases: visible, non-ABSOLUTE children are stacked along the primary axis from the padding, separated by
 * `itemSpacing` (SPACE_BETWEEN spreads them), aligned on the counter axis by `counterAxisAlignItems`
 * (BASELINE treated as MIN); `layoutGrow: 1` children share the free primary space of a FIXED frame;
 * `layoutAlign: "STRETCH"` children fill the counter axis; AUTO sizing modes make the frame hug its content.
 * Not modelled: wrap, min/max sizes, text baselines, strokes in layout, GRID. Sizes in points.
 */
export function applyAutoLayout(frame: FakeFrameNode): void {
  const mode = frame._layoutMode();
  if ((mode !== "HORIZONTAL" && mode !== "VERTICAL") || running.has(frame) || frame._removed) return;
  running.add(frame);
  try {
    layOut(frame, mode === "HORIZONTAL");
  } finally {
    running.delete(frame);
  }
}

function layOut(frame: FakeFrameNode, horizontal: boolean): void {
  const p = frame._props as Record<string, unknown>;
  const num = (k: string) => (typeof p[k] === "number" ? (p[k] as number) : 0);
  const [padStart, padEnd, padCross, padCrossEnd] = horizontal
    ? [num("paddingLeft"), num("paddingRight"), num("paddingTop"), num("paddingBottom")]
    : [num("paddingTop"), num("paddingBottom"), num("paddingLeft"), num("paddingRight")];
  const spacing = num("itemSpacing");
  const primaryHug = (p.primaryAxisSizingMode ?? "AUTO") === "AUTO";
  const counterHug = p.counterAxisSizingMode === "AUTO";
  const items = frame._children!.filter((c) => c._visible && c._props.layoutPositioning !== "ABSOLUTE");
  const main = (n: FakeSceneNode) => (horizontal ? n._size()[0] : n._size()[1]);
  const cross = (n: FakeSceneNode) => (horizontal ? n._size()[1] : n._size()[0]);
  const setSize = (n: FakeSceneNode, m: number, c: number) => {
    const [w, h] = horizontal ? [m, c] : [c, m];
    n._resizeTo(Math.max(0.01, w), n._type === "LINE" ? 0 : Math.max(0.01, h), true);
  };

  let frameMain = horizontal ? frame._w : frame._h;
  let frameCross = horizontal ? frame._h : frame._w;

  if (!counterHug) {
    const inner = frameCross - padCross - padCrossEnd;
    for (const item of items) if (item._props.layoutAlign === "STRETCH") setSize(item, main(item), inner);
  }
  if (!primaryHug) {
    const growers = items.filter((i) => i._props.layoutGrow === 1);
    if (growers.length) {
      const fixed = items.filter((i) => i._props.layoutGrow !== 1).reduce((s, i) => s + main(i), 0);
      const free = frameMain - padStart - padEnd - spacing * Math.max(0, items.length - 1) - fixed;
      for (const g of growers) setSize(g, Math.max(0.01, free / growers.length), cross(g));
    }
  }

  const total = items.reduce((s, i) => s + main(i), 0) + spacing * Math.max(0, items.length - 1);
  if (primaryHug) frameMain = padStart + total + padEnd;
  if (counterHug) frameCross = padCross + Math.max(0, ...items.map(cross)) + padCrossEnd;
  const [newW, newH] = horizontal ? [frameMain, frameCross] : [frameCross, frameMain];
  frame._w = Math.max(0.01, newW);
  frame._h = Math.max(0.01, newH);

  const innerMain = frameMain - padStart - padEnd;
  const innerCross = frameCross - padCross - padCrossEnd;
  const align = (p.primaryAxisAlignItems as string | undefined) ?? "MIN";
  let gap = spacing;
  let cursor = padStart;
  if (align === "CENTER") cursor += (innerMain - total) / 2;
  else if (align === "MAX") cursor += innerMain - total;
  else if (align === "SPACE_BETWEEN" && items.length > 1) gap = (innerMain - (total - spacing * (items.length - 1))) / (items.length - 1);
  const counterAlign = (p.counterAxisAlignItems as string | undefined) ?? "MIN";
  for (const item of items) {
    const itemAlign = item._props.layoutAlign as string | undefined;
    const a = itemAlign && itemAlign !== "INHERIT" && itemAlign !== "STRETCH" ? itemAlign : counterAlign;
    let offset = padCross;
    if (a === "CENTER") offset += (innerCross - cross(item)) / 2;
    else if (a === "MAX") offset += innerCross - cross(item);
    const t = item._localTransform();
    // Rotated items are placed by their bounding box, as Figma does.
    const [w, h] = item._size();
    const minX = Math.min(0, t[0][0] * w, t[0][1] * h, t[0][0] * w + t[0][1] * h);
    const minY = Math.min(0, t[1][0] * w, t[1][1] * h, t[1][0] * w + t[1][1] * h);
    const [x, y] = horizontal ? [cursor, offset] : [offset, cursor];
    t[0][2] = x - minX;
    t[1][2] = y - minY;
    if (item._children && (item._type === "GROUP" || item._type === "BOOLEAN_OPERATION")) item._setLocalTransform(t);
    else item._t = t;
    cursor += main(item) + gap;
  }
  frame._afterGeometryChange();
}
