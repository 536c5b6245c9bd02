// Runs in the Figma sandbox: starts the plugin (tests import startPlugin without this entry).
import * as v from "valibot";
import { Recipe, RECIPE_KEY } from "../core/protocol/recipe.js";
import { UI_SIZE } from "./handle-ui-request.js";
import { startMainChannel } from "./main-channel.js";
import { readSelectionStateAsync } from "./read-selection.js";

/** Starts the plugin: opens the panel, answers its requests, reports selection changes. */
export function startPlugin(): void {
  figma.showUI(__html__, { width: UI_SIZE.width, height: UI_SIZE.height, themeColors: true, title: "brandfill" });
  const channel = startMainChannel();
  // Selection changes can come quickly; only the latest read is reported.
  let latest = 0;
  const report = () => {
    const ticket = ++latest;
    void readSelectionStateAsync().then((selection) => {
      if (ticket === latest) channel.sendEvent({ type: "selection-changed", selection });
    });
  };
  figma.on("selectionchange", report);
  report();
  if (figma.command === "regenerate") {
    // Relaunched from a generated layer's "Regenerate" button: open on its recipe.
    const node = figma.currentPage.selection[0];
    const parsed = node ? v.safeParse(Recipe, safeJson(node.getPluginData(RECIPE_KEY))) : null;
    channel.sendEvent({ type: "relaunch", command: "regenerate", recipe: parsed?.success ? parsed.output : null });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

