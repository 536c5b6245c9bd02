// Runs in the plugin iframe: the Variants tab — a source frame and the ad sizes to make from it.
import { useEffect, useId, useMemo, useState } from "preact/hooks";
import type { SelectionState } from "../../../src/core/protocol/plugin-messages.js";
import type { VariantBackgroundMode } from "../../../src/core/variants/plan-variant-background.js";
import { estimateVariantsBatch } from "../../../src/jobs/run-variants-job.js";
import { qualityFor } from "../shared/estimate-run.js";
import { EmptySelection, FrameSummary } from "../shared/frame-summary.js";
import { formatCost } from "../model/format-cost.js";
import { ModelPicker } from "../model/model-picker.js";
import { resolveModel } from "../model/pick-model.js";
import { Field } from "../shared/field.js";
import type { JobTabProps } from "../shared/job-tab-props.js";
import { Button, Checkbox, SegmentedControl, Textbox, TextboxMultiline } from "../shared/figma-ui.js";
import { MessageBanner } from "../shared/message-banner.js";
import { KEYSHORTCUT, SHORTCUT } from "../shared/is-generate-shortcut.js";
import { TabLayout } from "../shared/tab-layout.js";
import { SizeProgress } from "./size-progress.js";
import { SizeStrip } from "./size-strip.js";
import { useVariantsJob } from "./use-variants-job.js";
import { chosenSizes, presetGroups, presetName, sizesFromTokens, tokensFromSizes } from "./variant-sizes.js";
import * as styles from "../shared/panel.module.css";
import * as own from "./variants.module.css";

/** Sizes ticked in a file that has none remembered. */
const DEFAULT_PRESETS = ["iab-medium-rectangle", "iab-leaderboard", "meta-stories"];

export interface VariantsTabProps extends Omit<JobTabProps, "onPlaced"> {
  selection: SelectionState | null;
}

/**
 * The Variants tab: the source frame (or "Select a frame to make sizes from."), IAB, Google and
 * Meta presets plus custom W×H (remembered per file through main), the chosen sizes drawn to
 * scale, how the background reaches a new aspect, the model and the batch's estimated cost; then
 * one row per size with its own progress, cost, Cancel and Retry.
 */
export function VariantsTab({ channel, proxy, selection, models, form, onSpent }: VariantsTabProps) {
  const id = useId();
  const spec = selection?.kind === "fill-target" ? selection.spec : null;
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set(DEFAULT_PRESETS));
  const [custom, setCustom] = useState("");
  const [prompt, setPrompt] = useState("");
  const [mode, setMode] = useState<VariantBackgroundMode>("extend");
  const [modelId, setModelId] = useState<string | null>(null);
  const { sizes, problem } = useMemo(() => chosenSizes(ticked, custom), [ticked, custom]);
  const model = resolveModel(models.models, modelId, ["gpt-image-2", "gemini-nano-banana-2.1"], "edit");
  const groups = useMemo(presetGroups, []);
  const job = useVariantsJob(channel, proxy, onSpent);
  const quality = model ? qualityFor(model, form.quality) : undefined;
  const estimate =
    model && sizes.length ? estimateVariantsBatch({ model, sizes, mode, ...(quality ? { quality } : {}) }, spec ? { width: spec.width, height: spec.height } : null) : null;

  // The sizes last chosen in this file, kept by main in the document.
  useEffect(() => {
    channel
      .requestAsync({ type: "get-variant-sizes" })
      .then(({ sizes: tokens }) => {
        if (!tokens.length) return;
        const remembered = sizesFromTokens(tokens);
        setTicked(remembered.presetIds);
        setCustom(remembered.customText);
      })
      .catch(() => undefined);
  }, [channel]);

  const toggle = (presetId: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(presetId);
      else next.delete(presetId);
      return next;
    });
  const missing = !spec
    ? selection
      ? "Select a frame to make sizes from."
      : "Reading the selection…"
    : !sizes.length
      ? "Choose at least one size."
      : problem
        ? "Fix the custom sizes."
        : !model
          ? models.error
            ? "The models did not load."
            : "Loading models…"
          : null;
  const run = () => {
    if (missing || job.running || !spec || !model) return;
    void channel.requestAsync({ type: "set-variant-sizes", sizes: tokensFromSizes(sizes) }).catch(() => undefined);
    void job.runAsync({
      sourceNodeId: spec.nodeId,
      sizes,
      mode,
      model,
      ...(quality ? { quality } : {}),
      ...(prompt.trim() ? { prompt } : {}),
      ...(form.palette.length ? { palette: form.palette } : {}),
    });
  };

  return (
    <TabLayout
      onShortcut={run}
      {...(job.running ? { onCancel: job.cancelAll } : {})}
      footer={
        <>
          <div class={styles.footerText}>
            <span class={styles.cost} data-cost>
              {estimate ? `${formatCost(estimate.totalUsd)}${estimate.calls ? ` · ${estimate.calls} model call${estimate.calls === 1 ? "" : "s"}` : ""}` : ""}
            </span>
            <span class={styles.muted}>{missing ?? `${sizes.length} frame${sizes.length === 1 ? "" : "s"} beside the source · ${SHORTCUT}`}</span>
          </div>
          {job.running ? (
            <Button secondary onClick={job.cancelAll} data-action="cancel">
              Cancel all
            </Button>
          ) : null}
          <Button onClick={run} disabled={Boolean(missing) || job.running} data-action="make-sizes" aria-keyshortcuts={KEYSHORTCUT}>
            Make {sizes.length} size{sizes.length === 1 ? "" : "s"}
          </Button>
        </>
      }
    >
      <section class={styles.section} aria-label="Source frame">
        {spec ? <FrameSummary spec={spec} /> : <EmptySelection reason={selection ? "Select a frame to make sizes from." : "Reading the selection…"} />}
      </section>
      {job.error ? (
        <section class={styles.section}>
          <MessageBanner tone="error">{job.error}</MessageBanner>
        </section>
      ) : null}
      {job.sizes.length ? (
        <section class={styles.section} aria-label="Progress">
          <SizeProgress sizes={job.sizes} onCancel={job.cancel} onRetry={job.retry} />
        </section>
      ) : null}
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
            <div class={own.presets}>
              {presets.map((preset) => (
                <Checkbox key={preset.id} value={ticked.has(preset.id)} onValueChange={(on: boolean) => toggle(preset.id, on)} data-preset={preset.id}>
                  <span class={own.preset} title={`${presetName(preset)} ${preset.width}×${preset.height}${preset.safeZone ? ", with the placement's safe zone kept clear" : ""}`}>
                    {presetName(preset)}{" "}
                    <span class={styles.muted}>
                      {preset.width}×{preset.height}
                      {preset.safeZone ? " · safe" : ""}
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
              value={mode}
              options={[
                { value: "extend", text: "Extend (outpaint)" },
                { value: "regenerate", text: "Regenerate" },
              ]}
              onValueChange={(v: string) => setMode(v as VariantBackgroundMode)}
            />
          </div>
        </Field>
        <Field label="Prompt (optional)" htmlFor={`${id}-prompt`}>
          <TextboxMultiline id={`${id}-prompt`} rows={2} value={prompt} onValueInput={setPrompt} placeholder="Defaults to the prompt of the source's generated background" />
        </Field>
        {models.models ? <ModelPicker label="Model" models={models.models} value={model?.id ?? null} onChange={setModelId} operation="edit" /> : null}
        <div class={styles.muted}>Text, logo and button stay live Figma layers, re-laid out by their constraints and roles.</div>
      </section>
    </TabLayout>
  );
}
