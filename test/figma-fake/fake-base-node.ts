/// <reference types="@figma/plugin-typings" />
import type { FakeImageStore } from "./fake-image-store.js";
import type { FakeFrameNode } from "./fake-frame-node.js";
import type { FakeSceneNode } from "./fake-scene-node.js";
import { type AnyRecord, defineMissing, defineStored, notImplemented } from "./node-props.js";

/**
 * Shared state every fake node reaches through `node._world`: the id table, fonts, images and the
 * hooks the fake's `figma` object provides (selection events, export, auto layout).
 */
export interface FakeWorld {
  readonly images: FakeImageStore;
  /** Fonts passed to `figma.loadFontAsync`, as `fontKey(fontName)`. */
  readonly loadedFonts: Set<string>;
  /** Fonts missing on this machine (`fake.markFontMissing`): `loadFontAsync` rejects for them. */
  readonly missingFonts: Set<string>;
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
  /** `figma.pluginId`: private plugin data is kept per plugin id (plugin docs, setPluginData). */
  pluginId: string;
  /** Relaunch commands the manifest declares (`relaunchButtons[].command`); null waives the check. */
  relaunchCommands: ReadonlySet<string> | null;
  /** `figma.root.documentColorProfile`: the space paint colours are in. */
  documentColorProfile: "LEGACY" | "SRGB" | "DISPLAY_P3";
  /** Whether `figma.loadAllPagesAsync` ran (needed before searching the whole document under dynamic-page). */
  allPagesLoaded: boolean;
  /** Ids of nodes created since the last `figma.commitUndo()` (the undo step being recorded). */
  readonly createdSinceCommit: Set<string>;
}

/**
 * Largest plugin-data entry, bytes: "The total size of your entry (pluginId, key, value) cannot exceed 100 kB"
 * (developers.figma.com/docs/plugins/api/properties/nodes-setplugindata; the same per-entry limit for
 * setSharedPluginData since Version 1, Update 109, developers.figma.com/docs/plugins/updates/2025/03/17/version-1-update-109).
 */
export const PLUGIN_DATA_ENTRY_LIMIT = 100 * 1024;

/** Longest relaunch description: "This method will throw if description exceeds 1000 characters" (plugin-api.d.ts, setRelaunchData). */
export const RELAUNCH_DESCRIPTION_LIMIT = 1000;

/** DOCUMENT and PAGE are the only nodes that are not scene nodes. */
export function isSceneNode(node: FakeBaseNode): node is FakeSceneNode {
  return node._type !== "DOCUMENT" && node._type !== "PAGE";
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
  /** Private plugin data per plugin id, then key → value (other plugin ids cannot read it). */
  _pluginDataByPlugin = new Map<string, Map<string, string>>();
  _sharedPluginData = new Map<string, Map<string, string>>();
  _relaunchData: Record<string, string> = {};

  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    this._world = world;
    this._type = type;
    this._name = name;
    this._id = world.nextId(preferredId);
    world.nodes.set(this._id, this);
    world.createdSinceCommit.add(this._id);
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

  /** Auto-layout direction; only frames have one. */
  _layoutMode(): "NONE" | "HORIZONTAL" | "VERTICAL" | "GRID" {
    return "NONE";
  }

  /** Re-runs auto layout after the children changed; only frames lay out. */
  _relayout(): void {}

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
    if (!parent?._children) return;
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
    this._relayout();
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

  /** This plugin's private data (keyed by `figma.pluginId`). */
  get _pluginData(): Map<string, string> {
    let own = this._pluginDataByPlugin.get(this._world.pluginId);
    if (!own) {
      own = new Map<string, string>();
      this._pluginDataByPlugin.set(this._world.pluginId, own);
    }
    return own;
  }
  getPluginData(key: string): string {
    return this._pluginData.get(key) ?? "";
  }
  setPluginData(key: string, value: string): void {
    this._assertAlive("setPluginData");
    checkPluginDataArgs("setPluginData", this._world.pluginId, key, value);
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
      throw new Error(`in setSharedPluginData: The namespace must be at least 3 characters of letters, digits, "_" or ".", got ${JSON.stringify(namespace)}`);
    }
    checkPluginDataArgs("setSharedPluginData", namespace, key, value);
    const space = this._sharedPluginData.get(namespace) ?? new Map<string, string>();
    if (value === "") space.delete(key);
    else space.set(key, value);
    this._sharedPluginData.set(namespace, space);
  }
  getSharedPluginDataKeys(namespace: string): string[] {
    return [...(this._sharedPluginData.get(namespace)?.keys() ?? [])];
  }
  /**
   * Refuses what Figma refuses (plugin-api.d.ts, setRelaunchData): a command that is not one of the
   * manifest's `relaunchButtons` ("This command must be present in the manifest"), a description over
   * 1,000 characters ("This method will throw if description exceeds 1000 characters").
   */
  setRelaunchData(data: { [command: string]: string }): void {
    this._assertAlive("setRelaunchData");
    if (!data || typeof data !== "object") throw new Error("in setRelaunchData: Expected an object of command → description strings");
    const commands = this._world.relaunchCommands;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") throw new Error(`in setRelaunchData: The description for "${k}" must be a string`);
      if (v.length > RELAUNCH_DESCRIPTION_LIMIT)
        throw new Error(`in setRelaunchData: The description for "${k}" is ${v.length} characters; the limit is ${RELAUNCH_DESCRIPTION_LIMIT}`);
      if (commands && !commands.has(k)) throw new Error(`in setRelaunchData: The command "${k}" is not in the manifest's relaunchButtons`);
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
    copy._pluginDataByPlugin = new Map([...this._pluginDataByPlugin].map(([k, v]) => [k, new Map(v)]));
    copy._sharedPluginData = new Map([...this._sharedPluginData].map(([k, v]) => [k, new Map(v)]));
    copy._relaunchData = { ...this._relaunchData };
  }
}

