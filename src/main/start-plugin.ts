// Runs in the Figma sandbox: starts the plugin (tests import startPlugin without this entry).
import { UI_SIZE } from "./handle-ui-request.js";
import { startLaunch } from "./launch-state.js";
import { startMainChannel } from "./main-channel.js";
import { readSelectionStateAsync } from "./read-selection.js";
import { removeLeftoverTemporaryNodesAsync } from "./temporary-node.js";

/**
 * Starts the plugin: removes temporary nodes a closed plugin left behind, opens the panel, answers
 * its requests, reports selection changes (the document's palette is read once, not on every
 * change), and keeps the launch (a relaunch button's recipe) for the panel to ask for.
 */
export function startPlugin(): void {
  // The clean-up is its own undo step, never part of the designer's first generation.
  void removeLeftoverTemporaryNodesAsync().then(
    (removed) => removed > 0 && figma.commitUndo(),
    () => undefined,
  );
  figma.showUI(__html__, { width: UI_SIZE.width, height: UI_SIZE.height, themeColors: true, title: "brandfill" });
  const channel = startMainChannel();
  startLaunch(figma.command);
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
}
