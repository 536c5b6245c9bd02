import { BrandfillError } from "../api/api-error.js";
import { MODEL_CATALOG, type ModelEntry } from "./model-catalog.js";
import { RETIRED_MODELS, retiredModel } from "./retired-models.js";

/**
 * Adds model ids a provider shipped after this release, without a code change: each spec is
 * `new-id=existing-id`, and the new id inherits the existing entry's capabilities with its
 * price set to unknown (so no cost is guessed). Configured by `BRANDFILL_EXTRA_MODELS`, e.g.
 * `gpt-image-3=gpt-image-2,gemini-4-image=gemini-3-pro-image`.
 *
 * @throws Error naming the spec when it is malformed, names an unknown base model or adds a
 *   retired id.
 */
export function extendCatalog(extraSpec: string | undefined, base: readonly ModelEntry[] = MODEL_CATALOG): ModelEntry[] {
  const catalog = [...base];
  for (const spec of (extraSpec ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9._-]+)=([A-Za-z0-9._-]+)$/.exec(spec);
    if (!match) throw new Error(`BRANDFILL_EXTRA_MODELS entry “${spec}” must look like new-model-id=existing-model-id.`);
    const [, id, like] = match as unknown as [string, string, string];
    const template = catalog.find((m) => m.id === like);
    if (!template) throw new Error(`BRANDFILL_EXTRA_MODELS entry “${spec}”: there is no model “${like}” to copy.`);
    // A retired id stays retired: listing it would offer a model its provider has shut down.
    const retired = retiredModel(id);
    if (retired) throw new Error(`BRANDFILL_EXTRA_MODELS entry “${spec}”: “${id}” has been retired by its provider; use ${retired.replacement}.`);
    if (catalog.some((m) => m.id === id)) continue;
    catalog.push({ ...template, id, label: id, snapshotOf: undefined, price: { kind: "unknown" }, notes: `Enabled by configuration, like ${like}.` });
  }
  return catalog;
}

/**
 * Looks a model id up in a catalog.
 * @throws BrandfillError `invalid_request` (400) naming the replacement for a retired id
 *   ({@link RETIRED_MODELS}), or listing
 *   the models that exist for an unknown one.
 */
export function resolveModel(id: string, catalog: readonly ModelEntry[]): ModelEntry {
  const entry = catalog.find((m) => m.id === id);
  if (entry) return entry;
  const retired = retiredModel(id);
  if (retired) {
    const when = retired.shutDown ? ` on ${retired.shutDown}` : "";
    const instead = retired.alternative ? `${retired.replacement} or ${retired.alternative}` : retired.replacement;
    throw new BrandfillError("invalid_request", `The model “${id}” has been retired by its provider${when}. Use ${instead} instead.`);
  }
  throw new BrandfillError("invalid_request", `There is no model “${id}”. Available models: ${catalog.map((m) => m.id).join(", ")}.`);
}
