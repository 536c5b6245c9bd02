import { figmaRgbToHex } from "../colour/parse-hex-colour.js";
import { classifyRoles, collectTexts, hasImageFill } from "./classify-role.js";
import type { ElementRole, FrameSpec, KeepClearZone, LayoutElement, PaletteColour } from "./frame-spec.js";
import type { SpecNode, SpecPaint } from "./spec-node.js";

/** Roles that are content (all but decoration and background): a container holding two different ones is a column or card, not one thing. */
const CONTENT_ROLES = new Set<ElementRole>(["logo", "headline", "body", "cta", "image"]);
/** Roles whose boxes become keep-clear zones, the live layers a fill must not fight with: the content roles. */
const KEEP_CLEAR_ROLES = CONTENT_ROLES;
/** Node types that only group other layers. */
const CONTAINER_TYPES = new Set(["FRAME", "GROUP", "SECTION"]);
/** At most this many layer ids are kept per palette colour (enough to point at, small to post). */
const MAX_LAYERS_PER_COLOUR = 20;

/**
 * Builds the FrameSpec of a frame from its neutral node tree.
 *
 * @param root the selected frame (or shape); its `box` must be at x = y = 0, size in points.
 * @param pageId the id of the page holding it (jobs remember where to place results).
 * @returns elements = the layout units of the frame with roles (see {@link layoutUnits}: direct
 *   children, and the parts of containers that hold several kinds of content, such as a "Content"
 *   column with a headline, a review line and a button); keep-clear zones = boxes of text,
 *   logo, button and image elements, clipped to the frame; palette = every visible SOLID
 *   fill and stroke in the subtree (including the root's own), by usage.
 */
export function buildFrameSpec(root: SpecNode, pageId: string): FrameSpec {
  const frame = { width: root.box.width, height: root.box.height };
  const children = root.children.filter((c) => c.visible);
  const roles = classifyRoles(children, frame);
  const largestFont = Math.max(0, ...collectTexts(root).map((t) => t.fontSize));
  const elements: LayoutElement[] = layoutUnits(children, frame, largestFont, undefined).map(({ node, role, opened, parentId }) => {
    const texts = opened ? [] : collectTexts(node);
    const biggest = texts.reduce<SpecNode["text"]>((a, t) => (!a || t.fontSize > a.fontSize ? t : a), undefined);
    const smallest = Math.min(...texts.map((t) => t.fontSize));
    return {
      id: node.id,
      name: node.name,
      nodeType: node.type,
      role,
      box: { ...node.box },
      rotation: node.rotation,
      constraints: { ...node.constraints },
      ...(biggest ? { text: { ...biggest } } : {}),
      ...(biggest && smallest < biggest.fontSize ? { minFontSize: smallest } : {}),
      layoutPositioning: node.layoutPositioning,
      hasImage: opened ? node.fills.some((p) => p.visible && p.type === "IMAGE") : hasImageFill(node),
      ...(opened ? { opened: true } : {}),
      ...(parentId ? { parentId } : {}),
    };
  });
  const keepClear = keepClearZones(children, roles, frame)
    .map((z) => ({ ...z, box: clipBox(z.box, frame) }))
    .filter((z) => z.box.width > 0 && z.box.height > 0);
  const background = [...elements].reverse().find((e) => e.role === "background");
  return {
    nodeId: root.id,
    pageId,
    name: root.name,
    nodeType: root.type,
    width: frame.width,
    height: frame.height,
    autoLayout: root.autoLayout ? { ...root.autoLayout } : null,
    elements,
    keepClear,
    palette: collectPalette(root),
    backgroundElementId: background?.id ?? null,
  };
}

/** One thing re-layout moves as a whole, with its role; `opened` = only the container's own look. */
interface LayoutUnit {
  node: SpecNode;
  role: ElementRole;
  opened: boolean;
  /** The opened container it sits in; undefined for the frame's own children. */
  parentId: string | undefined;
}

/**
 * The units a frame's layers are laid out as. A layer is one unit, except a container (frame,
 * group or section; never a component instance, whose parts Figma does not let go) that is not
 * itself a button, logo or background, that holds no mask smaller than the frame (taking such a
 * mask group apart would unmask it; a frame-sized mask is left behind), and that either holds a button somewhere inside (a button
 * is a button wherever it sits) or holds content of two kinds (a headline and body copy, text and
 * an image): it is opened, and its visible children become units in turn. A container opened
 * this way that paints something itself (a fill or a stroke: a panel, a card) stays as a
 * `decoration` unit flagged `opened`, meaning only its own look, its children being laid out on
 * their own. Groups of one kind (a rating row of stars and a label, a stack of body lines) stay
 * whole, so what belongs together moves together.
 *
 * @param nodes visible siblings, in paint order (boxes in points, relative to the frame).
 * @param largestFont the largest font size in the frame, points (headline or body is relative to it).
 */
