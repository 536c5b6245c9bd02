import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeBase64, encodeBase64 } from "../../src/core/encoding/base64.js";
import { fitCover } from "../../src/core/raster/fit-cover.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { inpaintFixture, openTab, waitForText } from "./harness/panel-helpers.js";
import { startUiHarnessAsync, type UiHarness } from "./harness/start-ui-harness.js";
import { fixturePath } from "../fixtures/fixture-path.js";

let h: UiHarness;
beforeAll(async () => {
  h = await startUiHarnessAsync();
});
afterAll(async () => {
  await h?.closeAsync();
});

describe("inpaint and variants", () => {
  test("variants lists preset sizes, takes custom sizes and explains a bad one", async () => {
    const panel = await h.openPanelAsync();
    await openTab(panel, "Variants");
    const variants = panel.ui.locator("[data-panel=variants]");
    await waitForText(variants.locator("[data-size-count]"), "3 chosen");
    await variants.getByRole("checkbox", { name: /Billboard/ }).check();
    await variants.getByRole("textbox", { name: "Custom sizes" }).fill("600x300, 5000x10");
    await waitForText(variants.getByRole("alert"), 'not valid: "5000x10"');
    await variants.getByRole("textbox", { name: "Custom sizes" }).fill("600x300");
    await waitForText(variants.locator("[data-size-count]"), "5 chosen");
    expect(await variants.getByRole("listitem", { name: "600 by 300" }).count()).toBe(1);
    expect(await variants.getByRole("listitem", { name: "1080 by 1920 with a safe zone" }).count()).toBe(1);
    await panel.sendEventAsync({ type: "selection-changed", selection: { kind: "none", reason: "Select a frame to fill." } });
    await waitForText(variants.locator("[data-selection=none]"), "Select a frame to make sizes from.");
    await panel.page.close();
  });

  test("variants makes every chosen size beside the source, each with its own background", async () => {
    const photo = decodePng(readFileSync(fixturePath("kodak/kodim01.png")));
    const background = encodePng(fitCover(photo, h.spec.width, h.spec.height));
    const panel = await h.openPanelAsync({
      variants: {
        sizes: ["iab-medium-rectangle", "iab-leaderboard", "600x300"],
        source: {
          kind: "image",
          png: encodeBase64(background),
          box: { x: 0, y: 0, width: h.spec.width, height: h.spec.height },
          elementId: "bg:1",
          frame: { width: h.spec.width, height: h.spec.height },
          recipe: null,
        },
      },
    });
    await openTab(panel, "Variants");
    const variants = panel.ui.locator("[data-panel=variants]");
    // The sizes this file remembers are ticked (presets) and typed (custom).
    await waitForText(variants.locator("[data-size-count]"), "3 chosen");
    expect(await variants.getByRole("textbox", { name: "Custom sizes" }).inputValue()).toBe("600x300");
    await variants.locator("[aria-haspopup=listbox]").click();
    await variants.locator('[role=option][data-model="offline"]').click();
    await variants.locator("[data-action=make-sizes]").click();
    // Three model calls, fits and placements: waits allow for the 2-core machine the suite shares.
    await expect.poll(() => variants.locator("[data-variant-size][data-status=done]").count(), { timeout: 60_000 }).toBe(3);
    const [create] = await panel.requestsAsync("create-variant-frames");
    expect(create!.sizes).toEqual([
      { width: 300, height: 250, presetId: "iab-medium-rectangle" },
      { width: 728, height: 90, presetId: "iab-leaderboard" },
      { width: 600, height: 300 },
    ]);
    const placed = await panel.requestsAsync("place-variant-background");
    expect(placed.map((p) => p.target.nodeId).sort()).toEqual(["variant:0", "variant:1", "variant:2"]);
    for (const p of placed) {
      const image = decodePng(decodeBase64(p.png!));
      expect([image.width, image.height]).toEqual([p.width, p.height]);
      expect(image.width / image.height).toBeCloseTo(p.target.width / p.target.height, 1);
    }
    expect((await panel.requestsAsync("set-variant-sizes"))[0]!.sizes).toEqual(["iab-medium-rectangle", "iab-leaderboard", "600x300"]);
    await panel.page.close();
  }, 120_000);

  test("inpaint exports the image and mask, edits through the proxy and places a patch", async () => {
    const panel = await h.openPanelAsync({ inpaint: inpaintFixture() });
    await openTab(panel, "Inpaint");
    const inpaint = panel.ui.locator("[data-panel=inpaint]");
    await waitForText(inpaint.locator("[data-selection=inpaint-target]"), "Mask from 1 shape: Ellipse 1");
    await inpaint.getByRole("textbox", { name: "What to paint in the shape" }).fill("a red rowing boat");
    await inpaint.locator("[data-action=inpaint]").click();
    await inpaint.locator("[data-summary]").filter({ hasText: "0 pixels changed beyond the soft edge" }).first().waitFor({ timeout: 60_000 });
    const edit = h.openai.requests.at(-1)!;
    expect(edit.path).toBe("/v1/images/edits");
    expect(JSON.stringify(edit.form)).toContain("mask");
    await inpaint.locator("[data-action=place]").click();
    await inpaint.locator("[data-placed]").waitFor();
    const [place] = await panel.requestsAsync("place-inpaint-patch");
    const patch = decodePng(decodeBase64(place!.png!));
    expect([patch.width, patch.height]).toEqual([place!.bounds.width, place!.bounds.height]);
    // Transparent outside the feathered ellipse (a corner of its box), opaque at its centre.
    expect(patch.data[3]).toBe(0);
    const cx = 380 - place!.bounds.x;
    const cy = 260 - place!.bounds.y;
    expect(patch.data[(cy * patch.width + cx) * 4 + 3]).toBe(255);
    expect(place!.recipe.kind).toBe("inpaint");
    expect(place!.target.shapeIds).toEqual(["shape:1"]);
    await panel.page.close();
  }, 120_000);

  test("inpaint says what to select and checks the feather", async () => {
    const panel = await h.openPanelAsync();
    await openTab(panel, "Inpaint");
    const inpaint = panel.ui.locator("[data-panel=inpaint]");
    await waitForText(inpaint.locator("[data-selection=none]"), "Select an image and a shape drawn over it.");
    await inpaint.getByRole("textbox", { name: "What to paint in the shape" }).fill("a vase");
    await inpaint.getByRole("textbox", { name: "Feather (px)" }).fill("200");
    await inpaint.getByRole("textbox", { name: "Feather (px)" }).press("Enter");
    await waitForText(inpaint.getByRole("alert"), "Feather must be a whole number of pixels from 0 to 64.");
    expect(await inpaint.locator("[data-action=inpaint]").isDisabled()).toBe(true);
    await panel.page.close();
  });
});
