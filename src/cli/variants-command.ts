// Runs in Node: `brandfill variants`, the panel's Variants job (src/jobs/run-variants-job.ts) on files.
import { join } from "node:path";
import sharp from "sharp";
import { checkLayout } from "../core/layout/check-layout.js";
import { parseSizeList, type RequestedSize } from "../core/layout/parse-size-list.js";
import { CALM_BACKGROUND_PROMPT } from "../core/prompt/compose-variant-prompt.js";
import type { Recipe } from "../core/protocol/recipe.js";
import { decodePng, fastPngCodec } from "../core/raster/png-codec.js";
import type { VariantBackgroundMode } from "../core/variants/plan-variant-background.js";
import { renderVariantPreview } from "../core/variants/render-variant-preview.js";
import { startVariantsJob, type VariantSizeState } from "../jobs/run-variants-job.js";
import { CommandError, makeFolderAsync, readPngInputAsync, writeOutputAsync } from "./cli-files.js";
import { createHeadlessVariantsMain, type PlacedBackground } from "./headless-variants-main.js";
import { createInProcessProxy } from "./in-process-proxy.js";
import { readModelOptionAsync, readPaletteOption, readQualityOption } from "./command-options.js";
import { readRestFrameAsync } from "./read-rest-frame.js";
import { runCommandAsync, UsageError, type CommandIo } from "./run-command.js";

export const VARIANTS_USAGE = [
  "Usage: brandfill variants --frame frame.json --sizes 300x250,728x90,1080x1920 --out dir/ [--model offline] [options]",
  "  --frame        a Figma REST response (GET /v1/files/:key/nodes or /v1/files/:key) or one node of it",
  "  --sizes        sizes as W×H, or preset ids such as iab-leaderboard or meta-stories, separated by commas",
  "  --out          the folder to write <w>x<h>.layout.json, the background <w>x<h>.png and a preview <frame>-<w>x<h>.png (<w>x<h>-<preset> for a preset) into; created if missing",
  "  --node         the id of the frame to use when the file holds several (default: the first frame)",
  "  --model        the image model (default offline: no key needed); OpenAI and Gemini models use the proxy's keys from the environment",
  "  --background   the frame's background picture (PNG, e.g. exported from Figma), to extend to each size",
  "  --mode         extend (default with --background) or regenerate (default without)",
  "  --prompt       what the background shows (default: continue the given background, or a calm abstract one)",
  '  --palette      brand hex colours to lock on the new pixels, e.g. "#E30613,#FFD400"',
  "  --quality      low, medium or high for OpenAI models",
  "  --layout-only  write the layouts only, no backgrounds (no model is called)",
].join("\n");

/** `<w>x<h>` or `<w>x<h>-<preset id>`: the file names of one size. */
function baseName(size: RequestedSize): string {
  return `${size.width}x${size.height}${size.presetId ? `-${size.presetId}` : ""}`;
}

/**
 * `brandfill variants`: a thin adapter over the panel's Variants job (`startVariantsJob`: the
 * same plans, prompts, request bodies, concurrency, rate-limit and transient retries, palette lock
 * and recipe). Main's part is done on files by `createHeadlessVariantsMain` (layouts from the REST
 * frame, the source background from `--background`, placed backgrounds written as PNG), and the
 * proxy is the proxy's own app in-process (`createInProcessProxy`), so keys come from the
 * environment as the proxy reads them. Writes per size `<out>/<w>x<h>.layout.json`
 * (`<w>x<h>-<preset>` for a preset id): `{ source, size, template, elements, dropped, warnings,
 * violations, plan, background, preview, recipe, backgroundError? }` — every element's id, role,
 * box (points) and font size, the dropped elements with their reasons, the broken layout rules
 * (`checkLayout`) — `<w>x<h>.png` when a background was made, and `<frame name>-<w>x<h>.png`, a
 * preview of the size (the background plus a box or text bars per layer, `renderVariantPreview`)
 * for a person to look at. Prints one JSON line per size,
 * in the order asked, once all are finished; a size waiting out a rate limit says so on stderr.
 *
 * @param args the arguments after `variants` (a leading `variants` is skipped).
 * @returns 0 when every size was written; 1 when the frame could not be read or a background
 *   failed (its layout is still written); 2 for bad arguments (a sentence and the usage on stderr).
 */
