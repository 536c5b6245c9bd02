/// <reference types="@figma/plugin-typings" />
/**
 * # figma-fake — an in-memory Figma Plugin API for main-thread tests
 *
 * ```ts
 * const fake = createFigmaFake();
 * (globalThis as any).figma = fake.figma;
 * const [frame] = fake.loadRestDocument(json);          // real Figma REST JSON → plugin nodes
 * figma.currentPage.selection = [frame];
 * const png = await frame.exportAsync({ format: "PNG" }); // real pixels
 * ```
 *
 * Files: fake-base-node.ts (document, pages, children, plugin data), fake-scene-node.ts (geometry, paints,
 * constraints, clone, export), fake-{shape,text,frame,group}-node.ts (node kinds), apply-auto-layout.ts,
 * render-node.ts (exportAsync pixels), load-rest-document.ts, serialize-node.ts, fake-ui-bridge.ts,
 * fake-image-store.ts. Typechecked by test/tsconfig.figma.json.
 *
 * Faithful (behaves like Figma's documented plugin API, dynamic-page document access):
 * - Node tree: DOCUMENT → PAGE → scene nodes; unique "n:m" ids; `parent`, `children` (frozen copies),
 *   `removed`; `appendChild`/`insertChild` re-parent and keep `relativeTransform`; empty groups delete
 *   themselves; instance sublayers cannot be moved into or removed; `clone` is deep, gets new ids, lands right
 *   after the original, nested components become instances of the original, instances keep `mainComponent`.
 * - Geometry: `relativeTransform` is relative to the container parent (groups and boolean operations have no
 *   coordinate space of their own and take their bounds from their children); `x`/`y`/`rotation` (degrees,
 *   counter-clockwise) read and write that matrix; `absoluteTransform`/`absoluteBoundingBox` follow from it.
 *   `resize` applies children's constraints (MIN/MAX/CENTER/STRETCH/SCALE); `resizeWithoutConstraints` does not.
 * - Paints: `fills`/`strokes` are deep-frozen; setters validate like Figma (e.g. `a` in a SOLID colour throws).
 * - Text: writing `characters`, `fontSize`, `fontName` without `figma.loadFontAsync` throws Figma's message.
 * - `figma.getNodeById` throws as in dynamic-page mode; `figma.currentPage = …` throws (use setCurrentPageAsync).
 * - `createImage` accepts PNG/JPEG/GIF by magic bytes, ≤ 4096 px per side; hashes are SHA-1 of the bytes.
 * - UI messages are structured clones delivered on a later macrotask; `figma.ui.postMessage` refuses anything but
 *   plain objects, arrays, primitives, Date and Uint8Array (fake-ui-bridge.ts); clientStorage stores structured clones.
 * - Plugin data: private per `figma.pluginId` (`fake.setPluginId` opens the file as another plugin id), shared data
 *   per namespace, each entry ≤ 100 kB; relaunch data only for the manifest's `relaunchButtons` commands (when a
 *   manifest is given) and descriptions ≤ 1,000 characters (fake-base-node.ts).
 * - dynamic-page: `mainComponent` is write-only (use `getMainComponentAsync`); `figma.root.findAll*`/`findOne` need
 *   `figma.loadAllPagesAsync()` first.
 * - Fonts: `loadFontAsync` rejects for a font marked missing (`fake.markFontMissing`); text can mix fonts
 *   (`setRangeFontName`, `fontName` is `figma.mixed`) and changing it needs every font it uses loaded.
 * - `figma.commitUndo()` closes an undo step: `fake.undoSteps` lists the nodes each step created.
 * - `exportAsync` honours `colorProfile` against `documentColorProfile` (SRGB / DISPLAY_P3; a REST fixture may
 *   carry a top-level `documentColorProfile`, which Figma's REST JSON does not: see fixtures/p3-brand-ad-300x200.json).
 * - Paint styles (`createPaintStyle`, `getLocalPaintStylesAsync`), `figma.variables` (local collections and
 *   variables, aliases) and `figma.teamLibrary` (behind the `teamlibrary` permission) with the typings' shapes.
 * - Members of the real API that the fake does not implement throw "figma.<name> is not implemented in the
 *   fake" (and "<type> node.<name> …" on nodes) instead of returning undefined.
 *
 * Approximated (good enough for tests, not pixel-identical to Figma):
 * - Rendering: point sampling at pixel centres, no anti-aliasing; effects, blend modes, masks (mask layers are
 *   skipped, nothing is masked), image `rotation`/`filters` are ignored; gradients interpolate stops linearly
 *   in sRGB; TEXT renders as a box filled with its fills; VECTOR renders as its bounding box; POLYGON and STAR
 *   as regular outlines in their box; strokes are bands inside/centred/outside the outline, drawn above a
 *   frame's children (none on vectors, text and boolean operations); LINE is a band of its stroke weight.
 * - Export bounds are the node's box (incl. rotation) grown by unclipped visible children; strokes and
 *   shadows do not grow them. Hidden nodes still export themselves.
 * - Text metrics: 0.55 × fontSize per character, 1.2 × fontSize per line; no font engine.
 * - Auto layout: stacking, padding, spacing, alignment, grow, stretch and hug; no wrap, min/max or baselines.
 * - REST loading: rotation is read as relative to the container; groups' own REST rotation is ignored;
 *   IMAGE fills get a deterministic 256×256 checker placeholder per `imageRef` unless bytes are supplied.
 */
