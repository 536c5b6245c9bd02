// Runs in the plugin iframe: the model picker, grouped by provider, with strengths and costs.
import { IconCheck16, IconChevronDown16 } from "../shared/figma-ui.js";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { AvailableModel } from "../../../src/jobs/proxy-client.js";
import type { Operation } from "../../../src/core/catalog/model-catalog.js";
import * as styles from "./model-picker.module.css";

const PROVIDER_NAMES: Record<AvailableModel["provider"], string> = {
  openai: "OpenAI",
  gemini: "Google Gemini",
  offline: "On this machine",
};

export interface ModelPickerProps {
  /** Visible label, also the listbox's accessible name. */
  label: string;
  /** Shown when no model is chosen. */
  placeholder?: string;
  models: readonly AvailableModel[];
  value: string | null;
  onChange(modelId: string): void;
  /** The cost line of each model for the run at hand ("≈ $0.04", "free", "price unknown"). */
  costText?(model: AvailableModel): string;
  /** A model's limits for the current selection, one line, or null. */
  fitText?(model: AvailableModel): string | null;
  /** Models without this operation are shown greyed with why. */
  operation?: Operation;
  disabled?: boolean;
}

/** Why a model cannot be picked here, or null (the proxy's technical reason stays in the menu's tooltip). */
export function modelUnavailableReason(model: AvailableModel, operation?: Operation): string | null {
  if (!model.available) return "Not on your team's proxy.";
  if (operation && !model.operations.includes(operation)) return `${model.label} cannot ${operation === "generate" ? "make new images" : "edit images"}.`;
  return null;
}

/** The line a designer chooses a model by: the offline model says plainly that it is not AI. */
export function modelStrengths(model: AvailableModel): string {
  return model.provider === "offline" ? `Preview without AI. ${model.strengths}` : model.strengths;
}

/**
 * A listbox of models in a popover, like Figma's own menus: provider headers, each model's
 * label, cost of this run and one-line strengths; unavailable ones greyed with their reason
 * (and still reachable with the arrow keys, so the reason can be read). Keyboard: Enter, Space
 * or ↓ open; ↑/↓/Home/End move; Enter picks; Escape or Tab closes.
 */
export function ModelPicker(props: ModelPickerProps) {
  const { models, value, onChange, costText, fitText, operation, disabled } = props;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const providers = (["openai", "gemini", "offline"] as const).filter((p) => models.some((m) => m.provider === p));
  const ordered = providers.flatMap((p) => models.filter((m) => m.provider === p));
  const selected = models.find((m) => m.id === value) ?? null;
  const optionId = (m: AvailableModel) => `${id}-opt-${m.id}`;

  const openList = () => {
    if (disabled) return;
    setActive(
      Math.max(
        0,
        ordered.findIndex((m) => m.id === value),
      ),
    );
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) triggerRef.current?.focus();
  };
  const pick = (model: AvailableModel | undefined) => {
    if (!model || modelUnavailableReason(model, operation)) return;
    onChange(model.id);
    close(true);
  };

  useEffect(() => {
    if (!open) return;
    listRef.current?.focus();
    const outside = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [open]);

  useEffect(() => {
    if (open) document.getElementById(optionId(ordered[active]!))?.scrollIntoView({ block: "nearest" });
  }, [open, active]);

  const onListKeyDown = (event: KeyboardEvent) => {
    const last = ordered.length - 1;
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: last, PageDown: active + 5, PageUp: active - 5 };
    if (event.key in moves) {
      event.preventDefault();
      setActive(Math.min(last, Math.max(0, moves[event.key]!)));
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pick(ordered[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  };

  const fit = selected && fitText ? fitText(selected) : null;
  // One sentence for every provider the proxy has no key for, instead of a line under each model.
  const missing = providers.filter((p) => models.some((m) => m.provider === p && !m.available)).map((p) => PROVIDER_NAMES[p]);
  const details = [...new Set(models.flatMap((m) => (m.available ? [] : [m.unavailableReason ?? ""])))].join("\n");
  return (
    <div class={styles.picker} ref={rootRef}>
      <div class={styles.label} id={`${id}-label`}>
        {props.label}
      </div>
      <button
        ref={triggerRef}
        type="button"
        id={`${id}-trigger`}
        class={styles.trigger}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-labelledby={`${id}-label ${id}-trigger`}
        aria-describedby={`${id}-detail`}
        disabled={disabled}
        onClick={() => (open ? close(false) : openList())}
        onKeyDown={(event) => {
          // Keys typed before focus moves to the opened list still steer it.
          if (open) onListKeyDown(event);
          else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            openList();
          }
        }}
      >
        <span class={styles.triggerText}>{selected ? selected.label : (props.placeholder ?? "Choose a model")}</span>
        {selected && costText ? <span class={styles.cost}>{costText(selected)}</span> : null}
        <IconChevronDown16 />
      </button>
      <div class={styles.detail} id={`${id}-detail`}>
        {selected ? <span>{modelStrengths(selected)}</span> : null}
        {fit ? <span class={styles.fit}>{fit}</span> : null}
      </div>
      {open ? (
        <div
          ref={listRef}
          class={styles.menu}
          role="listbox"
          tabIndex={-1}
          aria-labelledby={`${id}-label`}
          aria-activedescendant={ordered[active] ? optionId(ordered[active]!) : undefined}
          onKeyDown={onListKeyDown}
        >
          {missing.length ? (
            <div class={styles.header} role="presentation" title={details} data-unavailable>
              Ask whoever runs your team's proxy to add {missing.length > 1 ? "" : /^[AEIOU]/.test(missing[0]!) ? "an " : "a "}
              {missing.join(" and ")} key{missing.length > 1 ? "s" : ""} for more models.
            </div>
          ) : null}
          {providers.map((provider) => (
            <div role="group" aria-labelledby={`${id}-group-${provider}`} key={provider}>
              <div class={styles.header} id={`${id}-group-${provider}`} role="presentation">
                {PROVIDER_NAMES[provider]}
              </div>
              {models
                .filter((m) => m.provider === provider)
                .map((model) => {
                  const index = ordered.indexOf(model);
                  const reason = modelUnavailableReason(model, operation);
                  const classes = [styles.option, index === active ? styles.active : "", reason ? styles.disabled : ""].join(" ");
                  return (
                    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: ARIA listbox pattern: the listbox keeps the focus and moves aria-activedescendant with the arrow keys (onListKeyDown); options are not focusable
                    <div
                      key={model.id}
                      id={optionId(model)}
                      role="option"
                      class={classes}
                      aria-selected={model.id === value}
                      aria-disabled={reason ? true : undefined}
                      data-model={model.id}
                      onMouseMove={() => setActive(index)}
                      onClick={() => pick(model)}
                    >
                      <span class={styles.check}>{model.id === value ? <IconCheck16 /> : null}</span>
                      <span class={styles.optionLabel}>{model.label}</span>
                      {costText && !reason ? <span class={styles.optionCost}>{costText(model)}</span> : null}
                      <span class={styles.optionLine}>{reason ?? modelStrengths(model)}</span>
                    </div>
                  );
                })}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
