#!/usr/bin/env node
// The headless command line: `npx brandfill <fill|inpaint|variants|lock> …`. Runs the TypeScript
// sources through tsx, so the commands use exactly the same core code as the plugin.
import { register } from "tsx/esm/api";

register();
const { runCliAsync } = await import("../src/cli/run-cli.ts");
process.exitCode = await runCliAsync(process.argv.slice(2));
