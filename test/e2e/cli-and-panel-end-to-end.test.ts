/// <reference types="@figma/plugin-typings" />
// Issue 20, "one job, every front end": the same frame through the panel's job (driven as the panel
// drives it, against the Figma fake) and through the `brandfill` command, compared request by request.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fillCommandAsync } from "../../src/cli/fill-command.js";
import { inpaintCommandAsync } from "../../src/cli/inpaint-command.js";
import { variantsCommandAsync } from "../../src/cli/variants-command.js";
import type { ImagesRequest } from "../../src/core/api/images-request.js";
import { MODEL_CATALOG } from "../../src/core/catalog/model-catalog.js";
import { parseSizeList } from "../../src/core/layout/parse-size-list.js";
import { decodePng, fastPngCodec } from "../../src/core/raster/png-codec.js";
import { generateFillAsync } from "../../src/jobs/run-fill-job.js";
import { runInpaintJobAsync } from "../../src/jobs/run-inpaint-job.js";
import { readRecipeText } from "../../src/main/recipe-store.js";
import { startVariantsJob } from "../../src/jobs/run-variants-job.js";
import type { UiChannel } from "../../src/jobs/ui-channel.js";
import type { FigmaFake } from "../figma-fake/create-figma-fake.js";
import { recordingProxy } from "../cli/recording-proxy.js";
import { clearFrame, imageLayer, kodak, placeOver } from "../main/inpaint-fixtures.js";
import { HERO, installFigmaFake, POSTER, readRestFixture, startPluginWithPanelAsync } from "../main/install-figma-fake.js";
import { fixturePath } from "../fixtures/fixture-path.js";
import { variantBackgroundOf } from "./variants-harness.js";

const FIXTURES = fixturePath("figma-rest/");
const OFFLINE = MODEL_CATALOG.find((m) => m.id === "offline")!;

let fake: FigmaFake;
let channel: UiChannel;
let dir: string;
/** Warnings (an absent brand colour) go to stderr on both sides alike; they are not compared. */
const quiet = { env: {}, stdout: () => undefined, stderr: () => undefined };

