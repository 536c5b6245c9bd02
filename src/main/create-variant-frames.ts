// Runs in the Figma sandbox: one new frame per ad size, beside the source, with the source's layers re-laid out.
import { buildFrameSpec } from "../core/frame-spec/build-frame-spec.js";
import type { LayoutResult } from "../core/layout/layout-result.js";
import { relayout } from "../core/layout/relayout.js";
import { arrangeVariantFrames, type CanvasRect } from "../core/variants/arrange-variant-frames.js";
import { VARIANT_KEY, type VariantFrameInfo, type VariantFramesReply, type VariantRecord, type VariantSizeRequest } from "../core/variants/variant-messages.js";
import { codedError } from "./coded-error.js";
import { applyPlacedElement, loadVariantFontsAsync } from "./apply-variant-layout.js";
import { nodeTypeWords } from "./node-type-words.js";
import { pageOfNode } from "./page-of-node.js";
import { inInstance } from "./place-fill.js";
import { SHARED_VARIANT_KEY, writeBrandfillData } from "./recipe-store.js";
import { readSpecNode } from "./read-spec-node.js";
import { sceneNodeByIdAsync } from "./scene-node-by-id.js";
import { writeVariantSizes } from "./variant-sizes-memory.js";

/** Node types a variant can be made from: they have children and a frame's look. */
const SOURCE_TYPES = new Set<NodeType>(["FRAME", "COMPONENT", "INSTANCE"]);

/** `<source name> — <w>×<h>` (ARCHITECTURE.md placement rules). */
export function variantFrameName(sourceName: string, width: number, height: number): string {
  return `${sourceName} — ${width}×${height}`;
}

/**
 * The frame, component or instance to make variants of.
 * @throws Error `target_missing` when it was deleted, `invalid_source` for another kind of layer.
 */
export async function findVariantSourceAsync(nodeId: string): Promise<FrameNode | ComponentNode | InstanceNode> {
  const node = await sceneNodeByIdAsync(nodeId);
  if (!node) throw codedError("target_missing", "The frame to make variants of no longer exists.");
  if (!SOURCE_TYPES.has(node.type)) {
    throw codedError("invalid_source", `“${node.name}” is a ${nodeTypeWords(node.type)}; variants are made from a frame. Select the ad's frame.`);
  }
  return node as FrameNode | ComponentNode | InstanceNode;
}

/** The page holding a node. */
export function pageOf(node: BaseNode): PageNode {
  const n = pageOfNode(node);
  if (!n) throw codedError("target_missing", "The frame to make variants of is not on a page any more.");
  return n;
}

/**
 * Creates one variant frame per size (issue 5, "Main"): each a new frame on the source's page,
 * in a tidy grid to the right of the source that overlaps nothing (`arrangeVariantFrames`), named
 * `<source> — <w>×<h>`, holding clones of the source's layers (text stays text, instances stay
 * instances) laid out by `relayout`: positions, sizes and font sizes. Layers the layout drops are
 * not kept; the reply's layouts list them with reasons. The source is never modified: the frame
 * is a clone of it (or, for a component or instance, a new frame with its look and cloned
 * children), its auto layout switched off so the computed boxes hold. The frames exist before any
 * background is made; the source's own background layers are cloned and scaled to cover, as a
 * preview, until `place-variant-background` replaces them. The chosen sizes are remembered in the file.
 * The set of frames is one undo step; if any size fails, the frames already made are removed.
 *
 * @throws Error `target_missing` or `invalid_source` (see {@link findVariantSourceAsync}).
 */
export async function createVariantFramesAsync(sourceNodeId: string, sizes: readonly VariantSizeRequest[]): Promise<VariantFramesReply> {
  const source = await findVariantSourceAsync(sourceNodeId);
  const page = pageOf(source);
  const spec = buildFrameSpec(readSpecNode(source), page.id);
  const layouts = sizes.map((s) => relayout(spec, { width: s.width, height: s.height, ...(s.safeZone ? { safeZone: s.safeZone } : {}) }));
  const fontsLoaded = await loadVariantFontsAsync(source.children);
  const box = (n: SceneNode): CanvasRect => n.absoluteBoundingBox ?? { x: n.absoluteTransform[0][2], y: n.absoluteTransform[1][2], width: n.width, height: n.height };
  const rects = arrangeVariantFrames(box(source), sizes, page.children.filter((n) => n !== source).map(box));

  // Containers taken apart into their parts keep only their own look in each variant.
  const opened = new Set(spec.elements.filter((e) => e.opened).map((e) => e.id));
  // Half-built frames never stay: if any size fails, every frame made so far is removed.
  const made: FrameNode[] = [];
  let frames: VariantFrameInfo[];
  try {
    frames = sizes.map((size, index) => {
      const layout = layouts[index]!;
      const { frame, cloneOf } = frameFromSource(
        source,
        page,
        layout.elements.map((e) => e.id),
        opened,
      );
      made.push(frame);
      frame.name = variantFrameName(source.name, size.width, size.height);
      frame.resizeWithoutConstraints(size.width, size.height);
      frame.x = rects[index]!.x;
      frame.y = rects[index]!.y;
      const warnings = [...layout.warnings];
      const backgroundCloneIds: string[] = [];
      for (const placed of layout.elements) {
        const node = cloneOf.get(placed.id);
        if (!node) continue;
        const problem = applyPlacedElement(node, placed, size, fontsLoaded);
        if (problem) warnings.push(problem);
        if (placed.role === "background") backgroundCloneIds.push(node.id);
      }
      const record: VariantRecord = {
        version: 1,
        sourceNodeId: source.id,
        width: size.width,
        height: size.height,
        presetId: size.presetId ?? null,
        backgroundCloneIds,
        dropped: layout.dropped.map((d) => ({ id: d.id, name: d.name, reason: d.reason })),
      };
      writeBrandfillData(frame, SHARED_VARIANT_KEY, JSON.stringify(record), VARIANT_KEY);
      const applied: LayoutResult = { ...layout, warnings };
      return {
        index,
        nodeId: frame.id,
        name: frame.name,
        width: size.width,
        height: size.height,
        presetId: size.presetId ?? null,
        target: { nodeId: frame.id, pageId: page.id, width: size.width, height: size.height },
        layout: applied,
      };
    });
  } catch (error) {
    for (const frame of made) if (!frame.removed) frame.remove();
    throw error;
  }
  writeVariantSizes(sizes.map((s) => s.presetId ?? `${s.width}x${s.height}`));
  // The whole set of frames is one undo step.
  figma.commitUndo();
  return { sourceNodeId: source.id, sourceName: source.name, pageId: page.id, frames };
}

