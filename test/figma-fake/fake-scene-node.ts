/// <reference types="@figma/plugin-typings" />
import { type Affine, IDENTITY, affineFromPosition, boundsOfBox, copyAffine, multiplyAffine, rotationOfAffine } from "./affine-2x3.js";
import { FakeBaseNode, type FakeWorld, attachChild, isTransparentContainer } from "./fake-base-node.js";
import { type AnyRecord, booleanValue, defineMissing, defineStored, finiteNumber, oneOf, validatePaints } from "./node-props.js";

// ——————————————————————————————————————————————————————————— scene nodes

/** Every node that can sit on a page: geometry, visibility, export, clone. */
export class FakeSceneNode extends FakeBaseNode {
  /** Transform relative to the container parent (nearest non-group ancestor). Unused by groups. */
  _t: Affine = copyAffine(IDENTITY);
  _w = 100;
  _h = 100;
  _visible = true;
  _locked = false;
  _opacity = 1;
  _blendMode: BlendMode = "PASS_THROUGH";
  _fills: ReadonlyArray<Paint> = Object.freeze([]);
  _strokes: ReadonlyArray<Paint> = Object.freeze([]);
  /** REST type this node was loaded from when the fake has no such type (e.g. COMPONENT_SET, STICKY). */
  _restType: string | null = null;

  /** Nearest ancestor whose coordinate space children use: skips groups and boolean operations. */
  _container(): FakeBaseNode | null {
    let p = this._parent;
    while (p && isTransparentContainer(p)) p = p._parent;
    return p;
  }

  /** Transform relative to the container parent (derived for groups: a pure translation to their children's bounds). */
  _localTransform(): Affine {
    return copyAffine(this._t);
  }

  /** Width and height (derived from children for groups). */
  _size(): [number, number] {
    return [this._w, this._h];
  }

  /** Local → page transform. */
  _absTransform(): Affine {
    const container = this._container();
    const local = this._localTransform();
    return container instanceof FakeSceneNode ? multiplyAffine(container._absTransform(), local) : local;
  }

  /** True when this node is laid out by an auto-layout parent (position computed, not set). */
  _autoLayoutManaged(): boolean {
    const p = this._parent;
    return p !== null && p._layoutMode() !== "NONE" && this._props.layoutPositioning !== "ABSOLUTE";
  }

  get x(): number {
    return this._localTransform()[0][2];
  }
  set x(value: number) {
    this._assertAlive("set_x");
    finiteNumber("x")(value);
    if (this._autoLayoutManaged()) return;
    const t = this._localTransform();
    t[0][2] = value;
    this._setLocalTransform(t);
  }
  get y(): number {
    return this._localTransform()[1][2];
  }
  set y(value: number) {
    this._assertAlive("set_y");
    finiteNumber("y")(value);
    if (this._autoLayoutManaged()) return;
    const t = this._localTransform();
    t[1][2] = value;
    this._setLocalTransform(t);
  }
  get width(): number {
    return this._size()[0];
  }
  get height(): number {
    return this._size()[1];
  }
  get rotation(): number {
    return rotationOfAffine(this._localTransform());
  }
  set rotation(value: number) {
    this._assertAlive("set_rotation");
    finiteNumber("rotation")(value);
    const t = this._localTransform();
    this._setLocalTransform(affineFromPosition(t[0][2], t[1][2], value));
  }
  get relativeTransform(): Transform {
    return this._localTransform();
  }
  set relativeTransform(value: Transform) {
    this._assertAlive("set_relativeTransform");
    if (!Array.isArray(value) || value.length !== 2 || value.some((row) => !Array.isArray(row) || row.length !== 3 || row.some((v) => !Number.isFinite(v)))) {
      throw new Error("in set_relativeTransform: Expected a 2×3 matrix of finite numbers");
    }
    const next = copyAffine(value);
    if (this._autoLayoutManaged()) {
      const cur = this._localTransform();
      next[0][2] = cur[0][2];
      next[1][2] = cur[1][2];
    }
    this._setLocalTransform(next);
  }
  get absoluteTransform(): Transform {
    return this._absTransform();
  }
  get absoluteBoundingBox(): Rect | null {
    const [w, h] = this._size();
    return boundsOfBox(this._absTransform(), w, h);
  }
  get absoluteRenderBounds(): Rect | null {
    for (let n: FakeBaseNode | null = this; n instanceof FakeSceneNode; n = n._parent) if (!n._visible) return null;
    return this._renderBounds();
  }

