// Runs in the plugin iframe: the variants of the last run, to pick and place.
import { Button, IconCheck16, IconWarning16 } from "../shared/figma-ui.js";
import type { FailedItem, ResultItem } from "./use-fill-job.js";
import styles from "./fill.module.css";

export interface ResultsGridProps {
  results: readonly ResultItem[];
  failures: readonly FailedItem[];
  /** Frame aspect (width / height) so tiles show the crop that will be placed. */
  aspect: number;
  selectedKey: string | null;
  onSelect(key: string): void;
  onPlace(key: string): void;
}

/** Tiles of fitted results (click to choose, Place to insert) and failed variants with their reason. */
export function ResultsGrid({ results, failures, aspect, selectedKey, onSelect, onPlace }: ResultsGridProps) {
  return (
    <div class={styles.grid} role="list" aria-label="Results">
      {results.map((item, i) => {
        const selected = item.key === selectedKey;
        const name = `Variant ${i + 1} from ${item.input.modelLabel}${item.input.draft ? ", draft" : ""}`;
        return (
          <div key={item.key} role="listitem" class={[styles.card, selected ? styles.cardSelected : ""].join(" ")} data-result={item.key} data-draft={item.input.draft ? "" : undefined}>
            <button type="button" class={styles.tile} style={{ aspectRatio: String(aspect) }} aria-pressed={selected} aria-label={`Choose ${name}`} onClick={() => onSelect(item.key)}>
              <img class={styles.resultImage} src={item.url} alt="" width={item.candidate.width} height={item.candidate.height} />
              {item.input.draft ? <span class={styles.badge}>Draft</span> : null}
            </button>
            <div class={styles.cardBar}>
              <span class={styles.cardLabel} title={item.input.modelLabel}>
                {item.input.modelLabel}
              </span>
              {item.placed ? (
                <span class={styles.placed} data-placed={item.placed.nodeId}>
                  <IconCheck16 /> Placed
                </span>
              ) : (
                <Button secondary loading={item.placing} onClick={() => onPlace(item.key)} aria-label={`Place ${name}`} data-action="place">
                  Place
                </Button>
              )}
            </div>
            {item.placeError ? (
              <div class={styles.problem} role="alert">
                {item.placeError}
              </div>
            ) : null}
          </div>
        );
      })}
      {failures.map((failure) => (
        <div key={failure.key} role="listitem" class={styles.card} data-failed>
          <div class={[styles.tile, styles.failedTile].join(" ")} style={{ aspectRatio: String(aspect) }}>
            <IconWarning16 />
            <span>{failure.message}</span>
          </div>
          <div class={styles.cardBar}>
            <span class={styles.cardLabel}>{failure.modelLabel}</span>
          </div>
        </div>
      ))}
    </div>
  );
}
