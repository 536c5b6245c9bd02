import type { ConstraintType } from "./frame-spec.js";
import type { SpecNode, SpecPaint } from "./spec-node.js";

/**
 * Reads a node as Figma's REST API returns it (`GET /v1/files/:key/nodes` →
 * `nodes[id].document`, or any node of `GET /v1/files/:key`) into the neutral SpecNode tree.
 * Boxes come from `absoluteBoundingBox` and are made relative to the root's top-left.
 *
 * REST constraints (`LEFT|RIGHT|CENTER|LEFT_RIGHT|SCALE`, `TOP|BOTTOM|CENTER|TOP_BOTTOM|SCALE`)
 * are mapped to the plugin API's `MIN|MAX|CENTER|STRETCH|SCALE`.
 *
 * @throws Error naming what is missing when `json` is not a REST node with a bounding box.
 */
export function specNodeFromRest(json: unknown): SpecNode {
  const root = json as RestNode;
  if (!root || typeof root !== "object" || typeof root.type !== "string" || !root.absoluteBoundingBox) {
    throw new Error("This is not a Figma node from the REST API: it has no type or no absoluteBoundingBox.");
  }
  const origin = root.absoluteBoundingBox;
  return convert(root, origin.x, origin.y);
}

/**
 * Finds the frame to work on in any REST response shape: a `nodes` response (first node's
 * document), a whole file (first frame of the first page), or a bare node.
 * @throws Error when no frame-like node can be found.
 */
export function findRestFrame(json: unknown): unknown {
  const doc = json as { nodes?: Record<string, { document?: RestNode }>; document?: RestNode } & RestNode;
  if (doc?.nodes) {
    const first = Object.values(doc.nodes).find((n) => n?.document)?.document;
    if (first) return first.type === "DOCUMENT" || first.type === "CANVAS" ? firstFrame(first) : first;
  }
  if (doc?.document) return firstFrame(doc.document);
  if (doc?.type === "DOCUMENT" || doc?.type === "CANVAS") return firstFrame(doc);
  if (doc?.type) return doc;
  throw new Error("No Figma frame found in this JSON: expected a REST API file or nodes response.");
}

function firstFrame(node: RestNode): RestNode {
  const queue = [node];
  while (queue.length) {
    const n = queue.shift()!;
    if ((n.type === "FRAME" || n.type === "COMPONENT" || n.type === "INSTANCE") && n.absoluteBoundingBox) return n;
    queue.push(...(n.children ?? []));
  }
  throw new Error("No frame found in this Figma document.");
}

interface RestColor {
  r: number;
  g: number;
  b: number;
  a?: number;
}
interface RestPaint {
  type: string;
  visible?: boolean;
  opacity?: number;
  color?: RestColor;
  gradientStops?: { color: RestColor }[];
}
interface RestNode {
  id: string;
  name: string;
  type: string;
  visible?: boolean;
  absoluteBoundingBox?: { x: number; y: number; width: number; height: number } | null;
  rotation?: number;
  fills?: RestPaint[];
  strokes?: RestPaint[];
  constraints?: { horizontal?: string; vertical?: string };
  layoutPositioning?: string;
  characters?: string;
  style?: { fontSize?: number; fontFamily?: string; fontWeight?: number };
  layoutMode?: string;
  paddingLeft?: number;
  paddingRight?: number;
  paddingTop?: number;
  paddingBottom?: number;
  itemSpacing?: number;
  primaryAxisAlignItems?: string;
  counterAxisAlignItems?: string;
  cornerRadius?: number;
  isMask?: boolean;
  children?: RestNode[];
}

const HORIZONTAL: Record<string, ConstraintType> = { LEFT: "MIN", RIGHT: "MAX", CENTER: "CENTER", LEFT_RIGHT: "STRETCH", SCALE: "SCALE" };
const VERTICAL: Record<string, ConstraintType> = { TOP: "MIN", BOTTOM: "MAX", CENTER: "CENTER", TOP_BOTTOM: "STRETCH", SCALE: "SCALE" };

function paint(p: RestPaint): SpecPaint {
  const type = p.type === "SOLID" || p.type === "IMAGE" || p.type === "VIDEO" || p.type === "PATTERN" ? p.type : p.type.startsWith("GRADIENT") ? "GRADIENT" : "OTHER";
  return {
    type,
    visible: p.visible !== false,
    // REST puts a solid's alpha in color.a; the plugin API in paint opacity. Fold both into opacity.
    opacity: (p.opacity ?? 1) * (p.color?.a ?? 1),
    ...(p.color ? { color: { r: p.color.r, g: p.color.g, b: p.color.b } } : {}),
    ...(p.gradientStops ? { stops: p.gradientStops.map((s) => ({ r: s.color.r, g: s.color.g, b: s.color.b })) } : {}),
  };
}

function convert(n: RestNode, ox: number, oy: number): SpecNode {
  const b = n.absoluteBoundingBox ?? { x: ox, y: oy, width: 0, height: 0 };
  const layoutMode = n.layoutMode;
  return {
    id: n.id,
    name: n.name ?? "",
    type: n.type,
    box: { x: b.x - ox, y: b.y - oy, width: b.width, height: b.height },
    // REST rotation is radians (when present); the plugin API uses degrees.
    rotation: n.rotation ? (n.rotation * 180) / Math.PI : 0,
    visible: n.visible !== false,
    fills: (n.fills ?? []).map(paint),
    strokes: (n.strokes ?? []).map(paint),
    constraints: {
      horizontal: HORIZONTAL[n.constraints?.horizontal ?? "LEFT"] ?? "MIN",
      vertical: VERTICAL[n.constraints?.vertical ?? "TOP"] ?? "MIN",
    },
    layoutPositioning: n.layoutPositioning === "ABSOLUTE" ? "ABSOLUTE" : "AUTO",
    ...(n.type === "TEXT" && n.characters !== undefined
      ? {
          text: {
            characters: n.characters,
            fontSize: n.style?.fontSize ?? 12,
            ...(n.style?.fontFamily ? { fontFamily: n.style.fontFamily } : {}),
            ...(n.style?.fontWeight ? { fontWeight: n.style.fontWeight } : {}),
          },
        }
      : {}),
    ...(layoutMode && layoutMode !== "NONE"
      ? {
          autoLayout: {
            mode: layoutMode as "HORIZONTAL" | "VERTICAL" | "GRID",
            paddingLeft: n.paddingLeft ?? 0,
            paddingRight: n.paddingRight ?? 0,
            paddingTop: n.paddingTop ?? 0,
            paddingBottom: n.paddingBottom ?? 0,
            itemSpacing: n.itemSpacing ?? 0,
            primaryAxisAlignItems: n.primaryAxisAlignItems ?? "MIN",
            counterAxisAlignItems: n.counterAxisAlignItems ?? "MIN",
          },
        }
      : {}),
    ...(typeof n.cornerRadius === "number" ? { cornerRadius: n.cornerRadius } : {}),
    ...(n.isMask ? { isMask: true } : {}),
    children: (n.children ?? []).map((c) => convert(c, ox, oy)),
  };
}
