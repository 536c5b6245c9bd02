// Runs in the plugin iframe: one Variants batch at a time, each size with its own progress.
import { useCallback, useRef, useState } from "preact/hooks";
import { browserPngCodec } from "../../lib/browser-png-codec.js";
import type { ProxyClient } from "../../../src/jobs/proxy-client.js";
import { startVariantsJob, type VariantsJob, type VariantsJobInput, type VariantSizeState } from "../../../src/jobs/run-variants-job.js";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";

export interface VariantsJobState {
  /** Every size of the running (or last) batch, in the order asked. */
  sizes: readonly VariantSizeState[];
  running: boolean;
  /** The sentence when the frames could not be made (nothing was generated). */
  error: string | null;
  runAsync(input: Omit<VariantsJobInput, "onChange">): Promise<void>;
  cancel(index: number): void;
  cancelAll(): void;
  retry(index: number): void;
}

/**
 * Runs `startVariantsJob` for the panel: main creates every frame at once, then each size's
 * background streams in on its own, with a stage sentence, progress, cost, Cancel and Retry
 * per size. Known costs are added to the month's spend as sizes finish.
 */
export function useVariantsJob(channel: UiChannel, proxy: ProxyClient, onSpent: (usd: number) => void): VariantsJobState {
  const [sizes, setSizes] = useState<readonly VariantSizeState[]>([]);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const jobRef = useRef<VariantsJob | null>(null);
  const runningRef = useRef(false);

  const runAsync = useCallback(
    async (input: Omit<VariantsJobInput, "onChange">) => {
      if (runningRef.current) return;
      runningRef.current = true;
      setError(null);
      setRunning(true);
      const counted = new Set<number>();
      const job = startVariantsJob(
        {
          ...input,
          onChange: (state, all) => {
            setSizes([...all]);
            if (state.status === "done" && state.costUsd && !counted.has(state.index)) {
              counted.add(state.index);
              onSpent(state.costUsd);
            }
          },
        },
        { channel, proxy, codec: browserPngCodec },
      );
      jobRef.current = job;
      setSizes(job.states());
      try {
        await job.done;
      } catch (e) {
        setError((e as Error).message);
      } finally {
        runningRef.current = false;
        setRunning(false);
      }
    },
    [channel, proxy, onSpent],
  );

  return {
    sizes,
    running,
    error,
    runAsync,
    cancel: useCallback((index: number) => jobRef.current?.cancel(index), []),
    cancelAll: useCallback(() => jobRef.current?.cancelAll(), []),
    retry: useCallback((index: number) => void jobRef.current?.retryAsync(index), []),
  };
}
