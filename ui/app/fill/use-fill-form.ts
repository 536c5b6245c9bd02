// Runs in the plugin iframe: what the designer set up for Fill (shared with Compare).
import { useCallback, useMemo, useState } from "preact/hooks";
import type { Quality } from "../../../src/core/catalog/model-catalog.js";
import type { FrameSpec } from "../../../src/core/frame-spec/frame-spec.js";
import type { Recipe } from "../../../src/core/protocol/recipe.js";
import type { AvailableModel } from "../../../src/jobs/proxy-client.js";
import { resolveModel } from "../model/pick-model.js";
import type { PanelSettings } from "../settings/panel-settings.js";

export interface FillForm {
  prompt: string;
  setPrompt(prompt: string): void;
  /** The model Generate uses (the picked one while usable, else the default), or null. */
  model: AvailableModel | null;
  setModelId(id: string): void;
  quality: Quality;
  setQuality(quality: Quality): void;
  variants: number;
  setVariants(n: number): void;
  /** Chips: the frame's colours (most used first), then typed ones. `#RRGGBB`. */
  colours: string[];
  locked: ReadonlySet<string>;
  toggleLock(hex: string): void;
  addColours(hexes: string[]): void;
  /** The locked colours, in chip order: the job's `palette`. */
  palette: string[];
  /** A cut-out on a transparent background (offered only where the model has it). */
  transparent: boolean;
  setTransparent(on: boolean): void;
  /** Said near the model picker when a recipe's model was retired and its replacement chosen. */
  retiredNote: string | null;
  /** Fills the form from a generated layer's recipe (Regenerate); a retired model becomes its replacement. */
  loadRecipe(recipe: Recipe): void;
}

/** State of the Fill form; survives tab switches and selection changes (locks are by hex). */
export function useFillForm(spec: FrameSpec | null, settings: PanelSettings, models: AvailableModel[] | null): FillForm {
  const [prompt, setPrompt] = useState("");
  const [modelId, setModelId] = useState<string | null>(null);
  const [quality, setQuality] = useState<Quality>("medium");
  const [variantsChosen, setVariants] = useState<number | null>(null);
  const [locked, setLocked] = useState<ReadonlySet<string>>(new Set());
  const [extras, setExtras] = useState<string[]>([]);
  const [transparent, setTransparent] = useState(false);

  // A recipe's retired model (the proxy lists which model replaces it) runs as its replacement,
  // and the panel says so; looked up as the list arrives, since Regenerate can open the panel.
  const replacement = modelId ? models?.find((m) => m.replaces?.includes(modelId)) : undefined;
  const model = resolveModel(models, replacement?.id ?? modelId ?? (settings.defaultModel || null), []);
  const colours = useMemo(() => [...new Set([...(spec?.palette.map((p) => p.hex) ?? []), ...extras])], [spec, extras]);

  const toggleLock = useCallback((hex: string) => {
    setLocked((current) => {
      const next = new Set(current);
      if (!next.delete(hex)) next.add(hex);
      return next;
    });
  }, []);
  const addColours = useCallback((hexes: string[]) => {
    setExtras((current) => [...new Set([...current, ...hexes])]);
    setLocked((current) => new Set([...current, ...hexes]));
  }, []);
  const loadRecipe = useCallback(
    (recipe: Recipe) => {
      setPrompt(recipe.promptTyped);
      setModelId(recipe.model);
      addColours(recipe.palette);
    },
    [addColours],
  );

  return {
    prompt,
    setPrompt,
    model,
    setModelId,
    quality,
    setQuality,
    variants: variantsChosen ?? settings.defaultVariants,
    setVariants,
    colours,
    locked,
    toggleLock,
    addColours,
    palette: colours.filter((hex) => locked.has(hex)),
    transparent,
    setTransparent,
    // Labels only on the designer's path (no raw ids): the retired model has no label any more.
    retiredNote: replacement ? `This layer's model has been retired: regenerating with ${replacement.label}.` : null,
    loadRecipe,
  };
}
