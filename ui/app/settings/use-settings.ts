// Runs in the plugin iframe.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";
import { DEFAULT_SETTINGS, readPanelSettings, type PanelSettings } from "./panel-settings.js";

export interface SettingsState {
  settings: PanelSettings;
  /** False until main answered `get-settings` (defaults are shown meanwhile). */
  loaded: boolean;
  /** Merges a change (or a change computed from the latest settings) and stores the whole record in clientStorage through main. */
  update(patch: Partial<PanelSettings> | ((current: PanelSettings) => Partial<PanelSettings>)): void;
  /** Sentence when storing failed (shown in Settings), else null. */
  error: string | null;
}

/** The panel's settings, read once from main and written back on every change. */
export function useSettings(channel: UiChannel): SettingsState {
  const [settings, setSettings] = useState<PanelSettings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(settings);

  useEffect(() => {
    let live = true;
    channel
      .requestAsync({ type: "get-settings" })
      .then((raw) => {
        if (!live) return;
        latest.current = readPanelSettings(raw);
        setSettings(latest.current);
      })
      .catch((e: Error) => live && setError(e.message))
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [channel]);

  const update = useCallback(
    (patch: Partial<PanelSettings> | ((current: PanelSettings) => Partial<PanelSettings>)) => {
      latest.current = { ...latest.current, ...(typeof patch === "function" ? patch(latest.current) : patch) };
      setSettings(latest.current);
      channel
        .requestAsync({ type: "set-settings", settings: { ...latest.current } })
        .then(() => setError(null))
        .catch((e: Error) => setError(`Settings were not saved: ${e.message}`));
    },
    [channel],
  );

  return { settings, loaded, update, error };
}
