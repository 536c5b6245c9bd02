// Runs in the Figma sandbox: places a generated fill as a new layer (or, inside an instance, a new paint). Never edits the user's layers otherwise.
import { IDENTITY_AFFINE } from "../core/geometry/affine.js";
import type { JobTarget } from "../core/protocol/job-target.js";
import { RECIPE_KEY, type Recipe } from "../core/protocol/recipe.js";
import { parseStoredStrings } from "./parse-stored-strings.js";
import { BRANDFILL_NAMESPACE, isGeneratedLayer, PAINT_HASHES_KEY, PAINT_RECIPE_KEY, readRecipe, writeRecipe } from "./recipe-store.js";
import { fillTargetProblem } from "./read-selection.js";
import { sceneNodeByIdAsync } from "./scene-node-by-id.js";

/** Figma's createImage limit (pixels per side). */
const MAX_IMAGE_EDGE = 4096;
/** Words of the prompt kept in the layer name. */
const NAME_WORDS = 6;
/** The relaunch button on a fill (manifest.json `relaunchButtons`, command "regenerate"). */
const REGENERATE_FILL = { regenerate: "Generate this fill again from its recipe" };
const CORNERS = ["topLeftRadius", "topRightRadius", "bottomRightRadius", "bottomLeftRadius"] as const;

/** `✦ <first words of the prompt>` (ARCHITECTURE.md placement rules). */
export function fillLayerName(prompt: string): string {
  const words = prompt.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return "✦ Fill";
  return `✦ ${words.slice(0, NAME_WORDS).join(" ")}${words.length > NAME_WORDS ? "…" : ""}`;
}

