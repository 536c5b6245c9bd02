// Runs in the plugin iframe.
import { useEffect, useState } from "preact/hooks";
import type { InpaintSelectionState } from "../../../src/core/protocol/plugin-messages.js";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";

/**
 * What main reads for an inpaint (`read-inpaint-selection`): the image and the shapes over it,
 * or the sentence saying what to select. Read again on every `selection-changed` (main has no
 * inpaint-specific event) and whenever `active` turns true, so the tab is current when shown.
 */
export function useInpaintSelection(channel: UiChannel, active: boolean): InpaintSelectionState | null {
  const [state, setState] = useState<InpaintSelectionState | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    let asked = 0;
    const read = () => {
      const ticket = ++asked;
      channel
        .requestAsync({ type: "read-inpaint-selection" })
        .then((s) => live && ticket === asked && setState(s))
        .catch((e: Error) => live && ticket === asked && setState({ kind: "none", reason: e.message }));
    };
    read();
    const off = channel.onEvent((event) => event.type === "selection-changed" && read());
    return () => {
      live = false;
      off();
    };
  }, [channel, active]);
  return state;
}
