// Runs in the plugin iframe: copies text to the clipboard.

/**
 * Copies text with a hidden textarea and `execCommand("copy")`: the Clipboard API needs the
 * `clipboard-write` permission, which Figma's sandboxed plugin iframe does not grant.
 * @returns whether the browser reported the copy as done.
 */
export function copyText(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.cssText = "position:fixed;top:-100px;opacity:0";
  document.body.append(area);
  const focused = document.activeElement as HTMLElement | null;
  area.select();
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch {
    done = false;
  }
  area.remove();
  focused?.focus();
  return done;
}