function layoutUnits(nodes: readonly SpecNode[], frame: { width: number; height: number }, largestFont: number, parentId: string | undefined): LayoutUnit[] {
  const roles = classifyRoles(nodes, frame, largestFont);
  return nodes.flatMap((node, i): LayoutUnit[] => {
    const role = roles[i]!;
    // A mask that covers the whole frame clips no more than the frame does: its group may be opened (the mask stays behind).
    const inner = node.children.filter((c) => c.visible && !(c.isMask && coversFrame(c.box, frame)));
    const opens =
      CONTAINER_TYPES.has(node.type) &&
      !node.isGenerated &&
      !inner.some((c) => c.isMask) &&
      role !== "cta" &&
      role !== "logo" &&
      role !== "background" &&
      inner.length > 0 &&
      (containsButton(inner, frame, largestFont) || new Set(classifyRoles(inner, frame, largestFont).filter((r) => CONTENT_ROLES.has(r))).size >= 2);
    if (!opens) return [{ node, role, opened: false, parentId }];
    const parts = layoutUnits(inner, frame, largestFont, node.id);
    return paintsItself(node) ? [{ node, role: "decoration", opened: true, parentId }, ...parts] : parts;
  });
}

/** Whether a button sits among `nodes` or anywhere inside them (instances are looked into too). */
function containsButton(nodes: readonly SpecNode[], frame: { width: number; height: number }, largestFont: number): boolean {
  const roles = classifyRoles(nodes, frame, largestFont);
  return nodes.some(
    (n, i) =>
      (roles[i] === "cta" && n.type !== "TEXT") ||
      containsButton(
        n.children.filter((c) => c.visible),
        frame,
        largestFont,
      ),
  );
}

/** Whether a box covers the frame, to within 1% of its size on each side. */
function coversFrame(box: SpecNode["box"], frame: { width: number; height: number }): boolean {
  const tx = 0.01 * frame.width;
  const ty = 0.01 * frame.height;
  return box.x <= tx && box.y <= ty && box.x + box.width >= frame.width - tx && box.y + box.height >= frame.height - ty;
}

/** Whether a container shows something of its own: a visible fill or stroke. */
function paintsItself(node: SpecNode): boolean {
  return [...node.fills, ...node.strokes].some((p) => p.visible && p.opacity > 0);
}

/**
 * Keep-clear zones of a list of siblings. A container (frame, group, section) that holds
 * several role-bearing layers, such as a "Content" column with a headline, a review line and a
 * button, is opened so each gets its own tight box: the model then only has to stay calm
 * behind the words and the button, not behind the whole column.
 */
function keepClearZones(nodes: readonly SpecNode[], roles: readonly ElementRole[], frame: { width: number; height: number }): KeepClearZone[] {
  return nodes.flatMap((node, i): KeepClearZone[] => {
    const role = roles[i]!;
    if (!KEEP_CLEAR_ROLES.has(role)) return [];
    let inner = node.children.filter((c) => c.visible);
    // A group holding a single group (designers nest by habit) is looked through.
    while (inner.length === 1 && CONTAINER_TYPES.has(inner[0]!.type)) inner = inner[0]!.children.filter((c) => c.visible);
    if (CONTAINER_TYPES.has(node.type) && role !== "cta" && role !== "logo" && inner.length >= 2) {
      const innerRoles = classifyRoles(inner, frame);
      if (innerRoles.filter((r) => KEEP_CLEAR_ROLES.has(r)).length >= 2) return keepClearZones(inner, innerRoles, frame);
    }
    return [{ elementId: node.id, role, box: { ...node.box } }];
  });
}

function clipBox(box: LayoutElement["box"], frame: { width: number; height: number }): LayoutElement["box"] {
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(frame.width, box.x + box.width);
  const y1 = Math.min(frame.height, box.y + box.height);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** Visible SOLID paints of the subtree (generated layers excluded: their colours are not the brand's). */
function collectPalette(root: SpecNode): PaletteColour[] {
  const byHex = new Map<string, PaletteColour>();
  const add = (paint: SpecPaint, node: SpecNode, source: "fill" | "stroke") => {
    if (!paint.visible || paint.type !== "SOLID" || !paint.color || paint.opacity <= 0) return;
    const hex = figmaRgbToHex(paint.color);
    const entry = byHex.get(hex) ?? { hex, usage: 0, layers: [], source };
    entry.usage += 1;
    if (entry.layers.length < MAX_LAYERS_PER_COLOUR && !entry.layers.includes(node.id)) entry.layers.push(node.id);
    byHex.set(hex, entry);
  };
  const walk = (n: SpecNode) => {
    if (!n.visible || n.isGenerated) return;
    n.fills.forEach((p) => add(p, n, "fill"));
    n.strokes.forEach((p) => add(p, n, "stroke"));
    n.children.forEach(walk);
  };
  walk(root);
  return [...byHex.values()].sort((a, b) => b.usage - a.usage || a.hex.localeCompare(b.hex));
}
