/// <reference types="@figma/plugin-typings" />
import { type Affine, IDENTITY, affineFromPosition, copyAffine, invertAffine, multiplyAffine } from "./affine-2x3.js";
import type { FakeBaseNode, FakePageNode, FakeWorld } from "./fake-base-node.js";
import { AUTO_LAYOUT_PROPS, FakeComponentNode, FakeFrameNode, FakeInstanceNode } from "./fake-frame-node.js";
import { FakeBooleanNode, FakeGroupNode } from "./fake-group-node.js";
import type { FakeSceneNode } from "./fake-scene-node.js";
import { FakeShapeNode } from "./fake-shape-node.js";
import { FakeTextNode } from "./fake-text-node.js";
import { deepFreeze } from "./node-props.js";

/** Options of `loadRestDocument`. */
export interface LoadRestOptions {
  /** Page that receives the nodes (created when missing); default: the current page. */
  pageName?: string;
  /** Real bytes for REST `imageRef`s (PNG/JPEG/GIF); refs without bytes get a deterministic placeholder. */
  images?: Record<string, Uint8Array>;
}

/** Where loaded nodes go: the loader asks for the page by name (or the default page for `undefined`). */
export interface RestPageTarget {
  page(name: string | undefined, canvasName: string | undefined, index: number): FakePageNode;
}

type Json = Record<string, unknown>;

const FRAME_LIKE = new Set(["FRAME", "SECTION"]);
const SHAPES: Record<string, string> = {
  RECTANGLE: "RECTANGLE",
  ELLIPSE: "ELLIPSE",
  REGULAR_POLYGON: "POLYGON",
  POLYGON: "POLYGON",
  STAR: "STAR",
  VECTOR: "VECTOR",
  LINE: "LINE",
};
const CONSTRAINTS_H: Record<string, ConstraintType> = { LEFT: "MIN", RIGHT: "MAX", CENTER: "CENTER", LEFT_RIGHT: "STRETCH", SCALE: "SCALE" };
const CONSTRAINTS_V: Record<string, ConstraintType> = { TOP: "MIN", BOTTOM: "MAX", CENTER: "CENTER", TOP_BOTTOM: "STRETCH", SCALE: "SCALE" };
/** REST node fields copied into plugin props under the same name when present. */
const PASS_THROUGH_PROPS = [
  "clipsContent",
  ...AUTO_LAYOUT_PROPS,
  "layoutAlign",
  "layoutGrow",
  "layoutPositioning",
  "layoutSizingHorizontal",
  "layoutSizingVertical",
  "strokeWeight",
  "strokeAlign",
  "strokeCap",
  "strokeJoin",
  "strokeMiterLimit",
  "dashPattern",
  "cornerSmoothing",
  "isMask",
  "booleanOperation",
  "arcData",
  "effects",
  "exportSettings",
  "minWidth",
  "maxWidth",
  "minHeight",
  "maxHeight",
] as const;

/**
 * Loads a Figma REST document into the fake: `GET /v1/files/:key/nodes` (`{nodes: {id: {document}}}`), a
 * whole file (`{document}` → one page per CANVAS), a DOCUMENT or CANVAS node, or a single scene node.
 *
 * Geometry: REST boxes are absolute page coordinates (also for children of groups); each node's transform
 * relative to its container (nearest non-group ancestor, as the plugin API defines `relativeTransform`) is
 * rebuilt from `relativeTransform` + `size` when present, else from `absoluteBoundingBox` and `rotation`
 * (radians, solved for the unrotated width and height). Groups and boolean operations take their bounds
 * from their children. Ids are kept when unused. Unknown types load as FRAME-like nodes with `_restType` set.
 *
 * @returns the top-level scene nodes created, in document order.
 * @throws Error when `json` has none of the shapes above.
 */
