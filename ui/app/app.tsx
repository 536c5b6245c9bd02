// Runs in the plugin iframe: the panel's root — tabs, settings, and the state they share.
import { IconAdjust16, IconButton, Tabs, useWindowResize } from "./shared/figma-ui.js";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { createProxyClient } from "../../src/jobs/proxy-client.js";
import type { Recipe } from "../../src/core/protocol/recipe.js";
import type { UiChannel } from "../../src/jobs/ui-channel.js";
import { CompareTab } from "./compare/compare-tab.js";
import { FillTab } from "./fill/fill-tab.js";
import { useFillForm } from "./shared/use-fill-form.js";
import { useFillJob } from "./fill/use-fill-job.js";
import { pngDataUrl } from "./shared/png-data-url.js";
import type { PlacedLayer } from "./shared/placed-layer.js";
import { HistoryTab } from "./history/history-tab.js";
import { InpaintTab } from "./inpaint/inpaint-tab.js";
import { useModels } from "./model/use-models.js";
import { currentMonth, NETWORK_ACCESS } from "./settings/panel-settings.js";
import { SettingsPanel } from "./settings/settings-panel.js";
import { useSettings } from "./settings/use-settings.js";
import { useReferences } from "./shared/use-references.js";
import { useSelection } from "./shared/use-selection.js";
import { VariantsTab } from "./variants/variants-tab.js";
import * as styles from "./app.module.css";

export const TAB_NAMES = ["Fill", "Inpaint", "Variants", "Compare", "History"] as const;
export type TabName = (typeof TAB_NAMES)[number];

/** Panel size limits in CSS pixels (main accepts 240–1200 × 240–1600). */
const MIN_SIZE = { width: 320, height: 420 };
const MAX_SIZE = { width: 1000, height: 1400 };

/**
 * The panel. Every tab stays mounted (hidden when not shown) so a prompt, a running job or
 * results survive switching tabs. `data-ready` appears once settings and the selection are in.
 */