beforeEach(async () => {
  fake = installFigmaFake();
  channel = await startPluginWithPanelAsync(fake);
  dir = await mkdtemp(join(tmpdir(), "brandfill-both-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Request bodies in a stable order (sizes run concurrently, so they may be sent in any order). */
const sorted = (requests: readonly ImagesRequest[]) => requests.map((r) => JSON.stringify(r)).sort();

describe("the command line and the panel run one job each", () => {
  it("variants: the same layouts, request bodies and background pixels for a real frame", async () => {
    const [poster] = fake.loadRestDocument(readRestFixture(POSTER)) as FrameNode[];
    const sizes = "300x250,728x90,iab-wide-skyscraper";
    const prompt = "bright shopfront";
    const palette = ["#E4002B"];

    // The panel: the Variants tab's inputs, main in the fake, the source background main exports.
    const panelProxy = recordingProxy();
    const job = startVariantsJob(
      { sourceNodeId: poster!.id, sizes: parseSizeList(sizes), mode: "extend", model: OFFLINE, prompt, palette },
      { channel, proxy: panelProxy, codec: fastPngCodec },
    );
    const ready = await job.ready;
    const states = await job.done;
    expect(states.map((s) => s.status)).toEqual(["done", "done", "done"]);
    expect(ready.source.kind).toBe("image");

    // The command: the same frame's REST file, and that background exported to a file, as a designer would.
    const exported = await channel.requestAsync({ type: "export-variant-source", sourceNodeId: poster!.id });
    const background = join(dir, "background.png");
    await writeFile(background, exported.png!);
    const cliProxy = recordingProxy();
    const out = join(dir, "out");
    const code = await variantsCommandAsync(
      ["--frame", join(FIXTURES, POSTER), "--sizes", sizes, "--background", background, "--mode", "extend", "--prompt", prompt, "--palette", palette.join(","), "--out", out],
      { ...quiet, proxy: cliProxy },
    );
    expect(code).toBe(0);

    expect(cliProxy.requests.length).toBeGreaterThan(0);
    expect(sorted(cliProxy.requests)).toEqual(sorted(panelProxy.requests));
    for (const [i, frame] of ready.frames.entries()) {
      const base = `${frame.width}x${frame.height}${frame.presetId ? `-${frame.presetId}` : ""}`;
      const doc = JSON.parse(await readFile(join(out, `${base}.layout.json`), "utf8"));
      expect(doc.template, base).toBe(frame.layout.template);
      expect(doc.elements, base).toEqual(frame.layout.elements);
      expect(doc.dropped, base).toEqual(frame.layout.dropped);
      expect(doc.plan, base).toBe(states[i]!.plan);
      // The same recipe as the panel stores on the placed layer (but for the time and the frame's id).
      const rect = (await variantBackgroundOf(states[i]!))!;
      const { createdAt: _a, sourceNodeId: _b, ...panelRecipe } = JSON.parse(readRecipeText(rect));
      const { createdAt: _c, sourceNodeId: _d, ...cliRecipe } = doc.recipe;
      expect(cliRecipe, base).toEqual(panelRecipe);
      // The placed background is the same picture, pixel for pixel.
      const placed = decodePng(await figma.getImageByHash((rect.fills as ImagePaint[])[0]!.imageHash!)!.getBytesAsync());
      const written = decodePng(new Uint8Array(await readFile(join(out, `${base}.png`))));
      expect([written.width, written.height], base).toEqual([placed.width, placed.height]);
      expect(Buffer.from(written.data).equals(Buffer.from(placed.data)), `${base}: pixels`).toBe(true);
    }
  }, 60_000);

  it("fill: the same request body and picture for the selected frame and its REST file", async () => {
    const [hero] = fake.loadRestDocument(readRestFixture(HERO));
    figma.currentPage.selection = [hero!];
    const state = await channel.requestAsync({ type: "read-selection" });
    if (state.kind !== "fill-target") throw new Error(state.reason);
    const input = { spec: state.spec, prompt: "sunlit linen and dried flowers", model: "offline", n: 1, palette: ["#4659FF"], scale: 1 };
    const panelProxy = recordingProxy();
    const panel = await generateFillAsync(input, panelProxy, fastPngCodec);

    const cliProxy = recordingProxy();
    const lines: string[] = [];
    const out = join(dir, "fill.png");
    expect(
      await fillCommandAsync(["--frame", join(FIXTURES, HERO), "--prompt", input.prompt, "--palette", "#4659FF", "--out", out], {
        ...quiet,
        stdout: (l) => void lines.push(l),
        proxy: cliProxy,
      }),
    ).toBe(0);

    expect(cliProxy.requests).toEqual(panelProxy.requests);
    expect(JSON.parse(lines[0]!).recipe.promptSent).toBe(panel.promptSent);
    expect(Buffer.from(await readFile(out)).equals(Buffer.from(panel.candidates[0]!.png))).toBe(true);
  }, 30_000);

  it("inpaint: the same request body and result for the exported image and shapes", async () => {
    const canvas = clearFrame(480, 420);
    const layer = imageLayer(kodak(17, 384, 256), 192, 128);
    canvas.appendChild(layer);
    const ellipse = figma.createEllipse();
    placeOver(layer, ellipse, { x: 70, y: 40, width: 40, height: 30 });
    figma.currentPage.selection = [layer, ellipse];
    const sources = await channel.requestAsync({ type: "export-inpaint-sources" });
    const input = { sources, prompt: "a copper weathervane", model: "offline", n: 1, palette: ["#B87333"], keepComposite: true };
    const panelProxy = recordingProxy();
    const panel = await runInpaintJobAsync(input, panelProxy, fastPngCodec);

    const image = join(dir, "image.png");
    const mask = join(dir, "mask.png");
    await writeFile(image, sources.image);
    await writeFile(mask, sources.mask);
    const cliProxy = recordingProxy();
    const lines: string[] = [];
    const out = join(dir, "out.png");
    expect(
      await inpaintCommandAsync(["--image", image, "--mask", mask, "--prompt", input.prompt, "--palette", "#B87333", "--out", out], {
        ...quiet,
        stdout: (l) => void lines.push(l),
        proxy: cliProxy,
      }),
    ).toBe(0);

    expect(cliProxy.requests).toEqual(panelProxy.requests);
    const line = JSON.parse(lines[0]!);
    const candidate = panel.candidates[0]!;
    expect(line).toMatchObject({ changedInside: candidate.changedInside, changedOutside: candidate.changedOutside, summary: candidate.summary });
    expect(Buffer.from(decodePng(new Uint8Array(await readFile(out))).data).equals(Buffer.from(candidate.composite!.data))).toBe(true);
  }, 30_000);
});
