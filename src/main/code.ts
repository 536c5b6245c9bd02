// Runs in the Figma sandbox: the plugin's entry point, bundled to dist/code.js.
import { startPlugin } from "./start-plugin.js";

startPlugin();