import { Buffer } from "node:buffer";
import jpeg from "jpeg-js";
import { encodePng } from "../../src/core/raster/png-codec.js";
import { applyAutoLayout } from "./apply-auto-layout.js";
import { FakeImageStore } from "./fake-image-store.js";
import { type FakeBaseNode, FakeDocumentNode, FakePageNode, type FakeWorld, attachChild } from "./fake-base-node.js";
import { FakeComponentNode, FakeFrameNode } from "./fake-frame-node.js";
import type { FakeSceneNode } from "./fake-scene-node.js";
import { FakeShapeNode } from "./fake-shape-node.js";
import { FakeTextNode } from "./fake-text-node.js";
import { convertColourProfile } from "./convert-colour-profile.js";
import { createFakeVariables } from "./fake-variables.js";
import { deepFreeze, fontKey, notImplemented, validatePaints } from "./node-props.js";
import { type FakeUiBridge, createFakeUi, strictObject } from "./fake-ui-bridge.js";
import { type LoadRestOptions, loadRestDocument } from "./load-rest-document.js";
import { renderNode } from "./render-node.js";
import { serializeNode } from "./serialize-node.js";

export type { FakeUiBridge } from "./fake-ui-bridge.js";
export type { LoadRestOptions } from "./load-rest-document.js";
export type { FakeImageRecord, FakeImageStore } from "./fake-image-store.js";

/** Events a test can fire at the plugin (`figma.on` types the fake supports). */
export type FakeEventType = "selectionchange" | "currentpagechange" | "close" | "run" | "documentchange";

/** A notification shown with `figma.notify`. */
export interface FakeNotification {
  readonly message: string;
  readonly error: boolean;
  readonly timeout: number | undefined;
  cancelled: boolean;
}

/** Options of `createFigmaFake`. */
export interface CreateFigmaFakeOptions {
  /** `figma.command` (the menu command the plugin was started with); default "". */
  command?: string;
  /** `figma.pluginId`; private plugin data belongs to it. Default "fake-plugin-id". */
  pluginId?: string;
  /**
   * The plugin's manifest.json (parsed): its `relaunchButtons` commands are the only ones `setRelaunchData`
   * accepts, as in Figma. Without it the command check is waived (the description limit still holds).
   */
  manifest?: { relaunchButtons?: ReadonlyArray<{ command: string }>; permissions?: readonly string[] };
  /** `figma.root.documentColorProfile`; default "SRGB". */
  documentColorProfile?: "LEGACY" | "SRGB" | "DISPLAY_P3";
}

/** One `figma.commitUndo()`: the nodes created since the previous commit that still exist (ids). */
export interface FakeUndoStep {
  readonly created: readonly string[];
}

