// Runs in the Figma sandbox: what the plugin was started for, kept until the panel asks.
import type { LaunchState } from "../core/protocol/plugin-messages.js";
import { pageOfNode } from "./page-of-node.js";
import { readRecipe } from "./recipe-store.js";
import { sceneNodeByIdAsync } from "./scene-node-by-id.js";

/** A launch with nothing found (yet): the command, no recipe, no source layer. */
const bare = (command: string, recipe: LaunchState["recipe"] = null): LaunchState => ({ command, recipe, sourceNodeId: null });

let pending: Promise<LaunchState> = Promise.resolve(bare(""));

/**
 * Reads the launch: for `regenerate` (a generated layer's relaunch button), the selected layer's
 * recipe, and selects the layer the recipe was made for (`recipe.sourceNodeId`, switching page with
 * `figma.setCurrentPageAsync` when needed) so Fill targets the source frame, not the generated layer.
 * The panel asks for the result with `get-launch` when it mounts, however late that is: an event
 * sent at start would reach no listener.
 * @param command `figma.command`.
 */
export function startLaunch(command: string): void {
  pending = command === "regenerate" ? readRegenerateAsync() : Promise.resolve(bare(command));
}

/** What {@link startLaunch} found (never rejects: an unreadable launch is an ordinary start). */
export function getLaunchAsync(): Promise<LaunchState> {
  return pending;
}

async function readRegenerateAsync(): Promise<LaunchState> {
  try {
    const node = figma.currentPage.selection[0];
    const recipe = node ? (readRecipe(node) ?? readRecipe(node, "paint")) : null;
    if (!recipe) return bare("regenerate");
    const source = await sceneNodeByIdAsync(recipe.sourceNodeId);
    const page = source ? pageOfNode(source) : null;
    if (!source || !page) return bare("regenerate", recipe);
    if (page !== figma.currentPage) await figma.setCurrentPageAsync(page);
    figma.currentPage.selection = [source];
    return { command: "regenerate", recipe, sourceNodeId: source.id };
  } catch {
    return bare("regenerate");
  }
}
