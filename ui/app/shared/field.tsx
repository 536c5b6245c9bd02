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
  class?: string;
}

/** A control with its visible label: every control in the panel has one for screen readers. */
export function Field(props: FieldProps) {
  return (
    <div class={[styles.field, props.class ?? ""].join(" ")}>
      <label class={styles.label} {...(props.htmlFor ? { for: props.htmlFor } : {})} {...(props.labelId ? { id: props.labelId } : {})}>
        {props.label}
      </label>
      {props.children}
      {props.hint ? <div class={styles.hint}>{props.hint}</div> : null}
    </div>
  );
}
