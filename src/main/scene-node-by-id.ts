// Runs in the Figma sandbox.

/**
 * The layer with this id, or null when there is none any more: not found, removed (Figma keeps
 * removed nodes reachable by id, with `removed` true), or the document or a page rather than a layer.
 */
export async function sceneNodeByIdAsync(id: string): Promise<SceneNode | null> {
  const node = await figma.getNodeByIdAsync(id);
  return node && !node.removed && node.type !== "DOCUMENT" && node.type !== "PAGE" ? node : null;
}
