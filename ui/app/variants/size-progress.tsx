// Runs in the plugin iframe: each size of a running batch, with its own stage, progress and actions.
import type { VariantSizeState } from "../../../src/jobs/run-variants-job.js";
import { formatCost } from "../model/format-cost.js";
import { Button, IconCheck16, IconWarning16 } from "../shared/figma-ui.js";
import * as styles from "../shared/panel.module.css";
import * as own from "./variants.module.css";

/** One row per size: W×H, stage sentence, a progress bar, cost, Cancel or Retry, and what was left out. */
export function SizeProgress({ sizes, onCancel, onRetry }: { sizes: readonly VariantSizeState[]; onCancel(index: number): void; onRetry(index: number): void }) {
  return (
    <ul class={own.progressList} aria-label="Sizes in this batch">
      {sizes.map((s) => {
        const working = s.status === "queued" || s.status === "running" || s.status === "waiting" || s.status === "placing";
        return (
          <li key={s.index} class={own.progressRow} data-variant-size={`${s.width}x${s.height}`} data-status={s.status}>
            <div class={own.progressHead}>
              <span class={own.progressSize}>
                {s.status === "done" ? <IconCheck16 /> : s.status === "failed" ? <IconWarning16 /> : null}
                {s.width}×{s.height}
              </span>
              <span class={styles.muted}>{s.status === "done" ? formatCost(s.costUsd) : null}</span>
              {working ? (
                <Button secondary onClick={() => onCancel(s.index)} aria-label={`Cancel ${s.width} by ${s.height}`} data-action="cancel-size">
                  Cancel
                </Button>
              ) : s.status === "failed" || s.status === "cancelled" ? (
                <Button secondary onClick={() => onRetry(s.index)} aria-label={`Retry ${s.width} by ${s.height}`} data-action="retry-size">
                  Retry
                </Button>
              ) : null}
            </div>
            <div class={own.bar} role="progressbar" aria-label={`${s.width} by ${s.height}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(s.progress * 100)}>
              <div class={own.barFill} style={{ width: `${Math.round(s.progress * 100)}%` }} />
            </div>
            <div class={s.status === "failed" ? styles.problem : styles.muted} {...(s.status === "failed" ? { role: "alert" } : {})}>
              {s.stage}
            </div>
            {[...s.dropped, ...s.warnings].map((line) => (
              <div class={styles.muted} key={line}>
                {line}
              </div>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