/** What `createFigmaFake` returns: the `figma` global plus handles tests use to drive and inspect it. */
export interface FigmaFake {
  /** Assign to `globalThis.figma`. */
  readonly figma: PluginAPI;
  /** The test's side of the plugin UI iframe. */
  readonly ui: FakeUiBridge;
  /** Loads Figma REST JSON (see `loadRestDocument` in load-rest-document.ts) and returns the top-level nodes. */
  loadRestDocument(json: unknown, options?: LoadRestOptions): SceneNode[];
  /** Deterministic string of a subtree (see serialize-node.ts) for "unchanged" assertions. */
  serializeNode(node: BaseNode): string;
  /** Images created by `figma.createImage` and REST placeholders. */
  readonly images: FakeImageStore;
  /** Messages passed to `figma.notify`, in order. */
  readonly notifications: string[];
  /** The same notifications with their options. */
  readonly notificationLog: readonly FakeNotification[];
  /** Fonts loaded with `figma.loadFontAsync`, as "Family Style". */
  readonly loadedFonts: ReadonlySet<string>;
  /** Set by `figma.closePlugin`: `{ message }`; null while running. */
  readonly closed: { message: string | undefined } | null;
  /** The in-memory `figma.clientStorage` contents. */
  readonly clientStorage: ReadonlyMap<string, unknown>;
  /** Node lists passed to `figma.viewport.scrollAndZoomIntoView`, as ids. */
  readonly scrolledIntoView: readonly string[][];
  /**
   * Fires a `figma.on` event at the plugin and resolves after every handler ran (and returned promises settled).
   * `run` takes a RunEvent (default `{ command: figma.command }`).
   */
  emit(type: FakeEventType, event?: unknown): Promise<void>;
  /** Selects nodes on the current page as a user would, then fires `selectionchange`. */
  select(nodes: readonly SceneNode[]): Promise<void>;
  /** Every `figma.commitUndo()` so far, oldest first: one entry per undo step the designer gets. */
  readonly undoSteps: readonly FakeUndoStep[];
  /** Ids of nodes created since the last commit that still exist (what the next undo step would hold). */
  uncommittedNodeIds(): string[];
  /** The same document opened by a plugin with another id (publishing assigns a new one): private plugin data is not shared. */
  setPluginId(id: string): void;
  /** Makes `figma.loadFontAsync` reject for this font, as Figma does for a font missing on this machine. */
  markFontMissing(font: FontName): void;
  /** Puts COLOR variables in a library enabled in this file (read through `figma.teamLibrary`). */
  publishLibraryColours(library: string, collection: string, colours: Record<string, RGB>): void;
  /** Calls to `figma.getLocalPaintStylesAsync` and `figma.variables.getLocalVariablesAsync` so far. */
  readonly paletteReads: { styles: number; variables: number };
}

/**
 * Builds a fresh fake with one empty page ("Page 1", id "0:1") as the current page.
 * Every call is independent (ids, images, fonts, storage).
 */
