// Runs in Node: `brandfill fill`, the panel's Fill job (src/jobs/run-fill-job.ts) on a frame from a file.
import { generateFillAsync, fillRecipe } from "../jobs/run-fill-job.js";
import { fastPngCodec } from "../core/raster/png-codec.js";
import { writeOutputAsync } from "./cli-files.js";
import { createInProcessProxy } from "./in-process-proxy.js";
import { readModelOptionAsync, readPaletteOption, readQualityOption } from "./command-options.js";
import { readRestFrameAsync } from "./read-rest-frame.js";
import { runCommandAsync, UsageError, type CommandIo } from "./run-command.js";

export const FILL_USAGE = [
  'Usage: brandfill fill --frame frame.json --prompt "…" --out fill.png [--model offline] [options]',
  "  --frame    a Figma REST response (GET /v1/files/:key/nodes or /v1/files/:key) or one node of it",
  "  --prompt   what the background shows; the frame's layout and the palette are added as constraints",
  "  --out      where to write the picture (PNG at the frame's size × --scale); with --n 2 or more, fill-1.png, fill-2.png, …",
  "  --node     the id of the frame to use when the file holds several (default: the first frame)",
  "  --model    the image model (default offline: no key needed); OpenAI and Gemini models use the proxy's keys from the environment",
  '  --palette  brand hex colours, asked for in the prompt and locked on the pixels, e.g. "#E30613,#FFD400"',
  "  --swatch   also send the palette as a swatch picture (models that take references, such as Gemini)",
  "  --quality  low, medium or high for OpenAI models",
  "  --n        how many pictures to make, 1 to 8 (default 1)",
  "  --scale    pixels per point, 1 or 2 (default 1; no side goes past 4096 px)",
].join("\n");

/** `fill.png` → `fill-2.png` for the second of several pictures. */
function numbered(path: string, index: number, count: number): string {
  if (count === 1) return path;
  const dot = path.toLowerCase().endsWith(".png") ? path.length - 4 : path.length;
  return `${path.slice(0, dot)}-${index + 1}${path.slice(dot)}`;
}

/**
 * `brandfill fill`: a thin adapter over the panel's Fill job (`generateFillAsync`: the prompt
 * composed from the designer's words, the frame's keep-clear zones and the palette; `fit: "cover"`
 * to the frame's exact pixels; the palette locked by the proxy), with the frame read from a Figma
 * REST file and the proxy's own app in-process (`createInProcessProxy`). Writes each picture as a
 * PNG and prints one JSON line per picture: `{ out, width, height, model, provider, costUsd,
 * lockReport, recipe }`, where `recipe` is what the panel stores on the placed layer (`fillRecipe`)
 * and `lockReport` the proxy's ΔE2000 report per locked colour (null without a palette).
 *
 * @param args the arguments after `fill` (a leading `fill` is skipped).
 * @returns 0 when every picture was written; 1 when the frame cannot be read or the model fails
 *   (a sentence on stderr); 2 for bad arguments (a sentence and the usage on stderr).
 */
export async function fillCommandAsync(args: readonly string[], io: CommandIo = {}): Promise<number> {
  const definition = {
    name: "fill",
    usage: FILL_USAGE,
    options: {
      frame: { type: "string" },
      prompt: { type: "string" },
      out: { type: "string" },
      node: { type: "string" },
      model: { type: "string" },
      palette: { type: "string" },
      swatch: { type: "boolean" },
      quality: { type: "string" },
      n: { type: "string" },
      scale: { type: "string" },
    },
    required: ["frame", "prompt", "out"],
  } as const;
  return runCommandAsync(definition, args, io, async ({ values, out, err, env }) => {
    const n = Number(values.n ?? 1);
    if (!Number.isInteger(n) || n < 1 || n > 8) throw new UsageError(`--n must be a whole number from 1 to 8, got "${values.n}".`);
    const scale = Number(values.scale ?? 1);
    if (scale !== 1 && scale !== 2) throw new UsageError(`--scale must be 1 or 2, got "${values.scale}".`);
    const quality = readQualityOption(values.quality);
    const palette = readPaletteOption(values.palette);
    const proxy = io.proxy ? { client: io.proxy, catalog: null } : createInProcessProxy(env);
    const model = await readModelOptionAsync(values.model, proxy);
    const { spec } = await readRestFrameAsync(values.frame as string, values.node as string | undefined);
    const input = {
      spec,
      prompt: values.prompt as string,
      model: model.id,
      ...(quality ? { quality } : {}),
      n,
      palette,
      ...(values.swatch === true ? { paletteSwatch: true } : {}),
      scale,
    };
    const job = await generateFillAsync(input, proxy.client, fastPngCodec);
    if (job.candidates.length === 0) throw new Error(job.failures[0]?.message ?? "The model answered without a picture. Try again.");
    for (const failure of job.failures) err(`Picture ${failure.index + 1} failed: ${failure.message}`);
    for (const candidate of job.candidates) {
      const path = numbered(values.out as string, candidate.index, job.candidates.length);
      await writeOutputAsync(path, candidate.png, "the picture");
      const lockReport = candidate.lockReport ? candidate.lockReport.colours.map(({ region: _region, ...colour }) => colour) : null;
      for (const colour of lockReport ?? []) if (colour.warning) err(colour.warning);
      out(
        JSON.stringify({
          out: path,
          width: candidate.width,
          height: candidate.height,
          model: job.response.model,
          provider: job.response.provider,
          costUsd: job.response.costUsd,
          lockReport,
          recipe: fillRecipe(input, job, candidate),
        }),
      );
    }
    return job.failures.length > 0 ? 1 : 0;
  });
}
