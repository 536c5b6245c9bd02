// Runs in Node: small helpers the panel tests share.
import { readFileSync } from "node:fs";
import type { Locator } from "playwright-core";
import { encodeBase64 } from "../../../src/core/encoding/base64.js";
import { decodePng, encodePng } from "../../../src/core/raster/png-codec.js";
import type { Panel, PanelOptions } from "./start-ui-harness.js";
import { fixturePath } from "../../fixtures/fixture-path.js";

/** Waits (up to 8 s) for an element of `locator` that contains `text`. */
export async function waitForText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 8000 });
}

/**
 * Tabs are radios drawn by their labels (the inputs are 0×0): click the label, as a designer does. After an element
 * screenshot, Playwright in CI has clicked at half the label's x (the Fill tab's text was hit for the Inpaint
 * label's centre, the Compare tab's for the Settings button's; alone it never does): `dispatch` (for tests that
 * take screenshots between clicks), or a click its hit test keeps refusing, sends the click event to the label
 * itself. Either way the tab must then be the checked one.
 */
export async function openTab(panel: Panel, name: string, options: { dispatch?: boolean } = {}): Promise<void> {
  const label = panel.ui.locator("label").filter({ has: panel.page.locator(`input[name=brandfill-tab][value="${name}"]`) });
  if (options.dispatch) await label.dispatchEvent("click");
  else {
    try {
      await label.click({ timeout: 4000 });
    } catch {
      await label.dispatchEvent("click");
    }
  }
  await panel.ui.locator(`input[name=brandfill-tab][value="${name}"]:checked`).waitFor({ state: "attached", timeout: 4000 });
}

/** What main reads and exports for an inpaint: a Kodak photo with a white ellipse (change) on black as the mask. */
export function inpaintFixture(): NonNullable<PanelOptions["inpaint"]> {
  const photo = readFileSync(fixturePath("kodak/kodim01.png"));
  const { width, height } = decodePng(photo);
  const mask = { width, height, data: new Uint8ClampedArray(width * height * 4) };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = ((x - 380) / 120) ** 2 + ((y - 260) / 80) ** 2 <= 1 ? 255 : 0;
      mask.data.set([inside, inside, inside, 255], (y * width + x) * 4);
    }
  }
  const target = { nodeId: "img:1", pageId: "0:1", width, height, scale: 1, pixelWidth: width, pixelHeight: height, shapeIds: ["shape:1"] };
  return {
    selection: {
      kind: "inpaint-target",
      image: { nodeId: "img:1", name: "Harbour photo", scaleMode: "FILL", nativeWidth: width, nativeHeight: height, pixelWidth: width, pixelHeight: height, note: null },
      shapes: [{ nodeId: "shape:1", name: "Ellipse 1", type: "ELLIPSE" }],
    },
    sources: { target, image: encodeBase64(photo), mask: encodeBase64(encodePng(mask)), notes: [] },
  };
}
