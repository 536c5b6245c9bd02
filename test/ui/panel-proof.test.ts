// Issue 19: the panel shows its proof (colour report, actual cost, references) and Figma's look in
// every state, light and dark: readable colours, visible focus, no tiny text, no developer-speak, axe.
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MODEL_CATALOG } from "../../src/core/catalog/model-catalog.js";
import { encodeBase64 } from "../../src/core/encoding/base64.js";
import type { Recipe } from "../../src/core/protocol/recipe.js";
import { createApp } from "../../src/proxy/create-app.js";
import { createOfflineProvider } from "../../src/proxy/providers/offline-provider.js";
import { createOpenAiProvider } from "../../src/proxy/providers/openai-provider.js";
import { auditPanelAsync, coloursAsync, contrastRatio, DEVELOPER_SPEAK } from "./harness/audit-panel.js";
import { inpaintFixture, openTab, waitForText } from "./harness/panel-helpers.js";
import { startUiHarnessAsync, type Panel, type UiHarness } from "./harness/start-ui-harness.js";
import { fixturePath } from "../fixtures/fixture-path.js";

/** Tabbing through every control and running axe takes several seconds a state on the shared 2-core machine. */
const AUDIT_TIMEOUT_MS = 180_000;

let h: UiHarness;
beforeAll(async () => {
  h = await startUiHarnessAsync();
});
afterAll(async () => {
  await h?.closeAsync();
});

const fill = (panel: Panel) => panel.ui.locator("[data-panel=fill]");
const prompt = (panel: Panel) => fill(panel).getByRole("textbox", { name: "Prompt", exact: true });
const month = () => `${new Date().getFullYear()}-${String(new Date().getMonth() + 1).padStart(2, "0")}`;

async function chooseModel(panel: Panel, modelId: string): Promise<void> {
  await fill(panel).locator("[aria-haspopup=listbox]").first().click();
  await fill(panel).locator(`[role=option][data-model="${modelId}"]`).click();
}

/** "$0.041" as the panel writes a cost the proxy reported. */
const dollars = (usd: number) => `$${usd < 0.01 ? usd.toFixed(3) : usd.toFixed(2)}`;

/** A small real PNG (a Kodak crop) standing for a layer main exports as a reference. */
const REFERENCE_PNG = readFileSync(fixturePath("kodak/kodim23.png"));

function recipe(over: Partial<Recipe>): Recipe {
  return {
    version: 1,
    kind: "fill",
    promptTyped: "a prompt",
    promptSent: "a prompt …",
    model: "gpt-image-2",
    provider: "openai",
    size: { width: 1440, height: 616 },
    providerRequest: {},
    references: [],
    palette: [],
    costUsd: 0.041,
    createdAt: "2026-12-01T10:00:00.000Z",
    watermark: null,
    sourceNodeId: "1:2",
    ...over,
  };
}

