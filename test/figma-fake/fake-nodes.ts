/// <reference types="@figma/plugin-typings" />
import {
  type Affine,
  IDENTITY,
  affineFromPosition,
  boundsOfBox,
  copyAffine,
  invertAffine,
  multiplyAffine,
  rotationOfAffine,
} from "./affine-2x3.js";
import type { FakeImageStore } from "./fake-image-store.js";

/**
 * Shared state every fake node reaches through `node._world`: the id table, fonts, images and the
 * hooks the fake's `figma` object provides (selection events, export, auto layout).
 */
export interface FakeWorld {
  readonly images: FakeImageStore;
  /** Fonts passed to `figma.loadFontAsync`, as `fontKey(fontName)`. */
  readonly loadedFonts: Set<string>;
  /** Every live node by id (removed nodes are dropped). */
  readonly nodes: Map<string, FakeBaseNode>;
  readonly mixed: symbol;
  document: FakeDocumentNode;
  currentPage: FakePageNode;
  /** A fresh "n:m" id; `preferred` is used when it is free (REST ids). */
  nextId(preferred?: string): string;
  selectionChanged(page: FakePageNode): void;
  exportNode(node: FakeSceneNode, settings: ExportSettings | undefined): Promise<Uint8Array>;
  /** Re-runs auto layout on a frame after something that affects it changed. */
  relayout(frame: FakeFrameNode): void;
}

/** The error every unimplemented member throws. */
export function notImplemented(owner: string, name: string): Error {
  return new Error(`${owner}.${name} is not implemented in the fake`);
}

/** The `family style` key fonts are recorded under (Figma names fonts "Inter Regular" in its errors). */
export function fontKey(font: FontName): string {
  return `${font.family} ${font.style}`;
}

type AnyRecord = Record<string, unknown>;

/** Deep-freezes plain data the way Figma hands back paints, effects and constraints. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as AnyRecord)) deepFreeze(v);
  }
  return value;
}

function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

/**
 * Stored properties: plain values with a default, kept in `node._props`, handed out frozen.
 * `check` validates a new value before it is stored and throws Figma-style messages.
 */
function defineStored(
  target: { prototype: object },
  defaults: AnyRecord,
  check: Record<string, (value: unknown, node: FakeBaseNode) => void> = {},
): void {
  for (const [name, fallback] of Object.entries(defaults)) {
    deepFreeze(fallback);
    Object.defineProperty(target.prototype, name, {
      configurable: true,
      enumerable: false,
      get(this: FakeBaseNode) {
        return name in this._props ? this._props[name] : fallback;
      },
      set(this: FakeBaseNode, value: unknown) {
        this._assertAlive(`set_${name}`);
        check[name]?.(value, this);
        this._props[name] = frozenCopy(value);
        this._afterChange(name);
      },
    });
  }
}

/** Members of the real API the fake leaves out: reading or calling them throws a clear error. */
function defineMissing(target: { prototype: object }, names: readonly string[]): void {
  for (const name of names) {
    Object.defineProperty(target.prototype, name, {
      configurable: true,
      enumerable: false,
      get(this: FakeBaseNode) {
        throw notImplemented(`${this._type.toLowerCase()} node`, name);
      },
      set(this: FakeBaseNode) {
        throw notImplemented(`${this._type.toLowerCase()} node`, name);
      },
    });
  }
}