export function createFigmaFake(options: CreateFigmaFakeOptions = {}): FigmaFake {
  const mixed: symbol = Symbol("figma.mixed");
  const handlers = new Map<string, Array<{ callback: (event?: unknown) => unknown; once: boolean }>>();
  const notificationLog: FakeNotification[] = [];
  const notifications: string[] = [];
  const storage = new Map<string, unknown>();
  const scrolledIntoView: string[][] = [];
  let closed: { message: string | undefined } | null = null;
  let idCounter = 1;
  let selectionEventPending = false;
  const undoSteps: FakeUndoStep[] = [];
  const paletteReads = { styles: 0, variables: 0 };
  const paintStyles: Array<{ id: string; name: string; paints: ReadonlyArray<Paint> }> = [];
  const variables = createFakeVariables(() => paletteReads.variables++);
  const checkTeamLibrary = (operation: string) => {
    if (options.manifest && !(options.manifest.permissions ?? []).includes("teamlibrary")) {
      throw new Error(`in teamLibrary.${operation}: "teamlibrary" must be in the manifest's permissions`);
    }
  };

  const fire = async (type: string, event?: unknown): Promise<void> => {
    const list = handlers.get(type) ?? [];
    const results: unknown[] = [];
    for (const h of [...list]) {
      if (h.once) list.splice(list.indexOf(h), 1);
      results.push(h.callback(event));
    }
    await Promise.all(results);
  };

  const world: FakeWorld = {
    images: new FakeImageStore(),
    loadedFonts: new Set<string>(),
    missingFonts: new Set<string>(),
    nodes: new Map(),
    mixed,
    document: null as unknown as FakeDocumentNode,
    currentPage: null as unknown as FakePageNode,
    nextId(preferred) {
      if (preferred && !this.nodes.has(preferred)) return preferred;
      let id: string;
      do id = `1:${idCounter++}`;
      while (this.nodes.has(id));
      return id;
    },
    selectionChanged(page) {
      if (page !== world.currentPage || selectionEventPending) return;
      selectionEventPending = true;
      queueMicrotask(() => {
        selectionEventPending = false;
        void fire("selectionchange");
      });
    },
    async exportNode(node, settings) {
      return exportNode(node, settings, world);
    },
    relayout(frame) {
      applyAutoLayout(frame);
    },
    pluginId: options.pluginId ?? "fake-plugin-id",
    relaunchCommands: options.manifest ? new Set((options.manifest.relaunchButtons ?? []).map((b) => b.command)) : null,
    documentColorProfile: options.documentColorProfile ?? "SRGB",
    allPagesLoaded: false,
    createdSinceCommit: new Set<string>(),
  };
  world.document = new FakeDocumentNode(world);
  const firstPage = new FakePageNode(world, "Page 1", "0:1");
  attachPage(world, firstPage);
  world.currentPage = firstPage;
  world.createdSinceCommit.clear();

  const ui = createFakeUi();

  const asPage = (page: unknown, operation: string): FakePageNode => {
    if (!(page instanceof FakePageNode) || page._world !== world || page._removed) {
      throw new Error(`in ${operation}: Expected a page of this document`);
    }
    return page;
  };

  const create = <T extends FakeSceneNode>(node: T, fills: ReadonlyArray<Paint>, props: Record<string, unknown> = {}): T => {
    node._fills = deepFreeze(structuredClone(fills) as Paint[]);
    Object.assign(node._props, props);
    attachChild(world.currentPage, node);
    return node;
  };

  const on = (type: string, callback: (event?: unknown) => unknown, once: boolean) => {
    if (!SUPPORTED_EVENTS.has(type)) throw notImplemented("figma", `on("${type}")`);
    if (typeof callback !== "function") throw new Error(`in figma.on: Expected a callback function for "${type}"`);
    const list = handlers.get(type) ?? [];
    list.push({ callback, once });
    handlers.set(type, list);
  };

  const api = {
    apiVersion: "1.0.0",
    command: options.command ?? "",
    editorType: "figma",
    mode: "default",
    get pluginId() {
      return world.pluginId;
    },
    fileKey: undefined,
    skipInvisibleInstanceChildren: false,
    hasMissingFont: false,
    mixed,
    currentUser: Object.freeze({ id: "fake-user", name: "Fake Designer", photoUrl: null, color: "#18A0FB", sessionId: 1 }),
    activeUsers: [],
    get root() {
      return world.document as unknown as DocumentNode;
    },
    get currentPage() {
      return world.currentPage as unknown as PageNode;
    },
    set currentPage(_page: PageNode) {
      throw new Error("Cannot set figma.currentPage with documentAccess: dynamic-page. Use figma.setCurrentPageAsync instead.");
    },
    async setCurrentPageAsync(page: PageNode) {
      const p = asPage(page, "setCurrentPageAsync");
      if (p === world.currentPage) return;
      world.currentPage = p;
      queueMicrotask(() => void fire("currentpagechange"));
    },
    async loadAllPagesAsync() {
      world.allPagesLoaded = true;
    },
    /**
     * Ends the undo step: plugin changes are "not committed to undo history" until this is called
     * (plugin-api.d.ts, PluginAPI.commitUndo). The fake records which nodes the step created.
     */
    commitUndo() {
      undoSteps.push({ created: [...world.createdSinceCommit].filter((id) => world.nodes.has(id)) });
      world.createdSinceCommit.clear();
    },
    /** plugin-api.d.ts, PluginAPI.getLocalPaintStylesAsync: `PaintStyle { id, name, type: "PAINT", paints }`. */
    async getLocalPaintStylesAsync() {
      paletteReads.styles++;
      return paintStyles.map((s) => Object.freeze({ ...s, type: "PAINT", description: "", remote: false, key: `fake-style-key-${s.id}` }));
    },
    createPaintStyle() {
      const style = { id: `S:fake-${paintStyles.length + 1},`, name: "Style", paints: Object.freeze([]) as ReadonlyArray<Paint> };
      paintStyles.push(style);
      return Object.defineProperties({} as PaintStyle, {
        id: { get: () => style.id, enumerable: true },
        type: { value: "PAINT", enumerable: true },
        name: { get: () => style.name, set: (v: string) => void (style.name = v), enumerable: true },
        paints: { get: () => style.paints, set: (v: ReadonlyArray<Paint>) => void (style.paints = validatePaints("set_paints", v)), enumerable: true },
      });
    },
    variables: variables.api,
    /**
     * Needs the manifest's `teamlibrary` permission (developers.figma.com/docs/plugins/api/figma-teamlibrary:
     * without it "the teamLibrary API methods ... will throw errors"); without a manifest the check is waived.
     */
    teamLibrary: strictObject(
      {
        async getAvailableLibraryVariableCollectionsAsync() {
          checkTeamLibrary("getAvailableLibraryVariableCollectionsAsync");
          return variables.teamLibrary.getAvailableLibraryVariableCollectionsAsync();
        },
        async getVariablesInLibraryCollectionAsync(key: string) {
          checkTeamLibrary("getVariablesInLibraryCollectionAsync");
          return variables.teamLibrary.getVariablesInLibraryCollectionAsync(key);
        },
      },
      "figma.teamLibrary",
    ),
    async getNodeByIdAsync(id: string) {
      if (typeof id !== "string") throw new Error("in getNodeByIdAsync: Expected id to be a string");
      return (world.nodes.get(id) as unknown as BaseNode | undefined) ?? null;
    },
    getNodeById(): never {
      throw new Error("in getNodeById: Cannot call with documentAccess: dynamic-page. Use figma.getNodeByIdAsync instead.");
    },
    on(type: string, callback: (event?: unknown) => unknown) {
      on(type, callback, false);
    },
    once(type: string, callback: (event?: unknown) => unknown) {
      on(type, callback, true);
    },
    off(type: string, callback: (event?: unknown) => unknown) {
      const list = handlers.get(type) ?? [];
      const i = list.findIndex((h) => h.callback === callback);
      if (i >= 0) list.splice(i, 1);
    },
    createRectangle: () => create(new FakeShapeNode(world, "RECTANGLE", "Rectangle"), [DEFAULT_SHAPE_FILL]),
    createEllipse: () => create(new FakeShapeNode(world, "ELLIPSE", "Ellipse"), [DEFAULT_SHAPE_FILL]),
    createPolygon: () => create(new FakeShapeNode(world, "POLYGON", "Polygon"), [DEFAULT_SHAPE_FILL]),
    createStar: () => create(new FakeShapeNode(world, "STAR", "Star"), [DEFAULT_SHAPE_FILL], { pointCount: 5 }),
    createVector: () => create(new FakeShapeNode(world, "VECTOR", "Vector"), []),
    createLine: () => {
      const line = create(new FakeShapeNode(world, "LINE", "Line"), [], { strokeAlign: "CENTER" });
      line._strokes = deepFreeze([structuredClone(BLACK_FILL)]);
      return line;
    },
    createText: () => create(new FakeTextNode(world, "TEXT", "Text"), [BLACK_FILL]),
    createFrame: () => create(new FakeFrameNode(world, "FRAME", "Frame"), [WHITE_FILL], { clipsContent: true }),
    createComponent: () => create(new FakeComponentNode(world, "COMPONENT", "Component"), [WHITE_FILL], { clipsContent: true }),
    createSection: () => create(new FakeFrameNode(world, "SECTION", "Section"), [WHITE_FILL]),
    createPage() {
      const page = new FakePageNode(world, "Page");
      attachPage(world, page);
      return page;
    },
    createImage(data: Uint8Array) {
      if (!(data instanceof Uint8Array)) throw new Error("in createImage: Expected a Uint8Array");
      const record = world.images.add(data);
      return world.images.toImage(record);
    },
    getImageByHash(hash: string) {
      const record = world.images.get(hash);
      return record ? world.images.toImage(record) : null;
    },
    base64Encode(data: Uint8Array) {
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
    },
    base64Decode(data: string) {
      return new Uint8Array(Buffer.from(data, "base64"));
    },
    async loadFontAsync(fontName: FontName) {
      if (!fontName || typeof fontName.family !== "string" || typeof fontName.style !== "string") {
        throw new Error("in loadFontAsync: Expected a font name {family, style}");
      }
      // A font that is not available on this machine rejects (plugin docs, figma.loadFontAsync:
      // "the promise will be rejected" when the font cannot be loaded).
      if (world.missingFonts.has(fontKey(fontName))) throw new Error(`in loadFontAsync: The font "${fontKey(fontName)}" could not be loaded`);
      world.loadedFonts.add(fontKey(fontName));
    },
    async listAvailableFontsAsync() {
      return [...world.loadedFonts].map((k) => {
        const i = k.lastIndexOf(" ");
        return { fontName: { family: k.slice(0, i), style: k.slice(i + 1) } };
      });
    },
    notify(message: string, opts?: NotificationOptions) {
      if (typeof message !== "string") throw new Error("in notify: Expected message to be a string");
      const entry: FakeNotification = { message, error: opts?.error === true, timeout: opts?.timeout, cancelled: false };
      notificationLog.push(entry);
      notifications.push(message);
      return {
        cancel() {
          entry.cancelled = true;
        },
      };
    },
    showUI(html: string, opts?: ShowUIOptions) {
      if (typeof html !== "string") throw new Error("in showUI: Expected html to be a string");
      ui.show(html, opts);
    },
    ui: ui.api,
    clientStorage: strictObject(
      {
        async getAsync(key: string) {
          checkKey("getAsync", key);
          return storage.has(key) ? structuredClone(storage.get(key)) : undefined;
        },
        async setAsync(key: string, value: unknown) {
          checkKey("setAsync", key);
          storage.set(key, structuredClone(value));
        },
        async deleteAsync(key: string) {
          checkKey("deleteAsync", key);
          storage.delete(key);
        },
        async keysAsync() {
          return [...storage.keys()];
        },
      },
      "figma.clientStorage",
    ),
    closePlugin(message?: string) {
      if (closed) return;
      closed = { message };
      if (message) notifications.push(message);
      ui.api.close();
      void fire("close");
    },
    viewport: strictObject(
      {
        center: { x: 0, y: 0 },
        zoom: 1,
        bounds: { x: -500, y: -400, width: 1000, height: 800 },
        scrollAndZoomIntoView(nodes: ReadonlyArray<BaseNode>) {
          scrolledIntoView.push(nodes.map((n) => n.id));
        },
      },
      "figma.viewport",
    ),
    util: strictObject(
      {
        rgb: (color: string) => parseColor(color, "rgb"),
        rgba: (color: string) => parseColor(color, "rgba"),
        solidPaint: (color: string, overrides: Partial<SolidPaint> = {}) => {
          const { r, g, b, a } = parseColor(color, "solidPaint");
          return { type: "SOLID", color: { r, g, b }, opacity: a, ...overrides };
        },
      },
      "figma.util",
    ),
  };

  const fake: FigmaFake = {
    undoSteps,
    paletteReads,
    uncommittedNodeIds: () => [...world.createdSinceCommit].filter((id) => world.nodes.has(id)),
    setPluginId(id) {
      world.pluginId = id;
    },
    publishLibraryColours: (library, collection, colours) => variables.publish(library, collection, colours),
    markFontMissing(font) {
      world.missingFonts.add(fontKey(font));
    },
    figma: strictObject(api, "figma") as unknown as PluginAPI,
    ui: ui.bridge,
    loadRestDocument(json, opts = {}) {
      // Opening a file is not a plugin action: what it creates never shows in the plugin's undo steps.
      const profile = (json as { documentColorProfile?: unknown } | null)?.documentColorProfile;
      if (profile === "DISPLAY_P3" || profile === "SRGB" || profile === "LEGACY") world.documentColorProfile = profile;
      const loaded = loadRestDocument(world, json, opts, {
        page(pageName, canvasName, index) {
          if (pageName !== undefined) {
            const found = world.document._children!.find((p) => p._name === pageName) as FakePageNode | undefined;
            if (found) return found;
            const page = new FakePageNode(world, pageName);
            attachPage(world, page);
            return page;
          }
          const current = world.currentPage;
          if (canvasName === undefined) return current;
          if (index === 0 && current._children!.length === 0) {
            current._name = canvasName;
            return current;
          }
          const page = new FakePageNode(world, canvasName);
          attachPage(world, page);
          return page;
        },
      }) as unknown as SceneNode[];
      world.createdSinceCommit.clear();
      return loaded;
    },
    serializeNode,
    images: world.images,
    notifications,
    notificationLog,
    loadedFonts: world.loadedFonts,
    get closed() {
      return closed;
    },
    clientStorage: storage,
    scrolledIntoView,
    emit(type, event) {
      if (type === "run" && event === undefined) event = { command: api.command };
      return fire(type, event);
    },
    async select(nodes) {
      // Fire exactly once per user change: suppress the event the selection setter would queue.
      selectionEventPending = true;
      try {
        world.currentPage.selection = nodes;
      } finally {
        selectionEventPending = false;
      }
      await fire("selectionchange");
    },
  };
  return fake;
}