describe.each(["light", "dark"] as const)("in %s mode", (theme) => {
  test("a fill result shows its brand-colour report and what it cost beside the estimate, and the panel passes the audit", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    const panel = await h.openPanelAsync({ theme, settings: { defaultVariants: 2 } });
    await fill(panel).locator('[data-hex="#4659FF"]').click();
    await prompt(panel).fill("calm teal waves at dawn");
    await panel.ui.locator("[data-action=generate]").click();
    await panel.ui.locator("[data-result] [data-colour-report]").nth(1).waitFor();
    await panel.ui.locator("[data-action=place-all]").click();
    await expect.poll(() => panel.ui.locator("[data-result] [data-placed]").count()).toBe(2);
    const places = await panel.requestsAsync("place-fill");
    expect(places).toHaveLength(2);
    type Line = { hex: string; deltaE2000Before: number | null; deltaE2000After: number | null; absent: boolean; structure?: { lightnessSsim: number; newHardEdges: number } };
    for (const [i, place] of places.entries()) {
      const card = panel.ui.locator("[data-result]").nth(i);
      const line = (place.recipe.lockReport as Line[])[0]!;
      expect(line.hex).toBe("#4659FF");
      // The card shows the lock's own numbers, as measured on this image.
      const shown = await card.locator('[data-colour="#4659FF"]').innerText();
      expect(shown).toContain("#4659FF");
      expect(shown).toContain(line.absent ? "not in the image" : `ΔE ${line.deltaE2000Before!.toFixed(1)} → ${line.deltaE2000After!.toFixed(1)}`);
      if (line.absent) await card.locator("[data-lock-warning]").first().waitFor();
      // "Brand colours locked" only when the colour was found and brought within ΔE2000 1.
      expect(await card.locator("[data-locked]").count()).toBe(!line.absent && line.deltaE2000After! <= 1 ? 1 : 0);
      // The lock's photo-safety measures (issue 16), when it measured them.
      if (line.structure) {
        const edges = Math.round(line.structure.newHardEdges);
        expect(await card.locator("[data-structure]").innerText()).toBe(
          `Texture kept ${Math.round(line.structure.lightnessSsim * 100)}%, ${edges ? `${edges} new hard edges` : "no new hard edges"}`,
        );
      } else expect(await card.locator("[data-structure]").count()).toBe(0);
      // What the proxy charged for this image (the recipe's share of the run), next to the estimate shown before.
      expect(place.recipe.costUsd).toBeGreaterThan(0);
      expect(await card.locator("[data-actual-cost]").innerText()).toBe(`Cost ${dollars(place.recipe.costUsd!)} (estimate ≈ $0.04)`);
    }
    // At least one of the two pictures had the colour to lock (the emulator draws a blue and a purple one).
    expect(places.some((p) => !(p.recipe.lockReport as Line[])[0]!.absent)).toBe(true);
    const place = places[0]!;
    await panel.screenshotAsync(`proof-fill-result-${theme}`);
    expect(await auditPanelAsync(panel.page, panel.frame)).toEqual([]);

    // History lists the placed layer by its model's label, with cost and date, and passes too.
    await openTab(panel, "History");
    const history = panel.ui.locator("[data-panel=history]");
    await history.locator("[data-history]").first().waitFor();
    expect(await history.locator("[data-history]").first().innerText()).toContain(`GPT Image 2 · ${dollars(place!.recipe.costUsd!)}`);
    expect(await auditPanelAsync(panel.page, panel.frame)).toEqual([]);

    // Settings has a title and a way back.
    await panel.ui.locator("[data-action=settings]").click();
    await panel.ui.getByRole("heading", { name: "Settings" }).waitFor();
    expect(await auditPanelAsync(panel.page, panel.frame)).toEqual([]);
    await panel.screenshotAsync(`proof-settings-${theme}`);
    await panel.ui.locator("[data-action=back]").click();
    await panel.ui.locator("[data-panel=history]").waitFor();
    await panel.page.close();
  });

  test("errors use Figma's danger colours and warnings stay warnings, both readable; only a retryable error offers Try again", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    const panel = await h.openPanelAsync({ theme, settings: { monthlyBudgetUsd: 0.05, spend: { month: month(), usd: 0.03 } } });
    await prompt(panel).fill("a run the provider refuses");
    h.openai.enqueue({ status: 503 });
    await panel.ui.locator("[data-action=generate]").click();
    const error = fill(panel).locator("[data-tone=error]");
    await error.waitFor();
    await fill(panel).locator("[data-tone=warning]").waitFor();
    await error.locator("[data-action=retry]").waitFor();
    await panel.screenshotAsync(`proof-error-warning-${theme}`);

    const errorText = await coloursAsync(panel.frame, "[data-panel=fill] [data-tone=error] > div");
    const warningText = await coloursAsync(panel.frame, "[data-panel=fill] [data-tone=warning] > div");
    const retry = await coloursAsync(panel.frame, "[data-panel=fill] [data-action=retry]");
    for (const { color, background, page } of [errorText, warningText, retry]) expect(contrastRatio(color, background, page)).toBeGreaterThanOrEqual(4.5);
    // An error is not drawn as a warning: its fill is Figma's danger tint.
    const danger = await panel.frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--figma-color-bg-danger-tertiary").trim());
    const hex = (c: { r: number; g: number; b: number }) => `#${[c.r, c.g, c.b].map((x) => Math.round(x).toString(16).padStart(2, "0")).join("")}`;
    expect(hex(errorText.background)).toBe(danger);
    expect(hex(errorText.background)).not.toBe(hex(warningText.background));
    // The footer does not repeat the banner.
    expect(await panel.ui.locator("[data-panel=fill] footer").innerText()).not.toContain("provider");
    expect(await auditPanelAsync(panel.page, panel.frame)).toEqual([]);

    // Try again runs the same request; a refusal that trying again cannot fix has no Try again.
    h.openai.enqueue("moderationBlocked");
    await error.locator("[data-action=retry]").click();
    await waitForText(fill(panel).locator("[data-tone=error]"), "safety");
    expect(await fill(panel).locator("[data-action=retry]").count()).toBe(0);
    await panel.page.close();
  });

  test("an inpaint result shows its colour report, changed-outside count and cost, and the tab passes the audit", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    const panel = await h.openPanelAsync({ theme, inpaint: inpaintFixture() });
    await fill(panel).locator('[data-hex="#4659FF"]').click();
    await openTab(panel, "Inpaint");
    const inpaint = panel.ui.locator("[data-panel=inpaint]");
    await inpaint.getByRole("textbox", { name: "What to paint in the shape" }).fill("a red buoy");
    await inpaint.locator("[data-action=inpaint]").click();
    const card = inpaint.locator("[data-result]").first();
    // Export, model call, lock and blend of a 768×512 photo: allow for the shared machine.
    await card.waitFor({ timeout: 60_000 });
    await card.locator("[data-colour-report]").waitFor();
    expect(await card.locator("[data-summary]").innerText()).toMatch(/^\d[\d,]* pixels? changed beyond the soft edge$/);
    expect(await card.locator("[data-actual-cost]").innerText()).toMatch(/^Cost (\$\d+\.\d+|free|price unknown) \(estimate (≈ \$\d+\.\d+|free|price unknown)\)$/);
    // The model by its label, never its id.
    expect(await card.innerText()).not.toMatch(DEVELOPER_SPEAK);
    await panel.screenshotAsync(`proof-inpaint-result-${theme}`);
    expect(await auditPanelAsync(panel.page, panel.frame)).toEqual([]);
    await panel.page.close();
  });

  test("variants and compare pass the audit, and compare shows each model's actual cost beside its estimate", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    const panel = await h.openPanelAsync({ theme });
    await openTab(panel, "Variants");
    await panel.ui.locator("[data-panel=variants] [data-preset]").first().waitFor();
    await panel.screenshotAsync(`proof-variants-${theme}`);
    expect(await auditPanelAsync(panel.page, panel.frame)).toEqual([]);
    await openTab(panel, "Compare");
    const compare = panel.ui.locator("[data-panel=compare]");
    await compare.getByRole("textbox", { name: "Prompt (shared with Fill)" }).fill("glass towers at dusk");
    await compare.locator("[data-action=compare]").click();
    await expect.poll(() => compare.locator("[data-compare-entry]:not([data-status=running])").count(), { timeout: 8000 }).toBe(2);
    expect(await compare.locator('[data-compare-entry="gpt-image-2"] [data-stats]').innerText()).toMatch(/^\d+\.\d s · \$0\.04\d* \(estimate ≈ \$0\.04\d*\)$/);
    expect(await auditPanelAsync(panel.page, panel.frame)).toEqual([]);
    await panel.page.close();
  });
});

