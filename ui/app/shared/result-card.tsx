// Runs in the plugin iframe: one generated result — the picture, what made it, Place.
import type { ComponentChildren } from "preact";
import { formatActualCost, formatCost } from "../model/format-cost.js";
import { ColourReport, type ColourReportData } from "./colour-report.js";
import { Button, IconCheck16 } from "./figma-ui.js";
import * as styles from "./panel.module.css";

export interface ResultCardProps {
  /** `data:` URL of the picture. */
  url: string;
  /** Width / height of the tile (the frame's, so the tile shows what will be placed). */
  aspect?: number;
  /** Accessible name of the result, e.g. "Variant 2 from GPT Image 2". */
  name: string;
  /** Shown under the picture (the model). */
  label: string;
  /** A line between the picture and the bar (e.g. the changed-pixel summary). */
  detail?: ComponentChildren;
  /**
   * What this image cost as the proxy reported it (USD, null = price unknown) next to the estimate
   * shown before the run (USD, null = unknown); leave out where nothing was charged per image.
   */
  cost?: { actual: number | null; estimate: number | null };
  /** The lock's report on this image, when brand colours were locked. */
  report?: ColourReportData | null;
  /** The proxy's sentence when the provider returned another size ("came back at 512×512, upscaled ×2"). */
  note?: string | undefined;
  /** A small tag over the picture ("Draft"). */
  badge?: string;
  /** When given, the picture is a toggle button that chooses this result. */
  selected?: boolean;
  onSelect?: () => void;
  placing: boolean;
  placed: { nodeId: string } | null;
  placeError: string | null;
  onPlace(): void;
  /** Extra attributes for tests and styling (`data-result`, `data-draft`). */
  data?: Record<string, string | undefined>;
}

/** A result tile with Place, "Placed" once main made the layer, and main's sentence if it refused. */
export function ResultCard(props: ResultCardProps) {
  const { url, aspect, name, label, detail, badge, selected, onSelect, placing, placed, placeError, onPlace, cost, report, note } = props;
  const picture = (
    <>
      <img class={styles.resultImage} src={url} alt={onSelect ? "" : name} />
      {badge ? <span class={styles.badge}>{badge}</span> : null}
    </>
  );
  const tileStyle = aspect ? { aspectRatio: String(aspect) } : undefined;
  return (
    <div role="listitem" class={[styles.card, selected ? styles.cardSelected : ""].join(" ")} {...props.data}>
      {onSelect ? (
        <button type="button" class={styles.tile} style={tileStyle} aria-pressed={Boolean(selected)} aria-label={`Choose ${name}`} onClick={onSelect}>
          {picture}
        </button>
      ) : (
        <div class={styles.tile} style={tileStyle}>
          {picture}
        </div>
      )}
      <div class={styles.cardBar}>
        <span class={styles.cardLabel} title={label}>
          {label}
        </span>
        {placed ? (
          <span class={styles.placed} data-placed={placed.nodeId}>
            <IconCheck16 /> Placed
          </span>
        ) : (
          <Button secondary loading={placing} onClick={onPlace} aria-label={`Place ${name}`} data-action="place">
            Place
          </Button>
        )}
      </div>
      {cost ? (
        <div data-actual-cost>
          Cost {formatActualCost(cost.actual)} <span class={styles.muted}>(estimate {formatCost(cost.estimate)})</span>
        </div>
      ) : null}
      {note ? (
        <div class={styles.muted} data-size-note>
          {note}
        </div>
      ) : null}
      {detail ? <div class={styles.muted}>{detail}</div> : null}
      {report ? <ColourReport report={report} /> : null}
      {placeError ? (
        <div class={styles.problem} role="alert">
          {placeError}
        </div>
      ) : null}
    </div>
  );
}
