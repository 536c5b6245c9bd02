// Runs in the plugin iframe: the Compare tab — one prompt, several models, side by side.
import { useId, useMemo, useState } from "preact/hooks";
import type { SelectionState } from "../../../src/core/protocol/plugin-messages.js";
import { estimateRunUsd } from "../shared/estimate-run.js";
import { EmptySelection } from "../shared/frame-summary.js";
import { formatActualCost, formatCost } from "../model/format-cost.js";
import { modelUnavailableReason } from "../model/model-picker.js";
import { Field } from "../shared/field.js";
import type { JobTabProps } from "../shared/job-tab-props.js";
import { ColourReport } from "../shared/colour-report.js";
import { KEYSHORTCUT, SHORTCUT } from "../shared/is-generate-shortcut.js";
import { TabLayout } from "../shared/tab-layout.js";
import { Button, Checkbox, IconCheck16, IconWarning16, LoadingIndicator, TextboxMultiline } from "../shared/figma-ui.js";
import { useCompare } from "./use-compare.js";
import * as styles from "../shared/panel.module.css";
import * as own from "./compare.module.css";

/** Columns side by side are readable up to four at 380 px. */
const MAX_MODELS = 4;

export interface CompareTabProps extends JobTabProps {
  selection: SelectionState | null;
}

/**
 * Compare: tick two to four models, run the Fill prompt on all of them at once, and see the
 * results side by side with each model's time and cost; Keep places the winner.
 */
export function CompareTab({ channel, proxy, selection, models, form, onSpent, onPlaced }: CompareTabProps) {
  const id = useId();
  const spec = selection?.kind === "fill-target" ? selection.spec : null;
  const compare = useCompare(channel, proxy, onSpent, onPlaced);
  // Dated versions repeat their model: left out to keep the list short.
  const usable = (models.models ?? []).filter((m) => !modelUnavailableReason(m, "generate") && !m.snapshotOf);
  const defaults = useMemo(() => {
    // One per provider by default: the comparison the seed write-ups recommend.
    const picks = (["openai", "gemini"] as const).map((p) => usable.find((m) => m.provider === p)).filter((m) => m !== undefined);
    return new Set((picks.length >= 2 ? picks : usable.slice(0, 2)).map((m) => m.id));
  }, [models.models]);
  const [chosenIds, setChosenIds] = useState<ReadonlySet<string> | null>(null);
  const chosen = usable.filter((m) => (chosenIds ?? defaults).has(m.id));
  const total = spec ? sumCosts(chosen.map((m) => estimateRunUsd(m, spec, form.quality, 1))) : null;

  const toggle = (modelId: string, on: boolean) => {
    const next = new Set(chosenIds ?? defaults);
    if (on) next.add(modelId);
    else next.delete(modelId);
    setChosenIds(next);
  };
  const missing = !spec ? null : chosen.length < 2 ? "Tick at least two models." : !form.prompt.trim() ? "Describe the image to generate." : null;
  const run = () => {
    if (!spec || missing || compare.running) return;
    void compare.runAsync({ spec, prompt: form.prompt, palette: form.palette, quality: form.quality, models: chosen });
  };

  return (
    <TabLayout
      onShortcut={run}
      {...(compare.running ? { onCancel: compare.cancel } : {})}
      footer={
        <>
          <div class={styles.footerText}>
            <span class={styles.cost} data-cost>
              {spec && chosen.length ? formatCost(total) : ""}
            </span>
            <span class={styles.muted}>{missing ?? `${chosen.length} models, one image each · ${SHORTCUT}`}</span>
          </div>
          {compare.running ? (
            <Button secondary onClick={compare.cancel} data-action="cancel">
              Cancel
            </Button>
          ) : null}
          <Button onClick={run} disabled={Boolean(missing) || !spec || compare.running} data-action="compare" aria-keyshortcuts={KEYSHORTCUT}>
            Compare
          </Button>
        </>
      }
    >
      {!spec ? (
        <section class={styles.section}>
          <EmptySelection reason={selection?.kind === "none" ? selection.reason : "Reading the selection…"} />
        </section>
      ) : null}
      <section class={styles.section} aria-label="Prompt and models">
        <Field label="Prompt (shared with Fill)" htmlFor={`${id}-prompt`}>
          <TextboxMultiline id={`${id}-prompt`} rows={2} value={form.prompt} onValueInput={form.setPrompt} placeholder="Describe the background" />
        </Field>
        <fieldset class={own.models}>
          <legend class={own.legend}>Models to compare (up to {MAX_MODELS})</legend>
          {usable.map((m) => {
            const on = chosen.includes(m);
            return (
              <div class={own.modelRow} key={m.id}>
                <Checkbox value={on} disabled={!on && chosen.length >= MAX_MODELS} onValueChange={(v: boolean) => toggle(m.id, v)} data-compare-model={m.id}>
                  <span>{m.label}</span>
                </Checkbox>
                <span class={styles.muted}>{spec ? formatCost(estimateRunUsd(m, spec, form.quality, 1)) : ""}</span>
              </div>
            );
          })}
          {!usable.length ? <div class={styles.muted}>{models.error ?? "Loading models…"}</div> : null}
        </fieldset>
      </section>
      {compare.entries.length ? (
        <section class={styles.section} aria-label="Comparison">
          <div class={own.columns} style={{ gridTemplateColumns: `repeat(${Math.min(2, compare.entries.length)}, minmax(0, 1fr))` }}>
            {compare.entries.map((entry) => (
              <div class={own.column} key={entry.model.id} data-compare-entry={entry.model.id} data-status={entry.status}>
                <div class={own.columnHead} title={entry.model.label}>
                  {entry.model.label}
                </div>
                <div class={[styles.tile, entry.status === "failed" ? styles.failedTile : ""].join(" ")} style={{ aspectRatio: String(spec ? spec.width / spec.height : 16 / 9) }}>
                  {entry.status === "running" ? <LoadingIndicator /> : null}
                  {entry.url ? <img class={styles.resultImage} src={entry.url} alt={`Result from ${entry.model.label}`} /> : null}
                  {entry.status === "failed" ? (
                    <>
                      <IconWarning16 />
                      <span role="alert">{entry.error}</span>
                    </>
                  ) : null}
                </div>
                <div class={own.stats} data-stats>
                  {entry.status === "running"
                    ? entry.stage
                    : entry.seconds !== null
                      ? `${entry.seconds.toFixed(1)} s · ${formatActualCost(entry.costUsd)} (estimate ${spec ? formatCost(estimateRunUsd(entry.model, spec, form.quality, 1)) : "–"})`
                      : ""}
                </div>
                {entry.candidate?.lockReport ? <ColourReport report={entry.candidate.lockReport} /> : null}
                {entry.status === "done" ? (
                  entry.placed ? (
                    <span class={styles.placed} data-placed={entry.placed.nodeId}>
                      <IconCheck16 /> Kept
                    </span>
                  ) : (
                    <Button
                      secondary
                      fullWidth
                      loading={entry.placing}
                      onClick={() => void compare.keepAsync(entry.model.id)}
                      aria-label={`Keep the result from ${entry.model.label}`}
                      data-action="keep"
                    >
                      Keep
                    </Button>
                  )
                ) : null}
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </TabLayout>
  );
}

/** The sum of estimates, unknown as soon as one is unknown (never a partial guess). */
function sumCosts(costs: (number | null)[]): number | null {
  return costs.some((c) => c === null) ? null : Math.round(costs.reduce<number>((a, c) => a + c!, 0) * 1e4) / 1e4;
}
