// Runs in the Figma sandbox: nodes brandfill makes only to export pixels, never left in the file.
import { parseStoredStrings } from "./parse-stored-strings.js";
import { BRANDFILL_NAMESPACE } from "./recipe-store.js";
import { sceneNodeByIdAsync } from "./scene-node-by-id.js";

/** Shared key on the document listing the ids of temporary nodes that exist right now (JSON array). */
const TEMPORARY_KEY = "temporary";
/** How far left of the viewport a temporary node is put, points: out of sight of whoever is looking here. */
const OFFSCREEN_GAP = 100_000;

function readIds(): string[] {
  return parseStoredStrings(figma.root.getSharedPluginData(BRANDFILL_NAMESPACE, TEMPORARY_KEY));
}

function writeIds(ids: readonly string[]): void {
  figma.root.setSharedPluginData(BRANDFILL_NAMESPACE, TEMPORARY_KEY, ids.length ? JSON.stringify(ids) : "");
}

/**
 * Runs `use` with a temporary top-level node made by `create` on the current page: named as safe to
 * delete, locked, placed {@link OFFSCREEN_GAP} points left of the viewport (where no one working here
 * sees it flash), its id recorded on the document so that a plugin closed mid-export leaves nothing
 * behind ({@link removeLeftoverTemporaryNodesAsync} removes it at the next start). The node is removed
 * in `finally`, whatever `use` does.
 * @returns what `use` returns; rethrows what it throws.
 */
export async function withTemporaryNodeAsync<N extends SceneNode, T>(create: () => N, use: (node: N) => Promise<T>): Promise<T> {
  const node = create();
  writeIds([...readIds(), node.id]);
  try {
    node.name = "brandfill (temporary, safe to delete)";
    node.locked = true;
    const view = figma.viewport.bounds;
    node.x = view.x - OFFSCREEN_GAP - node.width;
    node.y = view.y;
    return await use(node);
  } finally {
    if (!node.removed) node.remove();
    writeIds(readIds().filter((id) => id !== node.id));
  }
}

/**
 * Removes temporary nodes a closed or crashed plugin left behind (ids recorded on the document by
 * {@link withTemporaryNodeAsync}) on any page. Called when the plugin starts.
 * @returns how many were removed.
 */
export async function removeLeftoverTemporaryNodesAsync(): Promise<number> {
  const ids = readIds();
  if (!ids.length) return 0;
  let removed = 0;
  for (const id of ids) {
    const node = await sceneNodeByIdAsync(id);
    if (node) {
      node.remove();
      removed++;
    }
  }
  writeIds([]);
  return removed;
}
