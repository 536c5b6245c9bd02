// Runs in the plugin iframe (pure).

/** Cmd+Enter (macOS) or Ctrl+Enter (elsewhere): Generate from anywhere in a tab, as in Figma's own AI panels. */
export function isGenerateShortcut(event: Pick<KeyboardEvent, "key" | "metaKey" | "ctrlKey">): boolean {
  return event.key === "Enter" && (event.metaKey || event.ctrlKey);
}
