// Runs in the plugin iframe: the frame and its keep-clear zones, drawn to scale.
import type { FrameSpec } from "../../../src/core/frame-spec/frame-spec.js";
import * as styles from "../shared/panel.module.css";

const ROLE_NAMES: Record<string, string> = {
  logo: "logo",
  headline: "headline",
  body: "text",
  cta: "button",
  image: "image",
  decoration: "decoration",
  background: "background",
};

/** "2 headlines, 1 button": the zones by role, for the map's accessible name and caption. */
export function describeZones(spec: Pick<FrameSpec, "keepClear">): string {
  if (!spec.keepClear.length) return "no keep-clear zones";
  const counts = new Map<string, number>();
  for (const zone of spec.keepClear) counts.set(ROLE_NAMES[zone.role] ?? zone.role, (counts.get(ROLE_NAMES[zone.role] ?? zone.role) ?? 0) + 1);
  return [...counts].map(([role, n]) => `${n} ${role}${n > 1 ? "s" : ""}`).join(", ");
}

/**
 * An SVG of the frame at most `maxWidth × maxHeight` CSS pixels, aspect kept, with each
 * keep-clear zone as a box in the frame's coordinates (points): what the model is told to keep calm.
 */
export function MiniMap({ spec, maxWidth = 96, maxHeight = 64 }: { spec: FrameSpec; maxWidth?: number; maxHeight?: number }) {
  const k = Math.min(maxWidth / spec.width, maxHeight / spec.height);
  const width = Math.max(8, Math.round(spec.width * k));
  const height = Math.max(8, Math.round(spec.height * k));
  return (
    <svg
      class={styles.miniMap}
      width={width}
      height={height}
      viewBox={`0 0 ${spec.width} ${spec.height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`Map of ${spec.name}: ${describeZones(spec)}`}
      data-zones={spec.keepClear.length}
    >
      <rect class={styles.miniFrame} x={0} y={0} width={spec.width} height={spec.height} />
      {spec.keepClear.map((zone) => (
        <rect
          key={zone.elementId}
          class={styles.miniZone}
          data-role={zone.role}
          x={zone.box.x}
          y={zone.box.y}
          width={zone.box.width}
          height={zone.box.height}
          vector-effect="non-scaling-stroke"
        >
          <title>{ROLE_NAMES[zone.role] ?? zone.role}</title>
        </rect>
      ))}
    </svg>
  );
}
