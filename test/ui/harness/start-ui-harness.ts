// Runs in Node: the real proxy with emulated providers, Chromium, and the harness page around dist/ui.html.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { chromium, type Browser, type Frame, type FrameLocator, type Page } from "playwright-core";
import { MODEL_CATALOG } from "../../../src/core/catalog/model-catalog.js";
import { buildFrameSpec } from "../../../src/core/frame-spec/build-frame-spec.js";
import type { FrameSpec } from "../../../src/core/frame-spec/frame-spec.js";
import { findRestFrame, specNodeFromRest } from "../../../src/core/frame-spec/spec-node-from-rest.js";
import type { Recipe } from "../../../src/core/protocol/recipe.js";
import type { InpaintSelectionState, InpaintTarget, MainEvent, SelectionState, UiRequest } from "../../../src/core/protocol/plugin-messages.js";
import type { VariantSourceReply } from "../../../src/core/variants/variant-messages.js";
import { createApp } from "../../../src/proxy/create-app.js";
import { createGeminiProvider } from "../../../src/proxy/providers/gemini-provider.js";
import { createOfflineProvider } from "../../../src/proxy/providers/offline-provider.js";
import { createOpenAiProvider } from "../../../src/proxy/providers/openai-provider.js";
import { startGeminiEmulator, startOpenAiEmulator, type GeminiEmulator, type OpenAiEmulator } from "../../emulators/index.js";
import { HARNESS_PAGE } from "./harness-page.js";
import { fixturePath } from "../../fixtures/fixture-path.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
export const SCREENSHOT_DIR = join(ROOT, "test-output/screenshots");
/** Debian's Chromium, or the browser BRANDFILL_CHROMIUM names (scripts/check-test-needs.mjs checks it before `npm test`). */
const CHROMIUM = process.env.BRANDFILL_CHROMIUM || "/usr/bin/chromium";
const HERO_FIXTURE = fixturePath("figma-rest/GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json");
/** Figma's default panel size for brandfill (src/main UI_SIZE). */
export const PANEL_SIZE = { width: 380, height: 640 } as const;

export interface PanelOptions {
  selection?: SelectionState;
  /** figma.clientStorage contents, by key (`brandfill.settings` holds the panel's settings). */
  storage?: Record<string, unknown>;
  /** Settings merged over `{ proxyUrl: <the test proxy> }`. */
  settings?: Record<string, unknown>;
  theme?: "light" | "dark";
  /** What main reads and exports for Inpaint (PNG bytes as base64). */
  inpaint?: { selection: InpaintSelectionState; sources: { target: InpaintTarget; image: string; mask: string; notes: string[] } };
  /** Variants: the sizes the file remembers, and the source background main exports (PNG as base64). */
  variants?: { sizes?: string[]; source?: Omit<VariantSourceReply, "png"> & { png: string | null } };
  /** Layers main exports as references (`export-references`): the selection's, PNG as base64. */
  references?: { nodeId: string; name: string; png: string; width: number; height: number }[];
  /** What main's `list-generated` answers: generated layers in the file, thumbnails as base64 PNG. */
  generated?: { nodeId: string; name: string; recipe: Recipe; thumbnail: string | null; pageId?: string; pageName?: string }[];
  /** What main kept from the launch (`get-launch`): a relaunch button's recipe. Default: a menu launch. */
  launch?: { command: string; recipe: unknown; sourceNodeId: string | null };
  /** Rewrites the panel's HTML before it loads (benchmarks inject timing scripts or a reference page). */
  transformHtml?: (html: string) => string;
}

/** A panel loaded in the harness page. */
export interface Panel {
  page: Page;
  /** Locators inside the plugin iframe. */
  ui: FrameLocator;
  /** The plugin iframe, for `evaluate`. */
  frame: Frame;
  /** Requests the panel sent to "main", optionally of one type (PNG bytes as base64 in `png`). */
  requestsAsync<T extends UiRequest["type"]>(type?: T): Promise<(Omit<Extract<UiRequest, { type: T }>, "png"> & { png?: string })[]>;
  /** The harness's clientStorage. */
  storageAsync(): Promise<Record<string, unknown>>;
  sendEventAsync(event: MainEvent): Promise<void>;
  failNextAsync(type: UiRequest["type"], error: { code: string; message: string }): Promise<void>;
  setThemeAsync(theme: "light" | "dark"): Promise<void>;
  /** Writes `test-output/screenshots/<name>.png` of the panel iframe. */
  screenshotAsync(name: string): Promise<void>;
}

