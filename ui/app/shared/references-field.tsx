// Runs in the plugin iframe: reference images as thumbnails, with the model's limit.
import { Button, IconButton, IconClose16 } from "./figma-ui.js";
import type { ReferencesState } from "./use-references.js";
import * as styles from "./panel.module.css";

/**
 * "References": the attached layers as thumbnails with a remove button each, "Add from
 * selection", and how many the model takes (`limit`, 0 = none: then a sentence says so and
 * nothing is sent).
 */
export function ReferencesField({ refs, limit, modelLabel }: { refs: ReferencesState; limit: number; modelLabel: string }) {
  const over = refs.items.length > limit;
  return (
    <div class={styles.refs} data-references>
      <div class={styles.sectionHead}>
        <span class={styles.muted}>
          References {refs.items.length ? `${refs.items.length} of ` : "up to "}
          {limit}
        </span>
        <Button secondary loading={refs.busy} disabled={refs.items.length >= limit} onClick={() => void refs.addFromSelectionAsync(limit)} data-action="add-references">
          Add from selection
        </Button>
      </div>
      {refs.items.length ? (
        <ul class={styles.chips} aria-label="Reference images">
          {refs.items.map((r) => (
            <li class={styles.ref} key={r.nodeId} data-reference={r.nodeId} title={r.name}>
              <img src={r.url} alt={r.name} />
              <IconButton onClick={() => refs.remove(r.nodeId)} aria-label={`Remove reference ${r.name}`}>
                <IconClose16 />
              </IconButton>
            </li>
          ))}
        </ul>
      ) : null}
      {over ? (
        <div class={styles.warn}>
          {limit
            ? `${modelLabel} takes at most ${limit}: remove ${refs.items.length - limit} to run.`
            : `${modelLabel} takes no reference images: remove them or choose another model.`}
        </div>
      ) : null}
      {refs.problem ? (
        <div class={styles.muted} role="status">
          {refs.problem}
        </div>
      ) : null}
    </div>
  );
}
