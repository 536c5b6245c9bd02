// Runs in the plugin iframe: mounts the panel.
import "@create-figma-plugin/ui/css/theme.css";
import { render } from "preact";
import { App } from "./app/app.js";

render(<App />, document.getElementById("root")!);