  /** Whether children are clipped to this node's shape (frames with clipsContent). */
  _clips(): boolean {
    return false;
  }

  /** Bounds of what renders: own box, plus visible children's when content is not clipped. */
  _renderBounds(): Rect {
    let box = this.absoluteBoundingBox!;
    if (this._children && !this._clips()) {
      for (const child of this._children) if (child._visible) box = unionRect(box, child._renderBounds());
    }
    return box;
  }

  /** Sets the container-relative transform; groups move their children instead. */
  _setLocalTransform(t: Affine): void {
    this._t = t;
    this._afterGeometryChange();
  }

  _afterGeometryChange(): void {
    const p = this._parent;
    if (p && p._layoutMode() !== "NONE") p._relayout();
  }

  get visible(): boolean {
    return this._visible;
  }
  set visible(value: boolean) {
    this._assertAlive("set_visible");
    booleanValue("visible")(value);
    this._visible = value;
    this._afterGeometryChange();
  }
  get locked(): boolean {
    return this._locked;
  }
  set locked(value: boolean) {
    this._assertAlive("set_locked");
    booleanValue("locked")(value);
    this._locked = value;
  }
  get opacity(): number {
    return this._opacity;
  }
  set opacity(value: number) {
    this._assertAlive("set_opacity");
    finiteNumber("opacity", 0, 1)(value);
    this._opacity = value;
  }
  get blendMode(): BlendMode {
    return this._blendMode;
  }
  set blendMode(value: BlendMode) {
    this._assertAlive("set_blendMode");
    oneOf("blendMode", BLEND_MODES)(value);
    this._blendMode = value;
  }

  resize(width: number, height: number): void {
    this._checkResize("resize", width, height);
    this._resizeTo(width, height, true);
  }
  resizeWithoutConstraints(width: number, height: number): void {
    this._checkResize("resizeWithoutConstraints", width, height);
    this._resizeTo(width, height, false);
  }
  rescale(scale: number): void {
    finiteNumber("scale", 0.01)(scale);
    const [w, h] = this._size();
    this._resizeTo(w * scale, h * scale, false);
    scaleChildren(this, scale, scale);
  }

  _checkResize(operation: string, width: number, height: number): void {
    this._assertAlive(operation);
    if (!Number.isFinite(width) || width < 0.01) throw new Error(`in ${operation}: Expected "width" to have value >=0.01, got ${width}`);
    if (this._type === "LINE") {
      if (height !== 0) throw new Error(`in ${operation}: Expected "height" to be 0 for a line, got ${height}`);
    } else if (!Number.isFinite(height) || height < 0.01) {
      throw new Error(`in ${operation}: Expected "height" to have value >=0.01, got ${height}`);
    }
  }

  /** Sets the size; with `applyConstraints`, children move and stretch by their constraints (frames only). */
  _resizeTo(width: number, height: number, applyConstraints: boolean): void {
    const [oldW, oldH] = [this._w, this._h];
    this._w = width;
    this._h = height;
    if (applyConstraints && this._children) applyChildConstraints(this, oldW, oldH, width, height);
    this._relayout();
    this._afterGeometryChange();
  }

  async exportAsync(settings?: ExportSettings): Promise<Uint8Array> {
    if (!this._inDocument()) {
      throw new Error(`in exportAsync: The node with id ${JSON.stringify(this._id)} is not in the document (removed or never added)`);
    }
    return this._world.exportNode(this, settings);
  }

