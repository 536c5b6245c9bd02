/// <reference types="@figma/plugin-typings" />
import { IDENTITY, copyAffine } from "./affine-2x3.js";
import { type ChildrenApi, type FakeWorld, attachChild, installChildrenApi } from "./fake-base-node.js";
import { FakeSceneNode, installConstraints, installCorners, installGeometry } from "./fake-scene-node.js";
import { booleanValue, defineMissing, defineStored, finiteNumber, notImplemented, oneOf, validatePaints } from "./node-props.js";

// ——————————————————————————————————————————————————————————— frames

/** FRAME, COMPONENT, INSTANCE, SECTION, and unknown REST types (FRAME-like). */
export class FakeFrameNode extends FakeSceneNode {
  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    super(world, type, name, preferredId);
    this._children = [];
  }

  override _layoutMode(): "NONE" | "HORIZONTAL" | "VERTICAL" | "GRID" {
    return (this._props.layoutMode as "NONE" | "HORIZONTAL" | "VERTICAL" | undefined) ?? "NONE";
  }
  override _clips(): boolean {
    return (this._props.clipsContent as boolean | undefined) ?? false;
  }
  override _relayout(): void {
    this._world.relayout(this);
  }
  override _afterChange(name: string): void {
    if (AUTO_LAYOUT_KEYS.has(name)) this._relayout();
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

/** AutoLayoutMixin properties of a frame (plugin API names, which the REST API shares). */
export const AUTO_LAYOUT_PROPS = [
  "layoutMode",
  "primaryAxisSizingMode",
  "counterAxisSizingMode",
  "paddingLeft",
  "paddingRight",
  "paddingTop",
  "paddingBottom",
  "itemSpacing",
  "counterAxisSpacing",
  "primaryAxisAlignItems",
  "counterAxisAlignItems",
  "layoutWrap",
  "itemReverseZIndex",
  "strokesIncludedInLayout",
] as const;
const AUTO_LAYOUT_KEYS: ReadonlySet<string> = new Set(AUTO_LAYOUT_PROPS);

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
  /** Inside a cloned subtree a component becomes an instance of itself (plugin docs, clone). */
  override _blank(isRoot: boolean): FakeSceneNode {
    return isRoot ? super._blank(true) : new FakeInstanceNode(this._world, this);
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
defineMissing(FakeComponentNode, [
  "instances",
  "getPublishStatusAsync",
  "componentPropertyDefinitions",
  "addComponentProperty",
  "editComponentProperty",
  "deleteComponentProperty",
  "documentationLinks",
  "descriptionMarkdown",
  "variantProperties",
]);

/** An INSTANCE of a component; its content is a copy made when it was created. */
export class FakeInstanceNode extends FakeFrameNode {
  _main: FakeFrameNode;

  constructor(world: FakeWorld, main: FakeFrameNode, name = main._name, preferredId?: string) {
    super(world, "INSTANCE", name, preferredId);
    this._main = main;
  }
  /**
   * Write-only under `"documentAccess": "dynamic-page"` (plugin-api.d.ts, InstanceNode.mainComponent: "this
   * property is **write-only**. Use InstanceNode.getMainComponentAsync to read the value").
   */
  get mainComponent(): ComponentNode | null {
    throw new Error("in get_mainComponent: Cannot read mainComponent with documentAccess: dynamic-page. Use node.getMainComponentAsync instead.");
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
defineMissing(FakeInstanceNode, [
  "componentProperties",
  "setProperties",
  "exposedInstances",
  "isExposedInstance",
  "overrides",
  "resetOverrides",
  "scaleFactor",
  "getRangeFontSize",
]);

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
