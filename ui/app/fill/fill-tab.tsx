// Runs in the plugin iframe: the Fill tab — selection, prompt, model, Generate, results.
import { Button, Checkbox, Dropdown, SegmentedControl, TextboxMultiline } from "../shared/figma-ui.js";
import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import type { Quality } from "../../../src/core/catalog/model-catalog.js";
import type { SelectionState } from "../../../src/core/protocol/plugin-messages.js";
import type { ProxyClient } from "../../../src/jobs/proxy-client.js";
import { withDraftImage } from "../../../src/jobs/with-draft-image.js";
import { describeModelFit } from "../model/describe-model-fit.js";
import { formatCost } from "../model/format-cost.js";
import { ModelPicker } from "../model/model-picker.js";
import { DRAFT_MODEL_IDS, FINISH_MODEL_IDS, pickModel, resolveModel } from "../model/pick-model.js";
import type { ModelsState } from "../model/use-models.js";
import { budgetWarning, type PanelSettings } from "../settings/panel-settings.js";
import { Field } from "../shared/field.js";
import { KEYSHORTCUT, SHORTCUT } from "../shared/is-generate-shortcut.js";
import { ReferencesField } from "../shared/references-field.js";
import { TabLayout } from "../shared/tab-layout.js";
import type { ReferencesState } from "../shared/use-references.js";
import { MessageBanner } from "../shared/message-banner.js";
import { estimateRunUsd, qualityFor } from "../shared/estimate-run.js";
import { EmptySelection, FrameSummary } from "../shared/frame-summary.js";
import { PaletteChips } from "./palette-chips.js";
import { ProgressView } from "../shared/progress-view.js";
import { ResultsGrid } from "./results-grid.js";
import type { FillForm } from "../shared/use-fill-form.js";
import type { FillJobState } from "./use-fill-job.js";
import * as styles from "../shared/panel.module.css";

/** Drafts per Explore run. */
const DRAFT_COUNT = 4;
/** Long edge of a draft in pixels: Gemini's cheapest tier, and quick to fit and lock. */
const DRAFT_EDGE = 512;

const QUALITY_NAMES: Record<Quality, string> = { low: "Low", medium: "Medium", high: "High", xhigh: "Extra high", max: "Maximum", auto: "Auto (model decides)" };

export interface FillTabProps {
  selection: SelectionState | null;
  models: ModelsState;
  settings: PanelSettings;
  proxy: ProxyClient;
  form: FillForm;
  fill: FillJobState;
  refs: ReferencesState;
}

/**
 * The Fill tab: what was read from the selection (or why nothing can be filled), the prompt,
 * the model with its strengths, limits and cost, quality and variant count, Generate
 * (Cmd/Ctrl+Enter) and Explore, progress with Cancel, and the results to place or finish.
 */
