// Runs in Node: what every panel state must pass, measured in Chromium from the rendered page
// (issue 19): readable colours, visible focus, no text under 11 px, placeholders at 3:1, no
// developer-speak, axe-core.
import { createRequire } from "node:module";
import type { Frame, Page } from "playwright-core";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Words a designer should never meet on the panel: setup commands, env variables, raw model ids, placeholders. */
export const DEVELOPER_SPEAK =
  /npm (start|run)|[A-Z]+_API_KEY|\bxhigh\b|pinned snapshot|known prices only|coming soon|nothing placed yet|\bgpt-image-[\w.-]+|\bgemini-\d[\w.-]*|\bchatgpt-image/i;

/** An sRGB colour with straight alpha, channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/**
 * Parses a computed CSS colour: `rgb(…)`, `rgba(…)`, or `color(srgb r g b / a)` (what Chromium
 * computes for `color-mix()`, channels 0–1).
 * @throws Error for any other form.
 */
export function parseCssColour(text: string): Rgba {
  const rgb = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(text);
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: rgb[4] === undefined ? 1 : Number(rgb[4]) };
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)$/.exec(text);
  if (srgb) return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: srgb[4] === undefined ? 1 : Number(srgb[4]) };
  throw new Error(`Not a colour this test reads: ${text}`);
}

/** `top` composited over an opaque `bottom` (straight alpha, in sRGB as browsers blend). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** WCAG 2.x relative luminance of an opaque sRGB colour (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
function luminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2.x contrast ratio (1–21) of text `fg` over `bg`, both composited over the opaque `page`. */
export function contrastRatio(fg: Rgba, bg: Rgba, page: Rgba): number {
  const back = over(bg, page);
  const [a, b] = [luminance(over(fg, back)), luminance(back)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Computed text colour and background of an element, with the page's background. */
export async function coloursAsync(frame: Frame, selector: string): Promise<{ color: Rgba; background: Rgba; page: Rgba }> {
  const raw = await frame.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`No element ${sel}`);
    // The nearest ancestor that paints a background is what the text sits on.
    let bgEl: Element | null = el;
    let background = "rgba(0, 0, 0, 0)";
    while (bgEl) {
      background = getComputedStyle(bgEl).backgroundColor;
      if (background !== "rgba(0, 0, 0, 0)") break;
      bgEl = bgEl.parentElement;
    }
    return { color: getComputedStyle(el).color, background, page: getComputedStyle(document.body).backgroundColor };
  }, selector);
  return { color: parseCssColour(raw.color), background: parseCssColour(raw.background), page: parseCssColour(raw.page) };
}

/** One keyboard stop: what was focused and whether its focus ring could be seen. */
export interface FocusStop {
  name: string;
  visible: boolean;
  detail: string;
}

/**
 * Tabs through the panel from the top and records every control that takes focus, with whether
 * its focus shows: a computed outline of at least 1 px, or a box-shadow, in a colour that differs
 * from the control's own background (a radio drawn by its label shows it on the label's span).
 */
export async function tabThroughAsync(page: Page, frame: Frame, maxStops = 120): Promise<FocusStop[]> {
  await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: FocusStop[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press("Tab");
    const stop = await frame.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const shown = el instanceof HTMLInputElement && el.type === "radio" ? (el.nextElementSibling as HTMLElement) : el;
      const cs = getComputedStyle(shown);
      const key = `${el.tagName}#${Array.prototype.indexOf.call(document.querySelectorAll("*"), el)}`;
      const name = `${el.tagName.toLowerCase()} “${(el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).value ?? "").trim().slice(0, 40)}”`;
      return { key, name, outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor, boxShadow: cs.boxShadow, background: cs.backgroundColor };
    });
    if (!stop) {
      if (stops.length) break;
      continue;
    }
    if (seen.has(stop.key)) break;
    seen.add(stop.key);
    const background = parseCssColour(stop.background);
    const same = (c: Rgba) => Math.abs(c.r - background.r) + Math.abs(c.g - background.g) + Math.abs(c.b - background.b) < 3 && background.a > 0.5;
    const outline = stop.outlineStyle !== "none" && parseFloat(stop.outlineWidth) >= 1 && parseCssColour(stop.outlineColor).a > 0 && !same(parseCssColour(stop.outlineColor));
    const shadowColour = /rgba?\([^)]*\)/.exec(stop.boxShadow)?.[0];
    const shadow = stop.boxShadow !== "none" && shadowColour !== undefined && parseCssColour(shadowColour).a > 0 && !same(parseCssColour(shadowColour));
    stops.push({
      name: stop.name,
      visible: outline || shadow,
      detail: `outline ${stop.outlineStyle} ${stop.outlineWidth} ${stop.outlineColor}; shadow ${stop.boxShadow}; background ${stop.background}`,
    });
  }
  return stops;
}

/** Visible text in a font smaller than `minPx`, as "12 px: text" lines. */
export function smallTextAsync(frame: Frame, minPx = 11): Promise<string[]> {
  return frame.evaluate((min) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || !el.getClientRects().length) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) found.push(`${size} px: ${node.textContent.trim().slice(0, 40)}`);
    }
    return found;
  }, minPx);
}

/** Placeholders (of empty, visible fields) whose contrast on the field is under 3:1, as "ratio: placeholder" lines. */
export async function faintPlaceholdersAsync(frame: Frame): Promise<string[]> {
  const fields = await frame.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input[placeholder], textarea[placeholder]")]
      .filter((el) => !el.value && el.getClientRects().length)
      .map((el) => ({
        text: el.placeholder,
        color: getComputedStyle(el, "::placeholder").color,
        background: getComputedStyle(el).backgroundColor,
        page: getComputedStyle(document.body).backgroundColor,
      })),
  );
  return fields
    .map((f) => ({ text: f.text, ratio: contrastRatio(parseCssColour(f.color), parseCssColour(f.background), parseCssColour(f.page)) }))
    .filter((f) => f.ratio < 3)
    .map((f) => `${f.ratio.toFixed(2)}: ${f.text}`);
}

/** axe-core's serious and critical violations on the panel as shown, as "rule: targets" lines (axe injected from node_modules, no network). */
export async function axeViolationsAsync(frame: Frame): Promise<string[]> {
  if (!(await frame.evaluate(() => "axe" in window))) await frame.addScriptTag({ path: AXE });
  return frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> };
      }
    ).axe;
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary?.split("\n")[1]?.trim() ?? ""})`).join("; ")}`);
  });
}

/** Every check above on the panel as it is now; returns the problems (empty when it passes). */
export async function auditPanelAsync(page: Page, frame: Frame): Promise<string[]> {
  const problems: string[] = [];
  const text = await frame.evaluate(() => document.body.innerText);
  const speak = DEVELOPER_SPEAK.exec(text);
  if (speak) problems.push(`developer-speak on screen: “${speak[0]}”`);
  problems.push(...(await smallTextAsync(frame)).map((s) => `text under 11 px: ${s}`));
  problems.push(...(await faintPlaceholdersAsync(frame)).map((s) => `placeholder under 3:1: ${s}`));
  const stops = await tabThroughAsync(page, frame);
  // Every state has a tab bar and a settings button at least: fewer stops means Tab never got in.
  if (stops.length < 3) problems.push(`the keyboard reached only ${stops.length} controls`);
  problems.push(...stops.filter((s) => !s.visible).map((s) => `focus not visible on ${s.name}: ${s.detail}`));
  problems.push(...(await axeViolationsAsync(frame)).map((v) => `axe ${v}`));
  return problems;
}
