import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import sharp from "sharp";
import { BrandfillError } from "../core/api/api-error.js";
import type { ModelEntry, Quality } from "../core/catalog/model-catalog.js";
import { resolveModel } from "../core/catalog/resolve-model.js";
import { nameColour } from "../core/colour/name-colour.js";
import { buildFrameSpec } from "../core/frame-spec/build-frame-spec.js";
import type { FrameSpec } from "../core/frame-spec/frame-spec.js";
import { findRestFrame, specNodeFromRest } from "../core/frame-spec/spec-node-from-rest.js";
import { checkLayout } from "../core/layout/check-layout.js";
import type { LayoutResult } from "../core/layout/layout-result.js";
import { parseSizeList, type RequestedSize } from "../core/layout/parse-size-list.js";
import { relayout } from "../core/layout/relayout.js";
import { decodePng, encodePng, fastPngCodec, isPng } from "../core/raster/png-codec.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";
import { backgroundInFrame } from "../core/variants/background-in-frame.js";
import { buildVariantRequestAsync } from "../core/variants/build-variant-request.js";
import { finishVariantBackground } from "../core/variants/finish-variant-background.js";
import { planVariantBackground, type VariantBackgroundMode } from "../core/variants/plan-variant-background.js";
import { renderVariantPreview } from "../core/variants/render-variant-preview.js";
import { createSourcePyramid, type SourcePyramid } from "../core/variants/source-pyramid.js";
import { createProviders } from "../proxy/create-providers.js";
import { prepareProviderCall } from "../proxy/prepare-provider-call.js";
import { loadProxyConfig } from "../proxy/proxy-config.js";

/** What the background generator is asked for, one size at a time. */
export interface BackgroundRequest {
  /** The source frame. */
  readonly spec: FrameSpec;
  /** The re-laid-out frame at the new size: its boxes are the keep-clear zones of the new background. */
  readonly layout: LayoutResult;
  readonly size: RequestedSize;
  /** The REST node the frame was read from (its image fills, its recipe). */
  readonly frameNode: unknown;
}

/** Injected collaborators of {@link variantsCommandAsync}. */
export interface VariantsDeps {
  /**
   * Makes the background PNG for one size (`layout.width × layout.height` pixels), or `null` when
   * the source has no background to extend. Default: {@link createProxyBackgroundGenerator} with
   * the command's `--model`, `--mode`, `--prompt`, `--quality` and `--background`; with
   * `--layout-only` none is made and the layout JSON says `"background": null`.
   */
  readonly generateBackgroundAsync?: (request: BackgroundRequest) => Promise<Uint8Array | null>;
  /** Environment the providers read their keys and base URLs from; defaults to `process.env`. */
  readonly env?: Record<string, string | undefined>;
  /** Where result lines go (one JSON object per line); defaults to standard output. */
  readonly stdout?: (line: string) => void;
  /** Where errors and usage go; defaults to standard error. */
  readonly stderr?: (line: string) => void;
}

export const VARIANTS_USAGE = [
  "Usage: brandfill variants --frame frame.json --sizes 300x250,728x90,1080x1920 --out dir/ [--model offline] [options]",
  "  --frame       a Figma REST response (GET /v1/files/:key/nodes or /v1/files/:key) or one node of it",
  "  --sizes       sizes as W×H, or preset ids such as iab-leaderboard or meta-stories, separated by commas",
  "  --out         the folder to write <w>x<h>.layout.json, the background <w>x<h>.png and a preview <frame>-<w>x<h>.png (<w>x<h>-<preset> for a preset) into; created if missing",
  "  --node        the id of the frame to use when the file holds several (default: the first frame)",
  "  --model       the image model (default offline: no key needed); OpenAI and Gemini models use the proxy's keys from the environment",
  "  --background  the frame's background picture (PNG, e.g. exported from Figma), to extend to each size",
  "  --mode        extend (default with --background) or regenerate (default without)",
  "  --prompt      what the background shows (default: continue the given background)",
  "  --quality     low, medium or high for OpenAI models",
  "  --layout-only write the layouts only, no backgrounds",
].join("\n");

const FLAGS = new Set(["frame", "sizes", "out", "node", "model", "background", "mode", "prompt", "quality"]);
const SWITCHES = new Set(["layout-only"]);