function checkPluginDataArgs(operation: string, owner: string, key: string, value: string): void {
  if (typeof key !== "string" || key === "") throw new Error(`in ${operation}: The key must be a non-empty string`);
  if (typeof value !== "string") throw new Error(`in ${operation}: Expected "value" to be a string, got ${typeof value}`);
  const bytes = new TextEncoder().encode(owner + key + value).length;
  if (bytes > PLUGIN_DATA_ENTRY_LIMIT) {
    throw new Error(`in ${operation}: The entry for "${key}" is ${bytes} bytes; plugin data entries are limited to 100 kB`);
  }
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
export class ChildrenApi {
  get children(): ReadonlyArray<SceneNode> {
    const self = this as unknown as FakeBaseNode;
    return Object.freeze([...self._children!]) as unknown as ReadonlyArray<SceneNode>;
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
    if (this._type === "DOCUMENT" ? node._type !== "PAGE" : !isSceneNode(node)) {
      throw new Error(`in insertChild: A ${node._type} node cannot be a child of a ${this._type} node`);
    }
    for (let p: FakeBaseNode | null = this; p; p = p._parent) {
      if (p === node) throw new Error("in insertChild: Cannot move a node inside itself");
    }
    if (this._type === "INSTANCE" || this._insideInstance()) {
      throw new Error("in insertChild: Cannot move node. New parent is an instance or is inside of an instance");
    }
    if (node._insideInstance()) throw new Error("in insertChild: Cannot move node. The node is inside of an instance");
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
    requireAllPages(this, "findAll");
    const out: SceneNode[] = [];
    walkDescendants(this, (n) => {
      if (!callback || callback(n as unknown as SceneNode)) out.push(n as unknown as SceneNode);
      return false;
    });
    return out;
  }

  findOne(this: FakeBaseNode, callback: (node: SceneNode) => boolean): SceneNode | null {
    requireAllPages(this, "findOne");
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
    requireAllPages(this, "findAllWithCriteria");
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

/**
 * Searching the whole document under `"documentAccess": "dynamic-page"` needs `figma.loadAllPagesAsync()` first
 * (plugin-api.d.ts, DocumentNode.findAll / findOne / findAllWithCriteria: "you must first call
 * PluginAPI.loadAllPagesAsync to access this function").
 */
function requireAllPages(node: FakeBaseNode, operation: string): void {
  if (node._type === "DOCUMENT" && !node._world.allPagesLoaded) {
    throw new Error(`in ${operation}: Cannot call with documentAccess: dynamic-page without calling figma.loadAllPagesAsync first`);
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
  parent._relayout();
}

export function installChildrenApi(target: { prototype: object }): void {
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
  /** plugin-api.d.ts `DocumentNode.documentColorProfile`; a test sets it with `fake.setDocumentColorProfile` or a REST fixture. */
  get documentColorProfile(): "LEGACY" | "SRGB" | "DISPLAY_P3" {
    return this._world.documentColorProfile;
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
      if (!isSceneNode(n)) throw new Error("in set_selection: Only scene nodes can be selected");
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
