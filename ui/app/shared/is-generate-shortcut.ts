// Runs in the plugin iframe.

/** Cmd+Enter (macOS) or Ctrl+Enter (elsewhere): Generate from anywhere in a tab, as in Figma's own AI panels. */
export function isGenerateShortcut(event: Pick<KeyboardEvent, "key" | "metaKey" | "ctrlKey">): boolean {
  return event.key === "Enter" && (event.metaKey || event.ctrlKey);
}

const MAC = /Mac|iPhone|iPad/.test(navigator.platform);

/** The shortcut as Figma writes it: "⌘↩" on a Mac, "Ctrl+Enter" elsewhere. */
export const SHORTCUT = MAC ? "⌘↩" : "Ctrl+Enter";

/** The same for `aria-keyshortcuts` (ARIA's key names). */
export const KEYSHORTCUT = MAC ? "Meta+Enter" : "Control+Enter";