export interface UiHarness {
  browser: Browser;
  /** The proxy, e.g. `http://127.0.0.1:41234`. */
  proxyUrl: string;
  openai: OpenAiEmulator;
  gemini: GeminiEmulator;
  /** The hero frame (1440×616) of a real Figma file, as main would read it. */
  spec: FrameSpec;
  openPanelAsync(options?: PanelOptions): Promise<Panel>;
  closeAsync(): Promise<void>;
}

/**
 * What the harness page exposes (see harness-page.ts), typed without the DOM lib: this file is
 * also compiled with the Node-only root tsconfig (the UI bench imports it).
 */
interface HarnessGlobal {
  harness: {
    start(config: unknown): void;
    sendEvent(...args: never[]): unknown;
    requests: ({ type: string; png?: Uint8Array } & Record<string, unknown>)[];
    storage: Record<string, unknown>;
  };
}
/** The one DOM call made inside the panel's frame. */
interface PanelGlobal {
  document: { documentElement: { classList: { replace(a: string, b: string): boolean } } };
}

/** Figma's theme variables, injected into the panel as Figma does with `themeColors: true`. */
function figmaThemeStyle(): string {
  const css = readFileSync(join(ROOT, "node_modules/@create-figma-plugin/ui/lib/css/theme.css"), "utf8");
  // theme.css scopes each palette under `:root .figma-*`; Figma sets the class on <html> itself.
  const light = /:root \.figma-light\s*\{[^}]*\}/.exec(css)![0].replace(":root .figma-light", ":root");
  const dark = /:root \.figma-dark\s*\{[^}]*\}/.exec(css)![0].replace(":root .figma-dark", ":root.figma-dark");
  return `<style id="figma-style">${light}${dark}</style>`;
}

/**
 * The built panel as `BRANDFILL_PROXY_URL=<origin> npm run build` would make it: the manifest's
 * network access the build inlines (build-options.mjs `panelDefine`) allows the harness proxy's origin
 * instead of none. The proxy listens on a random port, so it cannot be known when the shared build runs.
 * @throws Error when the built panel does not hold the development build's access (the define changed).
 */
function allowProxyOrigin(html: string, origin: string): string {
  const built = 'allowedDomains:["none"],devAllowedDomains:["http://localhost:8787"]';
  if (!html.includes(built)) throw new Error("The built panel does not inline the development build's network access; update the UI harness.");
  return html.replace(built, () => `allowedDomains:[${JSON.stringify(origin)}],devAllowedDomains:["http://localhost:8787"]`);
}

/** Runs `node build.mjs` and reads dist/ui.html (see {@link buildThenRead}). */
function buildPanelHtml(): string {
  return buildThenRead(() => readFileSync(join(ROOT, "dist/ui.html"), "utf8"));
}

/** Runs `node build.mjs` and returns the sizes in bytes of dist/ui.html and dist/code.js. */
export function buildPluginSizes(): { uiHtml: number; codeJs: number } {
  return buildThenRead(() => ({ uiHtml: statSync(join(ROOT, "dist/ui.html")).size, codeJs: statSync(join(ROOT, "dist/code.js")).size }));
}

/**
 * Runs `node build.mjs`, then `read`, under a lock directory, so two test files starting
 * together never read a half-written file (a lock older than a minute is stale).
 */