export function loadRestDocument(world: FakeWorld, json: unknown, options: LoadRestOptions, target: RestPageTarget): FakeSceneNode[] {
  if (!json || typeof json !== "object") throw new Error("The REST document must be a JSON object.");
  const root = json as Json;
  const roots: Json[] = [];
  const componentsMeta: Record<string, Json> = {};
  if (root.nodes && typeof root.nodes === "object") {
    for (const entry of Object.values(root.nodes as Record<string, Json | null>)) {
      if (!entry?.document) continue;
      roots.push(entry.document as Json);
      Object.assign(componentsMeta, (entry.components as Record<string, Json> | undefined) ?? {});
    }
  } else if (root.document && typeof root.document === "object") {
    roots.push(root.document as Json);
    Object.assign(componentsMeta, (root.components as Record<string, Json> | undefined) ?? {});
  } else if (typeof root.type === "string") {
    roots.push(root);
  } else {
    throw new Error("The JSON is not a Figma REST document: expected `nodes`, `document`, or a node with a `type`.");
  }

  const loader = new RestLoader(world, options, componentsMeta);
  const created: FakeSceneNode[] = [];
  let canvasIndex = 0;
  const loadInto = (page: FakePageNode, nodes: Json[]) => {
    for (const n of nodes) {
      const node = loader.create(n, page, IDENTITY);
      if (node) created.push(node);
    }
  };
  for (const r of roots) {
    if (r.type === "DOCUMENT") {
      for (const canvas of (r.children as Json[] | undefined) ?? []) {
        loadInto(target.page(options.pageName, canvas.name as string, canvasIndex++), (canvas.children as Json[]) ?? []);
      }
    } else if (r.type === "CANVAS") {
      loadInto(target.page(options.pageName, r.name as string, canvasIndex++), (r.children as Json[]) ?? []);
    } else {
      loadInto(target.page(options.pageName, undefined, 0), [r]);
    }
  }
  loader.resolveInstances();
  return created;
}

class RestLoader {
  private readonly byRestId = new Map<string, FakeSceneNode>();
  private readonly pendingInstances: Array<{ node: FakeInstanceNode; componentId: string }> = [];
  private readonly remoteComponents = new Map<string, FakeComponentNode>();

  constructor(
    private readonly world: FakeWorld,
    private readonly options: LoadRestOptions,
    private readonly componentsMeta: Record<string, Json>,
  ) {}

  /** Builds one node and its subtree under `parent`; `containerAbs` is the page transform of the container. */
  create(rest: Json, parent: FakeBaseNode, containerAbs: Affine): FakeSceneNode | null {
    if (!rest || typeof rest.type !== "string") return null;
    const node = this.instantiate(rest);
    this.byRestId.set(String(rest.id), node);
    node._parent = parent;
    parent._children!.push(node);

    let abs = containerAbs;
    if (!(node instanceof FakeGroupNode)) {
      const { transform, width, height } = restGeometry(rest, containerAbs);
      abs = transform;
      node._t = multiplyAffine(invertAffine(containerAbs), transform);
      node._w = width;
      node._h = node._type === "LINE" ? 0 : height;
    }
    this.applyCommon(node, rest);
    if (node instanceof FakeTextNode) applyText(node, rest);
    const childContainer = node instanceof FakeGroupNode ? containerAbs : abs;
    for (const child of (rest.children as Json[] | undefined) ?? []) this.create(child, node, childContainer);
    return node;
  }

  private instantiate(rest: Json): FakeSceneNode {
    const type = rest.type as string;
    const name = typeof rest.name === "string" ? rest.name : type;
    const id = typeof rest.id === "string" ? rest.id : undefined;
    if (type === "COMPONENT") return new FakeComponentNode(this.world, "COMPONENT", name, id);
    if (type === "INSTANCE") {
      const node = new FakeInstanceNode(this.world, null as unknown as FakeFrameNode, name, id);
      this.pendingInstances.push({ node, componentId: String(rest.componentId ?? "") });
      return node;
    }
    if (FRAME_LIKE.has(type)) return new FakeFrameNode(this.world, type, name, id);
    if (type === "GROUP") return new FakeGroupNode(this.world, "GROUP", name, id);
    if (type === "BOOLEAN_OPERATION") return new FakeBooleanNode(this.world, "BOOLEAN_OPERATION", name, id);
    if (type === "TEXT") return new FakeTextNode(this.world, "TEXT", name, id);
    const shape = SHAPES[type];
    if (shape) {
      const node = new FakeShapeNode(this.world, shape, name, id);
      if (shape === "STAR") node._props.pointCount = 5;
      return node;
    }
    const node = new FakeFrameNode(this.world, "FRAME", name, id);
    node._restType = type;
    return node;
  }