/** A fill or patch that cannot be placed, with the code the channel passes on and a sentence for the designer. */
export class PlacementError extends Error {
  // Declared and assigned, not a class field: at the sandbox's ES2020 target a field needs a defineProperty helper in the bundle.
  declare readonly code: "target_missing" | "invalid_image";
  constructor(code: "target_missing" | "invalid_image", message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * `figma.createImage(png)`, its refusal (not PNG, JPEG or GIF; over 4096 px a side) said as a
 * PlacementError `invalid_image`: "Figma could not read <what> (<Figma's reason>)."
 */
export function createImageOrRefuse(png: Uint8Array, what: string): Image {
  try {
    return figma.createImage(png);
  } catch (error) {
    throw new PlacementError("invalid_image", `Figma could not read ${what} (${(error as Error).message}).`);
  }
}

/** Whether the node is a component instance or sits inside one: Figma lets no layer be added there. */
export function inInstance(node: BaseNode): boolean {
  for (let n: BaseNode | null = node; n && n.type !== "PAGE"; n = n.parent) if (n.type === "INSTANCE") return true;
  return false;
}

/**
 * An IMAGE paint showing `hash` upright on the canvas over a layer whose page transform is
 * `absolute` (2×3, points). A flipped layer (negative determinant) would mirror its fills, so the
 * paint is flipped back along the axis that leaves the image closest to upright: `CROP` with an
 * `imageTransform` of (1 − u, v) or (u, 1 − v) over the layer's unit square. Otherwise `FILL`.
 */
export function uprightImagePaint(hash: string, absolute: Transform): ImagePaint {
  const [[a, c], [b, d]] = absolute;
  if (a * d - b * c >= 0) return { type: "IMAGE", imageHash: hash, scaleMode: "FILL" };
  // Flipping u negates the x axis, flipping v keeps it: pick the flip whose x axis points most to the right.
  const flipU = Math.abs(Math.atan2(-b, -a)) < Math.abs(Math.atan2(b, a));
  const imageTransform: Transform = flipU
    ? [
        [-1, 0, 1],
        [0, 1, 0],
      ]
    : [
        [1, 0, 0],
        [0, -1, 1],
      ];
  return { type: "IMAGE", imageHash: hash, scaleMode: "CROP", imageTransform };
}

/** Options of {@link placeFillAsync}. */
export interface PlaceFillOptions {
  /** Close the undo step after placing (default true); a caller that changes more first commits itself. */
  commitUndo?: boolean;
}

/**
 * Places a fill (ARCHITECTURE.md, placement rules), named `✦ <prompt>`, with the recipe as shared
 * plugin data (`brandfill/recipe`) and relaunch data for "Regenerate":
 * - in a frame or component: a new rectangle at the frame's size with its corner radii, the
 *   bottom-most child but above earlier brandfill fills (which are hidden, not deleted), absolutely
 *   positioned in auto layout, constraints SCALE/SCALE;
 * - over a rectangle, ellipse, polygon, star or vector: a copy of the shape (so the fill takes its
 *   outline and corners) with the image as its only paint, directly above the shape and its earlier fills;
 * - on an instance or any layer inside one (where Figma accepts no new layer): the image as a new
 *   top paint on that layer, its own paints kept and earlier brandfill paints hidden; the recipe is
 *   stored on the layer as `brandfill/paint-recipe`.
 * The image is never mirrored by a flipped target ({@link uprightImagePaint}). One call is one undo step.
 *
 * @param target captured when the job started; the result lands there even if the selection changed.
 * @param png PNG bytes, at most 4096 px per side (Figma's limit).
 * @returns the new layer, or the layer that received the paint.
 * @throws PlacementError when the target was deleted or the image cannot be placed.
 */
export async function placeFillAsync(target: JobTarget, png: Uint8Array, recipe: Recipe, options: PlaceFillOptions = {}): Promise<SceneNode> {
  const scene = await sceneNodeByIdAsync(target.nodeId);
  if (!scene) throw new PlacementError("target_missing", "The frame this fill was made for no longer exists, so nothing was placed.");
  const problem = fillTargetProblem(scene);
  if (problem) throw new PlacementError("target_missing", problem);
  if (recipe.size.width > MAX_IMAGE_EDGE || recipe.size.height > MAX_IMAGE_EDGE) {
    throw new PlacementError("invalid_image", `The image is ${recipe.size.width}×${recipe.size.height} px; Figma accepts at most ${MAX_IMAGE_EDGE}×${MAX_IMAGE_EDGE}.`);
  }
  const image = createImageOrRefuse(png, "the generated image");
  const placed = inInstance(scene) ? addPaint(scene as SceneNode & MinimalFillsMixin, image.hash, recipe) : addLayer(scene, image.hash, recipe);
  if (options.commitUndo !== false) figma.commitUndo();
  return placed;
}

/** Inside an instance: the image becomes the layer's top paint; earlier brandfill paints are hidden. */
function addPaint(layer: SceneNode & MinimalFillsMixin, hash: string, recipe: Recipe): SceneNode {
  const own = readHashes(layer);
  const fills = Array.isArray(layer.fills) ? (layer.fills as readonly Paint[]) : [];
  const kept = fills.map((p) => (p.type === "IMAGE" && p.imageHash && own.includes(p.imageHash) && p.visible !== false ? { ...p, visible: false } : p));
  layer.fills = [...kept, uprightImagePaint(hash, layer.absoluteTransform)];
  layer.setSharedPluginData(BRANDFILL_NAMESPACE, PAINT_HASHES_KEY, JSON.stringify([...own.filter((h) => h !== hash), hash].slice(-20)));
  writeRecipe(layer, recipe, "paint");
  layer.setRelaunchData(REGENERATE_FILL);
  return layer;
}

function readHashes(layer: BaseNode): string[] {
  return parseStoredStrings(layer.getSharedPluginData(BRANDFILL_NAMESPACE, PAINT_HASHES_KEY));
}

/**
 * Earlier brandfill fills in `parent` from index `from` on, contiguous: in a frame every generated
 * fill or variant background at the bottom; above a shape those made for that shape (`sourceId`).
 */
function earlierFills(parent: ChildrenMixin, from: number, sourceId: string | null): SceneNode[] {
  const out: SceneNode[] = [];
  for (let i = from; i < parent.children.length; i++) {
    const child = parent.children[i]!;
    const recipe = isGeneratedLayer(child) ? readRecipe(child) : null;
    if (!recipe || recipe.kind === "inpaint" || (sourceId !== null && recipe.sourceNodeId !== sourceId)) break;
    out.push(child);
  }
  return out;
}

/** A new layer: a rectangle at the bottom of a frame, or a copy of a shape directly above it. */
function addLayer(scene: SceneNode, hash: string, recipe: Recipe): SceneNode {
  const container = scene.type === "FRAME" || scene.type === "COMPONENT" ? scene : null;
  const parent = container ?? (scene.parent as BaseNode & ChildrenMixin);
  const start = container ? 0 : parent.children.indexOf(scene) + 1;
  const earlier = earlierFills(parent, start, container ? null : scene.id);
  // fillTargetProblem lets through only frames, components and SHAPES: a shape is copied, a frame gets a rectangle.
  const layer = container ? figma.createRectangle() : (scene.clone() as SceneNode & MinimalFillsMixin);
  try {
    parent.insertChild(start + earlier.length, layer);
    const fill = layer as RectangleNode;
    fill.name = fillLayerName(recipe.promptTyped);
    fill.visible = true;
    fill.opacity = 1;
    fill.strokes = [];
    fill.effects = [];
    if ("isMask" in fill) fill.isMask = false;
    if ("layoutMode" in parent && parent.layoutMode !== "NONE") fill.layoutPositioning = "ABSOLUTE";
    if (container) {
      fill.relativeTransform = IDENTITY_AFFINE as Transform;
      fill.resize(container.width, container.height);
      for (const corner of CORNERS) fill[corner] = container[corner];
      fill.cornerSmoothing = container.cornerSmoothing;
      fill.constraints = { horizontal: "SCALE", vertical: "SCALE" };
    } else {
      // A copy of the shape keeps its outline, corners and constraints, so it follows the shape when the frame resizes.
      fill.relativeTransform = scene.relativeTransform;
    }
    fill.fills = [uprightImagePaint(hash, fill.absoluteTransform)];
    // A copy carries the shape's records: it is brandfill's layer now, with its own.
    fill.setSharedPluginData(BRANDFILL_NAMESPACE, PAINT_RECIPE_KEY, "");
    fill.setSharedPluginData(BRANDFILL_NAMESPACE, PAINT_HASHES_KEY, "");
    if (fill.getPluginData(RECIPE_KEY)) fill.setPluginData(RECIPE_KEY, "");
    writeRecipe(fill, recipe);
    fill.setRelaunchData(REGENERATE_FILL);
  } catch (error) {
    // Nothing half-made is left behind.
    if (!layer.removed) layer.remove();
    throw error;
  }
  // The new fill is the one seen: the earlier ones stay, hidden, to compare or bring back.
  for (const old of earlier) if (old.visible) old.visible = false;
  return layer;
}
