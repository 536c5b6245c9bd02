// Runs in the plugin iframe: the Inpaint tab — an image, shapes over it, and what to paint there.
import { useId, useState } from "preact/hooks";
import type { InpaintSelectionState } from "../../../src/core/protocol/plugin-messages.js";
import { estimateRunUsd, qualityFor } from "../shared/estimate-run.js";
import { ProgressView } from "../shared/progress-view.js";
import { costShare, formatCost } from "../model/format-cost.js";
import { ModelPicker } from "../model/model-picker.js";
import { resolveModel } from "../model/pick-model.js";
import { Field } from "../shared/field.js";
import type { JobTabProps } from "../shared/job-tab-props.js";
import { KEYSHORTCUT, SHORTCUT } from "../shared/is-generate-shortcut.js";
import { ReferencesField } from "../shared/references-field.js";
import type { ReferencesState } from "../shared/use-references.js";
import { TabLayout } from "../shared/tab-layout.js";
import { Button, IconImage16, SegmentedControl, Textbox, TextboxMultiline } from "../shared/figma-ui.js";
import { ResultCard } from "../shared/result-card.js";
import { MessageBanner } from "../shared/message-banner.js";
import { FEATHER_RANGE, parseFeather } from "./inpaint-settings.js";
import { useInpaintJob } from "./use-inpaint-job.js";
import { useInpaintSelection } from "./use-inpaint-selection.js";
import * as styles from "../shared/panel.module.css";
import * as own from "./inpaint.module.css";

export interface InpaintTabProps extends JobTabProps {
  /** Whether the tab is shown (the selection is read when it is). */
  active: boolean;
  /** Reference images, shared with Fill. */
  refs: ReferencesState;
}

/**
 * The Inpaint tab: the image and shapes main read (or what to select), the prompt for the
 * masked area, a mask-capable model with its cost, feather in pixels and variant count; then the
 * exported image with the mask over it while the model works, and each result with how many
 * pixels changed beyond the soft edge, to place as a patch above the untouched image.
 */
