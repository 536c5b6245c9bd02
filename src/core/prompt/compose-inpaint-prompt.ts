/**
 * The prompt an inpaint sends: the designer's words (trimmed), and with locked colours one more
 * line asking for them where colour is a choice. Nothing about the layout: the model sees only the
 * crop around the selection, and the mask says where to paint. Pure; the recipe records the result.
 *
 * @param userPrompt the designer's words for the masked area, as typed.
 * @param palette locked brand colours, `#RRGGBB`.
 */
export function composeInpaintPrompt(userPrompt: string, palette: readonly string[]): string {
  const words = userPrompt.trim();
  return palette.length ? `${words}\nWhere colour is a choice, use the brand colours ${palette.join(", ")}.` : words;
}