/**
 * `brandfill variants`: lays a Figma frame out for each requested size with the same core code
 * as the plugin, writing per size `<out>/<w>x<h>.layout.json` (`<w>x<h>-<preset>` for a preset
 * id) holding every element's id, role, box and font size, the dropped elements with reasons,
 * warnings and any broken layout rule, `<w>x<h>.png`, the size's background made through the
 * proxy's providers in-process (offline by default: no key, no network), and
 * `<frame name>-<w>x<h>.png`, a preview of the size (background plus a box or text bars per
 * layer, `renderVariantPreview`) for a person to look at. Prints one JSON line per
 * size to stdout, in the order asked.
 *
 * @param args the arguments after `variants` (a leading `variants` is skipped).
 * @returns 0 when every size was written; 1 when the frame could not be read or a background
 *   failed (its layout is still written); 2 for bad arguments (a sentence and the usage on stderr).
 */
export async function variantsCommandAsync(args: string[], deps: VariantsDeps = {}): Promise<number> {
  const out = deps.stdout ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = deps.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const parsed = parseArgs(args[0] === "variants" ? args.slice(1) : args);
  if ("error" in parsed) {
    err(`${parsed.error}\n${VARIANTS_USAGE}`);
    return 2;
  }
  const { frame: framePath, out: outDir, node: nodeId } = parsed;
  let sizes: RequestedSize[];
  try {
    sizes = parseSizeList(parsed.sizes);
  } catch (e) {
    err(`${(e as Error).message}\n${VARIANTS_USAGE}`);
    return 2;
  }

  let spec: FrameSpec;
  let frameNode: unknown;
  try {
    const json: unknown = JSON.parse(await readFile(framePath, "utf8"));
    const found = locateFrame(json, nodeId);
    frameNode = found.node;
    spec = buildFrameSpec(specNodeFromRest(found.node), found.pageId);
  } catch (e) {
    err(`Could not read the frame from ${framePath}: ${messageOf(e)}`);
    return 1;
  }
  let generateBackgroundAsync = deps.generateBackgroundAsync;
  if (!generateBackgroundAsync && !parsed.options.has("layout-only")) {
    const o = parsed.options;
    let backgroundPng: Uint8Array | undefined;
    if (o.has("background")) {
      try {
        backgroundPng = new Uint8Array(await readFile(o.get("background")!));
        decodePng(backgroundPng);
      } catch (e) {
        err(`Could not read the background picture ${o.get("background")}: ${messageOf(e)}`);
        return 1;
      }
    }
    try {
      generateBackgroundAsync = createProxyBackgroundGenerator({
        model: o.get("model") ?? "offline",
        ...(o.has("mode") ? { mode: o.get("mode") as VariantBackgroundMode } : {}),
        ...(o.has("prompt") ? { prompt: o.get("prompt")! } : {}),
        ...(o.has("quality") ? { quality: o.get("quality") as Quality } : {}),
        ...(backgroundPng ? { backgroundPng } : {}),
        env: deps.env ?? process.env,
      });
    } catch (e) {
      err(`${messageOf(e)}\n${VARIANTS_USAGE}`);
      return 2;
    }
  }
  await mkdir(outDir, { recursive: true });

  let failed = false;
  const lines: (string | undefined)[] = [];
  let printed = 0;
  const flush = () => {
    while (printed < lines.length && lines[printed] !== undefined) out(lines[printed++]!);
  };
  lines.length = sizes.length;
  // Sizes run together so slow backgrounds overlap; rate limits are the generator's business.
  await Promise.all(sizes.map(async (size, i) => {
    const base = `${size.width}x${size.height}${size.presetId ? `-${size.presetId}` : ""}`;
    const target = { width: size.width, height: size.height, ...(size.safeZone ? { safeZone: size.safeZone } : {}) };
    const layout = relayout(spec, target);
    const violations = checkLayout(layout, target, spec);
    let background: string | null = null;
    let backgroundError: string | undefined;
    let backgroundPixels: RgbaImage | null = null;
    if (generateBackgroundAsync) {
      try {
        const png = await generateBackgroundAsync({ spec, layout, size, frameNode });
        if (png && !isPng(png)) throw new Error("the background generator returned something that is not a PNG");
        if (png) {
          background = `${base}.png`;
          await writeFile(join(outDir, background), png);
          backgroundPixels = decodePng(png);
        }
      } catch (e) {
        backgroundError = `The background for ${size.width}×${size.height} failed: ${messageOf(e)}`;
        failed = true;
      }
    }
    // What the size looks like: the background with a box (or text bars) per placed layer.
    const preview = `${spec.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 80) || "frame"}-${base}.png`;
    const pixels = renderVariantPreview({ layout, spec, background: backgroundPixels });
    // libvips at low compression: a 1080×1920 preview in milliseconds, off the event loop.
    await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 4 } }).png({ compressionLevel: 2 }).toFile(join(outDir, preview));
    const layoutFile = `${base}.layout.json`;
    const document = {
      source: { nodeId: spec.nodeId, name: spec.name, width: spec.width, height: spec.height },
      size: { width: size.width, height: size.height, presetId: size.presetId ?? null, safeZone: size.safeZone ?? null },
      template: layout.template,
      elements: layout.elements,
      dropped: layout.dropped,
      warnings: layout.warnings,
      violations,
      background,
      preview,
      ...(backgroundError ? { backgroundError } : {}),
    };
    await writeFile(join(outDir, layoutFile), `${JSON.stringify(document, null, 2)}\n`);
    lines[i] = JSON.stringify({
      size: `${size.width}x${size.height}`,
      preset: size.presetId ?? null,
      template: layout.template,
      layout: join(outDir, layoutFile),
      background: background ? join(outDir, background) : null,
      preview: join(outDir, preview),
      elements: layout.elements.length,
      dropped: layout.dropped.map((d) => d.reason),
      warnings: layout.warnings,
      violations: violations.length,
      ...(backgroundError ? { error: backgroundError } : {}),
    });
    flush();
  }));
  return failed ? 1 : 0;
}