  private applyCommon(node: FakeSceneNode, rest: Json): void {
    if (rest.visible === false) node._visible = false;
    if (rest.locked === true) node._locked = true;
    if (typeof rest.opacity === "number") node._opacity = rest.opacity;
    if (typeof rest.blendMode === "string") node._blendMode = rest.blendMode as BlendMode;
    const fills = Array.isArray(rest.fills) ? rest.fills : Array.isArray(rest.background) ? rest.background : [];
    node._fills = deepFreeze(this.paints(fills as Json[]));
    node._strokes = deepFreeze(this.paints((rest.strokes as Json[] | undefined) ?? []));
    for (const key of PASS_THROUGH_PROPS) {
      if (rest[key] !== undefined && rest[key] !== null) node._props[key] = deepFreeze(structuredClone(rest[key]));
    }
    const constraints = rest.constraints as Json | undefined;
    if (constraints) {
      node._props.constraints = deepFreeze({
        horizontal: CONSTRAINTS_H[constraints.horizontal as string] ?? "MIN",
        vertical: CONSTRAINTS_V[constraints.vertical as string] ?? "MIN",
      });
    }
    const radii = rest.rectangleCornerRadii as number[] | undefined;
    if (Array.isArray(radii) && radii.length === 4) {
      [node._props.topLeftRadius, node._props.topRightRadius, node._props.bottomRightRadius, node._props.bottomLeftRadius] = radii;
    } else if (typeof rest.cornerRadius === "number") {
      node._props.topLeftRadius = node._props.topRightRadius = node._props.bottomRightRadius = node._props.bottomLeftRadius = rest.cornerRadius;
    }
  }

  /** REST paints → plugin paints: SOLID alpha folds into opacity, gradient handles become a transform, STRETCH is CROP. */
  private paints(list: Json[]): Paint[] {
    const out: Paint[] = [];
    for (const p of list) {
      const common: Json = {};
      if (p.visible === false) common.visible = false;
      if (typeof p.blendMode === "string") common.blendMode = p.blendMode;
      const opacity = typeof p.opacity === "number" ? p.opacity : 1;
      if (p.type === "SOLID") {
        const c = (p.color as Json | undefined) ?? {};
        const alpha = typeof c.a === "number" ? c.a : 1;
        out.push({ type: "SOLID", color: { r: num(c.r), g: num(c.g), b: num(c.b) }, opacity: opacity * alpha, ...common } as SolidPaint);
      } else if (typeof p.type === "string" && p.type.startsWith("GRADIENT_")) {
        const handles = (p.gradientHandlePositions as Array<{ x: number; y: number }> | undefined) ?? [];
        out.push({
          type: p.type as GradientPaint["type"],
          gradientTransform: gradientTransformFromHandles(p.type as GradientPaint["type"], handles),
          gradientStops: ((p.gradientStops as Json[] | undefined) ?? []).map((s) => {
            const c = (s.color as Json | undefined) ?? {};
            return { position: num(s.position), color: { r: num(c.r), g: num(c.g), b: num(c.b), a: typeof c.a === "number" ? c.a : 1 } };
          }),
          opacity,
          ...common,
        } as GradientPaint);
      } else if (p.type === "IMAGE") {
        const ref = typeof p.imageRef === "string" ? p.imageRef : null;
        if (ref) this.registerImage(ref);
        const paint: Json = {
          type: "IMAGE",
          scaleMode: p.scaleMode === "STRETCH" ? "CROP" : (p.scaleMode ?? "FILL"),
          imageHash: ref,
          opacity,
          ...common,
        };
        if (Array.isArray(p.imageTransform)) paint.imageTransform = p.imageTransform;
        if (typeof p.scalingFactor === "number") paint.scalingFactor = p.scalingFactor;
        if (typeof p.rotation === "number") paint.rotation = p.rotation;
        if (p.filters && typeof p.filters === "object") paint.filters = p.filters;
        out.push(paint as unknown as ImagePaint);
      }
    }
    return out;
  }