function oneOf(name: string, allowed: readonly string[]) {
  return (value: unknown) => {
    if (typeof value !== "string" || !allowed.includes(value)) {
      throw new Error(`in set_${name}: Expected "${name}" to be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
    }
  };
}

function finiteNumber(name: string, min = -Infinity, max = Infinity) {
  return (value: unknown) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new Error(`in set_${name}: Expected "${name}" to be a finite number, got ${String(value)}`);
    }
    if (value < min || value > max) {
      throw new Error(`in set_${name}: Expected "${name}" to have value between ${min} and ${max}, got ${value}`);
    }
  };
}

function booleanValue(name: string) {
  return (value: unknown) => {
    if (typeof value !== "boolean") throw new Error(`in set_${name}: Expected "${name}" to be a boolean, got ${String(value)}`);
  };
}

/** Node types whose children are positioned in the coordinates of the group's own parent (plugin docs, relativeTransform). */
export function isTransparentContainer(node: FakeBaseNode): boolean {
  return node._type === "GROUP" || node._type === "BOOLEAN_OPERATION";
}

// ————————————————————————————————————————————————————————————— base node

/** DOCUMENT, PAGE and every scene node: identity, tree links, plugin data, relaunch data. */
export class FakeBaseNode {
  readonly _world: FakeWorld;
  readonly _id: string;
  readonly _type: string;
  _name: string;
  _parent: FakeBaseNode | null = null;
  _removed = false;
  /** Non-null on containers only. */
  _children: FakeSceneNode[] | null = null;
  _props: AnyRecord = {};
  _pluginData = new Map<string, string>();
  _sharedPluginData = new Map<string, Map<string, string>>();
  _relaunchData: Record<string, string> = {};

  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    this._world = world;
    this._type = type;
    this._name = name;
    this._id = world.nextId(preferredId);
    world.nodes.set(this._id, this);
  }

  get id(): string {
    return this._id;
  }
  get type(): string {
    return this._type;
  }
  get name(): string {
    return this._name;
  }
  set name(value: string) {
    this._assertAlive("set_name");
    if (typeof value !== "string") throw new Error(`in set_name: Expected "name" to be a string, got ${String(value)}`);
    this._name = value;
  }
  get parent(): BaseNode | null {
    return this._parent as unknown as BaseNode | null;
  }
  get removed(): boolean {
    return this._removed;
  }
  toString(): string {
    return `[object ${this._type}Node]`;
  }

  /** Throws like Figma does when a removed node is touched. */
  _assertAlive(operation: string): void {
    if (this._removed) throw new Error(`in ${operation}: The node with id ${JSON.stringify(this._id)} has been removed`);
  }

  /** Hook for properties that affect auto layout. */
  _afterChange(_name: string): void {}

  remove(): void {
    this._assertAlive("remove");
    if (this._type === "DOCUMENT") throw new Error("in remove: Cannot remove the document");
    if (this._insideInstance()) throw new Error("in remove: Cannot remove a layer inside an instance");
    if (this._type === "PAGE" && this._world.document._children!.length <= 1) {
      throw new Error("in remove: Cannot remove the last page of a document");
    }
    const parent = this._parent;
    this._detach();
    this._markRemoved();
    if (this._type === "PAGE" && this._world.currentPage === (this as unknown as FakePageNode)) {
      this._world.currentPage = this._world.document._children![0] as unknown as FakePageNode;
    }
    if (parent) parent._childRemoved();
  }

  /** Takes this node out of its parent's children without marking it removed. */
  _detach(): void {
    const parent = this._parent;
    if (!parent || !parent._children) return;
    const i = parent._children.indexOf(this as unknown as FakeSceneNode);
    if (i >= 0) parent._children.splice(i, 1);
    this._parent = null;
  }

  /** After a child left: groups disappear when empty (as in Figma), auto layout reflows. */
  _childRemoved(): void {
    if (isTransparentContainer(this) && this._children!.length === 0 && !this._removed) {
      const parent = this._parent;
      this._detach();
      this._markRemoved();
      parent?._childRemoved();
      return;
    }
    if (this instanceof FakeFrameNode) this._world.relayout(this);
  }

  _markRemoved(): void {
    this._removed = true;
    this._world.nodes.delete(this._id);
    for (const child of this._children ?? []) child._markRemoved();
  }

  _insideInstance(): boolean {
    for (let p = this._parent; p; p = p._parent) if (p._type === "INSTANCE") return true;
    return false;
  }

  /** The PAGE this node is on, or null when detached. */
  _page(): FakePageNode | null {
    let n: FakeBaseNode | null = this;
    while (n && n._type !== "PAGE") n = n._parent;
    return n as FakePageNode | null;
  }

  /** True when the node is attached to the document through pages. */
  _inDocument(): boolean {
    let n: FakeBaseNode | null = this;
    while (n._parent) n = n._parent;
    return n._type === "DOCUMENT" && !this._removed;
  }

  getPluginData(key: string): string {
    return this._pluginData.get(key) ?? "";
  }
  setPluginData(key: string, value: string): void {
    this._assertAlive("setPluginData");
    checkPluginDataArgs("setPluginData", key, value);
    if (value === "") this._pluginData.delete(key);
    else this._pluginData.set(key, value);
  }
  getPluginDataKeys(): string[] {
    return [...this._pluginData.keys()];
  }
  getSharedPluginData(namespace: string, key: string): string {
    return this._sharedPluginData.get(namespace)?.get(key) ?? "";
  }
  setSharedPluginData(namespace: string, key: string, value: string): void {
    this._assertAlive("setSharedPluginData");
    if (typeof namespace !== "string" || !/^[A-Za-z0-9_.]{3,}$/.test(namespace)) {
      throw new Error(
        `in setSharedPluginData: The namespace must be at least 3 characters of letters, digits, "_" or ".", got ${JSON.stringify(namespace)}`,
      );
    }
    checkPluginDataArgs("setSharedPluginData", key, value);
    const space = this._sharedPluginData.get(namespace) ?? new Map<string, string>();
    if (value === "") space.delete(key);
    else space.set(key, value);
    this._sharedPluginData.set(namespace, space);
  }
  getSharedPluginDataKeys(namespace: string): string[] {
    return [...(this._sharedPluginData.get(namespace)?.keys() ?? [])];
  }
  setRelaunchData(data: { [command: string]: string }): void {
    this._assertAlive("setRelaunchData");
    if (!data || typeof data !== "object") throw new Error("in setRelaunchData: Expected an object of command → description strings");
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") throw new Error(`in setRelaunchData: The description for "${k}" must be a string`);
    }
    this._relaunchData = { ...data };
  }
  getRelaunchData(): { [command: string]: string } {
    return { ...this._relaunchData };
  }

  getTopLevelFrame(): FrameNode | undefined {
    let n: FakeBaseNode = this;
    while (n._parent && n._parent._type !== "PAGE") n = n._parent;
    return n._parent && n._type === "FRAME" ? (n as unknown as FrameNode) : undefined;
  }

  /** Copies identity-free state (props, plugin data, relaunch data) onto a clone. */
  _copyBaseInto(copy: FakeBaseNode): void {
    copy._props = { ...this._props };
    copy._pluginData = new Map(this._pluginData);
    copy._sharedPluginData = new Map([...this._sharedPluginData].map(([k, v]) => [k, new Map(v)]));
    copy._relaunchData = { ...this._relaunchData };
  }
}

function checkPluginDataArgs(operation: string, key: string, value: string): void {
  if (typeof key !== "string" || key === "") throw new Error(`in ${operation}: The key must be a non-empty string`);
  if (typeof value !== "string") throw new Error(`in ${operation}: Expected "value" to be a string, got ${typeof value}`);
}

defineMissing(FakeBaseNode, [
  "getDevResourcesAsync",
  "addDevResourceAsync",
  "editDevResourceAsync",
  "deleteDevResourceAsync",
  "setDevResourcePreviewAsync",
  "getCSSAsync",
  "isAsset",
]);

// ———————————————————————————————————————————————————————— children API

/** ChildrenMixin, installed on DOCUMENT, PAGE, frames and groups. */
class ChildrenApi {
  get children(this: FakeBaseNode): ReadonlyArray<SceneNode> {
    return Object.freeze([...this._children!]) as unknown as ReadonlyArray<SceneNode>;
  }

  appendChild(this: FakeBaseNode & ChildrenApi, child: SceneNode): void {
    this.insertChild(this._children!.length, child);
  }

  insertChild(this: FakeBaseNode, index: number, child: SceneNode): void {
    this._assertAlive("insertChild");
    const node = child as unknown as FakeBaseNode;
    if (!(node instanceof FakeBaseNode) || node._world !== this._world) {
      throw new Error("in insertChild: Expected a node created by this fake figma");
    }
    node._assertAlive("insertChild");
    if (this._type === "DOCUMENT" ? node._type !== "PAGE" : !(node instanceof FakeSceneNode)) {
      throw new Error(`in insertChild: A ${node._type} node cannot be a child of a ${this._type} node`);
    }
    for (let p: FakeBaseNode | null = this; p; p = p._parent) {
      if (p === node) throw new Error("in insertChild: Cannot move a node inside itself");
    }
    if (this._type === "INSTANCE" || this._insideInstance()) {
      throw new Error("in insertChild: Cannot move node. New parent is an instance or is inside of an instance");
    }
    if (!Number.isInteger(index) || index < 0 || index > this._children!.length) {
      throw new Error(`in insertChild: Index ${index} is out of range (0–${this._children!.length})`);
    }
    attachChild(this, node as FakeSceneNode, index);
  }

  findChildren(this: FakeBaseNode, callback?: (node: SceneNode) => boolean): SceneNode[] {
    const all = this._children! as unknown as SceneNode[];
    return callback ? all.filter((n) => callback(n)) : [...all];
  }

  findChild(this: FakeBaseNode, callback: (node: SceneNode) => boolean): SceneNode | null {
    return (this._children! as unknown as SceneNode[]).find((n) => callback(n)) ?? null;
  }

  findAll(this: FakeBaseNode, callback?: (node: SceneNode) => boolean): SceneNode[] {
    const out: SceneNode[] = [];
    walkDescendants(this, (n) => {
      if (!callback || callback(n as unknown as SceneNode)) out.push(n as unknown as SceneNode);
      return false;
    });
    return out;
  }

  findOne(this: FakeBaseNode, callback: (node: SceneNode) => boolean): SceneNode | null {
    let found: SceneNode | null = null;
    walkDescendants(this, (n) => {
      if (callback(n as unknown as SceneNode)) found = n as unknown as SceneNode;
      return found !== null;
    });
    return found;
  }

  findAllWithCriteria(
    this: FakeBaseNode,
    criteria: { types?: readonly string[]; pluginData?: { keys?: string[] }; sharedPluginData?: { namespace: string; keys?: string[] } },
  ): SceneNode[] {
    const out: SceneNode[] = [];
    walkDescendants(this, (n) => {
      if (criteria.types && !criteria.types.includes(n._type)) return false;
      if (criteria.pluginData) {
        const keys = criteria.pluginData.keys;
        if (keys ? !keys.some((k) => n._pluginData.has(k)) : n._pluginData.size === 0) return false;
      }
      if (criteria.sharedPluginData) {
        const space = n._sharedPluginData.get(criteria.sharedPluginData.namespace);
        const keys = criteria.sharedPluginData.keys;
        if (!space || (keys ? !keys.some((k) => space.has(k)) : space.size === 0)) return false;
      }
      out.push(n as unknown as SceneNode);
      return false;
    });
    return out;
  }
}

/** Pre-order walk of descendants (Figma's findAll order); stops when `visit` returns true. */
export function walkDescendants(root: FakeBaseNode, visit: (node: FakeBaseNode) => boolean): boolean {
  for (const child of root._children ?? []) {
    if (visit(child)) return true;
    if (walkDescendants(child, visit)) return true;
  }
  return false;
}

/**
 * Puts `node` at `index` in `parent`, taking it out of its old parent first (keeping its relativeTransform,
 * as Figma does). No permission checks: the loader and clone use it directly.
 */
export function attachChild(parent: FakeBaseNode, node: FakeSceneNode, index = parent._children!.length): void {
  const oldParent = node._parent;
  const oldPage = node._page();
  if (oldParent === parent) {
    const oldIndex = parent._children!.indexOf(node);
    if (oldIndex >= 0 && oldIndex < index) index -= 1;
  }
  node._detach();
  parent._children!.splice(Math.min(index, parent._children!.length), 0, node);
  node._parent = parent;
  if (oldParent && oldParent !== parent) oldParent._childRemoved();
  const newPage = node._page();
  if (oldPage && oldPage !== newPage) oldPage._dropFromSelection();
  if (parent instanceof FakeFrameNode) parent._world.relayout(parent);
}

function installChildrenApi(target: { prototype: object }): void {
  for (const key of Object.getOwnPropertyNames(ChildrenApi.prototype)) {
    if (key === "constructor") continue;
    Object.defineProperty(target.prototype, key, Object.getOwnPropertyDescriptor(ChildrenApi.prototype, key)!);
  }
}

// ————————————————————————————————————————————————————— document and pages

export class FakeDocumentNode extends FakeBaseNode {
  constructor(world: FakeWorld) {
    super(world, "DOCUMENT", "Document", "0:0");
    this._children = [];
  }
  get documentColorProfile(): "LEGACY" | "SRGB" | "DISPLAY_P3" {
    return "SRGB";
  }
  override findAll(callback?: (node: SceneNode) => boolean): SceneNode[] {
    return ChildrenApi.prototype.findAll.call(this, callback);
  }
}
export interface FakeDocumentNode extends ChildrenApi {}
installChildrenApi(FakeDocumentNode);

export class FakePageNode extends FakeBaseNode {
  _selection: FakeSceneNode[] = [];

  constructor(world: FakeWorld, name: string, preferredId?: string) {
    super(world, "PAGE", name, preferredId);
    this._children = [];
  }

  get selection(): ReadonlyArray<SceneNode> {
    this._dropFromSelection();
    return Object.freeze([...this._selection]) as unknown as ReadonlyArray<SceneNode>;
  }

  set selection(nodes: ReadonlyArray<SceneNode>) {
    this._assertAlive("set_selection");
    if (!Array.isArray(nodes)) throw new Error("in set_selection: Expected an array of nodes");
    const next: FakeSceneNode[] = [];
    for (const n of nodes as unknown as FakeBaseNode[]) {
      if (!(n instanceof FakeSceneNode)) throw new Error("in set_selection: Only scene nodes can be selected");
      if (n._removed) throw new Error(`in set_selection: The node with id ${JSON.stringify(n._id)} has been removed`);
      if (n._page() !== this) {
        throw new Error(`in set_selection: Node with id ${JSON.stringify(n._id)} is not a child of page ${JSON.stringify(this._name)}`);
      }
      if (!next.includes(n)) next.push(n);
    }
    this._selection = next;
    this._world.selectionChanged(this);
  }

  /** Removed or moved nodes leave the selection silently, as in Figma. */
  _dropFromSelection(): void {
    const kept = this._selection.filter((n) => !n._removed && n._page() === this);
    if (kept.length !== this._selection.length) this._selection = kept;
  }

  get isPageDivider(): boolean {
    return false;
  }
  async loadAsync(): Promise<void> {}
  clone(): never {
    throw notImplemented("page node", "clone");
  }
  async exportAsync(): Promise<never> {
    throw notImplemented("page node", "exportAsync");
  }
}
export interface FakePageNode extends ChildrenApi {}
installChildrenApi(FakePageNode);
defineStored(FakePageNode, {
  backgrounds: [{ type: "SOLID", color: { r: 0.9607843160629272, g: 0.9607843160629272, b: 0.9607843160629272 }, visible: true, opacity: 1, blendMode: "NORMAL" }],
  guides: [],
  flowStartingPoints: [],
  explicitVariableModes: {},
});
defineMissing(FakePageNode, ["selectedTextRange", "prototypeBackgrounds", "prototypeStartNode", "on", "once", "off", "focusedNode", "measurements"]);

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
    return p instanceof FakeFrameNode && p._layoutMode() !== "NONE" && this._props.layoutPositioning !== "ABSOLUTE";
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

  /** Bounds of what renders: own box, plus visible children's when content is not clipped. */
  _renderBounds(): Rect {
    let box = this.absoluteBoundingBox!;
    if (this._children && !(this instanceof FakeFrameNode && this._clips())) {
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
    if (p instanceof FakeFrameNode && p._layoutMode() !== "NONE") this._world.relayout(p);
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
    if (this instanceof FakeFrameNode) this._world.relayout(this);
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
    const copy =
      !isRoot && this._type === "COMPONENT" ? new FakeInstanceNode(this._world, this as unknown as FakeFrameNode) : this._blank();
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

  /** An empty node of the same kind, for clone. */
  _blank(): FakeSceneNode {
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

const CONSTRAINT_TYPES = ["MIN", "CENTER", "MAX", "STRETCH", "SCALE"] as const;

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

function unionRect(a: Rect, b: Rect): Rect {
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
  if (frame instanceof FakeFrameNode && frame._layoutMode() !== "NONE") {
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
function scaleChildren(node: FakeSceneNode, sx: number, sy: number): void {
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

const PAINT_TYPES = ["SOLID", "GRADIENT_LINEAR", "GRADIENT_RADIAL", "GRADIENT_ANGULAR", "GRADIENT_DIAMOND", "IMAGE", "VIDEO", "PATTERN"];
const SCALE_MODES = ["FILL", "FIT", "CROP", "TILE"];

/**
 * Checks paints the way Figma's setter does (shape and ranges) and returns a frozen copy.
 * @throws Error naming the paint index and field that is wrong.
 */
export function validatePaints(operation: string, value: unknown): ReadonlyArray<Paint> {
  if (!Array.isArray(value)) throw new Error(`in ${operation}: Expected an array of paints, got ${typeof value}`);
  value.forEach((paint: AnyRecord, i) => {
    const where = `in ${operation}: paint ${i}`;
    if (!paint || typeof paint !== "object") throw new Error(`${where} is not an object`);
    if (!PAINT_TYPES.includes(paint.type as string)) throw new Error(`${where} has unknown type ${JSON.stringify(paint.type)}`);
    if (paint.opacity !== undefined) finiteNumber("opacity", 0, 1)(paint.opacity);
    if (paint.type === "SOLID") {
      const c = paint.color as AnyRecord | undefined;
      if (!c || typeof c !== "object") throw new Error(`${where}: a SOLID paint needs a color {r, g, b}`);
      for (const k of ["r", "g", "b"]) {
        const v = c[k];
        if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new Error(`${where}: color.${k} must be a number from 0 to 1, got ${String(v)}`);
      }
      if ("a" in c) throw new Error(`${where}: Unrecognized key(s) in object: 'a' (SOLID colours have no alpha; use paint opacity)`);
    } else if (paint.type === "IMAGE") {
      if (!SCALE_MODES.includes(paint.scaleMode as string)) throw new Error(`${where}: scaleMode must be one of ${SCALE_MODES.join(", ")}`);
      if (paint.imageHash !== null && typeof paint.imageHash !== "string") throw new Error(`${where}: imageHash must be a string or null`);
    } else if ((paint.type as string).startsWith("GRADIENT_")) {
      if (!Array.isArray(paint.gradientTransform)) throw new Error(`${where}: a gradient needs a gradientTransform`);
      if (!Array.isArray(paint.gradientStops)) throw new Error(`${where}: a gradient needs gradientStops`);
    }
  });
  return frozenCopy(value as Paint[]);
}

/** fills/strokes/stroke props: shapes, frames, boolean operations. */
class GeometryApi {
  get fills(this: FakeSceneNode): ReadonlyArray<Paint> {
    return this._fills;
  }
  set fills(this: FakeSceneNode, value: ReadonlyArray<Paint>) {
    this._assertAlive("set_fills");
    this._fills = validatePaints("set_fills", value);
  }
  get strokes(this: FakeSceneNode): ReadonlyArray<Paint> {
    return this._strokes;
  }
  set strokes(this: FakeSceneNode, value: ReadonlyArray<Paint>) {
    this._assertAlive("set_strokes");
    this._strokes = validatePaints("set_strokes", value);
  }
  async setFillsAsync(this: FakeSceneNode & GeometryApi, paints: ReadonlyArray<Paint>): Promise<void> {
    this.fills = paints;
  }
  async setStrokesAsync(this: FakeSceneNode & GeometryApi, paints: ReadonlyArray<Paint>): Promise<void> {
    this.strokes = paints;
  }
}

function installGeometry(target: { prototype: object }, strokeAlign: "INSIDE" | "CENTER"): void {
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
function installCorners(target: { prototype: object }): void {
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

function installConstraints(target: { prototype: object }): void {
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

// ——————————————————————————————————————————————————————————— shapes

/** RECTANGLE, ELLIPSE, POLYGON, STAR, VECTOR, LINE. */
export class FakeShapeNode extends FakeSceneNode {
  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    super(world, type, name, preferredId);
    if (type === "LINE") this._h = 0;
  }
}
installGeometry(FakeShapeNode, "INSIDE");
installConstraints(FakeShapeNode);
installCorners(FakeShapeNode);
defineStored(FakeShapeNode, {
  pointCount: 3,
  innerRadius: 0.38196611404418945,
  arcData: { startingAngle: 0, endingAngle: 6.2831854820251465, innerRadius: 0 },
  booleanOperation: "UNION",
  variableWidthStrokeProperties: null,
  complexStrokeProperties: { type: "BASIC" },
});
defineMissing(FakeShapeNode, ["vectorNetwork", "setVectorNetworkAsync", "vectorPaths", "handleMirroring", "strokeTopWeight", "strokeBottomWeight", "strokeLeftWeight", "strokeRightWeight"]);

// ———————————————————————————————————————————————————————————————— text

const DEFAULT_FONT: FontName = Object.freeze({ family: "Inter", style: "Regular" });

/** Character width and line height relative to font size for the text size estimate (Inter-like averages). */
const TEXT_CHAR_WIDTH = 0.55;
const TEXT_LINE_HEIGHT = 1.2;

export class FakeTextNode extends FakeSceneNode {
  _characters = "";
  _fontSize = 12;
  _fontName: FontName = DEFAULT_FONT;
  _textAutoResize: "NONE" | "WIDTH_AND_HEIGHT" | "HEIGHT" | "TRUNCATE" = "WIDTH_AND_HEIGHT";

  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    super(world, type, name, preferredId);
    this._w = 0;
    this._h = Math.round(this._fontSize * TEXT_LINE_HEIGHT);
  }

  _requireFont(operation: string, font: FontName = this._fontName): void {
    if (!this._world.loadedFonts.has(fontKey(font))) {
      throw new Error(
        `in ${operation}: Cannot write to node with unloaded font "${fontKey(font)}". Please call figma.loadFontAsync({ family: "${font.family}", style: "${font.style}" }) and await the returned promise first.`,
      );
    }
  }

  get characters(): string {
    return this._characters;
  }
  set characters(value: string) {
    this._assertAlive("set_characters");
    this._requireFont("set_characters");
    if (typeof value !== "string") throw new Error(`in set_characters: Expected "characters" to be a string, got ${typeof value}`);
    this._characters = value;
    this._fitText();
  }
  get fontSize(): number {
    return this._fontSize;
  }
  set fontSize(value: number) {
    this._assertAlive("set_fontSize");
    this._requireFont("set_fontSize");
    finiteNumber("fontSize", 1)(value);
    this._fontSize = value;
    this._fitText();
  }
  get fontName(): FontName {
    return this._fontName;
  }
  set fontName(value: FontName) {
    this._assertAlive("set_fontName");
    if (!value || typeof value.family !== "string" || typeof value.style !== "string") {
      throw new Error("in set_fontName: Expected {family, style} strings");
    }
    this._requireFont("set_fontName", value);
    this._fontName = Object.freeze({ family: value.family, style: value.style });
    this._fitText();
  }
  get fontWeight(): number {
    return fontWeightOfStyle(this._fontName.style);
  }
  get textAutoResize(): "NONE" | "WIDTH_AND_HEIGHT" | "HEIGHT" | "TRUNCATE" {
    return this._textAutoResize;
  }
  set textAutoResize(value: "NONE" | "WIDTH_AND_HEIGHT" | "HEIGHT" | "TRUNCATE") {
    this._assertAlive("set_textAutoResize");
    oneOf("textAutoResize", ["NONE", "WIDTH_AND_HEIGHT", "HEIGHT", "TRUNCATE"])(value);
    this._textAutoResize = value;
    this._fitText();
  }
  get hasMissingFont(): boolean {
    return false;
  }
  get autoRename(): boolean {
    return (this._props.autoRename as boolean | undefined) ?? true;
  }
  set autoRename(value: boolean) {
    booleanValue("autoRename")(value);
    this._props.autoRename = value;
  }

  /**
   * Approximate text metrics (the fake has no font engine): each character is 0.55 × fontSize wide, each
   * line 1.2 × fontSize tall. WIDTH_AND_HEIGHT sizes both, HEIGHT wraps at the current width, NONE and
   * TRUNCATE keep the box.
   */
  _fitText(): void {
    const charW = TEXT_CHAR_WIDTH * this._fontSize;
    const lineH = Math.round(TEXT_LINE_HEIGHT * this._fontSize);
    const lines = this._characters.split("\n");
    if (this._textAutoResize === "WIDTH_AND_HEIGHT") {
      this._w = Math.ceil(Math.max(...lines.map((l) => l.length)) * charW);
      this._h = lines.length * lineH;
    } else if (this._textAutoResize === "HEIGHT") {
      const perLine = Math.max(1, Math.floor(this._w / charW));
      const count = lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0);
      this._h = count * lineH;
    } else {
      return;
    }
    this._afterGeometryChange();
  }

  /** An explicit size ends "grow with the text" sizing, as dragging both edges does in Figma. */
  override _resizeTo(width: number, height: number, applyConstraints: boolean): void {
    super._resizeTo(width, height, applyConstraints);
    if (this._textAutoResize === "WIDTH_AND_HEIGHT") this._textAutoResize = "NONE";
  }

  getRangeFontSize(start: number, end: number): number {
    this._checkRange("getRangeFontSize", start, end);
    return this._fontSize;
  }
  setRangeFontSize(start: number, end: number, value: number): void {
    this._checkRange("setRangeFontSize", start, end);
    this.fontSize = value;
  }
  getRangeFontName(start: number, end: number): FontName {
    this._checkRange("getRangeFontName", start, end);
    return this._fontName;
  }
  setRangeFontName(start: number, end: number, value: FontName): void {
    this._checkRange("setRangeFontName", start, end);
    this.fontName = value;
  }
  getRangeFills(start: number, end: number): ReadonlyArray<Paint> {
    this._checkRange("getRangeFills", start, end);
    return this._fills;
  }
  setRangeFills(start: number, end: number, value: ReadonlyArray<Paint>): void {
    this._checkRange("setRangeFills", start, end);
    (this as unknown as { fills: ReadonlyArray<Paint> }).fills = value;
  }
  getRangeFontWeight(start: number, end: number): number {
    this._checkRange("getRangeFontWeight", start, end);
    return this.fontWeight;
  }
  getRangeAllFontNames(start: number, end: number): FontName[] {
    this._checkRange("getRangeAllFontNames", start, end);
    return [this._fontName];
  }
  getStyledTextSegments(fields: string[], start = 0, end = this._characters.length): unknown[] {
    this._checkRange("getStyledTextSegments", start, end);
    const segment: AnyRecord = { characters: this._characters.slice(start, end), start, end };
    for (const f of fields) segment[f] = (this as unknown as AnyRecord)[f];
    return [segment];
  }
  insertCharacters(start: number, characters: string): void {
    this._requireFont("insertCharacters");
    this.characters = this._characters.slice(0, start) + characters + this._characters.slice(start);
  }
  deleteCharacters(start: number, end: number): void {
    this._checkRange("deleteCharacters", start, end);
    this._requireFont("deleteCharacters");
    this.characters = this._characters.slice(0, start) + this._characters.slice(end);
  }

  _checkRange(operation: string, start: number, end: number): void {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > this._characters.length || start > end) {
      throw new Error(`in ${operation}: Range ${start}–${end} is outside the text (length ${this._characters.length})`);
    }
    if (start === end && operation.startsWith("get")) throw new Error(`in ${operation}: Empty range ${start}–${end}`);
  }

  override _copySceneInto(copy: FakeSceneNode): void {
    super._copySceneInto(copy);
    const t = copy as FakeTextNode;
    t._characters = this._characters;
    t._fontSize = this._fontSize;
    t._fontName = this._fontName;
    t._textAutoResize = this._textAutoResize;
  }
}
installGeometry(FakeTextNode, "INSIDE");
installConstraints(FakeTextNode);
defineStored(
  FakeTextNode,
  {
    textAlignHorizontal: "LEFT",
    textAlignVertical: "TOP",
    letterSpacing: { unit: "PERCENT", value: 0 },
    lineHeight: { unit: "AUTO" },
    textCase: "ORIGINAL",
    textDecoration: "NONE",
    paragraphSpacing: 0,
    paragraphIndent: 0,
    textTruncation: "DISABLED",
    maxLines: null,
    textStyleId: "",
    hyperlink: null,
    leadingTrim: "NONE",
    listSpacing: 0,
    hangingPunctuation: false,
    hangingList: false,
  },
  {
    textAlignHorizontal: oneOf("textAlignHorizontal", ["LEFT", "CENTER", "RIGHT", "JUSTIFIED"]),
    textAlignVertical: oneOf("textAlignVertical", ["TOP", "CENTER", "BOTTOM"]),
    textCase: oneOf("textCase", ["ORIGINAL", "UPPER", "LOWER", "TITLE", "SMALL_CAPS", "SMALL_CAPS_FORCED"]),
    textDecoration: oneOf("textDecoration", ["NONE", "UNDERLINE", "STRIKETHROUGH"]),
  },
);
for (const prop of ["LetterSpacing", "LineHeight", "TextCase", "TextDecoration"]) {
  const key = prop[0]!.toLowerCase() + prop.slice(1);
  Object.defineProperty(FakeTextNode.prototype, `getRange${prop}`, {
    configurable: true,
    value(this: FakeTextNode, start: number, end: number) {
      this._checkRange(`getRange${prop}`, start, end);
      return (this as unknown as AnyRecord)[key];
    },
  });
  Object.defineProperty(FakeTextNode.prototype, `setRange${prop}`, {
    configurable: true,
    value(this: FakeTextNode, start: number, end: number, value: unknown) {
      this._checkRange(`setRange${prop}`, start, end);
      this._requireFont(`setRange${prop}`);
      (this as unknown as AnyRecord)[key] = value;
    },
  });
}
defineMissing(FakeTextNode, ["setTextStyleIdAsync", "setRangeTextStyleIdAsync", "getRangeHyperlink", "setRangeHyperlink", "getRangeListOptions", "setRangeListOptions", "openTypeFeatures", "textStyleOverrides"]);

/** CSS/OpenType weight for a Figma style name ("Bold" → 700); 400 when the name has no weight word. */
export function fontWeightOfStyle(style: string): number {
  const s = style.toLowerCase().replace(/[\s_-]/g, "");
  const table: Array<[string, number]> = [
    ["extralight", 200],
    ["ultralight", 200],
    ["semibold", 600],
    ["demibold", 600],
    ["extrabold", 800],
    ["ultrabold", 800],
    ["thin", 100],
    ["hairline", 100],
    ["light", 300],
    ["medium", 500],
    ["bold", 700],
    ["black", 900],
    ["heavy", 900],
  ];
  for (const [word, weight] of table) if (s.includes(word)) return weight;
  return 400;
}

// ——————————————————————————————————————————————————————————— frames

/** FRAME, COMPONENT, INSTANCE, SECTION, and unknown REST types (FRAME-like). */
export class FakeFrameNode extends FakeSceneNode {
  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    super(world, type, name, preferredId);
    this._children = [];
  }

  _layoutMode(): "NONE" | "HORIZONTAL" | "VERTICAL" | "GRID" {
    return (this._props.layoutMode as "NONE" | "HORIZONTAL" | "VERTICAL" | undefined) ?? "NONE";
  }
  _clips(): boolean {
    return (this._props.clipsContent as boolean | undefined) ?? false;
  }
  override _afterChange(name: string): void {
    if (AUTO_LAYOUT_KEYS.has(name)) this._world.relayout(this);
  }

  get horizontalPadding(): number {
    return (this as unknown as FrameNode).paddingLeft;
  }
  set horizontalPadding(v: number) {
    const f = this as unknown as FrameNode;
    f.paddingLeft = v;
    f.paddingRight = v;
  }
  get verticalPadding(): number {
    return (this as unknown as FrameNode).paddingTop;
  }
  set verticalPadding(v: number) {
    const f = this as unknown as FrameNode;
    f.paddingTop = v;
    f.paddingBottom = v;
  }
}
export interface FakeFrameNode extends ChildrenApi {}
installChildrenApi(FakeFrameNode);
installGeometry(FakeFrameNode, "INSIDE");
installConstraints(FakeFrameNode);
installCorners(FakeFrameNode);

const AUTO_LAYOUT_KEYS = new Set([
  "layoutMode",
  "primaryAxisSizingMode",
  "counterAxisSizingMode",
  "paddingLeft",
  "paddingRight",
  "paddingTop",
  "paddingBottom",
  "itemSpacing",
  "primaryAxisAlignItems",
  "counterAxisAlignItems",
  "layoutWrap",
  "counterAxisSpacing",
  "itemReverseZIndex",
  "strokesIncludedInLayout",
]);

defineStored(
  FakeFrameNode,
  {
    clipsContent: false,
    layoutMode: "NONE",
    primaryAxisSizingMode: "AUTO",
    counterAxisSizingMode: "FIXED",
    paddingLeft: 0,
    paddingRight: 0,
    paddingTop: 0,
    paddingBottom: 0,
    itemSpacing: 0,
    counterAxisSpacing: null,
    primaryAxisAlignItems: "MIN",
    counterAxisAlignItems: "MIN",
    counterAxisAlignContent: "AUTO",
    layoutWrap: "NO_WRAP",
    itemReverseZIndex: false,
    strokesIncludedInLayout: false,
    layoutGrids: [],
    gridStyleId: "",
    guides: [],
    expanded: true,
    backgroundStyleId: "",
    overflowDirection: "NONE",
    numberOfFixedChildren: 0,
    devStatus: null,
    description: "",
  },
  {
    clipsContent: booleanValue("clipsContent"),
    layoutMode: oneOf("layoutMode", ["NONE", "HORIZONTAL", "VERTICAL"]),
    primaryAxisSizingMode: oneOf("primaryAxisSizingMode", ["FIXED", "AUTO"]),
    counterAxisSizingMode: oneOf("counterAxisSizingMode", ["FIXED", "AUTO"]),
    paddingLeft: finiteNumber("paddingLeft", 0),
    paddingRight: finiteNumber("paddingRight", 0),
    paddingTop: finiteNumber("paddingTop", 0),
    paddingBottom: finiteNumber("paddingBottom", 0),
    itemSpacing: finiteNumber("itemSpacing"),
    primaryAxisAlignItems: oneOf("primaryAxisAlignItems", ["MIN", "MAX", "CENTER", "SPACE_BETWEEN"]),
    counterAxisAlignItems: oneOf("counterAxisAlignItems", ["MIN", "MAX", "CENTER", "BASELINE"]),
    layoutWrap: oneOf("layoutWrap", ["NO_WRAP", "WRAP"]),
  },
);
Object.defineProperty(FakeFrameNode.prototype, "backgrounds", {
  configurable: true,
  get(this: FakeSceneNode) {
    return this._fills;
  },
  set(this: FakeSceneNode, value: ReadonlyArray<Paint>) {
    this._fills = validatePaints("set_backgrounds", value);
  },
});
defineMissing(FakeFrameNode, [
  "gridRowCount",
  "gridColumnCount",
  "gridRowGap",
  "gridColumnGap",
  "gridRowSizes",
  "gridColumnSizes",
  "appendChildAt",
  "gridAutoTracks",
  "gridItemsPositioning",
  "reorderRows",
  "reorderColumns",
  "setGridStyleIdAsync",
  "overlayPositionType",
  "overlayBackground",
  "overlayBackgroundInteraction",
  "inferredAutoLayout",
  "detachedInfo",
  "findWidgetNodesByWidgetId",
  "strokeTopWeight",
  "strokeBottomWeight",
  "strokeLeftWeight",
  "strokeRightWeight",
]);

/** A COMPONENT; `remote` ones come from a REST `componentId` whose component is not in the document. */
export class FakeComponentNode extends FakeFrameNode {
  _remote = false;
  get remote(): boolean {
    return this._remote;
  }
  get key(): string {
    return `fake-key-${this._id}`;
  }
  createInstance(): InstanceNode {
    this._assertAlive("createInstance");
    const instance = new FakeInstanceNode(this._world, this);
    copyComponentContent(this, instance);
    instance._t = copyAffine(IDENTITY);
    attachChild(this._world.currentPage, instance);
    return instance as unknown as InstanceNode;
  }
  async getInstancesAsync(): Promise<InstanceNode[]> {
    const out: InstanceNode[] = [];
    for (const n of this._world.nodes.values()) if (n instanceof FakeInstanceNode && n._main === this) out.push(n as unknown as InstanceNode);
    return out;
  }
}
defineMissing(FakeComponentNode, ["instances", "getPublishStatusAsync", "componentPropertyDefinitions", "addComponentProperty", "editComponentProperty", "deleteComponentProperty", "documentationLinks", "descriptionMarkdown", "variantProperties"]);

/** An INSTANCE of a component; its content is a copy made when it was created. */
export class FakeInstanceNode extends FakeFrameNode {
  _main: FakeFrameNode;

  constructor(world: FakeWorld, main: FakeFrameNode, name = main._name, preferredId?: string) {
    super(world, "INSTANCE", name, preferredId);
    this._main = main;
  }
  get mainComponent(): ComponentNode | null {
    return this._main as unknown as ComponentNode;
  }
  set mainComponent(value: ComponentNode | null) {
    this.swapComponent(value as ComponentNode);
  }
  async getMainComponentAsync(): Promise<ComponentNode | null> {
    return this._main as unknown as ComponentNode;
  }
  /** Replaces the content with a copy of the new component's (overrides are not carried over). */
  swapComponent(component: ComponentNode): void {
    this._assertAlive("swapComponent");
    const main = component as unknown as FakeFrameNode;
    if (!(main instanceof FakeComponentNode)) throw new Error("in swapComponent: Expected a component node");
    for (const child of [...this._children!]) {
      child._detach();
      child._markRemoved();
    }
    this._main = main;
    copyComponentContent(main, this);
  }
  detachInstance(): FrameNode {
    throw notImplemented("instance node", "detachInstance");
  }
  override _blank(): FakeSceneNode {
    return new FakeInstanceNode(this._world, this._main, this._name);
  }
}
defineMissing(FakeInstanceNode, ["componentProperties", "setProperties", "exposedInstances", "isExposedInstance", "overrides", "resetOverrides", "scaleFactor", "getRangeFontSize"]);

/** Copies a component's size, paints, props and children into an instance. */
function copyComponentContent(main: FakeFrameNode, instance: FakeFrameNode): void {
  const keepT = instance._t;
  main._copySceneInto(instance);
  instance._t = keepT;
  instance._props = { ...main._props };
  for (const child of main._children!) {
    const c = child._cloneTree(false);
    c._parent = instance;
    instance._children!.push(c);
  }
}

// ——————————————————————————————————————————————————————————— groups

/** GROUP and BOOLEAN_OPERATION: no own coordinate space, bounds derived from the children. */
export class FakeGroupNode extends FakeSceneNode {
  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    super(world, type, name, preferredId);
    this._children = [];
  }

  /** Children's bounds in the container's space. */
  _childBounds(): Rect {
    let box: Rect | null = null;
    for (const child of this._children!) {
      const [w, h] = child._size();
      const b = boundsOfBox(child._localTransform(), w, h);
      box = box ? unionRect(box, b) : b;
    }
    return box ?? { x: 0, y: 0, width: 0, height: 0 };
  }
  override _localTransform(): Affine {
    const b = this._childBounds();
    return [
      [1, 0, b.x],
      [0, 1, b.y],
    ];
  }
  override _size(): [number, number] {
    const b = this._childBounds();
    return [b.width, b.height];
  }
  override get absoluteBoundingBox(): Rect | null {
    let box: Rect | null = null;
    for (const child of this._children!) {
      const b = child.absoluteBoundingBox!;
      box = box ? unionRect(box, b) : b;
    }
    return box;
  }
  /** Moves or turns the group by applying the change to every child (groups have no transform of their own). */
  override _setLocalTransform(t: Affine): void {
    const delta = multiplyAffine(t, invertAffine(this._localTransform()));
    for (const child of this._children!) {
      if (isTransparentContainer(child)) child._setLocalTransform(multiplyAffine(delta, child._localTransform()));
      else child._t = multiplyAffine(delta, child._t);
    }
    this._afterGeometryChange();
  }
  override _resizeTo(width: number, height: number, _applyConstraints: boolean): void {
    const [w, h] = this._size();
    const origin = this._localTransform();
    const sx = w > 0 ? width / w : 1;
    const sy = h > 0 ? height / h : 1;
    const toOrigin: Affine = [
      [1, 0, -origin[0][2]],
      [0, 1, -origin[1][2]],
    ];
    for (const child of this._children!) moveInto(child, toOrigin);
    scaleChildren(this, sx, sy);
    for (const child of this._children!) moveInto(child, invertAffine(toOrigin));
    this._afterGeometryChange();
  }
}
export interface FakeGroupNode extends ChildrenApi {}
installChildrenApi(FakeGroupNode);
defineStored(FakeGroupNode, { expanded: true, backgroundStyleId: "" });
Object.defineProperty(FakeGroupNode.prototype, "backgrounds", {
  configurable: true,
  get() {
    return Object.freeze([]);
  },
  set() {
    throw new Error("in set_backgrounds: Groups have no background");
  },
});

function moveInto(node: FakeSceneNode, m: Affine): void {
  if (isTransparentContainer(node)) for (const c of node._children!) moveInto(c, m);
  else node._t = multiplyAffine(m, node._t);
}

/** BOOLEAN_OPERATION: a group whose children's shapes combine into one shape painted with its own fills. */
export class FakeBooleanNode extends FakeGroupNode {}
installGeometry(FakeBooleanNode, "INSIDE");
installCorners(FakeBooleanNode);
defineStored(FakeBooleanNode, { booleanOperation: "UNION" }, { booleanOperation: oneOf("booleanOperation", ["UNION", "INTERSECT", "SUBTRACT", "EXCLUDE"]) });
