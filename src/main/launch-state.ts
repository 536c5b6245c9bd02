// Runs in the Figma sandbox: what the plugin was started for, kept until the panel asks.
import type { LaunchState } from "../core/protocol/plugin-messages.js";
import { pageOfNode } from "./page-of-node.js";
import { readRecipe } from "./recipe-store.js";

let pending: Promise<LaunchState> = Promise.resolve({ command: "", recipe: null, sourceNodeId: null });


/**
 * Reads the launch: for `regenerate` (a generated layer's relaunch button), the selected layer's
 * recipe, and selects the layer the recipe was made for (`recipe.sourceNodeId`, switching page with
 * `figma.setCurrentPageAsync` when needed) so Fill targets the source frame, not the generated layer.
 * The panel asks for the result with `get-launch` when it mounts, however late that is: an event
 * sent at start would reach no listener.
 * @param command `figma.command`.
 */
export function startLaunch(command: string): void {
  pending = command === "regenerate" ? readRegenerateAsync() : Promise.resolve({ command, recipe: null, sourceNodeId: null });
}

/** What {@link startLaunch} found (never rejects: an unreadable launch is an ordinary start). */
export function getLaunchAsync(): Promise<LaunchState> {
  return pending;
}

async function readRegenerateAsync(): Promise<LaunchState> {
  try {
    const node = figma.currentPage.selection[0];
    const recipe = node ? (readRecipe(node) ?? readRecipe(node, "paint")) : null;
    if (!recipe) return { command: "regenerate", recipe: null, sourceNodeId: null };
    const source = await figma.getNodeByIdAsync(recipe.sourceNodeId);
    const page = source && !source.removed ? pageOfNode(source) : null;
    if (!source || !page || source.type === "PAGE" || source.type === "DOCUMENT") return { command: "regenerate", recipe, sourceNodeId: null };
    if (page !== figma.currentPage) await figma.setCurrentPageAsync(page);
    figma.currentPage.selection = [source as SceneNode];
    return { command: "regenerate", recipe, sourceNodeId: source.id };
  } catch {
    return { command: "regenerate", recipe: null, sourceNodeId: null };
  }
}
