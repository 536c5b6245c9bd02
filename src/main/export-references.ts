// Runs in the Figma sandbox: exports layers as PNG reference images for the model.

/** Longest side of a reference image, pixels: enough for a model to read style and content (GPT image and Gemini both downscale larger inputs), small enough to send 14–16 of them. */
export const REFERENCE_EDGE_PX = 1024;

export interface ExportedReference {
  nodeId: string;
  name: string;
  /** PNG of at most {@link REFERENCE_EDGE_PX} pixels on its longer side. */
  png: Uint8Array;
  width: number;
  height: number;
}

/**
 * Exports each layer as a PNG reference: the given node ids (a recipe's references, for
 * Regenerate) or else the current selection. A layer is rendered as Figma draws it (an image, a
 * frame, a group); larger ones are scaled down to 1,024 px on the longer side, smaller ones are
 * exported at their own size. Layers that are gone or cannot be exported are named in `skipped`
 * (a sentence each), never thrown, so the others still go.
 *
 * @param nodeIds layer ids to export; omitted: the selection.
 * @param limit at most this many (the model's maximum); the rest are listed in `skipped`.
 */
export async function exportReferencesAsync(nodeIds: readonly string[] | undefined, limit: number): Promise<{ references: ExportedReference[]; skipped: string[] }> {
  const nodes: (SceneNode | null)[] = nodeIds
    ? await Promise.all(nodeIds.map(async (id) => ((await figma.getNodeByIdAsync(id)) as SceneNode | null) ?? null))
    : [...figma.currentPage.selection];
  const references: ExportedReference[] = [];
  const skipped: string[] = [];
  for (const [i, node] of nodes.entries()) {
    if (!node || !("exportAsync" in node)) {
      skipped.push(`A reference layer (${nodeIds?.[i] ?? "?"}) is no longer in the file.`);
      continue;
    }
    if (references.length >= limit) {
      skipped.push(`“${node.name}” was left out: this model takes at most ${limit} reference${limit === 1 ? "" : "s"}.`);
      continue;
    }
    const wide = node.width >= node.height;
    const long = Math.max(node.width, node.height);
    try {
      const png = await node.exportAsync(
        long > REFERENCE_EDGE_PX ? { format: "PNG", constraint: { type: wide ? "WIDTH" : "HEIGHT", value: REFERENCE_EDGE_PX } } : { format: "PNG" },
      );
      const k = Math.min(1, REFERENCE_EDGE_PX / long);
      references.push({ nodeId: node.id, name: node.name, png, width: Math.max(1, Math.round(node.width * k)), height: Math.max(1, Math.round(node.height * k)) });
    } catch {
      skipped.push(`“${node.name}” could not be exported as an image.`);
    }
  }
  return { references, skipped };
}