export async function variantsCommandAsync(args: readonly string[], io: CommandIo = {}): Promise<number> {
  const definition = {
    name: "variants",
    usage: VARIANTS_USAGE,
    options: {
      frame: { type: "string" },
      sizes: { type: "string" },
      out: { type: "string" },
      node: { type: "string" },
      model: { type: "string" },
      background: { type: "string" },
      mode: { type: "string" },
      prompt: { type: "string" },
      palette: { type: "string" },
      quality: { type: "string" },
      "layout-only": { type: "boolean" },
    },
    required: ["frame", "sizes", "out"],
  } as const;
  return runCommandAsync(definition, args, io, async ({ values, out, err, env }) => {
    const mode = values.mode as string | undefined;
    if (mode !== undefined && mode !== "extend" && mode !== "regenerate") throw new UsageError(`--mode must be extend or regenerate, not "${mode}".`);
    const quality = readQualityOption(values.quality);
    let sizes: RequestedSize[];
    try {
      sizes = parseSizeList(values.sizes as string);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const palette = readPaletteOption(values.palette);
    const layoutOnly = values["layout-only"] === true;
    const proxy = io.proxy ? { client: io.proxy, catalog: null } : createInProcessProxy(env);
    const model = await readModelOptionAsync(values.model, proxy);

    const frame = await readRestFrameAsync(values.frame as string, values.node as string | undefined);
    const backgroundPng = !layoutOnly && typeof values.background === "string" ? await readPngInputAsync(values.background, "the background picture") : null;
    let picture: { width: number; height: number } | null = null;
    if (backgroundPng) {
      try {
        picture = decodePng(backgroundPng);
      } catch (error) {
        throw new CommandError(`“${values.background}” (the background picture): ${(error as Error).message}`);
      }
    }
    const outDir = values.out as string;
    await makeFolderAsync(outDir);

    const placed = new Map<number, { file: string; png: Uint8Array; recipe: Recipe }>();
    const main = createHeadlessVariantsMain({
      spec: frame.spec,
      backgroundPng,
      backgroundSize: picture ? { width: picture.width, height: picture.height } : null,
      async placeAsync(background: PlacedBackground) {
        const file = `${baseName(sizes[background.index]!)}.png`;
        await writeOutputAsync(join(outDir, file), background.png, "the background");
        placed.set(background.index, { file, png: background.png, recipe: background.recipe });
      },
    });
    const prompt = (values.prompt as string | undefined)?.trim() || (backgroundPng || layoutOnly ? undefined : CALM_BACKGROUND_PROMPT);
    const job = startVariantsJob(
      {
        sourceNodeId: frame.spec.nodeId,
        sizes,
        // Layout only: "extend" with no source picture plans every size as `none` (no model call).
        mode: layoutOnly ? "extend" : ((mode as VariantBackgroundMode | undefined) ?? (backgroundPng ? "extend" : "regenerate")),
        model,
        ...(quality ? { quality } : {}),
        ...(prompt ? { prompt } : {}),
        palette,
        // A size sitting out a rate limit or a passing failure says so, as the panel's size strip does.
        onChange: (state) => {
          if (state.status === "waiting") err(`${state.width}×${state.height}: ${state.stage}`);
        },
      },
      { channel: main, proxy: proxy.client, codec: fastPngCodec },
    );
    // When the frames cannot be made, `done` rejects like `ready`: the error is reported once, from `ready`.
    job.done.catch(() => undefined);
    const ready = await job.ready;
    const states = await job.done;

    // The previews: each drawn here, then encoded by libvips (low compression, off the event loop)
    // while the next is drawn; all are written before the first line is printed.
    const previews = sizes.map((size, i) => {
      const layout = ready.frames[i]!.layout;
      const background = placed.get(i) ?? null;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it takes out of a layer name before it becomes a file name
      const file = `${frame.spec.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 80) || "frame"}-${baseName(size)}.png`;
      const pixels = renderVariantPreview({ layout, spec: frame.spec, background: background ? decodePng(background.png) : null });
      const written = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 4 } })
        .png({ compressionLevel: 2 })
        .toBuffer()
        .then((png) => writeOutputAsync(join(outDir, file), png, "the preview"));
      return { file, written };
    });
    const writes = await Promise.allSettled(previews.map((p) => p.written));
    const refused = writes.find((w) => w.status === "rejected");
    if (refused) throw (refused as PromiseRejectedResult).reason;

    let failed = false;
    for (const [i, size] of sizes.entries()) {
      const state: VariantSizeState = states[i]!;
      const layout = ready.frames[i]!.layout;
      const target = { width: size.width, height: size.height, ...(size.safeZone ? { safeZone: size.safeZone } : {}) };
      const violations = checkLayout(layout, target, frame.spec);
      const background = placed.get(i) ?? null;
      const backgroundError =
        state.status === "failed" || state.status === "cancelled" ? `The background for ${size.width}×${size.height} failed: ${state.error?.message ?? state.stage}` : undefined;
      if (backgroundError) failed = true;
      const preview = previews[i]!.file;
      const layoutFile = `${baseName(size)}.layout.json`;
      const document = {
        source: { nodeId: frame.spec.nodeId, pageId: frame.spec.pageId, name: frame.spec.name, width: frame.spec.width, height: frame.spec.height },
        size: { width: size.width, height: size.height, presetId: size.presetId ?? null, safeZone: size.safeZone ?? null },
        template: layout.template,
        elements: layout.elements,
        dropped: layout.dropped,
        warnings: layout.warnings,
        violations,
        plan: state.plan,
        background: background?.file ?? null,
        preview,
        recipe: background?.recipe ?? null,
        ...(backgroundError ? { backgroundError } : {}),
      };
      await writeOutputAsync(join(outDir, layoutFile), `${JSON.stringify(document, null, 2)}\n`, "the layout");
      out(
        JSON.stringify({
          size: `${size.width}x${size.height}`,
          preset: size.presetId ?? null,
          template: layout.template,
          layout: join(outDir, layoutFile),
          background: background ? join(outDir, background.file) : null,
          preview: join(outDir, preview),
          plan: state.plan,
          elements: layout.elements.length,
          dropped: layout.dropped.map((d) => d.reason),
          warnings: layout.warnings,
          violations: violations.length,
          attempts: state.attempts,
          costUsd: state.costUsd,
          ...(backgroundError ? { error: backgroundError } : {}),
        }),
      );
    }
    return failed ? 1 : 0;
  });
}