  /** Duplicates the subtree with new ids and puts it right after the original in the same parent. */
  clone(): SceneNode {
    this._assertAlive("clone");
    const copy = this._cloneTree(true);
    const parent = this._parent ?? this._world.currentPage;
    const index = this._parent ? parent._children!.indexOf(this) + 1 : parent._children!.length;
    if (this._parent) {
      const insideInstance = this._parent._type === "INSTANCE" || this._parent._insideInstance();
      attachChild(insideInstance ? this._world.currentPage : parent, copy, insideInstance ? undefined : index);
    } else {
      attachChild(parent, copy, index);
    }
    return copy as unknown as SceneNode;
  }

  /** Deep copy, not attached. Nested components become instances of the original (plugin docs, clone). */
  _cloneTree(isRoot: boolean): FakeSceneNode {
    const copy = this._blank(isRoot);
    copy._name = this._name;
    this._copyBaseInto(copy);
    this._copySceneInto(copy);
    if (this._children) {
      copy._children = [];
      for (const child of this._children) {
        const c = child._cloneTree(false);
        c._parent = copy;
        copy._children.push(c);
      }
    }
    return copy;
  }

  /** An empty node of the same kind, for clone (`isRoot`: the node clone was called on). */
  _blank(_isRoot: boolean): FakeSceneNode {
    const Kind = this.constructor as new (world: FakeWorld, type: string, name: string) => FakeSceneNode;
    return new Kind(this._world, this._type, this._name);
  }

  _copySceneInto(copy: FakeSceneNode): void {
    copy._t = copyAffine(this._t);
    copy._w = this._w;
    copy._h = this._h;
    copy._visible = this._visible;
    copy._locked = this._locked;
    copy._opacity = this._opacity;
    copy._blendMode = this._blendMode;
    copy._fills = this._fills;
    copy._strokes = this._strokes;
    copy._restType = this._restType;
  }
}

export const BLEND_MODES = [
  "PASS_THROUGH",
  "NORMAL",
  "DARKEN",
  "MULTIPLY",
  "LINEAR_BURN",
  "COLOR_BURN",
  "LIGHTEN",
  "SCREEN",
  "LINEAR_DODGE",
  "COLOR_DODGE",
  "OVERLAY",
  "SOFT_LIGHT",
  "HARD_LIGHT",
  "DIFFERENCE",
  "EXCLUSION",
  "HUE",
  "SATURATION",
  "COLOR",
  "LUMINOSITY",
] as const;

export const CONSTRAINT_TYPES = ["MIN", "CENTER", "MAX", "STRETCH", "SCALE"] as const;

defineStored(
  FakeSceneNode,
  {
    isMask: false,
    maskType: "ALPHA",
    effects: [],
    effectStyleId: "",
    exportSettings: [],
    reactions: [],
    layoutAlign: "INHERIT",
    layoutGrow: 0,
    layoutPositioning: "AUTO",
    layoutSizingHorizontal: "FIXED",
    layoutSizingVertical: "FIXED",
    constrainProportions: false,
    minWidth: null,
    maxWidth: null,
    minHeight: null,
    maxHeight: null,
    componentPropertyReferences: null,
    explicitVariableModes: {},
  },
  {
    isMask: booleanValue("isMask"),
    layoutAlign: oneOf("layoutAlign", ["MIN", "CENTER", "MAX", "STRETCH", "INHERIT"]),
    layoutGrow: (v) => {
      if (v !== 0 && v !== 1) throw new Error(`in set_layoutGrow: Expected "layoutGrow" to be 0 or 1, got ${String(v)}`);
    },
    layoutPositioning: oneOf("layoutPositioning", ["AUTO", "ABSOLUTE"]),
    effects: (v) => {
      if (!Array.isArray(v)) throw new Error("in set_effects: Expected an array of effects");
    },
  },
);
for (const name of ["layoutAlign", "layoutGrow", "layoutPositioning"]) {
  const desc = Object.getOwnPropertyDescriptor(FakeSceneNode.prototype, name)!;
  Object.defineProperty(FakeSceneNode.prototype, name, {
    ...desc,
    set(this: FakeSceneNode, value: unknown) {
      desc.set!.call(this, value);
      this._afterGeometryChange();
    },
  });
}
defineMissing(FakeSceneNode, [
  "stuckNodes",
  "attachedConnectors",
  "boundVariables",
  "setBoundVariable",
  "inferredVariables",
  "resolvedVariableModes",
  "setEffectStyleIdAsync",
  "setReactionsAsync",
  "targetAspectRatio",
  "lockAspectRatio",
  "unlockAspectRatio",
  "setGridChildPosition",
  "gridRowAnchorIndex",
  "gridColumnAnchorIndex",
  "gridRowSpan",
  "gridColumnSpan",
  "gridChildHorizontalAlign",
  "gridChildVerticalAlign",
  "annotations",
  "animationStyles",
  "animations",
  "manualKeyframeTracks",
  "timelines",
  "applyAnimationStyle",
  "removeAnimationStyle",
  "applyManualKeyframeTrack",
  "removeManualKeyframeTrack",
  "setTimelineDuration",
  "clearExplicitVariableModeForCollection",
  "setExplicitVariableModeForCollection",
]);

