// The built panel reads and writes PNGs with the browser's codec: an inpaint made there must match the
// same job run in Node with fast-png, within the rounding the codec documents, and keep every pixel
// outside the feathered mask transparent.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decodeBase64, encodeBase64 } from "../../src/core/encoding/base64.js";
import { blendMask } from "../../src/core/inpaint/blend-mask.js";
import { maskFromImage } from "../../src/core/inpaint/mask-from-image.js";
import { decodePng, fastPngCodec } from "../../src/core/raster/png-codec.js";
import { createProxyClient } from "../../src/jobs/proxy-client.js";
import { runInpaintJobAsync } from "../../src/jobs/run-inpaint-job.js";
import { expectWithinCanvasRounding } from "./harness/canvas-rounding.js";
import { inpaintFixture, openTab, waitForText } from "./harness/panel-helpers.js";
import { startUiHarnessAsync, type Panel, type PanelOptions, type UiHarness } from "./harness/start-ui-harness.js";

let h: UiHarness;
beforeAll(async () => {
  h = await startUiHarnessAsync();
});
afterAll(async () => {
  await h?.closeAsync();
});

const PROMPT = "a red rowing boat";

/** Opens Inpaint on `fixture` and runs it with the offline model (deterministic, so Node can repeat it). */
async function inpaintOfflineAsync(fixture: NonNullable<PanelOptions["inpaint"]>): Promise<Panel> {
  const panel = await h.openPanelAsync({ inpaint: fixture });
  await openTab(panel, "Inpaint");
  const inpaint = panel.ui.locator("[data-panel=inpaint]");
  await waitForText(inpaint.locator("[data-selection=inpaint-target]"), "Mask from 1 shape");
  await inpaint.locator("[aria-haspopup=listbox]").first().click();
  await inpaint.locator('[role=option][data-model="offline"]').click();
  await inpaint.getByRole("textbox", { name: "What to paint in the shape" }).fill(PROMPT);
  await inpaint.locator("[data-action=inpaint]").click();
  return panel;
}

describe("the panel's png codec", () => {
  test("an inpaint patch from the panel is node's within the canvas rounding, transparent outside the feathered mask", async () => {
    const fixture = inpaintFixture();
    const panel = await inpaintOfflineAsync(fixture);
    const inpaint = panel.ui.locator("[data-panel=inpaint]");
    await waitForText(inpaint.locator("[data-summary]"), "0 pixels changed beyond the soft edge");
    await inpaint.locator("[data-action=place]").click();
    await inpaint.locator("[data-placed]").waitFor();
    const [place] = await panel.requestsAsync("place-inpaint-patch");
    await panel.page.close();
    const { growPx, featherPx } = place!.recipe.providerRequest as { growPx: number; featherPx: number };

    const sources = { image: decodeBase64(fixture.sources.image), mask: decodeBase64(fixture.sources.mask) };
    const node = await runInpaintJobAsync({ sources, prompt: PROMPT, model: "offline", n: 1, palette: [], growPx, featherPx }, createProxyClient(h.proxyUrl), fastPngCodec);
    const expected = node.candidates[0]!;
    expect(place!.bounds).toEqual(expected.bounds);
    const patch = decodePng(decodeBase64(place!.png!));
    expectWithinCanvasRounding(patch, decodePng(expected.patchPng));

    // The guarantee, from the mask itself: wherever the blend mask is 0, the patch is fully transparent.
    const blend = blendMask(maskFromImage(decodePng(sources.mask)), growPx, featherPx);
    const { x, y, width, height } = place!.bounds;
    let outside = 0;
    let translucent = 0;
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const alpha = patch.data[(row * width + col) * 4 + 3]!;
        if (blend.data[(y + row) * blend.width + x + col] === 0) {
          outside++;
          expect(alpha).toBe(0);
        } else if (alpha > 0 && alpha < 255) translucent++;
      }
    }
    // Both kinds of pixel were there to check: the box's corners, and the feather.
    expect(outside).toBeGreaterThan(1000);
    expect(translucent).toBeGreaterThan(1000);
  });

  test("an export the panel cannot read as a png is explained, not drawn", async () => {
    const fixture = inpaintFixture();
    const notPng = await inpaintOfflineAsync({ ...fixture, sources: { ...fixture.sources, image: encodeBase64(new TextEncoder().encode("not an image")) } });
    await waitForText(notPng.ui.locator("[data-panel=inpaint] [role=alert]"), "The image is not a PNG the panel can read.");
    await notPng.page.close();

    const mask = decodeBase64(fixture.sources.mask);
    const cutOff = await inpaintOfflineAsync({ ...fixture, sources: { ...fixture.sources, mask: encodeBase64(mask.subarray(0, mask.length >> 1)) } });
    await waitForText(cutOff.ui.locator("[data-panel=inpaint] [role=alert]"), "The PNG image is damaged or cut off, so the panel cannot read it.");
    expect(await cutOff.requestsAsync("place-inpaint-patch")).toEqual([]);
    await cutOff.page.close();
  });
});
