// Runs in the plugin iframe: the History tab — generated layers, their recipes, Regenerate.
import { useState } from "preact/hooks";
import type { AvailableModel } from "../../../src/jobs/proxy-client.js";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";
import { formatActualCost } from "../model/format-cost.js";
import { Button, SearchTextbox } from "../shared/figma-ui.js";
import { MessageBanner } from "../shared/message-banner.js";
import { formatCreatedAt, groupByPage, searchGeneratedLayers, type GeneratedLayer } from "./generated-layer.js";
import * as styles from "../shared/panel.module.css";
import * as own from "./history.module.css";

export interface HistoryTabProps {
  channel: UiChannel;
  layers: readonly GeneratedLayer[];
  /** The catalog, to show each recipe's model by its label (the id stays in the tooltip). */
  models: readonly AvailableModel[] | null;
  /** Opens Fill on the layer's recipe. */
  onRegenerate(layer: GeneratedLayer): void;
}

/**
 * History: every generated layer in the file, grouped by page, newest first, with its thumbnail,
 * prompt, model, cost and date; search by prompt; Select (selects it in Figma), Regenerate (Fill
 * on its recipe, references included). The full recipe stays in the layer's plugin data.
 */
export function HistoryTab({ channel, layers, models, onRegenerate }: HistoryTabProps) {
  const [query, setQuery] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const groups = groupByPage(searchGeneratedLayers(layers, query), "This page");

  const select = (layer: GeneratedLayer) =>
    channel.requestAsync({ type: "select-node", nodeId: layer.nodeId }).then(
      () => setProblem(null),
      (e: Error) => setProblem(e.message),
    );

  return (
    <div class={styles.tab}>
      <div class={own.search}>
        <SearchTextbox value={query} onValueInput={setQuery} placeholder="Search by prompt" aria-label="Search generated layers by prompt" />
      </div>
      <div class={styles.scroll}>
        {problem ? (
          <section class={styles.section}>
            <MessageBanner tone="error">{problem}</MessageBanner>
          </section>
        ) : null}
        {groups.map(({ page, layers: list }) => (
          <section key={page} aria-label={page} data-history-page={page}>
            <h2 class={own.page}>{page}</h2>
            <ul>
              {list.map((layer) => {
                const label = models?.find((m) => m.id === layer.recipe.model)?.label ?? layer.recipe.model;
                return (
                  <li class={own.item} key={layer.nodeId} data-history={layer.nodeId}>
                    <div class={own.select}>
                      {layer.thumbnail ? <img class={own.thumb} src={layer.thumbnail} alt="" /> : <span class={own.thumb} />}
                      <span class={own.text}>
                        <span class={own.prompt}>{layer.recipe.promptTyped}</span>
                        <span class={styles.muted} title={layer.recipe.model}>
                          {label} · {formatActualCost(layer.recipe.costUsd)} · {formatCreatedAt(layer.recipe.createdAt)}
                        </span>
                      </span>
                    </div>
                    <div class={own.actions}>
                      <Button secondary onClick={() => void select(layer)} aria-label={`Select layer ${layer.name}`} data-action="select">
                        Select
                      </Button>
                      <Button secondary onClick={() => onRegenerate(layer)} aria-label={`Regenerate ${layer.name}`} data-action="regenerate">
                        Regenerate
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
        {groups.length ? null : (
          <section class={styles.section}>
            <div class={styles.muted} role="status">
              {layers.length
                ? `No generated layer matches “${query}”.`
                : "No generated layers in this file yet. Layers you place from Fill, Inpaint or Compare appear here, with their prompt and cost."}
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
