// Runs in the Figma sandbox: reads live nodes into the neutral SpecNode tree.
import { invertAffine, multiplyAffine, transformedBounds, type Affine } from "../core/geometry/affine.js";
import type { SpecNode, SpecPaint } from "../core/frame-spec/spec-node.js";
import { isGeneratedLayer } from "./recipe-store.js";

function readPaints(paints: ReadonlyArray<Paint> | PluginAPI["mixed"] | undefined): SpecPaint[] {
  if (!Array.isArray(paints)) return [];
  return (paints as ReadonlyArray<Paint>).map((p): SpecPaint => {
    const base = { visible: p.visible !== false, opacity: p.opacity ?? 1 };
    if (p.type === "SOLID") return { ...base, type: "SOLID", color: { r: p.color.r, g: p.color.g, b: p.color.b } };
    if (p.type === "IMAGE") return { ...base, type: "IMAGE" };
    if (p.type.startsWith("GRADIENT")) {
      const stops = (p as GradientPaint).gradientStops.map((s) => ({ r: s.color.r, g: s.color.g, b: s.color.b }));
      return { ...base, type: "GRADIENT", stops };
    }
    return { ...base, type: p.type === "VIDEO" || p.type === "PATTERN" ? p.type : "OTHER" };
  });
}

/**
 * Reads a node and its descendants into a SpecNode tree whose boxes are relative to `root`'s
 * own coordinate space (points): each node's absolute transform is brought into the root's
 * space, so a rotated or nested frame still gives correct frame-relative boxes.
 */
export function readSpecNode(node: SceneNode, root: SceneNode = node): SpecNode {
  const toRoot = multiplyAffine(invertAffine(root.absoluteTransform as Affine), node.absoluteTransform as Affine);
  const box = node === root ? { x: 0, y: 0, width: node.width, height: node.height } : transformedBounds(toRoot, node.width, node.height);
  // Optional mixins read loosely: which of them a node has depends on its type.
  const any = node as unknown as Partial<
    Pick<
      FrameNode,
      | "layoutMode"
      | "paddingLeft"
      | "paddingRight"
      | "paddingTop"
      | "paddingBottom"
      | "itemSpacing"
      | "primaryAxisAlignItems"
      | "counterAxisAlignItems"
      | "layoutPositioning"
      | "cornerRadius"
    >
  >;
  const constraints = "constraints" in node ? (node as ConstraintMixin).constraints : ({ horizontal: "MIN", vertical: "MIN" } as Constraints);
  const spec: SpecNode = {
    id: node.id,
    name: node.name,
    type: node.type,
    box,
    rotation: "rotation" in node ? (node as LayoutMixin).rotation : 0,
    visible: node.visible,
    fills: readPaints("fills" in node ? (node as GeometryMixin).fills : undefined),
    strokes: readPaints("strokes" in node ? (node as GeometryMixin).strokes : undefined),
    constraints: { horizontal: constraints.horizontal, vertical: constraints.vertical },
    layoutPositioning: any.layoutPositioning === "ABSOLUTE" ? "ABSOLUTE" : "AUTO",
    isGenerated: isGeneratedLayer(node),
    children: "children" in node ? (node as ChildrenMixin).children.map((c) => readSpecNode(c, root)) : [],
  };
  if (node.type === "TEXT") {
    const size = node.fontSize;
    const font = node.fontName;
    spec.text = {
      characters: node.characters,
      // Mixed sizes report the largest, which is what layout and role detection care about.
      fontSize: typeof size === "number" ? size : Math.max(...node.getStyledTextSegments(["fontSize"]).map((s) => s.fontSize)),
      ...(typeof font === "object" && font && "family" in font ? { fontFamily: font.family } : {}),
    };
  }
  if (any.layoutMode && any.layoutMode !== "NONE") {
    spec.autoLayout = {
      mode: any.layoutMode,
      paddingLeft: any.paddingLeft ?? 0,
      paddingRight: any.paddingRight ?? 0,
      paddingTop: any.paddingTop ?? 0,
      paddingBottom: any.paddingBottom ?? 0,
      itemSpacing: any.itemSpacing ?? 0,
      primaryAxisAlignItems: String(any.primaryAxisAlignItems ?? "MIN"),
      counterAxisAlignItems: String(any.counterAxisAlignItems ?? "MIN"),
    };
  }
  if (typeof any.cornerRadius === "number") spec.cornerRadius = any.cornerRadius;
  if ("isMask" in node && (node as BlendMixin).isMask) spec.isMask = true;
  return spec;
}
