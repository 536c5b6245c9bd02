// Runs in the plugin iframe: the proof that brand colours were locked on a result.
import { IconWarning16 } from "./figma-ui.js";
import * as styles from "./panel.module.css";

/**
 * One locked colour as the proxy reports it (core/colour/lock-palette.ts `LockedColourReport`,
 * without its OKLab region). ΔE2000 values are CIEDE2000 differences of the region's mean colour
 * from the hex (0 = identical, ≤ 1 invisible to most eyes); `share` is 0–1 of the image's pixels.
 */
export interface ColourLine {
  hex: string;
  name?: string;
  deltaE2000Before: number | null;
  deltaE2000After: number | null;
  share: number;
  absent: boolean;
  warning?: string;
  /**
   * What the correction did to the picture inside this colour's region (issue 16): `lightnessSsim`
   * 0–1 (1 untouched), `newHardEdges` (neighbour pairs turned into hard edges), `maxBoundaryChange`
   * (largest step added where the picture was smooth, 0–255 levels). Absent colours have none.
   */
  structure?: { lightnessSsim: number; newHardEdges: number; maxBoundaryChange: number };
  /** The lock corrected this colour less than asked, to protect the picture. */
  heldBack?: boolean;
}

/** The lock report of one image, one line per locked colour. */
export interface ColourReportData {
  colours: readonly ColourLine[];
}

const de = (x: number | null) => (x === null ? "–" : x.toFixed(1));

/**
 * "Brand colours locked" when every colour found is within ΔE2000 1 of its hex; then per colour: swatch, hex, "ΔE 9.4 → 0.2" (or "not in the image"), and under them the
 * sentences the lock wrote where a colour was not found or it corrected less to protect the photo,
 * and the least texture kept (lightness SSIM) with the hard edges the lock added.
 * A tooltip gives the colour's name and share of the image.
 */
export function ColourReport({ report }: { report: ColourReportData }) {
  const warnings = report.colours.flatMap((c) =>
    c.warning
      ? [c.warning]
      : c.absent
        ? [`${c.hex} is not in the image, so it was left alone.`]
        : c.heldBack
          ? [`${c.hex} was corrected less than asked, to keep the photo intact.`]
          : [],
  );
  // The photo-safety measures over every colour: the least texture kept, the hard edges added.
  const measured = report.colours.flatMap((c) => (c.structure ? [c.structure] : []));
  const ssim = Math.min(...measured.map((m) => m.lightnessSsim));
  const edges = measured.reduce((sum, m) => sum + m.newHardEdges, 0);
  // "Locked" only when every colour found sits within ΔE2000 1 of its hex (the lock's guarantee).
  const found = report.colours.filter((c) => !c.absent);
  const locked = found.length > 0 && found.every((c) => c.deltaE2000After !== null && c.deltaE2000After <= 1);
  return (
    <div class={styles.report} data-colour-report>
      <div data-locked={locked ? "" : undefined}>{locked ? "Brand colours locked" : "Brand colours"}</div>
      <ul aria-label="Brand colours on this image">
        {report.colours.map((c) => (
          <li key={c.hex} data-colour={c.hex} data-held-back={c.heldBack ? "" : undefined} title={`${c.name ?? c.hex}: ${Math.round(c.share * 100)}% of the image`}>
            <span class={styles.swatch} style={{ background: c.hex }} />
            <span class={styles.hex}>{c.hex}</span>
            <span class={styles.muted}>{c.absent ? "not in the image" : `ΔE ${de(c.deltaE2000Before)} → ${de(c.deltaE2000After)}`}</span>
          </li>
        ))}
      </ul>
      {measured.length ? (
        <div class={styles.muted} data-structure>
          Texture kept {Math.round(ssim * 100)}%{edges ? `, ${Math.round(edges)} new hard edges` : ", no new hard edges"}
        </div>
      ) : null}
      {warnings.map((w) => (
        <div class={styles.warn} key={w} data-lock-warning>
          <IconWarning16 />
          {w}
        </div>
      ))}
    </div>
  );
}
