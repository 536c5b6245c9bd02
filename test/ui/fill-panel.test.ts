import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeBase64 } from "../../src/core/encoding/base64.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { FINISH_INSTRUCTION } from "../../src/core/prompt/compose-finish-prompt.js";
import { waitForText } from "./harness/panel-helpers.js";
import { startUiHarnessAsync, type Panel, type UiHarness } from "./harness/start-ui-harness.js";

let h: UiHarness;
beforeAll(async () => {
  h = await startUiHarnessAsync();
});
afterAll(async () => {
  await h?.closeAsync();
});

const prompt = (panel: Panel) => panel.ui.locator("[data-panel=fill]").getByRole("textbox", { name: "Prompt", exact: true });
const fillPanel = (panel: Panel) => panel.ui.locator("[data-panel=fill]");

async function chooseModel(panel: Panel, modelId: string): Promise<void> {
  await fillPanel(panel).locator("[aria-haspopup=listbox]").first().click();
  await fillPanel(panel).locator(`[role=option][data-model="${modelId}"]`).click();
}

describe("fill tab", () => {
  test("generate then place sends a png of the frame's pixel size to main", async () => {
    const panel = await h.openPanelAsync();
    const { ui } = panel;
    await waitForText(ui.locator("[data-selection=fill-target]"), "1440 × 616 px");
    await prompt(panel).fill("calm teal waves at dawn");
    // gpt-image-2, medium, 1536×1024-class non-square: $0.041 a picture (docs/providers.md).
    await waitForText(ui.locator("[data-cost]"), "≈ $0.04");
    await ui.locator("[data-action=generate]").click();
    await ui.locator("[data-result]").first().waitFor();
    await ui.locator("[data-action=place]").first().click();
    await ui.locator("[data-placed]").first().waitFor();
    const [place] = await panel.requestsAsync("place-fill");
    const image = decodePng(decodeBase64(place!.png!));
    expect([image.width, image.height]).toEqual([1440, 616]);
    expect([place!.width, place!.height]).toEqual([1440, 616]);
    expect(place!.target.nodeId).toBe(h.spec.nodeId);
    expect(place!.recipe.model).toBe("gpt-image-2");
    expect(place!.recipe.promptTyped).toBe("calm teal waves at dawn");
    expect(JSON.stringify(h.openai.requests.at(-1)?.json)).toContain("calm teal waves at dawn");
    await panel.page.close();
  });

  test("ctrl+enter in the prompt generates with the chosen model", async () => {
    const panel = await h.openPanelAsync();
    await chooseModel(panel, "offline");
    await waitForText(fillPanel(panel), "Preview without AI");
    await waitForText(panel.ui.locator("[data-cost]"), "free");
    await prompt(panel).fill("sunlit dunes");
    await prompt(panel).press("Control+Enter");
    await waitForText(panel.ui.locator("[data-result]"), "Offline preview");
    await panel.page.close();
  });

  test("locked palette chips go to the model and into the recipe", async () => {
    const panel = await h.openPanelAsync();
    const chip = fillPanel(panel).locator('[data-hex="#4659FF"]');
    await chip.click();
    expect(await chip.getAttribute("aria-pressed")).toBe("true");
    await fillPanel(panel).getByRole("textbox", { name: "Add brand colours as hex" }).fill("#0a6, tomato");
    await fillPanel(panel).getByRole("textbox", { name: "Add brand colours as hex" }).press("Enter");
    await waitForText(fillPanel(panel).getByRole("alert"), "“tomato” is not a hex colour");
    await fillPanel(panel).getByRole("textbox", { name: "Add brand colours as hex" }).fill("#0a6");
    await fillPanel(panel).getByRole("textbox", { name: "Add brand colours as hex" }).press("Enter");
    await fillPanel(panel).locator('[data-hex="#00AA66"][aria-pressed=true]').waitFor();
    await chooseModel(panel, "offline");
    await prompt(panel).fill("brand gradient");
    await panel.ui.locator("[data-action=generate]").click();
    await panel.ui.locator("[data-action=place]").first().click();
    await panel.ui.locator("[data-placed]").first().waitFor();
    const [place] = await panel.requestsAsync("place-fill");
    expect(place!.recipe.palette).toEqual(["#4659FF", "#00AA66"]);
    // Each colour goes with its plain-English name (ΔE2000 through culori, in the built panel).
    expect(place!.recipe.promptSent).toMatch(/#4659FF \([a-z -]+\)/);
    // The proxy locked both colours on the pixels; its report reached the recipe through the event stream.
    expect(place!.recipe.lockReport?.map((c) => (c as { hex: string }).hex)).toEqual(["#4659FF", "#00AA66"]);
    await panel.page.close();
  });

  test("cancel aborts the request at the provider and keeps the prompt", async () => {
    const panel = await h.openPanelAsync();
    const closedBefore = h.openai.closedConnections;
    h.openai.enqueue({ hang: true });
    await prompt(panel).fill("a slow sunrise");
    await panel.ui.locator("[data-action=generate]").click();
    await panel.ui.locator("[data-running]").waitFor();
    await panel.ui.locator("[data-action=cancel]").click();
    await waitForText(fillPanel(panel).getByRole("status"), "Cancelled. Nothing was placed.");
    await h.openai.waitForClosedConnectionsAsync(closedBefore + 1);
    expect(await prompt(panel).inputValue()).toBe("a slow sunrise");
    expect(await panel.ui.locator("[data-running]").count()).toBe(0);
    await panel.page.close();
  });

  test("a moderation block shows the proxy's sentence and keeps the prompt", async () => {
    h.openai.enqueue("moderationBlocked");
    const direct = await fetch(`${h.proxyUrl}/v1/images`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-image-2", prompt: "blocked", width: 1440, height: 616 }),
    });
    const { error } = (await direct.json()) as { error: { code: string; message: string } };
    expect([direct.status, error.code]).toEqual([422, "content_blocked"]);

    const panel = await h.openPanelAsync();
    h.openai.enqueue("moderationBlocked");
    await prompt(panel).fill("something the moderator blocks");
    await panel.ui.locator("[data-action=generate]").click();
    await waitForText(panel.ui.locator("[data-tone=error]"), error.message);
    expect(await prompt(panel).inputValue()).toBe("something the moderator blocks");
    expect(await panel.requestsAsync("place-fill")).toEqual([]);
    await panel.page.close();
  });

  test("a placement main refuses shows main's sentence on the card", async () => {
    const panel = await h.openPanelAsync();
    await chooseModel(panel, "offline");
    await prompt(panel).fill("quiet meadow");
    await panel.ui.locator("[data-action=generate]").click();
    await panel.failNextAsync("place-fill", { code: "target_missing", message: "The frame this fill was made for is gone. Nothing was placed." });
    await panel.ui.locator("[data-action=place]").first().click();
    await waitForText(panel.ui.locator("[data-result]").getByRole("alert"), "The frame this fill was made for is gone.");
    await panel.page.close();
  });

  test("explore makes drafts and finish edits the chosen draft with a quality model", async () => {
    const panel = await h.openPanelAsync();
    await prompt(panel).fill("misty harbour");
    await panel.ui.locator("[data-action=explore]").click();
    await expect.poll(() => panel.ui.locator("[data-result][data-draft]").count(), { timeout: 30_000 }).toBe(4);
    const draftRequest = h.openai.requests.at(-1)!;
    expect(draftRequest.json).toMatchObject({ model: "gpt-image-2", quality: "low", n: 4 });
    await panel.ui.locator("[data-result][data-draft] button[aria-pressed]").nth(2).click();
    await waitForText(panel.ui.locator("[data-action=finish]"), "Finish with GPT Image 2");
    await panel.ui.locator("[data-action=finish]").click();
    await waitForText(panel.ui.locator("[data-result]").first(), "GPT Image 2 (finished)");
    const edit = h.openai.requests.at(-1)!;
    expect(edit.path).toBe("/v1/images/edits");
    expect(JSON.stringify(edit.form)).toContain(FINISH_INSTRUCTION.slice(0, 40));
    expect(await panel.ui.locator("[data-result][data-draft]").count()).toBe(4);
    await panel.page.close();
  });

  test("without a frame the panel says what to select and follows selection changes", async () => {
    const panel = await h.openPanelAsync({ selection: { kind: "none", reason: "Select a frame to fill." } });
    await waitForText(panel.ui.locator("[data-selection=none]"), "Select a frame to fill.");
    await prompt(panel).fill("anything");
    expect(await panel.ui.locator("[data-action=generate]").isDisabled()).toBe(true);
    await panel.sendEventAsync({ type: "selection-changed", selection: { kind: "fill-target", spec: h.spec } });
    await waitForText(panel.ui.locator("[data-selection=fill-target]"), h.spec.name);
    expect(await panel.ui.locator("[data-action=generate]").isDisabled()).toBe(false);
    await panel.page.close();
  });

  test("keyboard alone reaches the prompt, picks a model and runs generate", async () => {
    const panel = await h.openPanelAsync();
    const active = () =>
      panel.frame.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.tagName}|${el.getAttribute("aria-haspopup") ?? ""}|${el.dataset.action ?? ""}` : "";
      });
    const tabTo = async (matches: (described: string) => boolean) => {
      for (let i = 0; i < 40; i++) {
        await panel.page.keyboard.press("Tab");
        if (matches(await active())) return;
      }
      throw new Error("Tab never reached the control.");
    };
    await tabTo((a) => a.startsWith("TEXTAREA"));
    await panel.page.keyboard.type("northern lights over a fjord");
    await tabTo((a) => a.includes("|listbox|"));
    await panel.page.keyboard.press("Enter");
    await fillPanel(panel).getByRole("listbox").waitFor();
    await panel.page.keyboard.press("End");
    await panel.page.keyboard.press("Enter");
    await waitForText(fillPanel(panel), "Preview without AI");
    await tabTo((a) => a.endsWith("|generate"));
    await panel.page.keyboard.press("Enter");
    await waitForText(panel.ui.locator("[data-result]"), "Offline preview");
    await panel.page.close();
  });
});
