// Runs in the plugin iframe: proxy address and token, defaults, monthly budget.
import { Button, IconButton, IconChevronLeft16, SegmentedControl, Textbox } from "../shared/figma-ui.js";
import { useEffect, useId, useState } from "preact/hooks";
import { proxyAddressProblem } from "../../../src/core/network/proxy-access.js";
import { createProxyClient } from "../../../src/jobs/proxy-client.js";
import { ModelPicker } from "../model/model-picker.js";
import type { ModelsState } from "../model/use-models.js";
import { Field } from "../shared/field.js";
import { MessageBanner } from "../shared/message-banner.js";
import { NETWORK_ACCESS } from "./panel-settings.js";
import type { SettingsState } from "./use-settings.js";
import * as styles from "../shared/panel.module.css";
import * as own from "./settings.module.css";
import * as shared from "../shared/shared.module.css";

/**
 * Settings, kept in figma.clientStorage on this computer (never in the file): the proxy's
 * address and token (committed on Enter or leaving the box, so models reload once), "Check
 * connection", the default model and variant count, and the monthly budget the panel warns at.
 */
export function SettingsPanel({ state, models, onClose }: { state: SettingsState; models: ModelsState; onClose(): void }) {
  const id = useId();
  const { settings, update } = state;
  const [proxyUrl, setProxyUrl] = useState(settings.proxyUrl);
  const [token, setToken] = useState(settings.token);
  const [budget, setBudget] = useState(settings.monthlyBudgetUsd === null ? "" : String(settings.monthlyBudgetUsd));
  const [budgetProblem, setBudgetProblem] = useState<string | null>(null);
  const [check, setCheck] = useState<{ tone: "success" | "error" | "note"; text: string } | null>(null);

  useEffect(() => {
    setProxyUrl(settings.proxyUrl);
    setToken(settings.token);
    setBudget(settings.monthlyBudgetUsd === null ? "" : String(settings.monthlyBudgetUsd));
  }, [state.loaded]);

  // An address this build's manifest does not allow is refused: Figma would block every request to it.
  const commitProxy = () => {
    const url = proxyUrl.trim();
    const problem = url ? proxyAddressProblem(url, NETWORK_ACCESS) : null;
    if (problem) {
      setCheck({ tone: "error", text: problem });
      return false;
    }
    if (url !== settings.proxyUrl || token !== settings.token) {
      setCheck(null);
      update({ proxyUrl: url || settings.proxyUrl, token });
    }
    return true;
  };
  const commitBudget = () => {
    const text = budget.trim().replace(/^\$/, "");
    if (!text) {
      setBudgetProblem(null);
      return update({ monthlyBudgetUsd: null });
    }
    const usd = Number(text);
    if (!Number.isFinite(usd) || usd <= 0) return setBudgetProblem(`“${budget}” is not an amount in dollars: write it like 20 or 12.50.`);
    setBudgetProblem(null);
    update({ monthlyBudgetUsd: usd });
  };
  const checkConnection = async () => {
    if (!commitProxy()) return;
    setCheck({ tone: "note", text: "Checking…" });
    try {
      const health = await createProxyClient(proxyUrl.trim(), token || undefined, undefined, NETWORK_ACCESS).healthAsync(AbortSignal.timeout(8000));
      const on = Object.entries(health.providers)
        .filter(([, ok]) => ok)
        .map(([p]) => p);
      setCheck({ tone: "success", text: `Connected to brandfill proxy ${health.version}. Providers: ${on.join(", ")}.` });
    } catch (e) {
      setCheck({ tone: "error", text: (e as Error).message });
    }
  };
  const onEnter = (commit: () => void) => (event: KeyboardEvent) => {
    if (event.key === "Enter") commit();
  };

  return (
    <div class={own.panel} data-panel="settings">
      <div class={own.head}>
        <IconButton onClick={onClose} aria-label="Back" title="Back" data-action="back">
          <IconChevronLeft16 />
        </IconButton>
        <h1 class={styles.sectionTitle}>Settings</h1>
      </div>
      <section class={styles.section} aria-labelledby={`${id}-proxy`}>
        <h2 class={styles.sectionTitle} id={`${id}-proxy`}>
          Proxy
        </h2>
        <Field label="Address" htmlFor={`${id}-url`}>
          <Textbox
            id={`${id}-url`}
            value={proxyUrl}
            onValueInput={setProxyUrl}
            onBlur={commitProxy}
            onKeyDown={onEnter(commitProxy)}
            placeholder="http://localhost:8787"
            spellcheck={false}
          />
        </Field>
        <Field label="Token (if the proxy asks for one)" htmlFor={`${id}-token`}>
          <Textbox
            id={`${id}-token`}
            password
            value={token}
            onValueInput={setToken}
            onBlur={commitProxy}
            onKeyDown={onEnter(commitProxy)}
            placeholder="No token"
            spellcheck={false}
          />
        </Field>
        <div class={styles.row}>
          <Button secondary onClick={() => void checkConnection()} data-action="check-connection">
            Check connection
          </Button>
        </div>
        {check ? <MessageBanner tone={check.tone}>{check.text}</MessageBanner> : null}
      </section>
      <section class={styles.section} aria-labelledby={`${id}-defaults`}>
        <h2 class={styles.sectionTitle} id={`${id}-defaults`}>
          Defaults
        </h2>
        {models.models ? (
          <ModelPicker
            label="Default model"
            placeholder="The first model available"
            models={models.models}
            value={settings.defaultModel || null}
            onChange={(defaultModel) => update({ defaultModel })}
            operation="generate"
          />
        ) : (
          <Field label="Default model">
            <div class={styles.muted}>{models.error ?? "Loading models…"}</div>
          </Field>
        )}
        <Field label="Variants per Generate" labelId={`${id}-variants`}>
          <div role="radiogroup" aria-labelledby={`${id}-variants`} class={shared.fitContent}>
            <SegmentedControl
              name={`${id}-variants`}
              value={String(settings.defaultVariants)}
              options={[1, 2, 3, 4].map((n) => ({ value: String(n) }))}
              onValueChange={(v: string) => update({ defaultVariants: Number(v) })}
            />
          </div>
        </Field>
      </section>
      <section class={styles.section} aria-labelledby={`${id}-budget`}>
        <h2 class={styles.sectionTitle} id={`${id}-budget`}>
          Budget
        </h2>
        <Field
          label="Warn me above this much a month (USD)"
          htmlFor={`${id}-budget-input`}
          hint={`Spent this month: $${settings.spend.usd.toFixed(2)}, not counting runs whose price is unknown.`}
        >
          <Textbox
            id={`${id}-budget-input`}
            value={budget}
            onValueInput={setBudget}
            onBlur={commitBudget}
            onKeyDown={onEnter(commitBudget)}
            placeholder="No budget"
            aria-invalid={budgetProblem ? true : undefined}
          />
        </Field>
        {budgetProblem ? (
          <div class={styles.problem} role="alert">
            {budgetProblem}
          </div>
        ) : null}
      </section>
      <p class={own.footnote}>Kept on this computer in Figma’s client storage, never in the file.</p>
      {state.error ? <MessageBanner tone="error">{state.error}</MessageBanner> : null}
    </div>
  );
}