export function App({ channel }: { channel: UiChannel }) {
  const settingsState = useSettings(channel);
  const { settings, update } = settingsState;
  const selection = useSelection(channel);
  const proxy = useMemo(() => createProxyClient(settings.proxyUrl, settings.token || undefined, undefined, NETWORK_ACCESS), [settings.proxyUrl, settings.token]);
  const models = useModels(proxy, settingsState.loaded);
  const spec = selection?.kind === "fill-target" ? selection.spec : null;
  const form = useFillForm(spec, settings, models.models);
  const [history, setHistory] = useState<PlacedLayer[]>([]);
  const [tab, setTab] = useState<TabName>("Fill");
  const [settingsOpen, setSettingsOpen] = useState(false);

  const onSpent = useCallback((usd: number) => update((s) => ({ spend: { month: currentMonth(), usd: (s.spend.month === currentMonth() ? s.spend.usd : 0) + usd } })), [update]);
  const onPlaced = useCallback((layer: PlacedLayer) => setHistory((list) => [layer, ...list]), []);
  const fill = useFillJob(channel, proxy, onSpent, onPlaced);
  const refs = useReferences(channel);
  const loadRecipe = useCallback(
    (recipe: Recipe) => {
      form.loadRecipe(recipe);
      // Regenerate reuses the recipe's references: main exports those layers again.
      void refs.loadAsync(recipe.references);
      setSettingsOpen(false);
      setTab("Fill");
    },
    [form.loadRecipe, refs.loadAsync],
  );

  // "Regenerate" from a generated layer (Figma's relaunch button) opens Fill on its recipe, with its
  // references; main has selected the recipe's source frame. Asked for on mount: main may have
  // started long before.
  const loadRecipeRef = useRef(loadRecipe);
  loadRecipeRef.current = loadRecipe;
  useEffect(() => {
    void channel.requestAsync({ type: "get-launch" }).then(
      (launch) => {
        if (launch.recipe) loadRecipeRef.current(launch.recipe);
      },
      () => undefined,
    );
  }, [channel]);

  useWindowResize(
    useCallback((size: { width: number; height: number }) => void channel.requestAsync({ type: "resize-ui", ...size }).catch(() => undefined), [channel]),
    { minWidth: MIN_SIZE.width, minHeight: MIN_SIZE.height, maxWidth: MAX_SIZE.width, maxHeight: MAX_SIZE.height },
  );

  // History lists every generated layer in the file (from its recipe), not only this session's:
  // refreshed from main each time the tab opens; this session's placements show at once.
  const historyOpen = !settingsOpen && tab === "History";
  useEffect(() => {
    if (!historyOpen) return;
    let live = true;
    channel.requestAsync({ type: "list-generated" }).then(
      ({ layers }) => {
        if (!live) return;
        const fromPage = layers.map((l) => ({ nodeId: l.nodeId, name: l.name, recipe: l.recipe, thumbnail: l.thumbnail ? pngDataUrl(l.thumbnail) : "", pageName: l.pageName }));
        setHistory((session) => [...fromPage, ...session.filter((s) => !fromPage.some((p) => p.nodeId === s.nodeId))]);
      },
      () => undefined, // an older main without list-generated: keep this session's list
    );
    return () => {
      live = false;
    };
  }, [historyOpen, channel]);

  // Regenerate fills the layer the recipe was made for, not the generated layer: select it first.
  const regenerate = useCallback(
    (layer: PlacedLayer) => {
      void channel.requestAsync({ type: "select-node", nodeId: layer.recipe.sourceNodeId }).catch(() => undefined);
      loadRecipe(layer.recipe);
    },
    [channel, loadRecipe],
  );

  const ready = settingsState.loaded && selection !== null;
  return (
    <div class={styles.app} {...(ready ? { "data-ready": "" } : {})}>
      <div class={styles.top}>
        <Tabs
          options={TAB_NAMES.map((value) => ({ value }))}
          value={settingsOpen ? null : tab}
          onValueChange={(value: string) => {
            setTab(value as TabName);
            setSettingsOpen(false);
          }}
          name="brandfill-tab"
        />
        <IconButton onClick={() => setSettingsOpen((open) => !open)} aria-label="Settings" aria-pressed={settingsOpen} title="Settings" data-action="settings">
          <IconAdjust16 />
        </IconButton>
      </div>
      <main class={styles.content}>
        {settingsOpen ? <SettingsPanel state={settingsState} models={models} onClose={() => setSettingsOpen(false)} /> : null}
        <div class={styles.panel} hidden={settingsOpen || tab !== "Fill"} data-panel="fill">
          <FillTab selection={selection} models={models} settings={settings} proxy={proxy} form={form} fill={fill} refs={refs} />
        </div>
        <div class={styles.panel} hidden={settingsOpen || tab !== "Inpaint"} data-panel="inpaint">
          <InpaintTab channel={channel} proxy={proxy} models={models} form={form} active={!settingsOpen && tab === "Inpaint"} onSpent={onSpent} onPlaced={onPlaced} refs={refs} />
        </div>
        <div class={styles.panel} hidden={settingsOpen || tab !== "Variants"} data-panel="variants">
          <VariantsTab channel={channel} proxy={proxy} selection={selection} models={models} form={form} onSpent={onSpent} />
        </div>
        <div class={styles.panel} hidden={settingsOpen || tab !== "Compare"} data-panel="compare">
          <CompareTab channel={channel} proxy={proxy} selection={selection} models={models} form={form} onSpent={onSpent} onPlaced={onPlaced} />
        </div>
        <div class={styles.panel} hidden={settingsOpen || tab !== "History"} data-panel="history">
          <HistoryTab channel={channel} layers={history} models={models.models} onRegenerate={regenerate} />
        </div>
      </main>
    </div>
  );
}
