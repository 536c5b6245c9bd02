// Runs in the plugin iframe.
import { useCallback, useEffect, useState } from "preact/hooks";
import type { AvailableModel, ProxyClient } from "../../../src/jobs/proxy-client.js";

export interface ModelsState {
  /** The proxy's catalog, or null while loading or when the proxy could not be reached. */
  models: AvailableModel[] | null;
  /** The ProxyError sentence when /v1/models failed. */
  error: string | null;
  loading: boolean;
  reload(): void;
}

/**
 * The models the proxy offers now (`GET /v1/models`), reloaded whenever the proxy changes.
 * @param enabled false until the stored proxy address is known, so the default is not asked first.
 */
export function useModels(proxy: ProxyClient, enabled = true): ModelsState {
  const [models, setModels] = useState<AvailableModel[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    setLoading(true);
    proxy
      .modelsAsync(abort.signal)
      .then((list) => {
        setModels(list);
        setError(null);
      })
      .catch((e: Error) => {
        if (abort.signal.aborted) return;
        setModels(null);
        setError(e.message);
      })
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [proxy, attempt, enabled]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { models, error, loading, reload };
}