  private registerImage(ref: string): void {
    const supplied = this.options.images?.[ref];
    if (!supplied) {
      this.world.images.addRestPlaceholder(ref);
      return;
    }
    try {
      this.world.images.add(supplied, { hash: ref, source: "rest-supplied" });
    } catch (cause) {
      throw new Error(`The image supplied for imageRef ${ref} could not be used: ${(cause as Error).message}.`);
    }
  }

  /** Links instances to their components: local ones by REST id, others to a detached `remote` component. */
  resolveInstances(): void {
    for (const { node, componentId } of this.pendingInstances) {
      const local = this.byRestId.get(componentId);
      if (local instanceof FakeComponentNode) {
        node._main = local;
        continue;
      }
      let remote = this.remoteComponents.get(componentId);
      if (!remote) {
        const meta = this.componentsMeta[componentId];
        remote = new FakeComponentNode(this.world, "COMPONENT", typeof meta?.name === "string" ? meta.name : node._name, componentId || undefined);
        remote._remote = true;
        remote._w = node._w;
        remote._h = node._h;
        remote._fills = node._fills;
        remote._props = { ...node._props };
        for (const child of node._children!) {
          const c = child._cloneTree(false);
          c._parent = remote;
          remote._children!.push(c);
        }
        this.remoteComponents.set(componentId, remote);
      }
      node._main = remote;
    }
  }
}

function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

/**
 * Page transform and unrotated size of a REST node. With `relativeTransform` + `size` they are used as
 * given (relative to the container). Otherwise the axis-aligned `absoluteBoundingBox` W×H of a box turned by
 * θ satisfies W = w|cosθ| + h|sinθ|, H = w|sinθ| + h|cosθ|, solved for w and h (a square at 45°, where the
 * system is singular); the box centre stays the bounding box centre.
 */
function restGeometry(rest: Json, containerAbs: Affine): { transform: Affine; width: number; height: number } {
  const size = rest.size as { x: number; y: number } | undefined;
  const rel = rest.relativeTransform as Affine | undefined;
  if (size && Array.isArray(rel)) {
    return { transform: multiplyAffine(containerAbs, copyAffine(rel)), width: num(size.x), height: num(size.y) };
  }
  const box = (rest.absoluteBoundingBox as Rect | null | undefined) ?? null;
  if (!box) {
    return { transform: copyAffine(containerAbs), width: size ? num(size.x) : 0, height: size ? num(size.y) : 0 };
  }
  const containerDeg = (Math.atan2(-containerAbs[1][0], containerAbs[0][0]) * 180) / Math.PI;
  let radians = typeof rest.rotation === "number" ? rest.rotation : 0;
  if (Math.abs(radians) < 1e-6) radians = 0;
  const deg = containerDeg + (radians * 180) / Math.PI;
  const r = (deg * Math.PI) / 180;
  const c = Math.abs(Math.cos(r));
  const s = Math.abs(Math.sin(r));
  let width = box.width;
  let height = box.height;
  if (s > 1e-9) {
    const det = c * c - s * s;
    if (Math.abs(det) > 1e-3) {
      width = Math.max(0, (box.width * c - box.height * s) / det);
      height = Math.max(0, (box.height * c - box.width * s) / det);
    } else {
      width = height = box.width / (c + s);
    }
  }
  if (size) {
    width = num(size.x);
    height = num(size.y);
  }
  const t = affineFromPosition(0, 0, deg);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  t[0][2] = cx - (t[0][0] * width) / 2 - (t[0][1] * height) / 2;
  t[1][2] = cy - (t[1][0] * width) / 2 - (t[1][1] * height) / 2;
  return { transform: t, width, height };
}