function buildThenRead<T>(read: () => T): T {
  const lock = join(ROOT, "dist/.ui-test-build-lock");
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    execFileSync(process.execPath, ["build.mjs"], { cwd: ROOT, stdio: "pipe" });
    return read();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Starts Debian's headless Chromium the way every panel test runs it.
 * @throws Error at once, naming the path and the install command, when there is no browser there
 *   (never a wait: the hooks that call this would time out before saying why).
 */
export async function launchChromiumAsync(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing (${CHROMIUM}): install it with: sudo apt-get install -y chromium, or set BRANDFILL_CHROMIUM to a Chromium or Chrome binary.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** The hero frame of a real Figma REST document as a FrameSpec. */
export function loadHeroSpec(): FrameSpec {
  const json = JSON.parse(readFileSync(HERO_FIXTURE, "utf8"));
  return buildFrameSpec(specNodeFromRest(findRestFrame(json)), "0:1");
}

/**
 * Builds the plugin (`node build.mjs`), starts the OpenAI and Gemini emulators, the real proxy
 * (`createApp` with the offline, OpenAI and Gemini providers, the SDKs pointed at the
 * emulators) on a random port, and one headless Chromium.
 */
export async function startUiHarnessAsync(): Promise<UiHarness> {
  const html = buildPanelHtml().replace("<html", '<html class="figma-light"').replace("<head>", `<head>${figmaThemeStyle()}`);
  const [openai, gemini] = await Promise.all([startOpenAiEmulator(), startGeminiEmulator()]);
  const app = createApp({
    config: { catalog: [...MODEL_CATALOG], deadlineMs: 20_000, maxBodyBytes: 64 * 1024 * 1024, log: false },
    providers: {
      offline: createOfflineProvider(),
      openai: createOpenAiProvider({ apiKey: "test", baseURL: openai.url, maxRetries: 0 }),
      gemini: createGeminiProvider({ apiKey: "test", baseUrl: gemini.url }),
    },
    logLine: () => undefined,
  });
  // The harness page is served beside the proxy so both are on 127.0.0.1 (Chromium's
  // private-network rules treat the panel's fetches as local); the panel itself has origin null.
  const server = serve({
    fetch: (request) =>
      new URL(request.url).pathname === "/harness" ? new Response(HARNESS_PAGE, { headers: { "content-type": "text/html; charset=utf-8" } }) : app.fetch(request),
    port: 0,
    hostname: "127.0.0.1",
  });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
  const proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const panelHtml = allowProxyOrigin(html, proxyUrl);
  const browser = await launchChromiumAsync();
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const spec = loadHeroSpec();

  async function openPanelAsync(options: PanelOptions = {}): Promise<Panel> {
    const page = await browser.newPage({ viewport: { width: 420, height: 680 }, deviceScaleFactor: 2 });
    page.setDefaultTimeout(8000);
    page.on("pageerror", (error) => console.error("panel page error:", error.message));
    await page.goto(`${proxyUrl}/harness`);
    const storage = options.storage ?? { "brandfill.settings": { proxyUrl, ...options.settings } };
    await page.evaluate((config) => (globalThis as unknown as HarnessGlobal).harness.start(config), {
      html: options.transformHtml ? options.transformHtml(panelHtml) : panelHtml,
      launch: options.launch ?? null,
      selection: options.selection ?? { kind: "fill-target", spec },
      storage,
      inpaint: options.inpaint ?? null,
      variants: options.variants ?? null,
      references: options.references ?? [],
      generated: options.generated ?? [],
      ...PANEL_SIZE,
    });
    const ui = page.frameLocator("#plugin");
    await ui.locator("[data-ready]").waitFor();
    const frame = page.frames().find((f) => f.parentFrame() === page.mainFrame())!;
    const harness = <T>(fn: string, ...args: unknown[]) =>
      page.evaluate(([f, a]) => (globalThis as unknown as HarnessGlobal).harness[f as "sendEvent"](...(a as [never])), [fn, args] as const) as Promise<T>;
    const panel: Panel = {
      page,
      ui,
      frame,
      requestsAsync: <T extends UiRequest["type"]>(type?: T) =>
        page.evaluate((t) => {
          const toBase64 = (bytes: Uint8Array) => {
            let s = "";
            for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
            return btoa(s);
          };
          return (globalThis as unknown as HarnessGlobal).harness.requests.filter((r) => !t || r.type === t).map((r) => (r.png ? { ...r, png: toBase64(r.png) } : r));
        }, type ?? null) as Promise<(Omit<Extract<UiRequest, { type: T }>, "png"> & { png?: string })[]>,
      storageAsync: () => page.evaluate(() => structuredClone((globalThis as unknown as HarnessGlobal).harness.storage)),
      sendEventAsync: (event) => harness<void>("sendEvent", event),
      failNextAsync: (type, error) => harness<void>("failNext", type, error),
      setThemeAsync: (theme) =>
        frame
          .evaluate(
            (dark) => (globalThis as unknown as PanelGlobal).document.documentElement.classList.replace(dark ? "figma-light" : "figma-dark", dark ? "figma-dark" : "figma-light"),
            theme === "dark",
          )
          .then(() => undefined),
      screenshotAsync: async (name) => {
        await page.locator("#plugin").screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: "disabled" });
      },
    };
    if (options.theme === "dark") await panel.setThemeAsync("dark");
    return panel;
  }

  return {
    browser,
    proxyUrl,
    openai,
    gemini,
    spec,
    openPanelAsync,
    async closeAsync() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([openai.close(), gemini.close()]);
    },
  };
}
