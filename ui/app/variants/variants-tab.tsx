// Runs in the plugin iframe: the Variants tab (placeholder).
import type { SelectionState } from "../../../src/core/protocol/plugin-messages.js";
export function VariantsTab(_props: { selection: SelectionState | null }) {
  return <div>Select a frame to make sizes from.</div>;
}
