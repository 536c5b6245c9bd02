#!/usr/bin/env node
// `npm test`: the preflight (check-test-needs.mjs), then every test in two passes — the suite, then the
// `*.alone.test.ts` files on their own (they measure wall-clock behaviour, so nothing may share their CPU).
// Both passes always run; the exit code is 1 when either failed. `npm test -- <paths or vitest options>`
// runs only those, in one pass, after the same preflight.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkTestNeeds } from "./check-test-needs.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { ok, problems, notes } = checkTestNeeds();
for (const note of notes) process.stderr.write(`preflight: ${note}\n`);
if (!ok) {
  for (const problem of problems) process.stderr.write(`preflight: ${problem}\n`);
  process.stderr.write("npm test did not run: fix the line(s) above (or run .ci/run as root, which installs everything).\n");
  process.exit(1);
}

const vitest = (args) => spawnSync(process.execPath, [join(root, "node_modules", "vitest", "vitest.mjs"), "run", ...args], { cwd: root, stdio: "inherit" }).status ?? 1;
const extra = process.argv.slice(2);
if (extra.length > 0) process.exit(vitest(extra));
const suite = vitest(["--exclude", "**/*.alone.test.ts"]);
const alone = vitest(["alone.test"]);
if (suite !== 0 || alone !== 0) {
  process.stderr.write(`npm test: ${[suite !== 0 ? "the suite" : null, alone !== 0 ? "the alone tests" : null].filter(Boolean).join(" and ")} failed (see above).\n`);
}
process.exit(suite !== 0 || alone !== 0 ? 1 : 0);
