/** Input of {@link composeInpaintPrompt}. */
export interface InpaintPromptInput {
  /** The designer's words for the masked area, as typed. */
  readonly userPrompt: string;
  /** Locked brand colours, `#RRGGBB`. */
  readonly palette: readonly string[];
}

/**
 * The prompt an inpaint sends: the designer's words (trimmed), and with locked colours one more
 * line asking for them where colour is a choice. Nothing about the layout: the model sees only the
 * crop around the selection, and the mask says where to paint. Pure; the recipe records the result.
 */
export function composeInpaintPrompt(input: InpaintPromptInput): string {
  const words = input.userPrompt.trim();
  return input.palette.length ? `${words}\nWhere colour is a choice, use the brand colours ${input.palette.join(", ")}.` : words;
}
