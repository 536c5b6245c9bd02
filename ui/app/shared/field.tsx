// Runs in the plugin iframe: a labelled control, Figma-style (11px secondary label above).
import type { ComponentChildren } from "preact";
import * as styles from "./shared.module.css";

export interface FieldProps {
  label: string;
  /** The id of the control the label names (textboxes); omit for groups (they use `labelId`). */
  htmlFor?: string;
  /** Id for the label element, for `aria-labelledby` on groups. */
  labelId?: string;
  children: ComponentChildren;
  /** A muted line under the control. */
  hint?: ComponentChildren;
  class?: string | undefined;
}

/** A control with its visible label: every control in the panel has one for screen readers. */
export function Field(props: FieldProps) {
  return (
    <div class={[styles.field, props.class ?? ""].join(" ")}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: a textbox's label has `for`; a group's (radio chips, dropdown) is named by the group's aria-labelledby={labelId} instead */}
      <label class={styles.label} {...(props.htmlFor ? { for: props.htmlFor } : {})} {...(props.labelId ? { id: props.labelId } : {})}>
        {props.label}
      </label>
      {props.children}
      {props.hint ? <div class={styles.hint}>{props.hint}</div> : null}
    </div>
  );
}
