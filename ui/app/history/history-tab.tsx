// Runs in the plugin iframe: the History tab — generated layers, their recipes, Regenerate.
import { useState } from "preact/hooks";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";
import { formatCost } from "../model/format-cost.js";
import { Button, SearchTextbox } from "../shared/figma-ui.js";
import { MessageBanner } from "../shared/message-banner.js";
import { copyText } from "./copy-text.js";
import { formatCreatedAt, searchGeneratedLayers, type GeneratedLayer } from "./generated-layer.js";
import styles from "../shared/panel.module.css";
import own from "./history.module.css";

export interface HistoryTabProps {
  channel: UiChannel;
  layers: readonly GeneratedLayer[];
  /** Opens Fill on the layer's recipe. */
  onRegenerate(layer: GeneratedLayer): void;
}

/**
 * History: the generated layers with their thumbnail, prompt, model, cost and date; search by
 * prompt; click a layer to select it in Figma; Regenerate (Fill on its recipe) and Copy recipe.
 */
export function HistoryTab({ channel, layers, onRegenerate }: HistoryTabProps) {
  const [query, setQuery] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "note"; text: string } | null>(null);
  const shown = searchGeneratedLayers(layers, query);

  const select = (layer: GeneratedLayer) =>
    channel.requestAsync({ type: "select-node", nodeId: layer.nodeId }).then(
      () => setMessage(null),
      (e: Error) => setMessage({ tone: "error", text: e.message }),
    );
  const copy = (layer: GeneratedLayer) =>
    setMessage(copyText(JSON.stringify(layer.recipe, null, 2)) ? { tone: "note", text: `Copied the recipe of “${layer.name}”.` } : { tone: "error", text: "The browser did not allow copying. Select the layer and copy its recipe from the plugin data instead." });

  return (
    <div class={styles.tab}>
      <div class={own.search}>
        <SearchTextbox value={query} onValueInput={setQuery} placeholder="Search by prompt" aria-label="Search generated layers by prompt" />
      </div>
      <div class={styles.scroll}>
        {message ? (
          <section class={styles.section}>
            <MessageBanner tone={message.tone}>{message.text}</MessageBanner>
          </section>
        ) : null}
        {shown.length ? (
          <ul class={own.list} aria-label="Generated layers">
            {shown.map((layer) => (
              <li class={own.item} key={layer.nodeId} data-history={layer.nodeId}>
                <button type="button" class={own.select} onClick={() => void select(layer)} aria-label={`Select layer ${layer.name}`}>
                  {layer.thumbnail ? <img class={own.thumb} src={layer.thumbnail} alt="" /> : <span class={own.thumb} />}
                  <span class={own.text}>
                    <span class={own.prompt}>{layer.recipe.promptTyped}</span>
                    <span class={styles.muted}>
                      {layer.recipe.model} · {formatCost(layer.recipe.costUsd)} · {formatCreatedAt(layer.recipe.createdAt)}
                    </span>
                  </span>
                </button>
                <div class={own.actions}>
                  <Button secondary onClick={() => onRegenerate(layer)} aria-label={`Regenerate ${layer.name}`} data-action="regenerate">
                    Regenerate
                  </Button>
                  <Button secondary onClick={() => copy(layer)} aria-label={`Copy the recipe of ${layer.name}`} data-action="copy-recipe">
                    Copy recipe
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <section class={styles.section}>
            <div class={styles.muted} role="status">
              {layers.length ? `No generated layer matches “${query}”.` : "Nothing placed yet in this session. Layers you place from Fill or Compare appear here."}
            </div>
          </section>
        )}
        <section class={styles.section}>
          <div class={styles.muted}>Coming soon: layers generated in earlier sessions, read from this page’s recipes.</div>
        </section>
      </div>
    </div>
  );
}
