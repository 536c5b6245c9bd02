// Runs in the plugin iframe: the Variants tab — a source frame and the ad sizes to make from it.
import { useId, useMemo, useState } from "preact/hooks";
import type { SelectionState } from "../../../src/core/protocol/plugin-messages.js";
import { ModelPicker } from "../model/model-picker.js";
import { resolveModel } from "../model/pick-model.js";
import type { ModelsState } from "../model/use-models.js";
import { EmptySelection, FrameSummary } from "../fill/frame-summary.js";
import { Field } from "../shared/field.js";
import { TabLayout } from "../shared/tab-layout.js";
import { Button, Checkbox, SegmentedControl, Textbox } from "../shared/figma-ui.js";
import { SizeStrip } from "./size-strip.js";
import { chosenSizes, presetGroups, presetName } from "./variant-sizes.js";
import styles from "../shared/panel.module.css";
import own from "./variants.module.css";
import shared from "../shared/shared.module.css";

type Background = "extend" | "regenerate";

/**
 * The Variants tab: the source frame (or "Select a frame to make sizes from."), IAB, Google and
 * Meta presets plus custom W×H, the chosen sizes drawn to scale, how the background reaches the
 * new aspect, and the model. Making the frames needs main-side requests that do not exist yet,
 * so the button says so instead of pretending.
 */
export function VariantsTab({ selection, models }: { selection: SelectionState | null; models: ModelsState }) {
  const id = useId();
  const spec = selection?.kind === "fill-target" ? selection.spec : null;
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set(["iab-medium-rectangle", "iab-leaderboard", "meta-stories"]));
  const [custom, setCustom] = useState("");
  const [background, setBackground] = useState<Background>("extend");
  const [modelId, setModelId] = useState<string | null>(null);
  const { sizes, problem } = useMemo(() => chosenSizes(ticked, custom), [ticked, custom]);
  const model = resolveModel(models.models, modelId, ["gpt-image-2", "gemini-3.1-flash-image"], "edit");
  const groups = useMemo(presetGroups, []);

  const toggle = (presetId: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(presetId);
      else next.delete(presetId);
      return next;
    });

  return (
    <TabLayout
      footer={
        <>
          <div class={styles.footerText}>
            <span>{sizes.length ? `${sizes.length} frame${sizes.length === 1 ? "" : "s"} beside the source` : "Choose at least one size"}</span>
            <span class={styles.muted} data-coming-soon>
              Coming soon: needs the next plugin update
            </span>
          </div>
          <Button disabled data-action="make-sizes">
            Make {sizes.length} size{sizes.length === 1 ? "" : "s"}
          </Button>
        </>
      }
    >
      <section class={styles.section} aria-label="Source frame">
        {spec ? <FrameSummary spec={spec} /> : <EmptySelection reason={selection ? "Select a frame to make sizes from." : "Reading the selection…"} />}
      </section>
      <section class={styles.section} aria-labelledby={`${id}-sizes`}>
        <div class={styles.sectionHead}>
          <h2 class={styles.sectionTitle} id={`${id}-sizes`}>
            Sizes
          </h2>
          <span class={styles.muted} data-size-count>
            {sizes.length} chosen
          </span>
        </div>
        <SizeStrip sizes={sizes} />
        {groups.map(({ group, presets }) => (
          <fieldset class={own.group} key={group}>
            <legend class={own.legend}>{group}</legend>
            <div class={[own.presets, shared.checks].join(" ")}>
              {presets.map((preset) => (
                <Checkbox key={preset.id} value={ticked.has(preset.id)} onValueChange={(on: boolean) => toggle(preset.id, on)} data-preset={preset.id}>
                  <span class={own.preset}>
                    {presetName(preset)}{" "}
                    <span class={styles.muted}>
                      {preset.width}×{preset.height}
                      {preset.safeZone ? ", safe zone" : ""}
                    </span>
                  </span>
                </Checkbox>
              ))}
            </div>
          </fieldset>
        ))}
        <Field label="Custom sizes" htmlFor={`${id}-custom`} hint={problem ? undefined : "W×H, separated by commas"}>
          <Textbox id={`${id}-custom`} value={custom} onValueInput={setCustom} placeholder="600x300, 1200x1500" aria-invalid={problem ? true : undefined} />
        </Field>
        {problem ? (
          <div class={styles.problem} role="alert">
            {problem}
          </div>
        ) : null}
      </section>
      <section class={styles.section} aria-label="Background">
        <Field label="Background at a new aspect" labelId={`${id}-background`}>
          <div role="radiogroup" aria-labelledby={`${id}-background`}>
            <SegmentedControl
              name={`${id}-background`}
              value={background}
              options={[
                { value: "extend", children: "Extend (outpaint)" },
                { value: "regenerate", children: "Regenerate" },
              ]}
              onValueChange={(v: string) => setBackground(v as Background)}
            />
          </div>
        </Field>
        {models.models ? <ModelPicker label="Model" models={models.models} value={model?.id ?? null} onChange={setModelId} operation="edit" /> : null}
        <div class={styles.muted}>Text, logo and button stay live Figma layers, re-laid out by their constraints and roles.</div>
      </section>
    </TabLayout>
  );
}
