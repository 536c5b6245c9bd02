import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeBase64 } from "../../src/core/encoding/base64.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { startUiHarnessAsync, type UiHarness } from "./harness/start-ui-harness.js";

let h: UiHarness;
beforeAll(async () => {
  h = await startUiHarnessAsync();
});
afterAll(async () => {
  await h?.closeAsync();
});

describe("fill tab", () => {
  test("generate then place sends a png of the frame's pixel size to main", async () => {
    const panel = await h.openPanelAsync();
    const { ui } = panel;
    await expectText(ui.locator("[data-selection=fill-target]"), "1440 × 616 px");
    await ui.getByRole("textbox", { name: "Prompt", exact: true }).fill("calm teal waves at dawn");
    await expectText(ui.locator("[data-cost]"), "≈ $0.04");
    await ui.locator("[data-action=generate]").click();
    await ui.locator("[data-result]").first().waitFor();
    await panel.screenshotAsync("fill-light");
    await ui.locator("[data-action=place]").first().click();
    await ui.locator("[data-placed]").first().waitFor();
    const [place] = await panel.requestsAsync("place-fill");
    const image = decodePng(decodeBase64(place!.png!));
    expect([image.width, image.height]).toEqual([1440, 616]);
    expect(place!.recipe.model).toBe("gpt-image-2");
    expect(place!.recipe.promptTyped).toBe("calm teal waves at dawn");
    expect(JSON.stringify(h.openai.requests.at(-1)?.json)).toContain("calm teal waves at dawn");
    await panel.page.close();
  });
});

async function expectText(locator: import("playwright-core").Locator, text: string) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 5000 });
}
