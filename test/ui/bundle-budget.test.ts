import { expect, test } from "vitest";
import { buildPluginSizes } from "./harness/start-ui-harness.js";

// Issue 7's budgets, in the unit `npm run bench` prints (1 KB = 1,024 bytes). The bench shows where
// the bytes go; this test stops a change that would break a budget from landing unnoticed.
const UI_HTML_BUDGET_BYTES = 150 * 1024;
const CODE_JS_BUDGET_BYTES = 60 * 1024;

test("the built panel and sandbox stay within their budgets (ui.html ≤ 150 KB, code.js ≤ 60 KB)", () => {
  const { uiHtml, codeJs } = buildPluginSizes();
  expect(uiHtml).toBeGreaterThan(50 * 1024); // a real panel was built, not an empty page
  expect(uiHtml).toBeLessThanOrEqual(UI_HTML_BUDGET_BYTES);
  expect(codeJs).toBeLessThanOrEqual(CODE_JS_BUDGET_BYTES);
});
