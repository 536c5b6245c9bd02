// Runs in the plugin iframe: one Fill run at a time, its progress, results and placements.
import { useCallback, useRef, useState } from "preact/hooks";
import { browserPngCodec } from "../../lib/browser-png-codec.js";
import type { ProxyClient } from "../../../src/jobs/proxy-client.js";
import { fillRecipe, generateFillAsync, placeFillCandidateAsync, type FillCandidate, type FillJobInput, type FillJobResult } from "../../../src/jobs/run-fill-job.js";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";
import { pngDataUrl } from "../shared/png-data-url.js";
import type { PlacedLayer } from "../shared/placed-layer.js";
import type { RunState } from "../shared/run-state.js";

/** What a run is asked to do: a Fill job's input without the callbacks the hook supplies. */
export type FillRunInput = Omit<FillJobInput, "signal" | "onProgress" | "onPartial"> & {
  /** Shown on each result ("GPT Image 2"). */
  modelLabel: string;
  /** Cheap exploration drafts, offered to "Finish with…". */
  draft?: boolean;
  /** Another client for this run (e.g. one that edits a chosen draft); default the panel's. */
  proxy?: ProxyClient;
  /** Keep earlier results and put these first (Finish), instead of replacing them. */
  keepEarlier?: boolean;
  /** The run's estimated cost shown before it ran (USD, null = unknown), shown beside what it cost. */
  estimateUsd?: number | null;
};

/** One generated candidate in the results grid. */
export interface ResultItem {
  key: string;
  input: FillRunInput;
  job: FillJobResult;
  candidate: FillCandidate;
  /** `data:` URL of the fitted PNG. */
  url: string;
  placing: boolean;
  placed: { nodeId: string; name: string } | null;
  /** The MainError sentence when placing failed. */
  placeError: string | null;
}

/** A variant that failed, shown in place with its reason. */
export interface FailedItem {
  key: string;
  modelLabel: string;
  message: string;
}

export interface FillJobState {
  run: RunState;
  results: ResultItem[];
  failures: FailedItem[];
  /** The ProxyError/MainError sentence of the last failed run. */
  error: string | null;
  /** Runs the failed run again; null when trying again would not help (e.g. the account is out of credit). */
  retry: (() => void) | null;
  /** A neutral note, e.g. after Cancel. */
  notice: string | null;
  generateAsync(input: FillRunInput): Promise<void>;
  cancel(): void;
  placeAsync(key: string): Promise<void>;
  placeAllAsync(): Promise<void>;
  clear(): void;
}

let nextKey = 1;

/**
 * Runs Fill jobs for the panel: generate (streaming partial previews), cancel (aborts the
 * fetch), place one or all candidates on the job's captured target. Errors are kept as the
 * sentences the proxy or main wrote; the prompt and earlier results are never lost.
 *
 * @param onSpent called with each finished run's cost in USD, when the proxy could price it.
 * @param onPlaced called with each placed layer, for History.
 */
export function useFillJob(channel: UiChannel, proxy: ProxyClient, onSpent: (usd: number) => void, onPlaced: (layer: PlacedLayer) => void): FillJobState {
  const [run, setRun] = useState<RunState>({ kind: "idle" });
  const [results, setResults] = useState<ResultItem[]>([]);
  const [failures, setFailures] = useState<FailedItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [retry, setRetry] = useState<(() => void) | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const resultsRef = useRef(results);
  resultsRef.current = results;

  const generateAsync = useCallback(
    async (input: FillRunInput) => {
      if (abortRef.current) return;
      const abort = new AbortController();
      abortRef.current = abort;
      setError(null);
      setRetry(null);
      setNotice(null);
      setRun({ kind: "running", stage: "Sending to the proxy…", partials: [], modelLabel: input.modelLabel, n: input.n });
      const partials: string[] = [];
      try {
        const { modelLabel: _label, draft: _draft, proxy: override, keepEarlier, estimateUsd: _estimate, ...job } = input;
        const result = await generateFillAsync(
          {
            ...job,
            signal: abort.signal,
            onProgress: (stage) => setRun((r) => (r.kind === "running" ? { ...r, stage } : r)),
            onPartial: (index, png) => {
              partials[index] = `data:image/png;base64,${png}`;
              setRun((r) => (r.kind === "running" ? { ...r, stage: "Drawing…", partials: [...partials] } : r));
            },
          },
          override ?? proxy,
          browserPngCodec,
        );
        if (result.response.costUsd !== null) onSpent(result.response.costUsd);
        const items: ResultItem[] = result.candidates.map((candidate) => ({
          key: `r${nextKey++}`,
          input,
          job: result,
          candidate,
          url: pngDataUrl(candidate.png),
          placing: false,
          placed: null,
          placeError: null,
        }));
        const failed = result.failures.map((f) => ({ key: `f${nextKey++}`, modelLabel: input.modelLabel, message: f.message }));
        setResults((earlier) => (keepEarlier ? [...items, ...earlier] : items));
        setFailures((earlier) => (keepEarlier ? [...failed, ...earlier] : failed));
      } catch (e) {
        const err = e as Error & { code?: string; retryable?: boolean };
        if (err.code === "cancelled" || abort.signal.aborted) setNotice("Cancelled. Nothing was placed.");
        else {
          setError(err.message || "Something went wrong while making the image.");
          // A function in state must be wrapped, or preact calls it as an updater.
          if (err.retryable !== false) setRetry(() => () => void generateRef.current(input));
        }
      } finally {
        abortRef.current = null;
        setRun({ kind: "idle" });
      }
    },
    [proxy, onSpent],
  );

  const generateRef = useRef(generateAsync);
  generateRef.current = generateAsync;
  const cancel = useCallback(() => abortRef.current?.abort(), []);

  const patch = (key: string, change: Partial<ResultItem>) => setResults((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const placeAsync = useCallback(
    async (key: string) => {
      const item = resultsRef.current.find((r) => r.key === key);
      if (!item || item.placing) return;
      patch(key, { placing: true, placeError: null });
      try {
        const placed = await placeFillCandidateAsync(channel, item.input, item.job, item.candidate);
        patch(key, { placing: false, placed });
        onPlaced({ ...placed, recipe: fillRecipe(item.input, item.job, item.candidate), thumbnail: item.url });
      } catch (e) {
        patch(key, { placing: false, placeError: (e as Error).message });
      }
    },
    [channel, onPlaced],
  );

  const placeAllAsync = useCallback(async () => {
    for (const item of resultsRef.current.filter((r) => !r.placed)) await placeAsync(item.key);
  }, [placeAsync]);

  const clear = useCallback(() => {
    setResults([]);
    setFailures([]);
    setError(null);
    setNotice(null);
  }, []);

  return { run, results, failures, error, retry, notice, generateAsync, cancel, placeAsync, placeAllAsync, clear };
}
