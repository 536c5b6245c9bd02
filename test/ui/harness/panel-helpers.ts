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
 * Tabs are radios drawn by their labels (the inputs are 0×0): click the label, as a designer does. Once in CI under
 * load (after an element screenshot in the dark theme), Playwright's hit test kept finding the Fill tab's text at
 * the Inpaint label's centre for 8 s although the screenshot just taken shows them apart; a click that its hit test
 * refuses is then dispatched on the label itself, and the tab must still open (the caller checks what it shows).
 */
export async function openTab(panel: Panel, name: string): Promise<void> {
  const label = panel.ui.locator("label").filter({ has: panel.page.locator(`input[name=brandfill-tab][value="${name}"]`) });
  try {
    await label.click({ timeout: 4000 });
  } catch {
    await label.dispatchEvent("click");
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
