import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeBase64 } from "../../src/core/encoding/base64.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { inpaintFixture, openTab, waitForText } from "./harness/panel-helpers.js";
import { PANEL_SIZE, startUiHarnessAsync, type UiHarness } from "./harness/start-ui-harness.js";

let h: UiHarness;
beforeAll(async () => {
  h = await startUiHarnessAsync();
});
afterAll(async () => {
  await h?.closeAsync();
});

const TABS = ["Fill", "Inpaint", "Variants", "Compare", "History"] as const;

const month = () => `${new Date().getFullYear()}-${String(new Date().getMonth() + 1).padStart(2, "0")}`;

describe("settings", () => {
  test("settings persist in client storage and apply when the panel reopens", async () => {
    const panel = await h.openPanelAsync();
    await panel.ui.locator("[data-action=settings]").click();
    const settings = panel.ui.locator("[data-panel=settings]");
    await settings.getByRole("textbox", { name: "Warn me above this much a month (USD)" }).fill("20");
    await settings.getByRole("textbox", { name: "Warn me above this much a month (USD)" }).press("Enter");
    await settings
      .locator("label")
      .filter({ has: panel.page.locator('input[type=radio][value="3"]') })
      .click();
    await settings.locator("[aria-haspopup=listbox]").click();
    await settings.locator('[role=option][data-model="offline"]').click();
    await settings.getByRole("textbox", { name: "Token (if the proxy asks for one)" }).fill("s3cret");
    await settings.getByRole("textbox", { name: "Token (if the proxy asks for one)" }).press("Enter");
    await expect
      .poll(async () => (await panel.storageAsync())["brandfill.settings"])
      .toMatchObject({
        proxyUrl: h.proxyUrl,
        token: "s3cret",
        defaultModel: "offline",
        defaultVariants: 3,
        monthlyBudgetUsd: 20,
      });
    const storage = await panel.storageAsync();
    await panel.page.close();

    const reopened = await h.openPanelAsync({ storage });
    const fill = reopened.ui.locator("[data-panel=fill]");
    await expect.poll(() => fill.getByRole("radio", { name: "3", exact: true }).isChecked()).toBe(true);
    await waitForText(fill, "Preview without AI");
    await reopened.page.close();
  });

  test("check connection reports the proxy's providers, or why it cannot be reached", async () => {
    const panel = await h.openPanelAsync();
    await panel.ui.locator("[data-action=settings]").click();
    const settings = panel.ui.locator("[data-panel=settings]");
    await settings.locator("[data-action=check-connection]").click();
    await waitForText(settings.locator("[data-tone=success]"), "Providers: openai, gemini, offline");
    // An origin this build's manifest does not allow: Figma would block it, so Settings says how to rebuild.
    await settings.getByRole("textbox", { name: "Address" }).fill("http://127.0.0.1:9");
    await settings.locator("[data-action=check-connection]").click();
    await waitForText(settings.locator("[data-tone=error]"), "Figma blocks http://127.0.0.1:9: this build of brandfill may only reach");
    await waitForText(settings.locator("[data-tone=error]"), "BRANDFILL_PROXY_URL=http://127.0.0.1:9 npm run build");
    expect(((await panel.storageAsync())["brandfill.settings"] as { proxyUrl: string }).proxyUrl).toBe(h.proxyUrl);
    await panel.page.close();
  });

  test("a run that would pass the monthly budget is flagged before generating", async () => {
    const panel = await h.openPanelAsync({ settings: { monthlyBudgetUsd: 0.05, spend: { month: month(), usd: 0.03 } } });
    await panel.ui.locator("[data-panel=fill]").getByRole("textbox", { name: "Prompt", exact: true }).fill("budget check");
    await waitForText(panel.ui.locator("[data-tone=warning]"), "past your $0.05 budget");
    await panel.page.close();
  });
});

