// Runs in the plugin iframe: the frame every job tab shares.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { isGenerateShortcut } from "./is-generate-shortcut.js";
import * as styles from "./panel.module.css";

export interface TabLayoutProps {
  /** Runs on Cmd/Ctrl+Enter anywhere in the tab (Generate, Inpaint, Compare…). */
  onShortcut?: () => void;
  /** While a job runs: Escape cancels it (when this tab is the one shown). */
  onCancel?: () => void;
  /** The sticky bar at the bottom: the run's cost, what is missing, the main button. */
  footer: ComponentChildren;
  children: ComponentChildren;
}

/** A scrolling body of sections above a fixed footer, as Figma's own panels lay out an action. */
export function TabLayout({ onShortcut, onCancel, footer, children }: TabLayoutProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Escape is heard on the whole page (focus may be on nothing while a job runs), but only the
  // tab on screen cancels: hidden tabs stay mounted and may run their own jobs.
  useEffect(() => {
    if (!onCancel) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented && ref.current?.offsetParent) onCancel();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: catches the Generate shortcut (Ctrl/⌘+Enter) bubbling from any control in the tab; the tab itself is not a control
    <div
      ref={ref}
      class={styles.tab}
      onKeyDown={(event) => {
        if (onShortcut && isGenerateShortcut(event)) {
          event.preventDefault();
          onShortcut();
        }
      }}
    >
      <div class={styles.scroll}>{children}</div>
      <footer class={styles.footer}>{footer}</footer>
    </div>
  );
}
