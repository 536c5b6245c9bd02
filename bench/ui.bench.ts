// Panel weight and time to first render: dist/ui.html and dist/code.js sizes, and the panel's first usable render in Chromium.
import { statSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { ROOT, startUiHarnessAsync } from "../test/ui/harness/start-ui-harness.js";
import { panelBundleOptions } from "../build-options.mjs";
import type { BenchRow } from "./bench-row.js";

const RUNS = 7;

/**
 * Records, inside the panel's iframe, `performance.now()` (ms since the iframe's navigation
 * started) when the first `[data-ready]` element exists: settings and selection are in and the
 * panel can be used. Injected first in <head>, before the bundle.
 */
const READY_PROBE = `<script>new MutationObserver((_, o) => { if (document.querySelector("[data-ready]")) { window.__readyMs = performance.now(); o.disconnect(); } }).observe(document, { subtree: true, childList: true, attributes: true });</script>`;

/** The reference: an empty page whose only element is already ready, measured the same way. */
const EMPTY_PAGE = `<!doctype html><html><head>${READY_PROBE}</head><body><div data-ready>brandfill</div></body></html>`;

/** Minified bytes of a bundle of `contents` (esbuild, same settings as build.mjs), in KB. */
async function bundleKb(contents: string, loader: "tsx" | "ts", platform: "browser" | "neutral"): Promise<number> {
  const result = await esbuild.build({
    stdin: { contents, loader, resolveDir: ROOT },
    bundle: true,
    write: false,
    minify: true,
    format: "iife",
    target: "es2020",
    platform,
    mainFields: ["module", "main"],
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    outdir: "/tmp/brandfill-bench",
  });
  return result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0) / 1024;
}

/** Parts of the panel bundle a size decision is about, by where their bytes come from. */
const PANEL_PARTS: { name: string; test: (input: string) => boolean }[] = [
  { name: "controls and icons (ui/app/shared/controls, ui/base.css)", test: (i) => i.startsWith("ui/app/shared/controls/") || i === "ui/base.css" },
  { name: "preact (core, hooks)", test: (i) => i.includes("node_modules/preact/") },
  {
    name: "pixel code (core colour, inpaint, variants, raster; culori)",
    test: (i) => /^src\/core\/(colour|inpaint|variants|raster)\//.test(i) || i.includes("node_modules/culori/"),
  },
  { name: "screens (ui/app, with their CSS)", test: (i) => i.startsWith("ui/app/") },
];

/**
 * Minified bytes (KB) of the panel bundle by part (before build.mjs's terser pass, which takes
 * about 2 KB more off the script), from esbuild's metafile with build.mjs's
 * settings for the panel (`build-options.mjs`); whatever no part claims is "the rest" (jobs, protocol, valibot, …).
 */
async function panelPartsKb(): Promise<{ name: string; kb: number }[]> {
  // The panel exactly as build.mjs bundles it, with a metafile, nothing written.
  const result = await esbuild.build({ ...panelBundleOptions, absWorkingDir: ROOT, metafile: true, logLevel: "silent" });
  const parts = new Map<string, number>([...PANEL_PARTS.map((p) => [p.name, 0] as [string, number]), ["the rest (jobs, protocol, valibot, …)", 0]]);
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = PANEL_PARTS.find((p) => p.test(input))?.name ?? "the rest (jobs, protocol, valibot, …)";
      parts.set(part, parts.get(part)! + bytesInOutput);
    }
  }
  return [...parts].map(([name, bytes]) => ({ name, kb: bytes / 1024 }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export default async function (): Promise<BenchRow[]> {
  const harness = await startUiHarnessAsync(); // builds dist/ first
  try {
    const uiKb = statSync(join(ROOT, "dist/ui.html")).size / 1024;
    const codeKb = statSync(join(ROOT, "dist/code.js")).size / 1024;
    // References, bundled now: the floor of any preact panel with base.css, and of any main
    // thread that parses the message schemas (valibot).
    const helloPanelKb = await bundleKb(`import "./ui/base.css"; import { render } from "preact"; render(<div>brandfill</div>, document.body);`, "tsx", "browser");
    const schemasKb = await bundleKb(
      `import * as v from "valibot"; import { UiToMain } from "./src/core/protocol/plugin-messages.ts"; console.log(v.safeParse(UiToMain, globalThis));`,
      "ts",
      "neutral",
    );

    const measure = async (transform: (html: string) => string) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const panel = await harness.openPanelAsync({ transformHtml: transform });
        times.push(await panel.frame.evaluate(() => (globalThis as unknown as { __readyMs: number }).__readyMs));
        await panel.page.close();
      }
      return median(times);
    };
    const panelMs = await measure((html) => html.replace("<head>", `<head>${READY_PROBE}`));
    const emptyMs = await measure(() => EMPTY_PAGE);

    const parts = await panelPartsKb();
    return [
      { name: "dist/ui.html size", value: uiKb, unit: "KB", referenceName: "hello preact panel + base.css", reference: helloPanelKb, target: "≤ 150 KB", pass: uiKb <= 150 },
      ...parts.map((part) => ({ name: `  of which ${part.name}`, value: part.kb, unit: "KB", referenceName: "dist/ui.html", reference: uiKb })),
      { name: "dist/code.js size", value: codeKb, unit: "KB", referenceName: "message schemas alone", reference: schemasKb, target: "≤ 60 KB", pass: codeKb <= 60 },
      { name: `panel first usable render (median of ${RUNS})`, value: panelMs, unit: "ms", referenceName: "empty page, same probe", reference: emptyMs },
    ];
  } finally {
    await harness.closeAsync();
  }
}