describe("compare, history and relaunch", () => {
  test("compare runs two models side by side with time and cost and keeps the winner", async () => {
    const panel = await h.openPanelAsync();
    await openTab(panel, "Compare");
    const compare = panel.ui.locator("[data-panel=compare]");
    await compare.getByRole("textbox", { name: "Prompt (shared with Fill)" }).fill("glass towers at dusk");
    // One model per provider is ticked to start with; swap the Gemini one for Nano Banana 2.
    expect(await compare.getByRole("checkbox", { checked: true }).count()).toBe(2);
    await compare.locator('[data-compare-model="gemini-3-pro-image"]').uncheck({ force: true });
    await compare.locator('[data-compare-model="gemini-nano-banana-2.1"]').check({ force: true });
    await compare.locator("[data-action=compare]").click();
    await expect.poll(() => compare.locator("[data-compare-entry]:not([data-status=running])").count(), { timeout: 8000 }).toBe(2);
    expect(await compare.locator("[data-compare-entry][data-status=failed]").allInnerTexts()).toEqual([]);
    const gpt = compare.locator('[data-compare-entry="gpt-image-2"]');
    // What the proxy reported it cost, beside the estimate shown before the run.
    expect(await gpt.locator("[data-stats]").innerText()).toMatch(/^\d+\.\d s · \$0\.04 \(estimate ≈ \$0\.04\)$/);
    const gemini = compare.locator('[data-compare-entry="gemini-nano-banana-2.1"]');
    // Nano Banana 2 (the 2.1 model) has no published price: said, never guessed.
    expect(await gemini.locator("[data-stats]").innerText()).toMatch(/^\d+\.\d s · price unknown \(estimate price unknown\)$/);
    expect(h.gemini.requests.at(-1)?.model).toBe(await gemini.getAttribute("data-compare-entry"));
    await gpt.locator("[data-action=keep]").click();
    await gpt.locator("[data-placed]").waitFor();
    const [place] = await panel.requestsAsync("place-fill");
    expect(place!.recipe.model).toBe("gpt-image-2");
    const image = decodePng(decodeBase64(place!.png!));
    expect([image.width, image.height]).toEqual([1440, 616]);

    // The kept layer is in History: search, select, regenerate.
    await openTab(panel, "History");
    const history = panel.ui.locator("[data-panel=history]");
    await history.getByRole("searchbox").or(history.getByRole("textbox")).first().fill("towers");
    await history.locator("[data-history]").first().waitFor();
    await history.getByRole("button", { name: /^Select layer/ }).click();
    await expect.poll(() => panel.page.evaluate(() => (window as any).harness.selectedNode)).toBe("fill:1");
    await history.getByRole("searchbox").or(history.getByRole("textbox")).first().fill("no such words");
    await waitForText(history.getByRole("status"), "No generated layer matches");
    await history.getByRole("searchbox").or(history.getByRole("textbox")).first().fill("");
    await history.locator("[data-action=regenerate]").click();
    expect(await panel.ui.locator("[data-panel=fill]").getByRole("textbox", { name: "Prompt", exact: true }).inputValue()).toBe("glass towers at dusk");
    // Regenerate fills the frame the recipe was made for, not the generated layer: main selects it.
    await expect.poll(() => panel.page.evaluate(() => (window as any).harness.selectedNode)).toBe(place!.recipe.sourceNodeId);
    await panel.page.close();
  });

  test("relaunching regenerate from a layer opens fill on its recipe, asked from main when the panel mounts", async () => {
    const recipe = {
      version: 1,
      kind: "fill",
      promptTyped: "olive grove in wind",
      promptSent: "olive grove in wind …",
      model: "offline",
      provider: "offline",
      size: { width: 1440, height: 616 },
      providerRequest: {},
      references: [],
      palette: ["#112233"],
      costUsd: 0,
      createdAt: new Date().toISOString(),
      watermark: null,
      sourceNodeId: h.spec.nodeId,
    };
    const panel = await h.openPanelAsync({ launch: { command: "regenerate", recipe, sourceNodeId: h.spec.nodeId } });
    const fill = panel.ui.locator("[data-panel=fill]");
    await fill.waitFor();
    expect(await fill.getByRole("textbox", { name: "Prompt", exact: true }).inputValue()).toBe("olive grove in wind");
    await fill.locator('[data-hex="#112233"][aria-pressed=true]').waitFor();
    await waitForText(fill, "Preview without AI");
    await panel.page.close();
  });

  test("a recipe naming a retired model says so and regenerates with its replacement", async () => {
    const recipe = {
      version: 1,
      kind: "fill",
      promptTyped: "harbour at dawn",
      promptSent: "harbour at dawn …",
      model: "gemini-3.1-flash-image",
      provider: "gemini",
      size: { width: 1440, height: 616 },
      providerRequest: {},
      references: [],
      palette: [],
      costUsd: 0.067,
      createdAt: new Date().toISOString(),
      watermark: "synthid",
      sourceNodeId: h.spec.nodeId,
    };
    const panel = await h.openPanelAsync({ launch: { command: "regenerate", recipe, sourceNodeId: h.spec.nodeId } });
    const fill = panel.ui.locator("[data-panel=fill]");
    await waitForText(fill.locator("[data-retired-note]"), "This layer's model has been retired: regenerating with Nano Banana 2.");
    await fill.locator("[data-action=generate]").click();
    await fill.locator("[data-result]").first().waitFor();
    expect(h.gemini.requests.at(-1)?.model).toBe("gemini-nano-banana-2.1");
    await panel.page.close();
  });

  test("transparent background is offered where the model has it and sent when ticked", async () => {
    const panel = await h.openPanelAsync();
    const fill = panel.ui.locator("[data-panel=fill]");
    await fill.getByRole("textbox", { name: "Prompt", exact: true }).fill("a product cut-out");
    // gpt-image-2 (the default) has no transparent background: no toggle.
    await waitForText(fill, "GPT Image 2");
    expect(await fill.locator("[data-transparent]").count()).toBe(0);
    await fill.locator("[aria-haspopup=listbox]").first().click();
    await fill.locator('[role=option][data-model="gpt-image-2.6-flare"]').click();
    await fill.getByRole("checkbox", { name: "Transparent background" }).check({ force: true });
    await fill.locator("[data-action=generate]").click();
    await fill.locator("[data-result]").first().waitFor();
    expect(h.openai.requests.at(-1)?.json).toMatchObject({ model: "gpt-image-2.6-flare", background: "transparent" });
    await panel.page.close();
  });
});