type ParsedArgs = { frame: string; sizes: string; out: string; node?: string; options: Map<string, string> } | { error: string };

function parseArgs(args: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") return { error: "brandfill variants lays a Figma frame out for other ad sizes and makes each size's background." };
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m && SWITCHES.has(m[1]!) && m[2] === undefined) {
      values.set(m[1]!, "true");
      continue;
    }
    if (!m || !FLAGS.has(m[1]!)) return { error: `Unknown argument "${arg}".` };
    const value = m[2] ?? args[++i];
    if (value === undefined || value === "" || (m[2] === undefined && value.startsWith("--"))) return { error: `--${m[1]} needs a value.` };
    values.set(m[1]!, value);
  }
  const missing = ["frame", "sizes", "out"].filter((f) => !values.has(f));
  if (missing.length > 0) return { error: `Missing ${missing.map((f) => `--${f}`).join(", ")}.` };
  const mode = values.get("mode");
  if (mode !== undefined && mode !== "extend" && mode !== "regenerate") return { error: `--mode must be extend or regenerate, not "${mode}".` };
  const quality = values.get("quality");
  if (quality !== undefined && !["low", "medium", "high", "xhigh", "max", "auto"].includes(quality)) return { error: `--quality must be low, medium or high, not "${quality}".` };
  return { frame: values.get("frame")!, sizes: values.get("sizes")!, out: values.get("out")!, ...(values.has("node") ? { node: values.get("node")! } : {}), options: values };
}

interface Located {
  node: unknown;
  pageId: string;
}

interface RestTreeNode {
  id?: string;
  type?: string;
  children?: RestTreeNode[];
  document?: RestTreeNode;
  nodes?: Record<string, { document?: RestTreeNode }>;
}

