// Runs in Node: `brandfill inpaint`, the plugin's inpaint job on files, with the proxy's providers in-process.
import { readFile, writeFile } from "node:fs/promises";
import { blendMask } from "../core/inpaint/blend-mask.js";
import { countChangedPixels } from "../core/inpaint/count-changed-pixels.js";
import { maskFromImage } from "../core/inpaint/mask-from-image.js";
import { decodePng, encodePng, fastPngCodec, isPng } from "../core/raster/png-codec.js";
import type { ImagesResponse } from "../core/api/images-request.js";
import { createApp } from "../proxy/create-app.js";
import { createProviders } from "../proxy/create-providers.js";
import { loadProxyConfig } from "../proxy/proxy-config.js";
import { INPAINT_DEFAULTS, runInpaintJobAsync, type InpaintProxy } from "../jobs/run-inpaint-job.js";

/** Injected collaborators of {@link inpaintCommandAsync} (tests point them at emulators and buffers). */
export interface InpaintDeps {
  /** Where the proxy configuration is read from (keys, base URLs); default `process.env`. */
  readonly env?: Record<string, string | undefined>;
  /** Where the result line goes; defaults to standard output. */
  readonly stdout?: (line: string) => void;
  /** Where errors and usage go; defaults to standard error. */
  readonly stderr?: (line: string) => void;
}

/** The command's usage text, printed after an argument error. */
export const INPAINT_USAGE = [
  'Usage: brandfill inpaint --image in.png --mask mask.png --prompt "…" --out out.png [--model offline] [--grow N] [--feather N]',
  "  --image    the picture to change (PNG)",
  "  --mask     a PNG of the same size: white (or opaque) where to change, black (or transparent) where to keep",
  "  --prompt   what to paint in the masked area",
  "  --out      where to write the result (PNG, the image's size)",
  "  --model    a model id from the proxy's catalog (default offline: fills the area from its surroundings, no key)",
  `  --grow     pixels the mask is grown by before feathering (default ${INPAINT_DEFAULTS.growPx})`,
  `  --feather  width in pixels of the fade around the grown mask (default ${INPAINT_DEFAULTS.featherPx})`,
].join("\n");

const FLAGS = new Set(["image", "mask", "prompt", "out", "model", "grow", "feather"]);

type ParsedArgs = { image: string; mask: string; prompt: string; out: string; model: string; grow: number; feather: number } | { error: string };

function parseArgs(args: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") return { error: "brandfill inpaint repaints the masked area of a picture." };
    const m = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    if (!m || !FLAGS.has(m[1]!)) return { error: `Unknown argument "${arg}".` };
    const value = m[2] ?? args[++i];
    if (value === undefined || value === "" || (m[2] === undefined && value.startsWith("--"))) return { error: `--${m[1]} needs a value.` };
    values.set(m[1]!, value);
  }
  const missing = ["image", "mask", "prompt", "out"].filter((f) => !values.has(f));
  if (missing.length > 0) return { error: `Missing ${missing.map((f) => `--${f}`).join(", ")}.` };
  const pixels = (flag: "grow" | "feather", fallback: number): number | string => {
    const raw = values.get(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    return Number.isFinite(n) && n >= 0 && n <= 512 ? n : `--${flag} must be a number of pixels from 0 to 512, got "${raw}".`;
  };
  const grow = pixels("grow", INPAINT_DEFAULTS.growPx);
  const feather = pixels("feather", INPAINT_DEFAULTS.featherPx);
  if (typeof grow === "string") return { error: grow };
  if (typeof feather === "string") return { error: feather };
  return { image: values.get("image")!, mask: values.get("mask")!, prompt: values.get("prompt")!, out: values.get("out")!, model: values.get("model") ?? "offline", grow, feather };
}

async function readPngAsync(path: string, flag: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    throw new Error(`Cannot read ${flag} ${path}: no such file, or not readable.`);
  }
  if (!isPng(bytes)) throw new Error(`${flag} ${path} is not a PNG file.`);
  return bytes;
}

/**
 * `brandfill inpaint`: runs the plugin's inpaint job (`runInpaintJobAsync`: grow and feather, context
 * crop, edit, composite byte-exact outside the blend mask) on files. The model is called through the
 * proxy's own route in-process — configuration from `loadProxyConfig(env)`, providers from
 * `createProviders`, the request validated by the route (`prepareProviderCall`) — with no server and
 * no socket. Writes the composited picture to `--out` and prints one JSON line:
 * `{ out, width, height, model, provider, growPx, featherPx, crop, maskPixels, blendPixels,
 * changedInsideMask, changedInFeather, changedInside, changedOutside, costUsd }`, where "inside" is
 * the mask grown and feathered (where pixels may change) and `changedOutside` must be 0.
 *
 * @param args the arguments after `inpaint` (a leading `inpaint` is skipped).
 * @returns 0 on success; 1 when a file, the mask or the model fails (a sentence on stderr);
 *   2 for bad arguments (a sentence and the usage on stderr).
 */
export async function inpaintCommandAsync(args: string[], deps: InpaintDeps = {}): Promise<number> {
  const out = deps.stdout ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = deps.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const parsed = parseArgs(args[0] === "inpaint" ? args.slice(1) : args);
  if ("error" in parsed) {
    err(`${parsed.error}\n${INPAINT_USAGE}`);
    return 2;
  }
  try {
    const [image, mask] = await Promise.all([readPngAsync(parsed.image, "--image"), readPngAsync(parsed.mask, "--mask")]);
    const config = loadProxyConfig(deps.env ?? process.env);
    const app = createApp({ config: { ...config, log: false }, providers: createProviders(config) });
    const proxy: InpaintProxy = {
      // The route itself, called in-process: same validation, same providers, same error sentences.
      async generateAsync(request) {
        const init = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) };
        const response = await app.fetch(new Request("http://brandfill.invalid/v1/images", init));
        const body = (await response.json()) as ImagesResponse & { error?: { message?: string } };
        if (!response.ok) throw new Error(body.error?.message ?? `The proxy route answered ${response.status}.`);
        return body;
      },
    };
    const job = await runInpaintJobAsync(
      { sources: { image, mask }, prompt: parsed.prompt, model: parsed.model, n: 1, palette: [], growPx: parsed.grow, featherPx: parsed.feather, keepComposite: true },
      proxy,
      fastPngCodec,
    );
    const candidate = job.candidates[0];
    if (!candidate?.composite) throw new Error(job.failures[0]?.message ?? "The model returned no image.");
    await writeFile(parsed.out, encodePng(candidate.composite));
    // Split the changes by the mask as drawn, so the feather's share is visible.
    const drawn = maskFromImage(decodePng(mask));
    const source = decodePng(image);
    const byMask = countChangedPixels(source, candidate.composite, drawn);
    const byBlend = countChangedPixels(source, candidate.composite, blendMask(drawn, job.growPx, job.featherPx));
    let maskPixels = 0;
    for (const v of drawn.data) if (v > 0) maskPixels++;
    out(
      JSON.stringify({
        out: parsed.out,
        width: job.width,
        height: job.height,
        model: job.response.model,
        provider: job.response.provider,
        growPx: job.growPx,
        featherPx: job.featherPx,
        crop: job.crop,
        maskPixels,
        blendPixels: job.blendPixels,
        changedInsideMask: byMask.inside,
        changedInFeather: byBlend.inside - byMask.inside,
        changedInside: byBlend.inside,
        changedOutside: byBlend.outside,
        costUsd: job.response.costUsd,
      }),
    );
    return 0;
  } catch (error) {
    err(`brandfill inpaint: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
}
