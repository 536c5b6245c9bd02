/// <reference types="@figma/plugin-typings" />
import { readFileSync } from "node:fs";
import { createFigmaFake, type CreateFigmaFakeOptions, type FigmaFake } from "../figma-fake/create-figma-fake.js";

/** brandfill's own manifest.json: the fake accepts only its relaunch commands, as Figma does. */
export const MANIFEST = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8")) as { relaunchButtons: { command: string }[]; permissions: string[] };

/** Creates a Figma fake with brandfill's manifest and installs it as the sandbox globals main-thread code expects. */
export function installFigmaFake(options: Omit<CreateFigmaFakeOptions, "manifest"> = {}): FigmaFake {
  const fake = createFigmaFake({ pluginId: "brandfill-dev", ...options, manifest: MANIFEST });
  const g = globalThis as unknown as { figma: PluginAPI; __html__: string };
  g.figma = fake.figma;
  g.__html__ = "<!doctype html><title>brandfill</title>";
  return fake;
}

/** A Figma REST document from the shared fixtures, parsed. */
export function readRestFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../shared/fixtures/figma-rest/${name}`, import.meta.url), "utf8"));
}

export const HERO = "GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json";
export const POSTER = "fefeding-figma2html__marketing-campaign-poster-725x1000__frame-node.json";
export const CARD = "1yhy-Figma-Context-MCP__card-322x523__nodes.json";

/**
 * Starts the plugin's main thread in the fake and wires the panel's channel to it through the
 * fake's iframe bridge, exactly as in Figma. Returns the panel's side of the channel.
 */
export async function startPluginWithPanelAsync(fake: FigmaFake): Promise<import("../../src/jobs/ui-channel.js").UiChannel> {
  const { startPlugin } = await import("../../src/main/start-plugin.js");
  const { createUiChannel } = await import("../../src/jobs/ui-channel.js");
  startPlugin();
  const channel = createUiChannel((message) => void fake.ui.sendToMain(message));
  fake.ui.onMessageFromMain((message) => channel.receive(message));
  return channel;
}
