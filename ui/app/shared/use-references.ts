// Runs in the plugin iframe: the reference images attached to Fill and Inpaint.
import { useCallback, useState } from "preact/hooks";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";
import { pngDataUrl } from "./png-data-url.js";

/** A layer exported by main as a PNG reference (at most 1,024 px a side), with its thumbnail URL. */
export interface ReferenceItem {
  nodeId: string;
  name: string;
  png: Uint8Array;
  url: string;
}

export interface ReferencesState {
  items: readonly ReferenceItem[];
  busy: boolean;
  /** main's sentences about layers it left out or could not export, or its error. */
  problem: string | null;
  /** Adds the selected layers (images, frames, groups) up to `limit` in all. */
  addFromSelectionAsync(limit: number): Promise<void>;
  /** Replaces the list with these layers (a recipe's `references`, for Regenerate). */
  loadAsync(nodeIds: readonly string[]): Promise<void>;
  remove(nodeId: string): void;
}

/** Reference images shared by every tab, exported by main on request (`export-references`). */
export function useReferences(channel: UiChannel): ReferencesState {
  const [items, setItems] = useState<readonly ReferenceItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const exportAsync = useCallback(
    async (nodeIds: readonly string[] | undefined, limit: number, keep: readonly ReferenceItem[]) => {
      setBusy(true);
      setProblem(null);
      try {
        const reply = await channel.requestAsync({ type: "export-references", limit: Math.min(16, Math.max(1, limit)), ...(nodeIds ? { nodeIds: nodeIds.slice(0, 16) } : {}) });
        const added = reply.references.filter((r) => !keep.some((k) => k.nodeId === r.nodeId)).map((r) => ({ ...r, url: pngDataUrl(r.png) }));
        setItems([...keep, ...added].slice(0, 16));
        if (reply.skipped.length) setProblem(reply.skipped.join(" "));
        else if (!nodeIds && !reply.references.length) setProblem("Select the images or layers to use as references, then add them.");
      } catch (e) {
        setProblem((e as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [channel],
  );

  return {
    items,
    busy,
    problem,
    addFromSelectionAsync: (limit) => exportAsync(undefined, limit - items.length, items),
    loadAsync: useCallback(
      (nodeIds: readonly string[]) => {
        if (nodeIds.length) return exportAsync(nodeIds, nodeIds.length, []);
        setItems([]);
        return Promise.resolve();
      },
      [exportAsync],
    ),
    remove: (nodeId) => setItems((list) => list.filter((r) => r.nodeId !== nodeId)),
  };
}