/**
 * A new top-level frame on `page` looking like the source, holding copies of the layers whose ids
 * are in `keep` (paint order), as its direct children in that order, at their source positions
 * until the layout moves them. A kept layer nested in a container of the source (FrameSpec opens
 * containers that hold a button or several kinds of content) is taken out of it; a kept container
 * in `opened` keeps only its own look (its children are elements of their own, or dropped).
 * @returns the frame and, per kept source layer id, its copy.
 */
function frameFromSource(
  source: FrameNode | ComponentNode | InstanceNode,
  page: PageNode,
  keep: readonly string[],
  opened: ReadonlySet<string>,
): { frame: FrameNode; cloneOf: Map<string, SceneNode> } {
  const cloneOf = new Map<string, SceneNode>();
  let frame: FrameNode;
  let copyOf: Map<string, SceneNode>;
  let scratch: SceneNode | null = null;
  if (source.type === "FRAME") {
    // Cloning the whole frame keeps every property of its look; the source's own layers never move.
    frame = source.clone();
    if (frame.parent !== page) page.appendChild(frame);
    if (frame.layoutMode !== "NONE") frame.layoutMode = "NONE";
    copyOf = pairCopies(source, frame);
  } else {
    frame = figma.createFrame();
    page.appendChild(frame);
    copyFrameLook(source, frame);
    frame.resizeWithoutConstraints(source.width, source.height);
    if (source.type === "COMPONENT") {
      // A cloned component is a new component: its layers are moved into a plain frame instead.
      const copy = source.clone();
      if (copy.layoutMode !== "NONE") copy.layoutMode = "NONE";
      copyOf = pairCopies(source, copy);
      scratch = copy;
    } else {
      // An instance's layers cannot leave it: each kept layer is cloned on its own below.
      copyOf = pairCopies(source, null);
    }
  }
  for (const id of keep) {
    let node = copyOf.get(id);
    if (!node) continue;
    // Layers inside an instance cannot be moved out of it (plugin-api.d.ts, appendChild): copy them.
    if (insideInstance(node)) node = node.clone();
    frame.appendChild(node);
    cloneOf.set(id, node);
  }
  // What is left of the clone (dropped layers, emptied containers) goes.
  const keptNodes = new Set(cloneOf.values());
  for (const child of [...frame.children]) if (!keptNodes.has(child)) child.remove();
  for (const id of opened) {
    const node = cloneOf.get(id);
    if (!node || !("children" in node)) continue;
    const container = node as FrameNode;
    if ("layoutMode" in container && container.layoutMode !== "NONE") container.layoutMode = "NONE";
    for (const child of [...container.children]) child.remove();
  }
  scratch?.remove();
  return { frame, cloneOf };
}

/** Source id → the same layer in `copy` (a clone of the source, same tree shape); `null`: the source's own layers. */
function pairCopies(source: SceneNode, copy: SceneNode | null): Map<string, SceneNode> {
  const out = new Map<string, SceneNode>();
  const walk = (a: SceneNode, b: SceneNode) => {
    out.set(a.id, b);
    if (!("children" in a) || !("children" in b)) return;
    const ac = (a as ChildrenMixin).children;
    const bc = (b as ChildrenMixin).children;
    ac.forEach((child, i) => bc[i] && walk(child, bc[i]!));
  };
  walk(source, copy ?? source);
  out.delete(source.id);
  return out;
}

/** Whether a layer sits inside a component instance (the instance itself does not count). */
function insideInstance(node: SceneNode): boolean {
  return !!node.parent && inInstance(node.parent);
}

/** Copies the frame-level look (fills, strokes, corners, clipping, effects, opacity) from a component or instance. */
function copyFrameLook(from: ComponentNode | InstanceNode, to: FrameNode): void {
  to.fills = from.fills === figma.mixed ? [] : from.fills;
  to.strokes = from.strokes;
  if (typeof from.strokeWeight === "number") to.strokeWeight = from.strokeWeight;
  to.strokeAlign = from.strokeAlign;
  if (typeof from.cornerRadius === "number") to.cornerRadius = from.cornerRadius;
  to.clipsContent = from.clipsContent;
  to.effects = from.effects;
  to.opacity = from.opacity;
}
