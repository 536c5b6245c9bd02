// Runs in the plugin iframe: the chosen sizes side by side, drawn to one scale.
import type { RequestedSize } from "../../../src/core/layout/parse-size-list.js";
import * as styles from "./variants.module.css";

/** Tallest box in CSS pixels; every box shares one scale so sizes compare at a glance. */
const STRIP_HEIGHT = 56;

/** Each chosen size as a box to scale, with its safe zone shaded and its W×H under it. */
export function SizeStrip({ sizes }: { sizes: readonly RequestedSize[] }) {
  if (!sizes.length) return <div class={styles.none}>No sizes chosen.</div>;
  const k = STRIP_HEIGHT / Math.max(...sizes.map((s) => s.height));
  return (
    <div class={styles.strip} role="list" aria-label="Chosen sizes">
      {sizes.map((s) => {
        const w = Math.max(3, Math.round(s.width * k));
        const h = Math.max(3, Math.round(s.height * k));
        return (
          <div
            class={styles.size}
            role="listitem"
            key={`${s.width}x${s.height}/${s.presetId ?? ""}`}
            aria-label={`${s.width} by ${s.height}${s.safeZone ? " with a safe zone" : ""}`}
          >
            <svg width={w} height={h} viewBox={`0 0 ${s.width} ${s.height}`} preserveAspectRatio="none" aria-hidden="true">
              <rect class={styles.box} width={s.width} height={s.height} />
              {s.safeZone ? (
                <>
                  <rect class={styles.unsafe} width={s.width} height={s.height * s.safeZone.top} />
                  <rect class={styles.unsafe} y={s.height * (1 - s.safeZone.bottom)} width={s.width} height={s.height * s.safeZone.bottom} />
                </>
              ) : null}
            </svg>
            <span>
              {s.width}×{s.height}
            </span>
          </div>
        );
      })}
    </div>
  );
}
