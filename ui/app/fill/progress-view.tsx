// Runs in the plugin iframe: what is happening while a run is out.
import { Button, LoadingIndicator } from "../shared/figma-ui.js";
import { useEffect, useState } from "preact/hooks";
import type { RunState } from "./use-fill-job.js";
import * as styles from "../shared/panel.module.css";

/**
 * The stage sentence, the model and seconds waited, one tile per requested variant (filled by
 * partial previews as they stream in) and Cancel, which aborts the request.
 */
export function ProgressView({ run, aspect, onCancel }: { run: Extract<RunState, { kind: "running" }>; aspect: number; onCancel(): void }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  const tiles = Array.from({ length: Math.max(1, run.n) }, (_, i) => run.partials[i] ?? null);
  return (
    <section class={styles.progress} aria-label="Progress" data-running>
      <div class={styles.progressHead}>
        <LoadingIndicator />
        <div class={styles.progressText} role="status" aria-live="polite">
          <span>{run.stage}</span>
          <span class={styles.muted}>
            {run.modelLabel} · {seconds} s
          </span>
        </div>
        <Button secondary onClick={onCancel} data-action="cancel">
          Cancel
        </Button>
      </div>
      <div class={styles.grid}>
        {tiles.map((url, i) => (
          <div key={i} class={styles.tile} style={{ aspectRatio: String(aspect) }}>
            {url ? <img class={styles.partial} src={url} alt={`Preview of variant ${i + 1}`} data-partial /> : <div class={styles.skeleton} />}
          </div>
        ))}
      </div>
    </section>
  );
}
