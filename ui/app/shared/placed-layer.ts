// Runs in the plugin iframe: what a tab reports to History when it places a layer.
import type { GeneratedLayer } from "../history/generated-layer.js";

/** A placed layer, as History lists it. */
export type PlacedLayer = GeneratedLayer;
