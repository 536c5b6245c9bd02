// Runs in the plugin iframe: what the plugin read from the selected frame.
import { IconFrame16 } from "./figma-ui.js";
import type { FrameSpec } from "../../../src/core/frame-spec/frame-spec.js";
import { describeZones, MiniMap } from "./mini-map.js";
import * as styles from "./panel.module.css";

/** Frame name, pixel size and the keep-clear zones, with the map beside them. */
export function FrameSummary({ spec }: { spec: FrameSpec }) {
  const zones = spec.keepClear.length;
  return (
    <div class={styles.summary} data-selection="fill-target" role="group" aria-label="Selected frame">
      <MiniMap spec={spec} />
      <div class={styles.summaryText}>
        <div class={styles.frameName} title={spec.name}>
          <IconFrame16 />
          <span>{spec.name}</span>
        </div>
        <div class={styles.muted} data-size>
          {Math.round(spec.width)} × {Math.round(spec.height)} px
        </div>
        <div class={styles.muted}>{zones ? `${zones} keep-clear zone${zones > 1 ? "s" : ""}: ${describeZones(spec)}` : "No keep-clear zones: the whole frame is free."}</div>
      </div>
    </div>
  );
}

/** The sentence main gave for why there is nothing to fill ("Select a frame to fill."). */
export function EmptySelection({ reason }: { reason: string }) {
  return (
    <div class={styles.empty} data-selection="none" role="status">
      <IconFrame16 />
      <span>{reason}</span>
    </div>
  );
}
