// Runs in the plugin iframe: one generated result — the picture, what made it, Place.
import type { ComponentChildren } from "preact";
import { Button, IconCheck16 } from "./figma-ui.js";
import styles from "./panel.module.css";

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
  const { url, aspect, name, label, detail, badge, selected, onSelect, placing, placed, placeError, onPlace } = props;
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
      {detail ? <div class={styles.muted}>{detail}</div> : null}
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
      {placeError ? (
        <div class={styles.problem} role="alert">
          {placeError}
        </div>
      ) : null}
    </div>
  );
}
