// Runs in the plugin iframe: what every job tab gets from the panel.
import type { ProxyClient } from "../../../src/jobs/proxy-client.js";
import type { UiChannel } from "../../../src/jobs/ui-channel.js";
import type { FillForm } from "./use-fill-form.js";
import type { PlacedLayer } from "./placed-layer.js";
import type { ModelsState } from "../model/use-models.js";

/** The channel to main, the proxy, the catalog, Fill's shared form and the spend/History callbacks. */
export interface JobTabProps {
  channel: UiChannel;
  proxy: ProxyClient;
  models: ModelsState;
  /** Fill's form: its prompt, locked brand colours and quality are shared by every tab. */
  form: FillForm;
  /** Adds a run's known cost (USD) to the month's spend. */
  onSpent(usd: number): void;
  /** Lists a placed layer in History. */
  onPlaced(layer: PlacedLayer): void;
}
