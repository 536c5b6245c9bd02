/**
 * Appended to the composed prompt when a quality model finishes a draft: the draft is the
 * `image` of an edit, and the model is told to keep what the designer chose it for.
 */
export const FINISH_INSTRUCTION =
  "The attached image is the chosen draft: keep its composition, layout, subject placement and colours, and refine it into a finished, detailed, high-quality image.";

/**
 * The prompt of "Explore → Finish": a fill's composed prompt (as `composeFillPrompt` made it for
 * the draft's frame) followed, after a blank line, by {@link FINISH_INSTRUCTION}. Pure.
 */
export function composeFinishPrompt(composedPrompt: string): string {
  return `${composedPrompt}\n\n${FINISH_INSTRUCTION}`;
}