/**
 * REST `gradientHandlePositions` (normalized box space) → plugin `gradientTransform` (box space → gradient
 * space). Linear: handle 0 ↦ (0, 0.5), handle 1 ↦ (1, 0.5), handle 2 ↦ (0, 1). Radial, angular, diamond:
 * handle 0 is the centre ↦ (0.5, 0.5), handles 1 and 2 ↦ (1, 0.5) and (0.5, 1). Source: REST API docs for
 * gradientHandlePositions; the plugin docs' identity gradient runs left to right through y = 0.5.
 */
export function gradientTransformFromHandles(type: GradientPaint["type"], handles: ReadonlyArray<{ x: number; y: number }>): Transform {
  const [p0, p1, p2] = handles;
  if (!p0 || !p1) return copyAffine(IDENTITY);
  const linear = type === "GRADIENT_LINEAR";
  const k = linear ? 1 : 2;
  const a = (p1.x - p0.x) * k;
  const c = (p1.y - p0.y) * k;
  let b = p2 ? (p2.x - p0.x) * 2 : -c;
  let d = p2 ? (p2.y - p0.y) * 2 : a;
  if (Math.abs(a * d - b * c) < 1e-12) {
    b = -c;
    d = a;
  }
  const tx = linear ? p0.x - b * 0.5 : p0.x - 0.5 * (a + b);
  const ty = linear ? p0.y - d * 0.5 : p0.y - 0.5 * (c + d);
  try {
    return invertAffine([
      [a, b, tx],
      [c, d, ty],
    ]);
  } catch {
    return copyAffine(IDENTITY);
  }
}

function applyText(node: FakeTextNode, rest: Json): void {
  node._characters = typeof rest.characters === "string" ? rest.characters : "";
  const style = (rest.style as Json | undefined) ?? {};
  if (typeof style.fontSize === "number") node._fontSize = style.fontSize;
  const family = typeof style.fontFamily === "string" ? style.fontFamily : "Inter";
  let fontStyle = typeof style.fontStyle === "string" ? style.fontStyle : styleNameForWeight(num(style.fontWeight) || 400);
  if (style.italic === true && !/italic/i.test(fontStyle)) fontStyle = fontStyle === "Regular" ? "Italic" : `${fontStyle} Italic`;
  node._fontName = Object.freeze({ family, style: fontStyle });
  node._textAutoResize = (["NONE", "WIDTH_AND_HEIGHT", "HEIGHT", "TRUNCATE"] as const).find((v) => v === style.textAutoResize) ?? "NONE";
  const props = node._props;
  if (typeof style.textAlignHorizontal === "string") props.textAlignHorizontal = style.textAlignHorizontal;
  if (typeof style.textAlignVertical === "string") props.textAlignVertical = style.textAlignVertical;
  if (typeof style.textCase === "string") props.textCase = style.textCase;
  if (typeof style.textDecoration === "string") props.textDecoration = style.textDecoration;
  if (typeof style.paragraphSpacing === "number") props.paragraphSpacing = style.paragraphSpacing;
  if (typeof style.letterSpacing === "number") props.letterSpacing = deepFreeze({ unit: "PIXELS", value: style.letterSpacing });
  if (style.lineHeightUnit === "PIXELS" && typeof style.lineHeightPx === "number") {
    props.lineHeight = deepFreeze({ unit: "PIXELS", value: style.lineHeightPx });
  } else if (style.lineHeightUnit === "FONT_SIZE_%" && typeof style.lineHeightPercentFontSize === "number") {
    props.lineHeight = deepFreeze({ unit: "PERCENT", value: style.lineHeightPercentFontSize });
  }
}

/** Figma's style name for a weight when REST gives only `fontWeight` (inverse of fontWeightOfStyle). */
function styleNameForWeight(weight: number): string {
  const names: Array<[number, string]> = [
    [100, "Thin"],
    [200, "ExtraLight"],
    [300, "Light"],
    [400, "Regular"],
    [500, "Medium"],
    [600, "SemiBold"],
    [700, "Bold"],
    [800, "ExtraBold"],
    [900, "Black"],
  ];
  let best = names[3]!;
  for (const n of names) if (Math.abs(n[0] - weight) < Math.abs(best[0] - weight)) best = n;
  return best[1];
}
