/// <reference types="@figma/plugin-typings" />
// The built sandbox bundle (dist/code.js, minified, with valibot's unused schemas dropped) runs in
// the Figma fake and answers the panel, as the source does.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPluginSizes, ROOT } from "../ui/harness/start-ui-harness.js";
import { installFigmaFake } from "./install-figma-fake.js";

let code = "";
beforeAll(() => {
  buildPluginSizes();
  code = readFileSync(`${ROOT}/dist/code.js`, "utf8");
});

describe("dist/code.js", () => {
  it("starts in the fake, answers requests and drops a malformed one (its schemas survived the bundling)", async () => {
    const fake = installFigmaFake();
    const replies: unknown[] = [];
    fake.ui.onMessageFromMain((message) => replies.push(message));
    new Function(code)();
    const frame = figma.createFrame();
    frame.resize(320, 200);
    figma.currentPage.selection = [frame];
    await fake.ui.sendToMain({ kind: "request", id: 1, request: { type: "read-selection" } });
    await fake.ui.sendToMain({ kind: "request", id: 2, request: { type: "export-references", limit: 4 } });
    // Over the message's limit of 16: main's schema drops it (no answer), then answers the next one.
    await fake.ui.sendToMain({ kind: "request", id: 3, request: { type: "export-references", limit: 99 } });
    await fake.ui.sendToMain({ kind: "request", id: 4, request: { type: "get-launch" } });
    await expect.poll(() => replies.filter((r) => (r as { kind: string }).kind === "response").length).toBe(3);
    const byId = (id: number) => replies.find((r) => (r as { id?: number }).id === id) as { ok: boolean; value?: any; error?: { message: string } };
    expect(byId(1)).toMatchObject({ ok: true, value: { kind: "fill-target", spec: { nodeId: frame.id, width: 320, height: 200 } } });
    expect(byId(2).value.references.map((r: { nodeId: string; width: number }) => [r.nodeId, r.width])).toEqual([[frame.id, 320]]);
    expect(byId(3)).toBeUndefined();
    expect(byId(4)).toMatchObject({ ok: true, value: { recipe: null } });
  });
});
