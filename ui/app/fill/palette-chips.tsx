// Runs in the plugin iframe: the frame's colours as chips; a locked chip is a brand colour to keep.
import { IconLockLocked16, IconLockUnlocked16, Textbox } from "../shared/figma-ui.js";
import { useId, useState } from "preact/hooks";
import { parsePalette } from "../../../src/core/colour/parse-hex-colour.js";
import * as styles from "../shared/panel.module.css";

export interface PaletteChipsProps {
  /** Every colour offered, `#RRGGBB`, the frame's first, then typed ones. */
  colours: readonly string[];
  locked: ReadonlySet<string>;
  onToggle(hex: string): void;
  /** Colours typed by the designer, already parsed and upper-case. */
  onAdd(hexes: string[]): void;
}

/**
 * Palette chips with lock toggles (aria-pressed buttons) and a box to type more colours
 * ("#0A6, #FFCC00"); a bad token shows parsePalette's sentence under the box.
 */
export function PaletteChips({ colours, locked, onToggle, onAdd }: PaletteChipsProps) {
  const id = useId();
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    if (!typed.trim()) return;
    try {
      onAdd(parsePalette(typed).map((c) => c.hex));
      setTyped("");
      setProblem(null);
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  return (
    <div class={styles.palette}>
      <div class={styles.paletteHead} id={`${id}-label`}>
        Brand colours <span class={styles.muted}>· {locked.size ? `${locked.size} locked` : "click to lock"}</span>
      </div>
      <div class={styles.chips} role="group" aria-labelledby={`${id}-label`}>
        {colours.map((hex) => {
          const on = locked.has(hex);
          return (
            <button
              key={hex}
              type="button"
              class={[styles.chip, on ? styles.chipLocked : ""].join(" ")}
              aria-pressed={on}
              aria-label={`${hex} ${on ? "locked" : "not locked"}`}
              title={on ? `${hex} is locked: generated pixels are corrected to it` : `Lock ${hex}`}
              data-hex={hex}
              onClick={() => onToggle(hex)}
            >
              <span class={styles.swatch} style={{ background: hex }} />
              <span class={styles.hex}>{hex.slice(1)}</span>
              {on ? <IconLockLocked16 /> : <IconLockUnlocked16 />}
            </button>
          );
        })}
      </div>
      <div class={styles.addColour}>
        <label class={styles.srOnlyLabel} for={`${id}-add`}>
          Add brand colours as hex
        </label>
        <Textbox
          id={`${id}-add`}
          value={typed}
          placeholder="Add colours: #0A6, #FFCC00"
          onValueInput={setTyped}
          onKeyDown={(event: KeyboardEvent) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add();
            }
          }}
          onBlur={add}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        {problem ? (
          <div class={styles.problem} id={`${id}-problem`} role="alert">
            {problem}
          </div>
        ) : null}
      </div>
    </div>
  );
}