export function InpaintTab({ channel, proxy, models, form, active, onSpent, onPlaced, refs }: InpaintTabProps) {
  const id = useId();
  const selection = useInpaintSelection(channel, active);
  const job = useInpaintJob(channel, proxy, onSpent, onPlaced);
  const [prompt, setPrompt] = useState("");
  const [modelId, setModelId] = useState<string | null>(null);
  const [variants, setVariants] = useState(1);
  const [featherPx, setFeatherPx] = useState<number>(FEATHER_RANGE.default);
  const [featherText, setFeatherText] = useState(String(FEATHER_RANGE.default));
  const [featherProblem, setFeatherProblem] = useState<string | null>(null);
  const model = resolveModel(models.models, modelId, ["gpt-image-2", "gemini-nano-banana-2.1"], "edit");
  const target = selection?.kind === "inpaint-target" ? selection : null;
  const running = job.run.kind === "running";
  const estimate = target && model ? estimateRunUsd(model, { width: target.image.pixelWidth, height: target.image.pixelHeight }, form.quality, variants) : null;
  // The edited image takes one of the model's input slots.
  const refLimit = model ? Math.max(0, model.maxReferences - 1) : 0;
  const missing = !target
    ? selection?.kind === "none"
      ? selection.reason
      : "Reading the selection…"
    : !model
      ? models.error
        ? "The models did not load."
        : "Loading models…"
      : !prompt.trim()
        ? "Describe what to paint in the shape."
        : refs.items.length > refLimit
          ? "Too many references for this model."
          : null;

  const commitFeather = () => {
    const parsed = parseFeather(featherText);
    if ("problem" in parsed) return setFeatherProblem(parsed.problem);
    setFeatherProblem(null);
    setFeatherPx(parsed.px);
  };
  const start = () => {
    if (missing || running || !model) return;
    const quality = qualityFor(model, form.quality);
    const references = refs.items.map(({ nodeId, png }) => ({ nodeId, png }));
    void job.runAsync({
      prompt,
      model: model.id,
      ...(quality ? { quality } : {}),
      n: variants,
      palette: form.palette,
      featherPx,
      modelLabel: model.label,
      estimateUsd: estimate,
      references,
    });
  };

  return (
    <TabLayout
      onShortcut={start}
      {...(running ? { onCancel: job.cancel } : {})}
      footer={
        <>
          <div class={styles.footerText}>
            <span class={styles.cost} data-cost>
              {target && model ? formatCost(estimate) : ""}
            </span>
            <span class={styles.muted}>{missing ?? `${SHORTCUT} to inpaint`}</span>
          </div>
          <Button onClick={start} disabled={Boolean(missing) || running} data-action="inpaint" aria-keyshortcuts={KEYSHORTCUT}>
            Inpaint
          </Button>
        </>
      }
    >
      <section class={styles.section} aria-label="Selection">
        <InpaintSelectionSummary selection={selection} />
      </section>
      <section class={styles.section} aria-label="Inpaint settings">
        <Field label="What to paint in the shape" htmlFor={`${id}-prompt`}>
          <TextboxMultiline id={`${id}-prompt`} rows={2} value={prompt} onValueInput={setPrompt} placeholder="e.g. a ceramic vase with dried flowers" />
        </Field>
        {models.models ? (
          <ModelPicker
            label="Model"
            models={models.models}
            value={model?.id ?? null}
            onChange={setModelId}
            operation="mask"
            costText={(m) => (target ? formatCost(estimateRunUsd(m, { width: target.image.pixelWidth, height: target.image.pixelHeight }, form.quality, variants)) : "")}
          />
        ) : null}
        {model ? <ReferencesField refs={refs} limit={refLimit} modelLabel={model.label} /> : null}
        <div class={styles.row}>
          <Field label="Feather (px)" htmlFor={`${id}-feather`} class={styles.grow}>
            <Textbox
              id={`${id}-feather`}
              value={featherText}
              onValueInput={setFeatherText}
              onBlur={commitFeather}
              onKeyDown={(event: KeyboardEvent) => event.key === "Enter" && commitFeather()}
              aria-invalid={featherProblem ? true : undefined}
              data-feather={featherPx}
            />
          </Field>
          <Field label="Variants" labelId={`${id}-variants`}>
            <div role="radiogroup" aria-labelledby={`${id}-variants`}>
              <SegmentedControl
                name={`${id}-variants`}
                value={String(variants)}
                options={[1, 2, 3, 4].map((n) => ({ value: String(n) }))}
                onValueChange={(v: string) => setVariants(Number(v))}
              />
            </div>
          </Field>
        </div>
        {featherProblem ? (
          <div class={styles.problem} role="alert">
            {featherProblem}
          </div>
        ) : null}
        {form.palette.length ? <div class={styles.muted}>Locked brand colours from Fill apply inside the shape: {form.palette.join(", ")}.</div> : null}
      </section>
      {job.error || job.notice ? (
        <section class={styles.section} aria-label="Messages">
          {job.error ? <MessageBanner tone="error">{job.error}</MessageBanner> : null}
          {job.notice ? <MessageBanner tone="note">{job.notice}</MessageBanner> : null}
        </section>
      ) : null}
      {job.source && (running || job.results.length) ? (
        <section class={styles.section} aria-label="Image and mask">
          <div class={own.sourcePreview} data-inpaint-source>
            <img src={job.source.image} alt="The exported layer" />
            <img class={own.maskOverlay} src={job.source.mask} alt="The mask: white is repainted" />
          </div>
          {job.source.notes.map((note) => (
            <div class={styles.muted} key={note}>
              {note}
            </div>
          ))}
        </section>
      ) : null}
      {job.run.kind === "running" ? (
        <section class={styles.section}>
          <ProgressView run={job.run} aspect={1} onCancel={job.cancel} />
        </section>
      ) : null}
      {job.results.length ? (
        <section class={styles.section} aria-label="Results">
          <div class={styles.grid} role="list">
            {job.results.map((item, i) => (
              <ResultCard
                key={item.key}
                url={item.url}
                name={`inpainted variant ${i + 1}`}
                label={job.ran?.modelLabel ?? ""}
                detail={<span data-summary>{item.candidate.summary}</span>}
                cost={{ actual: costShare(job.job?.response.costUsd ?? null, job.results.length), estimate: costShare(job.ran?.estimateUsd ?? null, job.ran?.n ?? 1) }}
                report={item.candidate.lockReport}
                placing={item.placing}
                placed={item.placed}
                placeError={item.placeError}
                onPlace={() => void job.placeAsync(item.key)}
                data={{ "data-result": item.key }}
              />
            ))}
          </div>
        </section>
      ) : null}
    </TabLayout>
  );
}

/** The image and shapes main read, or what to select. */
function InpaintSelectionSummary({ selection }: { selection: InpaintSelectionState | null }) {
  if (selection?.kind !== "inpaint-target") {
    return (
      <div class={own.needs} data-selection="none" role="status">
        <div class={own.sketch} aria-hidden="true">
          <IconImage16 />
          <div class={own.maskOutline} />
        </div>
        <div>
          <div>{selection?.kind === "none" ? selection.reason : "Reading the selection…"}</div>
          <div class={styles.muted}>The shapes and their soft edge may change; every pixel beyond stays exactly as it is.</div>
        </div>
      </div>
    );
  }
  const { image, shapes } = selection;
  return (
    <div class={styles.summary} data-selection="inpaint-target">
      <div class={own.sketch} aria-hidden="true">
        <IconImage16 />
        <div class={own.maskOutline} />
      </div>
      <div class={styles.summaryText}>
        <div class={styles.frameName} title={image.name}>
          <IconImage16 />
          <span>{image.name}</span>
        </div>
        <div class={styles.muted}>
          {image.pixelWidth} × {image.pixelHeight} px{image.pixelWidth !== image.nativeWidth ? ` (image is ${image.nativeWidth} × ${image.nativeHeight})` : ""}
        </div>
        <div class={styles.muted}>
          Mask from {shapes.length} shape{shapes.length === 1 ? "" : "s"}: {shapes.map((s) => s.name).join(", ")}
        </div>
        {image.note ? <div class={styles.muted}>{image.note}</div> : null}
      </div>
    </div>
  );
}
