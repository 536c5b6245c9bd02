// Runs in the plugin iframe: the panel's controls, drawn with Figma's own CSS variables
// (`--figma-color-*`, injected by `showUI(..., { themeColors: true })`) so they follow light and
// dark mode. Each is the native element (button, input, select, textarea) underneath, so
// keyboard use, focus and screen-reader names come from the browser, not from our code.
//
// Why not @create-figma-plugin/ui: with it and the pixel pipeline, dist/ui.html could not meet
// issue 7's 150 KB budget (it cost 38 KB; these cost about 6). The props keep its names
// (`onValueInput`, `onValueChange`, `secondary`, …) so the screens read the same.
import type { ButtonHTMLAttributes, ComponentChildren, HTMLAttributes, PartialInputHTMLAttributes, PartialSelectHTMLAttributes, TextareaHTMLAttributes } from "preact";
import * as styles from "./controls.module.css";
import { IconChevronDown16 } from "./icons.js";

const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ");

export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "loading"> {
  /** Outlined instead of filled with the brand colour (Figma's secondary button). */
  secondary?: boolean;
  fullWidth?: boolean;
  /** Shows a spinner in place of the label and ignores clicks (`aria-busy`); keeps focus, unlike `disabled`. */
  loading?: boolean;
}

/** Figma's 24 px button: primary (brand fill) or `secondary` (outline). */
export function Button({ secondary, fullWidth, loading, onClick, children, ...rest }: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      class={cx(styles.button, secondary && styles.secondary, fullWidth && styles.full, loading && styles.loading)}
      aria-busy={loading || undefined}
      onClick={loading ? undefined : onClick}
    >
      {loading ? <LoadingIndicator /> : null}
      <span>{children}</span>
    </button>
  );
}

/** A 24 px square button holding one icon; give it an `aria-label`. */
export function IconButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type="button" {...props} class={styles.iconButton} />;
}

/** A spinning ring in the text colour, 16 px; decorative (the text beside it says what runs). */
export function LoadingIndicator() {
  return (
    <svg class={styles.spinner} width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" stroke-width="1.5" aria-hidden="true">
      <path d="M14 8a6 6 0 1 1-6-6" />
    </svg>
  );
}

export interface BannerProps extends HTMLAttributes<HTMLDivElement> {
  icon: ComponentChildren;
  /** Default: a note (brand tint). `error` uses Figma's danger colours. */
  variant?: "error" | "warning" | "success";
}

/** A message block with an icon, tinted by `variant` (Figma's banner). */
export function Banner({ icon, variant, children, ...rest }: BannerProps) {
  return (
    <div {...rest} class={cx(styles.banner, variant && { error: styles.error, warning: styles.warning, success: styles.success }[variant])}>
      <span class={styles.bannerIcon}>{icon}</span>
      <div>{children}</div>
    </div>
  );
}

type TextInputProps = Omit<PartialInputHTMLAttributes<HTMLInputElement>, "value" | "type" | "role"> & {
  value: string;
  /** Called with the whole text on every edit. */
  onValueInput(value: string): void;
};

/** One line of text (Figma's 24 px text field); `password` hides what is typed. */
export function Textbox({ value, onValueInput, password, ...rest }: TextInputProps & { password?: boolean }) {
  const props = { ...rest, class: styles.textbox, value, onInput: (e: { currentTarget: HTMLInputElement }) => onValueInput(e.currentTarget.value) };
  return password ? <input {...props} type="password" /> : <input {...props} type="text" />;
}

/** A search field (`role="searchbox"`): Escape clears it, as in the browser. */
export function SearchTextbox({ value, onValueInput, ...rest }: TextInputProps) {
  return <input {...rest} type="search" class={styles.textbox} value={value} onInput={(e) => onValueInput(e.currentTarget.value)} />;
}

/** Several lines of text, `rows` tall; the designer can drag it taller. */
export function TextboxMultiline({ value, onValueInput, ...rest }: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value"> & Pick<TextInputProps, "value" | "onValueInput">) {
  return <textarea {...rest} class={cx(styles.textbox, styles.multiline)} value={value} onInput={(e) => onValueInput(e.currentTarget.value)} />;
}

/** A checkbox and its label; `rest` goes to the `<input>` (so `data-*` and `disabled` land there). */
export function Checkbox({
  value,
  onValueChange,
  children,
  ...rest
}: Omit<PartialInputHTMLAttributes<HTMLInputElement>, "value" | "type" | "role"> & { value: boolean; onValueChange(on: boolean): void }) {
  return (
    <label class={cx(styles.checkbox, rest.disabled && styles.disabled)}>
      <input {...rest} type="checkbox" checked={value} onChange={(e) => onValueChange(e.currentTarget.checked)} />
      <span>{children}</span>
    </label>
  );
}

/** One choice of a SegmentedControl, Tabs or Dropdown; the text shown defaults to `value`. */
export interface ChoiceOption {
  value: string;
  text?: string;
}

interface ChoiceProps {
  options: readonly ChoiceOption[];
  value: string | null;
  onValueChange(value: string): void;
  /** The radio group's name: one per control on the page. */
  name: string;
  disabled?: boolean;
}

/** Radios drawn as labels; arrow keys move between them, as in any radio group. */
function Radios({ options, value, onValueChange, name, disabled, group, item }: ChoiceProps & { group: string; item: string }) {
  return (
    <div class={group}>
      {options.map((o) => (
        <label class={item} key={o.value}>
          <input class={styles.radio} type="radio" name={name} value={o.value} checked={o.value === value} disabled={disabled} onChange={() => onValueChange(o.value)} />
          <span>{o.text ?? o.value}</span>
        </label>
      ))}
    </div>
  );
}

/** Figma's segmented control: a few short choices side by side. */
export function SegmentedControl(props: ChoiceProps) {
  return <Radios {...props} group={styles.segmented!} item={styles.segment!} />;
}

/** The panel's tab bar: radios named `name`, the checked one drawn as the open tab. */
export function Tabs(props: ChoiceProps) {
  return <Radios {...props} group={styles.tabs!} item={styles.tab!} />;
}

/** A native `<select>` styled as Figma's dropdown (its chevron, not the system's); `placeholder` shows while `value` is null. */
export function Dropdown({
  options,
  value,
  onValueChange,
  placeholder,
  ...rest
}: Omit<PartialSelectHTMLAttributes<HTMLSelectElement>, "value" | "role"> & Omit<ChoiceProps, "name"> & { placeholder?: string }) {
  return (
    <div class={styles.dropdown}>
      <select {...rest} class={cx(styles.textbox, styles.select)} value={value ?? ""} onChange={(e) => onValueChange(e.currentTarget.value)}>
        {value === null ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {options.map((o) => (
          <option value={o.value} key={o.value}>
            {o.text ?? o.value}
          </option>
        ))}
      </select>
      <IconChevronDown16 />
    </div>
  );
}
