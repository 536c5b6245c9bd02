// Runs in the plugin iframe: the Inpaint tab (placeholder until the panel lands).
import type { ModelsState } from "../model/use-models.js";
export function InpaintTab(_props: { models: ModelsState }) {
  return <div>Select an image and a shape drawn over it.</div>;
}