export function FillTab({ selection, models, settings, proxy, form, fill, refs }: FillTabProps) {
  const id = useId();
  const spec = selection?.kind === "fill-target" ? selection.spec : null;
  const model = form.model;
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [finishId, setFinishId] = useState<string | null>(null);
  const running = fill.run.kind === "running";
  const aspect = spec ? spec.width / spec.height : 16 / 9;

  const list = models.models ?? [];
  const draftModel = useMemo(() => pickModel(list, DRAFT_MODEL_IDS), [list]);
  const estimate = spec && model ? estimateRunUsd(model, spec, form.quality, form.variants) : null;
  const draftScale = spec ? Math.min(1, DRAFT_EDGE / Math.max(spec.width, spec.height)) : 1;
  const draftEstimate = spec && draftModel ? estimateRunUsd(draftModel, spec, "low", DRAFT_COUNT, draftScale) : null;
  const selected = fill.results.find((r) => r.key === selectedKey) ?? null;
  const finishModel = resolveModel(models.models, finishId, FINISH_MODEL_IDS, "edit");

  useEffect(() => setSelectedKey(fill.results.find((r) => r.input.draft)?.key ?? null), [fill.results.length]);
  // Progress and new results start below the fold at the default size: bring them into view.
  const progressRef = useRef<HTMLElement>(null);
  const resultsRef = useRef<HTMLElement>(null);
  useEffect(() => progressRef.current?.scrollIntoView({ block: "nearest" }), [running]);
  useEffect(() => resultsRef.current?.scrollIntoView({ block: "start" }), [fill.results]);

  // Gemini also gets the palette swatch as a reference: it takes one of the model's slots.
  const refLimit = model ? Math.max(0, model.maxReferences - (model.provider === "gemini" && form.palette.length ? 1 : 0)) : 0;
  const references = refs.items.map(({ nodeId, png }) => ({ nodeId, png }));
  const missing = !selection
    ? "Reading the selection…"
    : !spec
      ? selection.kind === "none"
        ? selection.reason
        : ""
      : !model
        ? models.error
          ? "The models did not load."
          : "Loading models…"
        : !form.prompt.trim()
          ? "Describe the image to generate."
          : refs.items.length > refLimit
            ? "Too many references for this model."
            : null;
  const canRun = !missing && !running;

  const generate = () => {
    if (!canRun || !spec || !model) return;
    void fill.generateAsync({
      spec,
      prompt: form.prompt,
      model: model.id,
      ...opt(qualityFor(model, form.quality)),
      ...(form.transparent && model.transparentBackground && { background: "transparent" as const }),
      n: form.variants,
      palette: form.palette,
      paletteSwatch: model.provider === "gemini",
      scale: 1,
      modelLabel: model.label,
      estimateUsd: estimate,
      references,
    });
  };
  const explore = () => {
    if (!canRun || !spec || !draftModel) return;
    void fill.generateAsync({
      spec,
      prompt: form.prompt,
      model: draftModel.id,
      ...opt(qualityFor(draftModel, "low")),
      n: DRAFT_COUNT,
      palette: form.palette,
      scale: draftScale,
      modelLabel: draftModel.label,
      draft: true,
      estimateUsd: draftEstimate,
    });
  };
  const finish = () => {
    if (!selected || !finishModel || running) return;
    const source = selected.input;
    void fill.generateAsync({
      spec: source.spec,
      prompt: source.prompt,
      model: finishModel.id,
      ...opt(qualityFor(finishModel, "high")),
      n: 1,
      palette: source.palette,
      scale: 1,
      modelLabel: `${finishModel.label} (finished)`,
      estimateUsd: estimateRunUsd(finishModel, source.spec, "high", 1),
      ...(source.references ? { references: source.references } : {}),
      proxy: withDraftImage(proxy, selected.candidate.png),
      keepEarlier: true,
    });
  };

  const warning = budgetWarning(settings, estimate);
  const qualityOptions = model && model.qualities.length > 1 ? model.qualities.map((q) => ({ value: q, text: QUALITY_NAMES[q] })) : null;

  return (
    <TabLayout
      onShortcut={generate}
      {...(running ? { onCancel: fill.cancel } : {})}
      footer={
        <>
          <div class={styles.footerText}>
            <span class={styles.cost} data-cost>
              {spec && model ? formatCost(estimate) : ""}
            </span>
            <span class={styles.muted} id={`${id}-shortcut`}>
              {missing ?? `${SHORTCUT} to generate`}
            </span>
          </div>
          <Button
            secondary
            onClick={explore}
            disabled={!canRun || !draftModel}
            aria-label={draftModel ? `Explore: ${DRAFT_COUNT} drafts with ${draftModel.label}, ${formatCost(draftEstimate)}` : "Explore"}
            data-action="explore"
          >
            Explore
          </Button>
          <Button onClick={generate} disabled={!canRun} data-action="generate" aria-describedby={`${id}-shortcut`} aria-keyshortcuts={KEYSHORTCUT}>
            Generate
          </Button>
        </>
      }
    >
      <section class={styles.section} aria-label="Selection">
        {spec ? <FrameSummary spec={spec} /> : <EmptySelection reason={selection?.kind === "none" ? selection.reason : "Reading the selection…"} />}
        {spec ? <PaletteChips colours={form.colours} locked={form.locked} onToggle={form.toggleLock} onAdd={form.addColours} /> : null}
      </section>
      <section class={styles.section} aria-label="Prompt and model">
        <Field label="Prompt" htmlFor={`${id}-prompt`}>
          <TextboxMultiline
            id={`${id}-prompt`}
            rows={3}
            value={form.prompt}
            onValueInput={form.setPrompt}
            placeholder="Describe the background, e.g. soft morning light over a calm sea"
            aria-describedby={`${id}-shortcut`}
          />
        </Field>
        {models.error && !models.models ? (
          <MessageBanner tone="error">
            {models.error}{" "}
            <button type="button" class={styles.link} onClick={models.reload}>
              Try again
            </button>
          </MessageBanner>
        ) : (
          <ModelPicker
            label="Model"
            models={list}
            value={model?.id ?? null}
            onChange={form.setModelId}
            operation="generate"
            costText={(m) => (spec ? formatCost(estimateRunUsd(m, spec, form.quality, form.variants)) : "")}
            fitText={(m) => (spec ? describeModelFit(m, { width: Math.round(spec.width), height: Math.round(spec.height) }) : null)}
          />
        )}
        {form.retiredNote ? (
          <div class={styles.muted} data-retired-note>
            {form.retiredNote}
          </div>
        ) : null}
        {model?.transparentBackground ? (
          <Checkbox value={form.transparent} onValueChange={form.setTransparent} data-transparent>
            Transparent background
          </Checkbox>
        ) : null}
        {model ? <ReferencesField refs={refs} limit={refLimit} modelLabel={model.label} /> : null}
        <div class={styles.row}>
          {qualityOptions ? (
            <Field label="Quality" labelId={`${id}-quality`} class={styles.grow}>
              <Dropdown
                options={qualityOptions}
                value={qualityOptions.some((o) => o.value === form.quality) ? form.quality : null}
                placeholder="Quality"
                onValueChange={(q: string) => form.setQuality(q as Quality)}
                aria-labelledby={`${id}-quality`}
              />
            </Field>
          ) : (
            <Field label="Quality" class={styles.grow}>
              <div class={styles.muted}>Set by the model</div>
            </Field>
          )}
          <Field label="Variants" labelId={`${id}-variants`}>
            <div role="radiogroup" aria-labelledby={`${id}-variants`}>
              <SegmentedControl
                name={`${id}-variants`}
                value={String(form.variants)}
                options={[1, 2, 3, 4].map((n) => ({ value: String(n) }))}
                onValueChange={(v: string) => form.setVariants(Number(v))}
              />
            </div>
          </Field>
        </div>
      </section>
      {fill.error || fill.notice || warning ? (
        <section class={styles.section} aria-label="Messages">
          {fill.error ? (
            <MessageBanner tone="error">
              {fill.error}{" "}
              {fill.retry ? (
                <button type="button" class={styles.link} onClick={fill.retry} data-action="retry">
                  Try again
                </button>
              ) : null}
            </MessageBanner>
          ) : null}
          {fill.notice ? <MessageBanner tone="note">{fill.notice}</MessageBanner> : null}
          {warning ? <MessageBanner tone="warning">{warning}</MessageBanner> : null}
        </section>
      ) : null}
      {fill.run.kind === "running" ? (
        <section class={styles.section} ref={progressRef}>
          <ProgressView run={fill.run} aspect={aspect} onCancel={fill.cancel} />
        </section>
      ) : null}
      {fill.results.length || fill.failures.length ? (
        <section class={styles.section} aria-labelledby={`${id}-results`} ref={resultsRef}>
          <div class={styles.sectionHead}>
            <h2 class={styles.sectionTitle} id={`${id}-results`}>
              Results
            </h2>
            <Button secondary onClick={() => void fill.placeAllAsync()} disabled={!fill.results.some((r) => !r.placed)} data-action="place-all">
              Place all
            </Button>
          </div>
          <ResultsGrid
            results={fill.results}
            failures={fill.failures}
            aspect={aspect}
            selectedKey={selectedKey}
            onSelect={setSelectedKey}
            onPlace={(key) => void fill.placeAsync(key)}
          />
          {selected?.input.draft ? (
            <div class={styles.finish} data-finish>
              <ModelPicker
                label="Finish the chosen draft with"
                models={list}
                value={finishModel?.id ?? null}
                onChange={setFinishId}
                operation="edit"
                costText={(m) => formatCost(estimateRunUsd(m, selected.input.spec, "high", 1))}
              />
              <Button fullWidth onClick={finish} disabled={running || !finishModel} data-action="finish">
                Finish with {finishModel?.label ?? "…"}
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
    </TabLayout>
  );
}

/** `{ quality }` when set, else nothing (exactOptionalPropertyTypes). */
function opt(quality: Quality | undefined): { quality?: Quality } {
  return quality ? { quality } : {};
}