export function unionRect(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/**
 * Figma's constraint behaviour when a frame changes from oldW×oldH to newW×newH: MIN keeps the offset from
 * the left/top, MAX from the right/bottom, CENTER keeps the centre offset, STRETCH keeps both edges, SCALE
 * scales position and size. Children of groups follow their own constraints against the frame.
 * Rotated children only move (their size is kept).
 */
function applyChildConstraints(frame: FakeSceneNode, oldW: number, oldH: number, newW: number, newH: number): void {
  if (frame._layoutMode() !== "NONE") {
    // Auto layout positions flow children itself; only absolutely positioned ones use constraints.
    for (const child of frame._children!) if (child._props.layoutPositioning === "ABSOLUTE") constrainOne(child);
    return;
  }
  if (isTransparentContainer(frame)) return;
  const stack = [...frame._children!];
  while (stack.length) {
    const child = stack.shift()!;
    if (isTransparentContainer(child)) stack.push(...child._children!);
    else constrainOne(child);
  }

  function constrainOne(child: FakeSceneNode): void {
    const c = (child._props.constraints as Constraints | undefined) ?? { horizontal: "MIN", vertical: "MIN" };
    const t = child._localTransform();
    const rotated = Math.abs(t[0][1]) > 1e-9;
    const [w, h] = child._size();
    const [nx, nw] = axis(c.horizontal, t[0][2], w, oldW, newW);
    const [ny, nh] = axis(c.vertical, t[1][2], h, oldH, newH);
    t[0][2] = nx;
    t[1][2] = ny;
    child._t = t;
    if (!rotated && (nw !== w || nh !== h) && !isTransparentContainer(child)) {
      child._resizeTo(Math.max(0.01, nw), child._type === "LINE" ? 0 : Math.max(0.01, nh), true);
    }
  }
}

function axis(kind: ConstraintType, pos: number, size: number, oldOuter: number, newOuter: number): [number, number] {
  const d = newOuter - oldOuter;
  switch (kind) {
    case "MAX":
      return [pos + d, size];
    case "CENTER":
      return [pos + d / 2, size];
    case "STRETCH":
      return [pos, size + d];
    case "SCALE": {
      const s = oldOuter > 0 ? newOuter / oldOuter : 1;
      return [pos * s, size * s];
    }
    default:
      return [pos, size];
  }
}

/** Scales children's positions and sizes about the container origin (group resize, rescale). */
export function scaleChildren(node: FakeSceneNode, sx: number, sy: number): void {
  for (const child of node._children ?? []) {
    if (isTransparentContainer(child)) {
      scaleChildren(child, sx, sy);
      continue;
    }
    const t = child._localTransform();
    t[0][2] *= sx;
    t[1][2] *= sy;
    child._t = t;
    const [w, h] = child._size();
    child._resizeTo(Math.max(0.01, w * sx), child._type === "LINE" ? 0 : Math.max(0.01, h * sy), false);
    scaleChildren(child, sx, sy);
  }
}

// ——————————————————————————————————————————————— fills, strokes, corners

/** fills/strokes/stroke props: shapes, frames, boolean operations. */
class GeometryApi {
  get fills(): ReadonlyArray<Paint> {
    return (this as unknown as FakeSceneNode)._fills;
  }
  set fills(value: ReadonlyArray<Paint>) {
    const self = this as unknown as FakeSceneNode;
    self._assertAlive("set_fills");
    self._fills = validatePaints("set_fills", value);
  }
  get strokes(): ReadonlyArray<Paint> {
    return (this as unknown as FakeSceneNode)._strokes;
  }
  set strokes(value: ReadonlyArray<Paint>) {
    const self = this as unknown as FakeSceneNode;
    self._assertAlive("set_strokes");
    self._strokes = validatePaints("set_strokes", value);
  }
  async setFillsAsync(this: FakeSceneNode & GeometryApi, paints: ReadonlyArray<Paint>): Promise<void> {
    this.fills = paints;
  }
  async setStrokesAsync(this: FakeSceneNode & GeometryApi, paints: ReadonlyArray<Paint>): Promise<void> {
    this.strokes = paints;
  }
}

export function installGeometry(target: { prototype: object }, strokeAlign: "INSIDE" | "CENTER"): void {
  for (const key of Object.getOwnPropertyNames(GeometryApi.prototype)) {
    if (key === "constructor") continue;
    Object.defineProperty(target.prototype, key, Object.getOwnPropertyDescriptor(GeometryApi.prototype, key)!);
  }
  defineStored(
    target,
    {
      strokeWeight: 1,
      strokeAlign,
      strokeCap: "NONE",
      strokeJoin: "MITER",
      strokeMiterLimit: 4,
      dashPattern: [],
      fillStyleId: "",
      strokeStyleId: "",
    },
    {
      strokeWeight: finiteNumber("strokeWeight", 0),
      strokeAlign: oneOf("strokeAlign", ["CENTER", "INSIDE", "OUTSIDE"]),
    },
  );
  defineMissing(target, ["setFillStyleIdAsync", "setStrokeStyleIdAsync", "strokeGeometry", "fillGeometry", "outlineStroke"]);
}

const CORNERS = ["topLeftRadius", "topRightRadius", "bottomRightRadius", "bottomLeftRadius"] as const;

/** cornerRadius (mixed when the four corners differ) plus the four corner radii. */
export function installCorners(target: { prototype: object }): void {
  defineStored(target, { cornerSmoothing: 0 }, { cornerSmoothing: finiteNumber("cornerSmoothing", 0, 1) });
  for (const corner of CORNERS) {
    Object.defineProperty(target.prototype, corner, {
      configurable: true,
      get(this: FakeSceneNode) {
        return (this._props[corner] as number | undefined) ?? 0;
      },
      set(this: FakeSceneNode, value: number) {
        this._assertAlive(`set_${corner}`);
        finiteNumber(corner, 0)(value);
        this._props[corner] = value;
      },
    });
  }
  Object.defineProperty(target.prototype, "cornerRadius", {
    configurable: true,
    get(this: FakeSceneNode) {
      const values = CORNERS.map((c) => (this._props[c] as number | undefined) ?? 0);
      return values.every((v) => v === values[0]) ? values[0] : this._world.mixed;
    },
    set(this: FakeSceneNode, value: number) {
      this._assertAlive("set_cornerRadius");
      finiteNumber("cornerRadius", 0)(value);
      for (const c of CORNERS) this._props[c] = value;
    },
  });
}

/** Corner radii in order top-left, top-right, bottom-right, bottom-left (points). */
export function cornerRadii(node: FakeSceneNode): [number, number, number, number] {
  return CORNERS.map((c) => (node._props[c] as number | undefined) ?? 0) as [number, number, number, number];
}

export function installConstraints(target: { prototype: object }): void {
  defineStored(
    target,
    { constraints: { horizontal: "MIN", vertical: "MIN" } },
    {
      constraints: (v) => {
        const c = v as AnyRecord;
        if (!c || typeof c !== "object") throw new Error("in set_constraints: Expected {horizontal, vertical}");
        oneOf("constraints.horizontal", CONSTRAINT_TYPES)(c.horizontal);
        oneOf("constraints.vertical", CONSTRAINT_TYPES)(c.vertical);
      },
    },
  );
}
