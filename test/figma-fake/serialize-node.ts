/// <reference types="@figma/plugin-typings" />
import { FakeBaseNode } from "./fake-base-node.js";
import { AUTO_LAYOUT_PROPS } from "./fake-frame-node.js";
import { FakeSceneNode } from "./fake-scene-node.js";

/**
 * Public properties captured by `serializeNode`, read through the same getters plugin code uses.
 * Absolute geometry is left out on purpose: it changes when an ancestor moves even though the subtree did not.
 */
const SERIALIZED_KEYS = [
  "id",
  "name",
  "type",
  "visible",
  "locked",
  "x",
  "y",
  "width",
  "height",
  "rotation",
  "relativeTransform",
  "opacity",
  "blendMode",
  "isMask",
  "maskType",
  "effects",
  "fills",
  "strokes",
  "strokeWeight",
  "strokeAlign",
  "strokeCap",
  "strokeJoin",
  "dashPattern",
  "cornerRadius",
  "topLeftRadius",
  "topRightRadius",
  "bottomRightRadius",
  "bottomLeftRadius",
  "cornerSmoothing",
  "constraints",
  "clipsContent",
  ...AUTO_LAYOUT_PROPS,
  "layoutPositioning",
  "layoutAlign",
  "layoutGrow",
  "layoutSizingHorizontal",
  "layoutSizingVertical",
  "minWidth",
  "maxWidth",
  "minHeight",
  "maxHeight",
  "constrainProportions",
  "characters",
  "fontSize",
  "fontName",
  "textAutoResize",
  "textAlignHorizontal",
  "textAlignVertical",
  "letterSpacing",
  "lineHeight",
  "textCase",
  "textDecoration",
  "paragraphSpacing",
  "pointCount",
  "innerRadius",
  "arcData",
  "booleanOperation",
  "exportSettings",
  "remote",
  "backgrounds",
] as const;

/**
 * A deterministic JSON string of a node subtree: every property the fake implements (see SERIALIZED_KEYS),
 * plugin data, shared plugin data and relaunch data, children in order, object keys sorted. Two calls give
 * byte-identical strings exactly when nothing observable in the subtree changed. `figma.mixed` is written
 * as "<mixed>", node references (INSTANCE mainComponent) as their id.
 * @throws Error when `node` was not made by the fake.
 */
export function serializeNode(node: BaseNode): string {
  const fake = node as unknown as FakeBaseNode;
  if (!(fake instanceof FakeBaseNode)) throw new Error("serializeNode needs a node created by the fake figma.");
  return stableStringify(toPlain(fake));
}

function toPlain(node: FakeBaseNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const view = node as unknown as Record<string, unknown>;
  for (const key of SERIALIZED_KEYS) {
    if (!(key in node)) continue;
    out[key] = plainValue(view[key]);
  }
  if (node._type === "INSTANCE") out.mainComponent = (node as unknown as { _main: FakeBaseNode | null })._main?._id ?? null;
  if (node instanceof FakeSceneNode && node._restType) out.restType = node._restType;
  out.pluginData = Object.fromEntries(node._pluginData);
  out.sharedPluginData = Object.fromEntries([...node._sharedPluginData].map(([ns, m]) => [ns, Object.fromEntries(m)]));
  out.relaunchData = { ...node._relaunchData };
  if (node._children) out.children = node._children.map(toPlain);
  return out;
}

function plainValue(value: unknown): unknown {
  if (typeof value === "symbol") return "<mixed>";
  if (value instanceof FakeBaseNode) return value._id;
  if (Array.isArray(value)) return value.map(plainValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}

/** JSON with object keys sorted at every depth, so equal data always gives equal bytes. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
