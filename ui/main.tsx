// Runs in the plugin iframe: mounts the panel and wires it to the main thread.
//
// Only base.css (type, sizes) is bundled. The `--figma-color-*` variables come from Figma
// itself: `showUI(..., { themeColors: true })` injects them and keeps them in step with light
// and dark mode. Test harnesses inject the same variables, as Figma does.
import "./base.css";
import { render } from "preact";
import { createUiChannel } from "../src/jobs/ui-channel.js";
import { App } from "./app/app.js";

// In Figma, main's messages arrive as `event.data.pluginMessage`; anything else is not for us.
const channel = createUiChannel((message) => parent.postMessage({ pluginMessage: message }, "*"));
window.addEventListener("message", (event: MessageEvent) => {
  const data = event.data as { pluginMessage?: unknown } | null;
  if (data && typeof data === "object" && "pluginMessage" in data) channel.receive(data.pluginMessage);
});

render(<App channel={channel} />, document.getElementById("root")!);
