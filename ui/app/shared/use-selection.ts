// Runs in the plugin iframe.
import { useEffect, useState } from "preact/hooks";
import type { SelectionState } from "../../../src/core/protocol/plugin-messages.js";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";

/** What main read from the selection; null until main first answers. Follows `selection-changed`. */
export function useSelection(channel: UiChannel): SelectionState | null {
  const [selection, setSelection] = useState<SelectionState | null>(null);
  useEffect(() => {
    let live = true;
    const off = channel.onEvent((event) => {
      if (event.type === "selection-changed") setSelection(event.selection);
    });
    channel
      .requestAsync({ type: "read-selection" })
      .then((state) => live && setSelection((current) => current ?? state))
      .catch((e: Error) => live && setSelection({ kind: "none", reason: e.message }));
    return () => {
      live = false;
      off();
    };
  }, [channel]);
  return selection;
}
