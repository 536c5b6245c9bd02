// Runs in the plugin iframe: the frame every job tab shares.
import type { ComponentChildren } from "preact";
import { isGenerateShortcut } from "./is-generate-shortcut.js";
import styles from "./panel.module.css";

export interface TabLayoutProps {
  /** Runs on Cmd/Ctrl+Enter anywhere in the tab (Generate, Inpaint, Compare…). */
  onShortcut?: () => void;
  /** The sticky bar at the bottom: the run's cost, what is missing, the main button. */
  footer: ComponentChildren;
  children: ComponentChildren;
}

/** A scrolling body of sections above a fixed footer, as Figma's own panels lay out an action. */
export function TabLayout({ onShortcut, footer, children }: TabLayoutProps) {
  return (
    <div
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
