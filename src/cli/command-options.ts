// Runs in Node: the options several `brandfill` commands share (--palette, --quality, --model).
import type { ModelEntry, Quality } from "../core/catalog/model-catalog.js";
import { resolveModel } from "../core/catalog/resolve-model.js";
import { parsePalette } from "../core/colour/parse-hex-colour.js";
import type { ProxyClient } from "../jobs/proxy-client.js";
import { UsageError } from "./run-command.js";

/** The quality values the proxy's `POST /v1/images` accepts (src/core/api/images-request.ts). */
const QUALITIES: readonly Quality[] = ["low", "medium", "high", "xhigh", "max", "auto"];

/**
 * The locked brand colours of a `--palette` value (hex colours separated by commas or spaces), as
 * the jobs take them: `#RRGGBB`, upper case (an alpha digit pair is dropped). Empty when absent.
 * @throws UsageError naming the token that is not a hex colour.
 */
export function readPaletteOption(value: string | boolean | undefined): string[] {
  if (typeof value !== "string") return [];
  try {
    return parsePalette(value).map((colour) => colour.hex);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * The `--quality` value, or undefined when absent.
 * @throws UsageError for a value the proxy would refuse.
 */
export function readQualityOption(value: string | boolean | undefined): Quality | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !QUALITIES.includes(value as Quality)) throw new UsageError(`--quality must be low, medium or high, not "${value}".`);
  return value as Quality;
}

/**
 * The catalog entry of `--model` (default `offline`), from the in-process proxy's catalog (which
 * holds `BRANDFILL_EXTRA_MODELS`), or from `/v1/models` of an injected client.
 * @throws UsageError with the catalog's sentence for an unknown or retired id.
 */
export async function readModelOptionAsync(value: string | boolean | undefined, proxy: { client: ProxyClient; catalog: readonly ModelEntry[] | null }): Promise<ModelEntry> {
  const catalog = proxy.catalog ?? (await proxy.client.modelsAsync());
  try {
    return resolveModel(typeof value === "string" ? value : "offline", catalog);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
