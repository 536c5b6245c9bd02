// Runs in the plugin iframe: the variants of the last run, to pick and place.
import { costShare } from "../model/format-cost.js";
import { IconWarning16 } from "../shared/figma-ui.js";
import { ResultCard } from "../shared/result-card.js";
import type { FailedItem, ResultItem } from "./use-fill-job.js";
import * as styles from "../shared/panel.module.css";

export interface ResultsGridProps {
  results: readonly ResultItem[];
  failures: readonly FailedItem[];
  /** Frame aspect (width / height) so tiles show the crop that will be placed. */
  aspect: number;
  selectedKey: string | null;
  onSelect(key: string): void;
  onPlace(key: string): void;
}

/**
 * Tiles of fitted results (click to choose, Place to insert) with each one's cost beside its
 * estimate and its brand-colour report, and failed variants with their reason.
 */
export function ResultsGrid({ results, failures, aspect, selectedKey, onSelect, onPlace }: ResultsGridProps) {
  return (
    <div class={styles.grid} role="list" aria-label="Results">
      {results.map((item, i) => (
        <ResultCard
          key={item.key}
          url={item.url}
          aspect={aspect}
          name={`Variant ${i + 1} from ${item.input.modelLabel}${item.input.draft ? ", draft" : ""}`}
          label={item.input.modelLabel}
          {...(item.input.draft ? { badge: "Draft" } : {})}
          selected={item.key === selectedKey}
          onSelect={() => onSelect(item.key)}
          placing={item.placing}
          placed={item.placed}
          placeError={item.placeError}
          onPlace={() => onPlace(item.key)}
          cost={{ actual: costShare(item.job.response.costUsd, item.job.candidates.length), estimate: costShare(item.input.estimateUsd ?? null, item.input.n) }}
          report={item.candidate.lockReport}
          note={item.candidate.note ?? undefined}
          data={{ "data-result": item.key, ...(item.input.draft ? { "data-draft": "" } : {}) }}
        />
      ))}
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
