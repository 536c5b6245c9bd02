// Runs in the plugin iframe: one Inpaint run at a time — export, model, blend, place.
import { useCallback, useRef, useState } from "preact/hooks";
import { browserPngCodec } from "../../lib/browser-png-codec.js";
import type { ProxyClient } from "../../../src/jobs/proxy-client.js";
import {
  inpaintRecipe,
  placeInpaintCandidateAsync,
  runInpaintJobAsync,
  type InpaintCandidate,
  type InpaintJobInput,
  type InpaintJobResult,
} from "../../../src/jobs/run-inpaint-job.js";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";
import { pngDataUrl } from "../shared/png-data-url.js";
import type { PlacedLayer } from "../shared/placed-layer.js";
import type { RunState } from "../shared/run-state.js";

/** The exported image with its mask, shown while the model works (the mask outline over the image). */
export interface InpaintSourcePreview {
  image: string;
  mask: string;
  notes: string[];
}

/** One inpainted variant in the results. */
export interface InpaintResultItem {
  key: string;
  candidate: InpaintCandidate;
  /** `data:` URL of the composite over the context crop. */
  url: string;
  placing: boolean;
  placed: { nodeId: string; name: string } | null;
  placeError: string | null;
}

/** What a run is asked to do, with the model's label and the estimate shown before it ran (USD, null = unknown). */
export type InpaintRunInput = Omit<InpaintJobInput, "sources" | "signal" | "onProgress" | "onPartial"> & { modelLabel: string; estimateUsd: number | null };

export interface InpaintJobState {
  run: RunState;
  source: InpaintSourcePreview | null;
  job: InpaintJobResult | null;
  /** What the shown results were asked for. */
  ran: InpaintRunInput | null;
  results: InpaintResultItem[];
  error: string | null;
  notice: string | null;
  runAsync(input: InpaintRunInput): Promise<void>;
  cancel(): void;
  placeAsync(key: string): Promise<void>;
}

let nextKey = 1;

/**
 * Runs the Inpaint job for the panel: asks main to export the selected image and the shapes'
 * mask, runs `runInpaintJobAsync` (model call with the proxy's palette lock, blend, changed-pixel count) with
 * progress and Cancel, and places a chosen patch through main. Errors are kept as the sentences
 * main or the proxy wrote.
 */
export function useInpaintJob(channel: UiChannel, proxy: ProxyClient, onSpent: (usd: number) => void, onPlaced: (layer: PlacedLayer) => void): InpaintJobState {
  const [run, setRun] = useState<RunState>({ kind: "idle" });
  const [source, setSource] = useState<InpaintSourcePreview | null>(null);
  const [job, setJob] = useState<InpaintJobResult | null>(null);
  const [ran, setRan] = useState<InpaintRunInput | null>(null);
  const [results, setResults] = useState<InpaintResultItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const inputRef = useRef<InpaintRunInput | null>(null);
  const state = useRef({ job, results });
  state.current = { job, results };

  const runAsync = useCallback(
    async (input: InpaintRunInput) => {
      if (abortRef.current) return;
      const abort = new AbortController();
      abortRef.current = abort;
      inputRef.current = input;
      setError(null);
      setNotice(null);
      setRun({ kind: "running", stage: "Exporting the image and the mask…", partials: [], modelLabel: input.modelLabel, n: input.n });
      const stage = (text: string) => setRun((r) => (r.kind === "running" ? { ...r, stage: text } : r));
      try {
        const sources = await channel.requestAsync({ type: "export-inpaint-sources" });
        abort.signal.throwIfAborted();
        setSource({ image: pngDataUrl(sources.image), mask: pngDataUrl(sources.mask), notes: sources.notes });
        const { modelLabel: _label, estimateUsd: _estimate, ...rest } = input;
        const result = await runInpaintJobAsync(
          {
            ...rest,
            sources,
            signal: abort.signal,
            onProgress: stage,
            onPartial: (index, png) => setRun((r) => (r.kind === "running" ? { ...r, partials: Object.assign([...r.partials], { [index]: `data:image/png;base64,${png}` }) } : r)),
          },
          proxy,
          browserPngCodec,
        );
        if (result.response.costUsd !== null) onSpent(result.response.costUsd);
        setJob(result);
        setRan(input);
        setResults(
          result.candidates.map((candidate) => ({ key: `i${nextKey++}`, candidate, url: pngDataUrl(candidate.previewPng), placing: false, placed: null, placeError: null })),
        );
      } catch (e) {
        const err = e as Error & { code?: string };
        if (err.code === "cancelled" || abort.signal.aborted) setNotice("Cancelled. Nothing was placed.");
        else setError(err.message || "Something went wrong while inpainting.");
      } finally {
        abortRef.current = null;
        setRun({ kind: "idle" });
      }
    },
    [channel, proxy, onSpent],
  );

  const patch = (key: string, change: Partial<InpaintResultItem>) => setResults((list) => list.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const placeAsync = useCallback(
    async (key: string) => {
      const { job: current, results: list } = state.current;
      const item = list.find((r) => r.key === key);
      const input = inputRef.current;
      if (!item || !current || !input || item.placing) return;
      patch(key, { placing: true, placeError: null });
      try {
        const placed = await placeInpaintCandidateAsync(channel, input, current, item.candidate);
        patch(key, { placing: false, placed });
        onPlaced({ nodeId: placed.nodeId, name: placed.name, recipe: inpaintRecipe(input, current, item.candidate), thumbnail: item.url });
      } catch (e) {
        patch(key, { placing: false, placeError: (e as Error).message });
      }
    },
    [channel, onPlaced],
  );

  return { run, source, job, ran, results, error, notice, runAsync, cancel: useCallback(() => abortRef.current?.abort(), []), placeAsync };
}