const SUPPORTED_EVENTS = new Set(["selectionchange", "currentpagechange", "close", "run", "documentchange"]);

const DEFAULT_SHAPE_FILL: SolidPaint = {
  type: "SOLID",
  visible: true,
  opacity: 1,
  blendMode: "NORMAL",
  color: { r: 0.8509804010391235, g: 0.8509804010391235, b: 0.8509804010391235 },
};
const WHITE_FILL: SolidPaint = { type: "SOLID", visible: true, opacity: 1, blendMode: "NORMAL", color: { r: 1, g: 1, b: 1 } };
const BLACK_FILL: SolidPaint = { type: "SOLID", visible: true, opacity: 1, blendMode: "NORMAL", color: { r: 0, g: 0, b: 0 } };

function attachPage(world: FakeWorld, page: FakePageNode): void {
  world.document._children!.push(page as unknown as FakeSceneNode);
  page._parent = world.document;
}

function checkKey(operation: string, key: string): void {
  if (typeof key !== "string") throw new Error(`in clientStorage.${operation}: Expected key to be a string`);
}

/** "#rgb", "#rrggbb", "#rrggbbaa" (with or without #) → channels 0–1, as figma.util.rgb/rgba accept. */
function parseColor(color: string, operation: string): { r: number; g: number; b: number; a: number } {
  if (typeof color !== "string") throw notImplemented("figma.util", `${operation} with non-string colours`);
  let hex = color.trim().replace(/^#/, "");
  if (/^[0-9a-f]{3,4}$/i.test(hex)) hex = [...hex].map((c) => c + c).join("");
  if (!/^([0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex)) throw new Error(`in figma.util.${operation}: Invalid color string ${JSON.stringify(color)}`);
  const v = (i: number) => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { r: v(0), g: v(2), b: v(4), a: hex.length === 8 ? v(6) : 1 };
}

/** exportAsync: PNG (and JPG over white) from the rasterizer; other formats are not implemented. */
async function exportNode(node: FakeSceneNode, settings: ExportSettings | undefined, world: FakeWorld): Promise<Uint8Array> {
  const s = (settings ?? { format: "PNG" }) as ExportSettingsImage;
  if (s.format !== "PNG" && s.format !== "JPG") {
    throw notImplemented("node", `exportAsync({ format: ${JSON.stringify((s as { format?: unknown }).format)} })`);
  }
  const image = convertColourProfile(renderNode(node, s, world.images), world.documentColorProfile, s.colorProfile ?? "DOCUMENT");
  if (s.format === "PNG") return encodePng(image);
  const rgba = new Uint8Array(image.data.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const a = image.data[i + 3]! / 255;
    for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(image.data[i + c]! * a + 255 * (1 - a));
    rgba[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width: image.width, height: image.height, data: rgba }, 90).data);
}

/** Narrows a public node back to the fake's class (tests that need internals). */
export function asFakeNode(node: BaseNode): FakeBaseNode {
  return node as unknown as FakeBaseNode;
}
