// Runs in the plugin iframe: the 16 × 16 icons the panel uses, drawn like Figma's UI3 icons
// (1 px strokes in `currentColor`, so a parent sets their colour with `color`).
import type { JSX } from "preact";

/** One stroked 16 × 16 icon from an SVG path; decorative (`aria-hidden`): its button or text says what it means. */
function icon(path: string): () => JSX.Element {
  return () => (
    <svg width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <path d={path} />
    </svg>
  );
}

export const IconCheck16 = icon("M4 8.5l2.5 2.5L12 5.5");
export const IconChevronDown16 = icon("M5.5 7l2.5 2.5L10.5 7");
export const IconWarning16 = icon("M8 2.5l6 11H2zM8 6.5V10m0 1.5v.5");
export const IconInfo16 = icon("M14 8A6 6 0 1 1 2 8a6 6 0 0 1 12 0zM8 7.5V11m0-6v.5");
export const IconLockLocked16 = icon("M4.5 7.5h7v6h-7zM6 7.5V5.5a2 2 0 0 1 4 0v2");
export const IconLockUnlocked16 = icon("M4.5 7.5h7v6h-7zM6 7.5V5.5a2 2 0 0 1 4 0");
export const IconFrame16 = icon("M5.5 2.5v11m5-11v11m-8-8h11m-11 5h11");
export const IconImage16 = icon("M2.5 3.5h11v9h-11zM3 12l3.5-4 3 3 1.5-1.5 2.5 2.5M10.5 6.5h.01");
export const IconAdjust16 = icon("M2.5 5.5h11m-11 5h11M6 4v3m4 2v3");
export const IconClose16 = icon("M5 5l6 6m0-6l-6 6");
export const IconChevronLeft16 = icon("M9.5 5L7 8l2.5 3");
