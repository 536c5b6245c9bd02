import type { FrameSpec, LayoutElement } from "../../../src/core/frame-spec/frame-spec.js";

/** A hand-made element: id, role and box required; MIN/MIN constraints and no text by default. */
export function el(id: string, role: LayoutElement["role"], box: [x: number, y: number, width: number, height: number], extra: Partial<LayoutElement> = {}): LayoutElement {
  const [x, y, width, height] = box;
  return {
    id,
    name: extra.name ?? id,
    nodeType: extra.text && extra.nodeType === undefined ? "TEXT" : "RECTANGLE",
    role,
    box: { x, y, width, height },
    rotation: 0,
    constraints: { horizontal: "MIN", vertical: "MIN" },
    layoutPositioning: "AUTO",
    hasImage: role === "image",
    ...extra,
  };
}

/** A text element sized like Figma would draw it (0.55 em per character, 1.2 line height). */
export function textEl(
  id: string,
  role: LayoutElement["role"],
  characters: string,
  fontSize: number,
  at: [x: number, y: number],
  extra: Partial<LayoutElement> = {},
): LayoutElement {
  const width = Math.ceil(characters.length * 0.55 * fontSize);
  return el(id, role, [at[0], at[1], width, Math.ceil(1.2 * fontSize)], { nodeType: "TEXT", text: { characters, fontSize }, ...extra });
}

/** A frame of `width × height` points holding `elements`. */
export function makeSpec(width: number, height: number, elements: LayoutElement[], extra: Partial<FrameSpec> = {}): FrameSpec {
  return {
    nodeId: "1:1",
    pageId: "0:1",
    name: "Ad",
    nodeType: "FRAME",
    width,
    height,
    autoLayout: null,
    elements,
    keepClear: [],
    palette: [],
    backgroundElementId: elements.find((e) => e.role === "background")?.id ?? null,
    ...extra,
  };
}

/**
 * A typical 300×250 medium rectangle: background, decorations, product image right, logo
 * top-left, headline, a sentence of body copy, and a "Shop now" button bottom-left.
 */
export function medRect(): FrameSpec {
  return makeSpec(300, 250, [
    el("bg", "background", [0, 0, 300, 250], { constraints: { horizontal: "SCALE", vertical: "SCALE" } }),
    el("dot", "decoration", [250, 10, 30, 30], { nodeType: "ELLIPSE" }),
    el("wave", "decoration", [130, 225, 120, 15], { nodeType: "VECTOR" }),
    el("photo", "image", [170, 60, 120, 120]),
    el("logo", "logo", [12, 12, 60, 20]),
    textEl("head", "headline", "Summer sale 50% off", 22, [12, 40], { name: "Headline", box: { x: 12, y: 40, width: 150, height: 53 } }),
    textEl("sub", "body", "Every sandal and sneaker in store, this weekend only.", 11, [12, 100], { name: "Subline", box: { x: 12, y: 100, width: 150, height: 54 } }),
    el("cta", "cta", [12, 190, 100, 32], { nodeType: "FRAME", name: "Button", text: { characters: "Shop now", fontSize: 14 } }),
  ]);
}