describe("references", () => {
  test("references added from the selection are shown with the model's limit, sent with the fill, kept in the recipe and reused by regenerate", {
    timeout: AUDIT_TIMEOUT_MS,
  }, async () => {
    const references = [
      { nodeId: "ref:1", name: "Moodboard photo", png: encodeBase64(REFERENCE_PNG), width: 768, height: 512 },
      { nodeId: "ref:2", name: "Texture", png: encodeBase64(REFERENCE_PNG), width: 768, height: 512 },
    ];
    const panel = await h.openPanelAsync({ references });
    await chooseModel(panel, "gemini-nano-banana-2.1");
    const field = fill(panel).locator("[data-references]");
    await waitForText(field, "up to 14");
    await field.locator("[data-action=add-references]").click();
    await field.locator("[data-reference]").nth(1).waitFor();
    await waitForText(field, "2 of 14");
    const [asked] = await panel.requestsAsync("export-references");
    expect(asked).toMatchObject({ limit: 14 });
    expect(asked!.nodeIds).toBeUndefined();
    await field.getByRole("button", { name: "Remove reference Texture" }).click();
    await expect.poll(() => field.locator("[data-reference]").count()).toBe(1);

    h.gemini.requests.length = 0;
    await prompt(panel).fill("a beach in the style of the reference");
    await panel.ui.locator("[data-action=generate]").click();
    await panel.ui.locator("[data-action=place]").first().click();
    await panel.ui.locator("[data-placed]").first().waitFor();
    // The reference reached the provider as an image part, byte for byte.
    const sent = h.gemini.requests.flatMap((r) => r.inlineImages ?? []);
    expect(sent.some((image) => Buffer.from(image.bytes).equals(REFERENCE_PNG))).toBe(true);
    const [place] = await panel.requestsAsync("place-fill");
    expect(place!.recipe.references).toEqual(["ref:1"]);

    // Regenerate from History asks main for the same layers again, by node id.
    await openTab(panel, "History");
    await panel.ui.locator("[data-panel=history] [data-action=regenerate]").first().click();
    await expect.poll(async () => (await panel.requestsAsync("export-references")).at(-1)?.nodeIds).toEqual(["ref:1"]);
    await expect.poll(() => field.locator("[data-reference]").count()).toBe(1);
    // The references field and its remove buttons pass the audit in both themes.
    for (const theme of ["light", "dark"] as const) {
      await panel.setThemeAsync(theme);
      await panel.screenshotAsync(`proof-references-${theme}`);
      expect(await auditPanelAsync(panel.page, panel.frame)).toEqual([]);
    }
    await panel.page.close();
  });
});