describe("look", () => {
  test("every tab fits the default panel in light and dark, and the theme follows figma", async () => {
    const panel = await h.openPanelAsync({ inpaint: inpaintFixture() });
    await panel.ui.locator("[data-panel=fill]").getByRole("textbox", { name: "Prompt", exact: true }).fill("soft morning light over a calm sea");
    await panel.ui.locator("[data-action=generate]").click();
    await panel.ui.locator("[data-result]").first().waitFor();
    const backgrounds: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      await panel.setThemeAsync(theme);
      backgrounds.push(await panel.frame.evaluate(() => getComputedStyle(document.body).backgroundColor));
      // Clicks are dispatched to the controls: after an element screenshot Playwright has clicked at half their x in
      // CI (see openTab). What this test checks is the layout of each tab, not the pointer.
      const settings = panel.ui.locator("[data-action=settings]");
      for (const tab of [...TABS, "Settings"]) {
        if (tab === "Settings") {
          await settings.dispatchEvent("click");
          await panel.ui.locator('[data-action=settings][aria-pressed="true"]').waitFor();
        } else await openTab(panel, tab, { dispatch: true });
        const overflow = await panel.frame.evaluate(() => {
          const wide = [...document.querySelectorAll<HTMLElement>("body *")].filter((el) => el.offsetParent !== null && el.getBoundingClientRect().right > window.innerWidth + 0.5);
          return wide.map((el) => `${el.tagName}.${el.className}`).slice(0, 3);
        });
        expect(overflow, `${tab} overflows at ${PANEL_SIZE.width} px`).toEqual([]);
        await panel.screenshotAsync(`${tab.toLowerCase()}-${theme}`);
        if (tab === "Settings") {
          await settings.dispatchEvent("click");
          await panel.ui.locator('[data-action=settings][aria-pressed="false"]').waitFor();
        }
      }
    }
    expect(backgrounds).toEqual(["rgb(255, 255, 255)", "rgb(44, 44, 44)"]);
    await panel.page.close();
  });

  test("dragging the corner asks main to resize the panel", async () => {
    const panel = await h.openPanelAsync();
    const box = (await panel.page.locator("#plugin").boundingBox())!;
    await panel.page.mouse.move(box.x + box.width - 3, box.y + box.height - 3);
    await panel.page.mouse.down();
    // Dragging inwards keeps the pointer over the iframe (the harness page does not forward moves).
    await panel.page.mouse.move(box.x + box.width - 3 - 40, box.y + box.height - 3 - 20, { steps: 4 });
    await panel.page.mouse.up();
    const resizes = await panel.requestsAsync("resize-ui");
    expect(resizes.at(-1)).toMatchObject({ width: PANEL_SIZE.width - 40, height: PANEL_SIZE.height - 20 });
    await panel.page.close();
  });
});
