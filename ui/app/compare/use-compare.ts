// Runs in the plugin iframe: one prompt to several models at once, each with its time and cost.
import { useCallback, useRef, useState } from "preact/hooks";
import type { FrameSpec } from "../../../src/core/frame-spec/frame-spec.js";
import type { Quality } from "../../../src/core/catalog/model-catalog.js";
import { browserPngCodec } from "../../lib/browser-png-codec.js";
import type { AvailableModel, ProxyClient } from "../../../src/jobs/proxy-client.js";
import { fillRecipe, generateFillAsync, placeFillCandidateAsync, type FillCandidate, type FillJobResult } from "../../../src/jobs/run-fill-job.js";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";
import { qualityFor } from "../shared/estimate-run.js";
import { pngDataUrl } from "../shared/png-data-url.js";
import type { PlacedLayer } from "../shared/placed-layer.js";

/** One model's column in a comparison. */
export interface CompareEntry {
  model: AvailableModel;
  status: "running" | "done" | "failed";
  /** The stage sentence while running. */
  stage: string;
  /** Seconds from sending to a fitted result (what the designer waited), once done. */
  seconds: number | null;
  /** What the proxy reported it cost (USD), null when unknown. */
  costUsd: number | null;
  job: FillJobResult | null;
  candidate: FillCandidate | null;
  url: string | null;
  /** The ProxyError sentence when this model failed. */
  error: string | null;
  placing: boolean;
  placed: { nodeId: string; name: string } | null;
}

export interface CompareRun {
  spec: FrameSpec;
  prompt: string;
  palette: string[];
  quality: Quality;
  models: AvailableModel[];
}

export interface CompareState {
  entries: CompareEntry[];
  running: boolean;
  runAsync(run: CompareRun): Promise<void>;
  cancel(): void;
  /** Places the winner on the frame the comparison was made for. */
  keepAsync(modelId: string): Promise<void>;
}

/**
 * Runs the same Fill (prompt, frame, locked palette, one variant) on every chosen model in
 * parallel, each column finishing on its own; Cancel aborts them all. A model that fails shows
 * its reason in its column while the others carry on.
 */
export function useCompare(channel: UiChannel, proxy: ProxyClient, onSpent: (usd: number) => void, onPlaced: (layer: PlacedLayer) => void): CompareState {
  const [entries, setEntries] = useState<CompareEntry[]>([]);
  const [running, setRunning] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const runRef = useRef<CompareRun | null>(null);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;

  const patch = (modelId: string, change: Partial<CompareEntry>) => setEntries((list) => list.map((e) => (e.model.id === modelId ? { ...e, ...change } : e)));

  const runAsync = useCallback(
    async (run: CompareRun) => {
      if (abortRef.current) return;
      const abort = new AbortController();
      abortRef.current = abort;
      runRef.current = run;
      setRunning(true);
      setEntries(
        run.models.map((model) => ({
          model,
          status: "running",
          stage: "Sending to the proxy…",
          seconds: null,
          costUsd: null,
          job: null,
          candidate: null,
          url: null,
          error: null,
          placing: false,
          placed: null,
        })),
      );
      await Promise.all(
        run.models.map(async (model) => {
          const started = performance.now();
          try {
            const quality = qualityFor(model, run.quality);
            const job = await generateFillAsync(
              {
                spec: run.spec,
                prompt: run.prompt,
                model: model.id,
                ...(quality ? { quality } : {}),
                n: 1,
                palette: run.palette,
                scale: 1,
                signal: abort.signal,
                onProgress: (stage) => patch(model.id, { stage }),
              },
              proxy,
              browserPngCodec,
            );
            const candidate = job.candidates[0] ?? null;
            if (job.response.costUsd !== null) onSpent(job.response.costUsd);
            patch(model.id, {
              status: candidate ? "done" : "failed",
              seconds: (performance.now() - started) / 1000,
              costUsd: job.response.costUsd,
              job,
              candidate,
              url: candidate ? pngDataUrl(candidate.png) : null,
              error: candidate ? null : (job.failures[0]?.message ?? "The model answered without an image."),
            });
          } catch (e) {
            patch(model.id, { status: "failed", error: abort.signal.aborted ? "Cancelled." : (e as Error).message });
          }
        }),
      );
      abortRef.current = null;
      setRunning(false);
    },
    [proxy, onSpent],
  );

  const cancel = useCallback(() => abortRef.current?.abort(), []);

  const keepAsync = useCallback(
    async (modelId: string) => {
      const entry = entriesRef.current.find((e) => e.model.id === modelId);
      const run = runRef.current;
      if (!entry?.job || !entry.candidate || !run || entry.placing || entry.placed) return;
      patch(modelId, { placing: true });
      try {
        const placed = await placeFillCandidateAsync(channel, run, entry.job, entry.candidate);
        patch(modelId, { placing: false, placed });
        onPlaced({ ...placed, recipe: fillRecipe(run, entry.job, entry.candidate), thumbnail: entry.url ?? "" });
      } catch (e) {
        patch(modelId, { placing: false, error: (e as Error).message });
      }
    },
    [channel, onPlaced],
  );

  return { entries, running, runAsync, cancel, keepAsync };
}
