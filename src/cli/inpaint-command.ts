// Runs in Node: `brandfill inpaint`, the panel's Inpaint job (src/jobs/run-inpaint-job.ts) on files.
import { countChangedPixels } from "../core/inpaint/count-changed-pixels.js";
import { growMask } from "../core/inpaint/grow-mask.js";
import { maskFromImage } from "../core/inpaint/mask-from-image.js";
import { encodePng, fastPngCodec } from "../core/raster/png-codec.js";
import { pngHasAlpha } from "../core/raster/png-has-alpha.js";
import { INPAINT_DEFAULTS, inpaintRecipe, runInpaintJobAsync } from "../jobs/run-inpaint-job.js";
import { readPngInputAsync, writeOutputAsync } from "./cli-files.js";
import { createInProcessProxy } from "./in-process-proxy.js";
import { readModelOptionAsync, readPaletteOption, readQualityOption } from "./command-options.js";
import { runCommandAsync, UsageError, type CommandIo } from "./run-command.js";

/** The command's usage text: on stdout for `--help`, on stderr after an argument error. */
export const INPAINT_USAGE = [
  'Usage: brandfill inpaint --image in.png --mask mask.png --prompt "…" --out out.png [--model offline] [--grow N] [--feather N]',
  "  --image    the picture to change (PNG); an RGB picture gives an RGB result",
  "  --mask     a PNG of the same size: white (or opaque) where to change, black (or transparent) where to keep",
  "  --prompt   what to paint in the masked area",
  "  --out      where to write the result (PNG, the image's size)",
  "  --model    a model id from the proxy's catalog (default offline: fills the area from its surroundings, no key)",
  `  --grow     pixels the mask is grown by before feathering (default ${INPAINT_DEFAULTS.growPx})`,
  `  --feather  width in pixels of the fade around the grown mask (default ${INPAINT_DEFAULTS.featherPx})`,
  "  --palette  brand hex colours, asked for in the prompt and locked on the new pixels",
  "  --quality  low, medium or high for OpenAI models",
  "",
  "Every pixel farther out than the mask grown by --grow and faded over --feather stays byte for byte the",
  "same; pixels in that soft edge, outside the mask as drawn, may change (the report counts them).",
].join("\n");

/** A pixel count option from 0 to 512, or the default. */
function pixelsOption(name: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== "string" || !Number.isFinite(n) || n < 0 || n > 512) throw new UsageError(`--${name} must be a number of pixels from 0 to 512, got "${value}".`);
  return n;
}

/**
 * `brandfill inpaint`: a thin adapter over the panel's Inpaint job (`runInpaintJobAsync`: grow and
 * feather, context crop, edit, palette lock by the proxy, composite byte-exact outside the blend
 * mask), with the proxy's own app in-process (`createInProcessProxy`). Writes the composited
 * picture to `--out` (RGB when the image came without alpha, else RGBA) and prints one JSON line:
 * `{ out, width, height, model, provider, growPx, featherPx, crop, maskPixels, blendPixels, summary,
 * changedInside, changedOutside, changedOutsideGrown, changedOutsideDrawn, costUsd, lockReport,
 * recipe }` (`summary` is the panel's sentence):
 * - `changedOutside`: changed pixels outside the mask grown and feathered (the blend mask) — 0, the
 *   byte-for-byte promise;
 * - `changedOutsideGrown`: outside the mask grown by `growPx` with a hard edge — the feather's changes;
 * - `changedOutsideDrawn`: outside the mask as drawn — the grown ring's and the feather's changes.
 *
 * @param args the arguments after `inpaint` (a leading `inpaint` is skipped).
 * @returns 0 on success; 1 when a file, the mask or the model fails (a sentence on stderr);
 *   2 for bad arguments (a sentence and the usage on stderr).
 */
export async function inpaintCommandAsync(args: readonly string[], io: CommandIo = {}): Promise<number> {
  const definition = {
    name: "inpaint",
    usage: INPAINT_USAGE,
    options: {
      image: { type: "string" },
      mask: { type: "string" },
      prompt: { type: "string" },
      out: { type: "string" },
      model: { type: "string" },
      grow: { type: "string" },
      feather: { type: "string" },
      palette: { type: "string" },
      quality: { type: "string" },
    },
    required: ["image", "mask", "prompt", "out"],
  } as const;
  return runCommandAsync(definition, args, io, async ({ values, out, err, env }) => {
    const growPx = pixelsOption("grow", values.grow, INPAINT_DEFAULTS.growPx);
    const featherPx = pixelsOption("feather", values.feather, INPAINT_DEFAULTS.featherPx);
    const quality = readQualityOption(values.quality);
    const palette = readPaletteOption(values.palette);
    const [image, mask] = await Promise.all([readPngInputAsync(values.image as string, "the image"), readPngInputAsync(values.mask as string, "the mask")]);
    const proxy = io.proxy ? { client: io.proxy, catalog: null } : createInProcessProxy(env);
    const model = await readModelOptionAsync(values.model, proxy);
    const input = {
      sources: { image, mask },
      prompt: values.prompt as string,
      model: model.id,
      ...(quality ? { quality } : {}),
      n: 1,
      palette,
      growPx,
      featherPx,
      keepComposite: true,
    };
    const job = await runInpaintJobAsync(input, proxy.client, fastPngCodec);
    const candidate = job.candidates[0];
    if (!candidate?.composite) throw new Error(job.failures[0]?.message ?? "The model answered without a picture. Try again.");
    await writeOutputAsync(values.out as string, encodePng(candidate.composite, { opaqueAsRgb: !pngHasAlpha(image) }), "the result");
    // What the soft edge changed, counted on the written pixels: outside the mask as drawn, and
    // outside it grown by growPx with a hard edge (the feather's share). Only the crop can differ.
    const [source, drawnPicture] = await Promise.all([fastPngCodec.decodeAsync(image), fastPngCodec.decodeAsync(mask)]);
    const drawn = maskFromImage(drawnPicture);
    const changedOutsideDrawn = countChangedPixels(source, candidate.composite, drawn, job.crop).outside;
    const changedOutsideGrown = countChangedPixels(source, candidate.composite, growMask(drawn, job.growPx), job.crop).outside;
    let maskPixels = 0;
    for (const v of drawn.data) if (v > 0) maskPixels++;
    const lockReport = candidate.lockReport ? candidate.lockReport.colours.map(({ region: _region, ...colour }) => colour) : null;
    for (const colour of lockReport ?? []) if (colour.warning) err(colour.warning);
    out(
      JSON.stringify({
        out: values.out,
        width: job.width,
        height: job.height,
        model: job.response.model,
        provider: job.response.provider,
        growPx: job.growPx,
        featherPx: job.featherPx,
        crop: job.crop,
        maskPixels,
        blendPixels: job.blendPixels,
        summary: candidate.summary,
        changedInside: candidate.changedInside,
        changedOutside: candidate.changedOutside,
        changedOutsideGrown,
        changedOutsideDrawn,
        costUsd: job.response.costUsd,
        lockReport,
        recipe: inpaintRecipe(input, job, candidate),
      }),
    );
    return 0;
  });
}
