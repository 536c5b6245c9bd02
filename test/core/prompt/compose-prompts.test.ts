import { describe, expect, it } from "vitest";
import { composeFillPrompt, SWATCH_NOTE } from "../../../src/core/prompt/compose-fill-prompt.js";
import { composeFinishPrompt, FINISH_INSTRUCTION } from "../../../src/core/prompt/compose-finish-prompt.js";
import { composeInpaintPrompt } from "../../../src/core/prompt/compose-inpaint-prompt.js";

const spec = { width: 1200, height: 628, keepClear: [{ elementId: "1", role: "headline" as const, box: { x: 60, y: 60, width: 500, height: 120 } }] };

describe("the prompts brandfill sends, composed in src/core/prompt", () => {
  it("inpaint: the designer's words, trimmed, and the brand colours only when there are some", () => {
    expect(composeInpaintPrompt("  a red boat ", [])).toBe("a red boat");
    expect(composeInpaintPrompt("a red boat", ["#E30613", "#0057B8"])).toBe("a red boat\nWhere colour is a choice, use the brand colours #E30613, #0057B8.");
  });

  it("fill: the swatch note comes last, only when a swatch is attached", () => {
    const plain = composeFillPrompt({ userPrompt: "linen", spec, palette: ["#4659FF"] });
    const withSwatch = composeFillPrompt({ userPrompt: "linen", spec, palette: ["#4659FF"], swatchAttached: true });
    expect(plain.prompt).not.toContain(SWATCH_NOTE);
    expect(withSwatch.prompt).toBe(`${plain.prompt}\n${SWATCH_NOTE}`);
    expect(withSwatch.keepClear).toEqual(plain.keepClear);
  });

  it("finish: the draft's prompt, a blank line, then the instruction to keep the draft", () => {
    expect(composeFinishPrompt("linen\nFormat: …")).toBe(`linen\nFormat: …\n\n${FINISH_INSTRUCTION}`);
  });
});