describe("the audit", () => {
  test("catches faint text, tiny text, an invisible focus ring, a faint placeholder and developer-speak", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    const panel = await h.openPanelAsync();
    await panel.frame.evaluate(() => {
      const bad = document.createElement("section");
      bad.innerHTML =
        '<p style="color:#eee">faint words</p><p style="font-size:9px">tiny words</p>' +
        '<button style="outline:none;box-shadow:none" id="bad-focus">No ring</button>' +
        '<input placeholder="faint hint" style="color:#000" id="bad-hint"><p>Run npm start first</p><style>#bad-hint::placeholder{color:#eee}</style>';
      document.querySelector("[data-panel=fill] section")!.append(bad);
    });
    const problems = (await auditPanelAsync(panel.page, panel.frame)).join("\n");
    expect(problems).toContain("developer-speak on screen: “npm start”");
    expect(problems).toContain("text under 11 px: 9 px: tiny words");
    expect(problems).toContain("placeholder under 3:1");
    expect(problems).toMatch(/focus not visible on button “No ring”/);
    expect(problems).toMatch(/axe color-contrast: .*foreground color: #eeeeee/);
    await panel.page.close();
  });
});

describe("history, menus and keys", () => {
  test("history lists every generated layer in the file by page, newest first, with the model's label and no placeholder", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    const thumb = encodeBase64(REFERENCE_PNG);
    const panel = await h.openPanelAsync({
      generated: [
        {
          nodeId: "g:1",
          name: "✦ dunes",
          recipe: recipe({ promptTyped: "dunes at noon", createdAt: "2026-12-03T10:00:00.000Z" }),
          thumbnail: thumb,
          pageId: "0:1",
          pageName: "Campaign",
        },
        {
          nodeId: "g:2",
          name: "✦ harbour",
          recipe: recipe({ promptTyped: "harbour fog", model: "offline", provider: "offline", costUsd: 0, createdAt: "2026-12-05T10:00:00.000Z" }),
          thumbnail: thumb,
          pageId: "0:2",
          pageName: "Archive",
        },
        {
          nodeId: "g:3",
          name: "✦ dusk",
          recipe: recipe({ promptTyped: "city at dusk", createdAt: "2026-12-06T10:00:00.000Z" }),
          thumbnail: null,
          pageId: "0:1",
          pageName: "Campaign",
        },
      ],
    });
    await openTab(panel, "History");
    const history = panel.ui.locator("[data-panel=history]");
    await history.locator("[data-history]").nth(2).waitFor();
    expect(await history.locator("[data-history-page]").evaluateAll((els) => els.map((e) => e.getAttribute("data-history-page")))).toEqual(["Campaign", "Archive"]);
    expect(await history.locator("[data-history]").evaluateAll((els) => els.map((e) => e.getAttribute("data-history")))).toEqual(["g:3", "g:1", "g:2"]);
    const text = await history.innerText();
    expect(text).toContain("GPT Image 2 · $0.04 ·");
    expect(text).toContain("· free ·");
    expect(text).not.toMatch(DEVELOPER_SPEAK);
    await history.getByRole("button", { name: "Select layer ✦ harbour" }).click();
    await expect.poll(() => panel.page.evaluate(() => (window as unknown as { harness: { selectedNode: string } }).harness.selectedNode)).toBe("g:2");
    await panel.screenshotAsync("proof-history-light");
    await panel.page.close();
  });

  test("a provider the proxy has no key for is one sentence at the top of the model menu, with the detail in its tooltip", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    // A proxy with OpenAI only, as a team without a Gemini key would run it.
    const app = createApp({
      config: { catalog: [...MODEL_CATALOG], deadlineMs: 20_000, maxBodyBytes: 64 * 1024 * 1024, log: false },
      providers: { offline: createOfflineProvider(), openai: createOpenAiProvider({ apiKey: "test", baseURL: h.openai.url, maxRetries: 0 }) },
      logLine: () => undefined,
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
    try {
      const panel = await h.openPanelAsync({ settings: { proxyUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } });
      await fill(panel).locator("[aria-haspopup=listbox]").first().click();
      const menu = fill(panel).getByRole("listbox");
      const sentence = menu.locator("[data-unavailable]");
      expect(await sentence.innerText()).toBe("Ask whoever runs your team's proxy to add a Google Gemini key for more models.");
      expect(await sentence.getAttribute("title")).toContain("GEMINI_API_KEY");
      const text = await menu.innerText();
      expect(text).not.toMatch(DEVELOPER_SPEAK);
      expect(text.split("Not on your team's proxy.").length - 1).toBe(await menu.locator('[role=option][aria-disabled="true"]').count());
      await panel.screenshotAsync("proof-model-menu-light");
      await panel.page.close();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test("an account out of credit says so, without too many requests and without try again", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    const panel = await h.openPanelAsync();
    h.openai.enqueue("insufficientQuota");
    await prompt(panel).fill("a run on an empty account");
    await panel.ui.locator("[data-action=generate]").click();
    const error = fill(panel).locator("[data-tone=error]");
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toMatch(/OpenAI/);
    expect(text).toMatch(/whoever runs your team's proxy/i);
    expect(text).not.toMatch(/too many requests/i);
    expect(await error.locator("[data-action=retry]").count()).toBe(0);
    await panel.page.close();
  });

  test("escape cancels a running fill, and the shortcut is named on the primary action", { timeout: AUDIT_TIMEOUT_MS }, async () => {
    const panel = await h.openPanelAsync();
    const closedBefore = h.openai.closedConnections;
    expect(await panel.ui.locator("[data-action=generate]").getAttribute("aria-keyshortcuts")).toBe("Control+Enter");
    await waitForText(panel.ui.locator("[data-panel=fill] footer"), "Describe the image");
    h.openai.enqueue({ hang: true });
    await prompt(panel).fill("a slow sunrise");
    await waitForText(panel.ui.locator("[data-panel=fill] footer"), "Ctrl+Enter to generate");
    await panel.ui.locator("[data-action=generate]").click();
    await panel.ui.locator("[data-running]").waitFor();
    await panel.page.keyboard.press("Escape");
    await waitForText(fill(panel).getByRole("status"), "Cancelled. Nothing was placed.");
    await h.openai.waitForClosedConnectionsAsync(closedBefore + 1);
    await panel.page.close();
  });
});
