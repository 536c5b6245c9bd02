// Runs in the plugin iframe: the Inpaint tab — an image, a shape over it, and what to paint there.
import { useId, useState } from "preact/hooks";
import { ModelPicker } from "../model/model-picker.js";
import { resolveModel } from "../model/pick-model.js";
import type { ModelsState } from "../model/use-models.js";
import { Field } from "../shared/field.js";
import { Button, IconImage16, SegmentedControl, Textbox, TextboxMultiline } from "../shared/figma-ui.js";
import { MessageBanner } from "../shared/message-banner.js";
import { FEATHER_RANGE, parseFeather, type InpaintSettings } from "./inpaint-settings.js";
import styles from "../fill/fill.module.css";
import own from "./inpaint.module.css";

/**
 * The Inpaint tab: what is needed (an image layer and one or more shapes drawn over it, which
 * become the mask), the prompt for the masked area, a mask-capable model, feather in pixels and
 * variant count. Main cannot read an inpaint selection yet (no request for it in the protocol),
 * so the tab shows what to select and says the run is coming, rather than failing on Generate.
 */
export function InpaintTab({ models }: { models: ModelsState }) {
  const id = useId();
  const [settings, setSettings] = useState<InpaintSettings>({ prompt: "", modelId: null, featherPx: FEATHER_RANGE.default, variants: 1 });
  const [featherText, setFeatherText] = useState(String(FEATHER_RANGE.default));
  const [featherProblem, setFeatherProblem] = useState<string | null>(null);
  const model = resolveModel(models.models, settings.modelId, ["gpt-image-2", "gemini-3.1-flash-image"], "edit");
  const patch = (change: Partial<InpaintSettings>) => setSettings((s) => ({ ...s, ...change }));
  const commitFeather = () => {
    const parsed = parseFeather(featherText);
    if ("problem" in parsed) return setFeatherProblem(parsed.problem);
    setFeatherProblem(null);
    patch({ featherPx: parsed.px });
  };

  return (
    <div class={styles.tab}>
      <div class={styles.scroll}>
        <section class={styles.section} aria-label="Selection">
          <div class={own.needs} data-selection="none" role="status">
            <div class={own.sketch} aria-hidden="true">
              <IconImage16 />
              <div class={own.maskOutline} />
            </div>
            <div>
              <div>Select an image and a shape drawn over it.</div>
              <div class={styles.muted}>The shape marks the area to repaint; everything outside it stays exactly as it is.</div>
            </div>
          </div>
        </section>
        <section class={styles.section} aria-label="Inpaint settings">
          <Field label="What to paint in the shape" htmlFor={`${id}-prompt`}>
            <TextboxMultiline id={`${id}-prompt`} rows={2} value={settings.prompt} onValueInput={(prompt: string) => patch({ prompt })} placeholder="e.g. a ceramic vase with dried flowers" />
          </Field>
          {models.models ? <ModelPicker label="Model" models={models.models} value={model?.id ?? null} onChange={(modelId) => patch({ modelId })} operation="mask" /> : null}
          <div class={styles.row}>
            <Field label="Feather (px)" htmlFor={`${id}-feather`} class={styles.grow}>
              <Textbox
                id={`${id}-feather`}
                value={featherText}
                onValueInput={setFeatherText}
                onBlur={commitFeather}
                onKeyDown={(event: KeyboardEvent) => event.key === "Enter" && commitFeather()}
                aria-invalid={featherProblem ? true : undefined}
                data-feather={settings.featherPx}
              />
            </Field>
            <Field label="Variants" labelId={`${id}-variants`}>
              <div role="radiogroup" aria-labelledby={`${id}-variants`}>
                <SegmentedControl
                  name={`${id}-variants`}
                  value={String(settings.variants)}
                  options={[1, 2, 3, 4].map((n) => ({ value: String(n) }))}
                  onValueChange={(v: string) => patch({ variants: Number(v) })}
                />
              </div>
            </Field>
          </div>
          {featherProblem ? (
            <div class={styles.problem} role="alert">
              {featherProblem}
            </div>
          ) : null}
        </section>
        <section class={styles.section} aria-label="Status">
          <MessageBanner tone="note">Coming soon: this version of the plugin cannot read an inpaint selection yet.</MessageBanner>
        </section>
      </div>
      <footer class={styles.footer}>
        <div class={styles.footerText}>
          <span class={styles.muted}>Result: a transparent patch above the image</span>
        </div>
        <Button disabled data-action="inpaint">
          Inpaint
        </Button>
      </footer>
    </div>
  );
}
