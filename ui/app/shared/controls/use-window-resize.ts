// Runs in the plugin iframe: the panel's resize corner. Figma cannot resize a plugin window
// from its edge, so the panel draws its own handle and asks main to call `figma.ui.resize`.
import { useEffect } from "preact/hooks";
import * as styles from "./controls.module.css";

/** Smallest and largest panel size, in CSS pixels. */
export interface WindowSizeLimits {
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
}

/**
 * Adds a 12 × 12 px drag handle to the panel's bottom-right corner while the calling component is
 * mounted. Dragging it reports the size the panel should take (the size at the press plus the
 * pointer's travel, clamped to `limits`, whole CSS pixels) on every pointer move; the handle
 * keeps the pointer (pointer capture), so a fast drag outside the iframe still resizes.
 * @param onResize called with `{ width, height }` in CSS pixels; pass a stable callback
 */
export function useWindowResize(onResize: (size: { width: number; height: number }) => void, limits: WindowSizeLimits): void {
  const { minWidth, minHeight, maxWidth, maxHeight } = limits;
  useEffect(() => {
    const handle = document.createElement("div");
    handle.className = styles.resize!;
    handle.setAttribute("aria-hidden", "true");
    let start: { x: number; y: number; width: number; height: number } | null = null;
    const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
    handle.onpointerdown = (e) => {
      start = { x: e.clientX, y: e.clientY, width: innerWidth, height: innerHeight };
      handle.setPointerCapture(e.pointerId);
    };
    handle.onpointermove = (e) => {
      if (start) onResize({ width: clamp(start.width + e.clientX - start.x, minWidth, maxWidth), height: clamp(start.height + e.clientY - start.y, minHeight, maxHeight) });
    };
    handle.onpointerup = handle.onpointercancel = () => {
      start = null;
    };
    document.body.append(handle);
    return () => handle.remove();
  }, [onResize, minWidth, minHeight, maxWidth, maxHeight]);
}