/** The frame to lay out (by id, or the first frame as `findRestFrame` picks it) and the page holding it. */
function locateFrame(json: unknown, nodeId: string | undefined): Located {
  const wanted = nodeId ? undefined : findRestFrame(json);
  const doc = json as RestTreeNode;
  const roots = doc.nodes ? Object.values(doc.nodes).flatMap((n) => (n?.document ? [n.document] : [])) : doc.document ? [doc.document] : [doc];
  const stack: { node: RestTreeNode; pageId: string }[] = roots.map((node) => ({ node, pageId: "" }));
  while (stack.length > 0) {
    const { node, pageId } = stack.shift()!;
    if (nodeId ? node.id === nodeId : node === wanted) return { node, pageId };
    const page = node.type === "CANVAS" && node.id ? node.id : pageId;
    for (const child of node.children ?? []) stack.push({ node: child, pageId: page });
  }
  if (nodeId) throw new Error(`there is no node with id ${nodeId} in it.`);
  return { node: wanted, pageId: "" };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Options of {@link createProxyBackgroundGenerator}. */
export interface ProxyBackgroundOptions {
  /** A model id of the catalog (or one `BRANDFILL_EXTRA_MODELS` adds). */
  readonly model: string;
  /** Default: `extend` when a background picture is given, else `regenerate`. */
  readonly mode?: VariantBackgroundMode;
  /** What the background shows; default: continue the given background, or a calm abstract one. */
  readonly prompt?: string;
  readonly quality?: Quality;
  /**
   * The frame's background picture (PNG): REST JSON holds only image references, so the pixels to
   * extend come from a file (the background layer exported from Figma, or the whole frame).
   */
  readonly backgroundPng?: Uint8Array;
  /** Where the providers read their keys and base URLs (the proxy's variables, README). */
  readonly env: Record<string, string | undefined>;
}

/** Sizes made at once by the command; rate limits beyond that are waited out per size. */
const COMMAND_CONCURRENCY = 4;
/** Tries per size when the provider answers "too many requests". */
const RATE_LIMIT_TRIES = 4;

/**
 * The command's background generator: the same per-size pipeline as the plugin's Variants job
 * (`planVariantBackground` → `buildVariantRequestAsync` → provider → `finishVariantBackground`), with
 * the proxy's own providers called in-process (`loadProxyConfig` + `createProviders` +
 * `prepareProviderCall`), so keys come from the same environment variables and never leave the
 * process. The offline model needs none. A rate-limited size waits the provider's `retryAfterS`
 * (or 2, 4, 8 s) and tries again, up to 4 times.
 *
 * @throws Error naming the model when it is unknown or retired, or a variable that is malformed.
 */
export function createProxyBackgroundGenerator(options: ProxyBackgroundOptions): (request: BackgroundRequest) => Promise<Uint8Array | null> {
  const config = loadProxyConfig(options.env);
  const model: ModelEntry = resolveModel(options.model, config.catalog);
  const providers = createProviders(config);
  const available = (m: ModelEntry): string | null =>
    m.provider === "offline" || providers[m.provider] ? null : `${m.label} needs ${m.provider === "openai" ? "OPENAI_API_KEY" : "GEMINI_API_KEY"} in the environment.`;
  const mode: VariantBackgroundMode = options.mode ?? (options.backgroundPng ? "extend" : "regenerate");
  const picture = options.backgroundPng ? decodePng(options.backgroundPng) : null;
  const limit = pLimit(COMMAND_CONCURRENCY);
  let source: { key: string; pyramid: SourcePyramid } | null = null;
  const sourceFor = (spec: FrameSpec): SourcePyramid | null => {
    if (!picture) return null;
    if (source?.key !== spec.nodeId) {
      // A picture of the background layer is cut to what the frame shows; any other is taken as the frame.
      const element = spec.elements.find((e) => e.id === spec.backgroundElementId);
      const inFrame: RgbaImage = element && Math.abs(picture.width / picture.height - element.box.width / element.box.height) < 0.01
        ? backgroundInFrame(picture, element.box, spec)
        : picture;
      source = { key: spec.nodeId, pyramid: createSourcePyramid(inFrame) };
    }
    return source.pyramid;
  };

  return (request) =>
    limit(async () => {
      const pyramid = sourceFor(request.spec);
      const full = pyramid?.levels[0] ?? null;
      const target = { width: request.layout.width, height: request.layout.height };
      const plan = planVariantBackground({ model, target, source: full, mode, ...(options.quality ? { quality: options.quality } : {}) });
      if (plan.kind === "none") return null;
      if (plan.kind === "resize" || plan.kind === "crop") return encodePng(finishVariantBackground(plan, pyramid, null));
      const userPrompt = options.prompt?.trim() || (full ? "Continue this background image" : "A calm, softly lit abstract background");
      const { request: body } = await buildVariantRequestAsync({
        plan,
        layout: request.layout,
        userPrompt,
        palette: [],
        model,
        ...(options.quality ? { quality: options.quality } : {}),
        source: pyramid,
        nameColour,
      }, fastPngCodec);
      const prepared = prepareProviderCall(body, config.catalog, available);
      const provider = prepared.model.provider === "offline" ? providers.offline : providers[prepared.model.provider]!;
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await provider.runAsync({ ...prepared, signal: AbortSignal.timeout(config.deadlineMs) });
          const image = result.images[0];
          if (!image) throw new Error(`${model.label} answered without a picture.`);
          return encodePng(finishVariantBackground(plan, pyramid, decodePng(image.png)));
        } catch (e) {
          if (!(e instanceof BrandfillError) || e.code !== "rate_limited" || attempt >= RATE_LIMIT_TRIES) throw e;
          await new Promise((resolve) => setTimeout(resolve, (e.retryAfterS ?? 2 ** attempt) * 1000));
        }
      }
    });
}
