import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { variantsCommandAsync } from "../../src/cli/variants-command.js";
import { decodePng, encodePng } from "../../src/core/raster/png-codec.js";
import { loadKodak } from "../core/raster/load-kodak.js";
import { ProxyError, recordingProxy } from "./recording-proxy.js";
import { fixturePath } from "../fixtures/fixture-path.js";

const FIXTURES = fixturePath("figma-rest/");
const HERO = join(FIXTURES, "GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json");
const POSTER = join(FIXTURES, "fefeding-figma2html__marketing-campaign-poster-725x1000__frame-node.json");
const BANNERS = join(FIXTURES, "fefeding-figma2html__effects-test-banners__file.json");

let dir: string;
let stdout: string[];
let stderr: string[];
const io = (extra: object = {}) => ({ env: {}, stdout: (l: string) => void stdout.push(l), stderr: (l: string) => void stderr.push(l), ...extra });
const readJson = async (path: string) => JSON.parse(await readFile(path, "utf8"));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "brandfill-variants-"));
  stdout = [];
  stderr = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("brandfill variants", () => {
  it("writes one layout JSON per size from a real nodes response and prints one line each, calling no model with --layout-only", async () => {
    const out = join(dir, "out");
    const proxy = recordingProxy();
    const code = await variantsCommandAsync(["variants", "--frame", POSTER, "--sizes", "300x250,728x90, 1080×1920", "--out", out, "--layout-only"], io({ proxy }));
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    expect(proxy.requests).toEqual([]);
    // A layout and a preview per size (no background: --layout-only).
    expect((await readdir(out)).sort()).toEqual([
      "1080x1920.layout.json",
      "300x250.layout.json",
      "728x90.layout.json",
      "模板_营销活动-1080x1920.png",
      "模板_营销活动-300x250.png",
      "模板_营销活动-728x90.png",
    ]);
    const lines = stdout.map((l) => JSON.parse(l));
    expect(lines.map((l) => l.size)).toEqual(["300x250", "728x90", "1080x1920"]);
    expect(lines.map((l) => l.plan)).toEqual(["none", "none", "none"]);
    expect(lines[0].layout).toBe(join(out, "300x250.layout.json"));

    const doc = await readJson(join(out, "728x90.layout.json"));
    expect(doc.source).toEqual({ nodeId: "6:946", pageId: "", name: "模板_营销活动", width: 725, height: 1000 });
    expect(doc.size).toEqual({ width: 728, height: 90, presetId: null, safeZone: null });
    expect(doc.background).toBeNull();
    expect(doc.recipe).toBeNull();
    const ids = [...doc.elements.map((e: { id: string }) => e.id), ...doc.dropped.map((d: { id: string }) => d.id)].sort();
    // The group under the poster's card holds a text, a QR code and a stats row: three elements.
    expect(ids).toEqual(["12:2318", "41:333", "7:2169", "7:2181", "7:2252", "7:2315", "7:2317", "7:960", "7:962"]);
    expect(lines[1].preview).toBe(join(out, "模板_营销活动-728x90.png"));
    const preview = decodePng(new Uint8Array(await readFile(lines[1].preview)));
    expect([preview.width, preview.height]).toEqual([728, 90]);
    expect(doc.preview).toBe("模板_营销活动-728x90.png");
    // Every element is either placed inside the size or dropped with a sentence.
    for (const e of doc.elements) {
      expect(e.box.x).toBeGreaterThanOrEqual(-0.5);
      expect(e.box.x + e.box.width).toBeLessThanOrEqual(728.5);
    }
    for (const d of doc.dropped) expect(d.reason).toMatch(/\w+ .*dropped/i);
    expect(lines[1].dropped).toEqual(doc.dropped.map((d: { reason: string }) => d.reason));
  });

  it("makes each size's background through the Variants job, names presets in the file and stores the job's recipe", async () => {
    const proxy = recordingProxy();
    const code = await variantsCommandAsync(
      ["--frame", HERO, "--sizes", "300x250,iab-mobile-banner", "--out", dir, "--prompt", "sunlit linen", "--palette", "#4659FF"],
      io({ proxy }),
    );
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    // No background picture: each size is regenerated, one request each, with the palette locked by the proxy.
    expect(proxy.requests).toHaveLength(2);
    for (const request of proxy.requests) {
      expect(request).toMatchObject({ model: "offline", palette: ["#4659FF"], lockPalette: true, fit: "cover", n: 1 });
      expect(request.prompt).toMatch(/^sunlit linen\n/);
      expect(request.keepClear!.length).toBeGreaterThan(0);
    }
    const png = decodePng(new Uint8Array(await readFile(join(dir, "320x50-iab-mobile-banner.png"))));
    expect([png.width, png.height]).toEqual([320, 50]);
    const doc = await readJson(join(dir, "320x50-iab-mobile-banner.layout.json"));
    expect(doc.background).toBe("320x50-iab-mobile-banner.png");
    expect(doc.size.presetId).toBe("iab-mobile-banner");
    expect(doc.plan).toBe("regenerate");
    expect(doc.recipe).toMatchObject({ kind: "variant", promptTyped: "sunlit linen", provider: "offline", palette: ["#4659FF"], size: { width: 320, height: 50 } });
    expect(proxy.requests.map((r) => r.prompt)).toContain(doc.recipe.promptSent);
    expect(JSON.parse(stdout[1]!).background).toBe(join(dir, "320x50-iab-mobile-banner.png"));
  });

  it("sits out a rate limit and tries again, as the panel's job does", async () => {
    const proxy = recordingProxy();
    proxy.failNext(2, new ProxyError("rate_limited", "Too many requests.", true, 0));
    const code = await variantsCommandAsync(["--frame", HERO, "--sizes", "300x250", "--out", dir], io({ proxy }));
    expect(stderr).toEqual(["300×250: The provider is busy: trying again in 1 s…", "300×250: The provider is busy: trying again in 1 s…"]);
    expect(code).toBe(0);
    expect(proxy.requests).toHaveLength(3);
    expect(JSON.parse(stdout[0]!)).toMatchObject({ attempts: 3, background: join(dir, "300x250.png") });
  });

  it("finds the button and headline inside the hero's Content column and reports what it drops", async () => {
    const code = await variantsCommandAsync(["--frame", HERO, "--sizes=728x90", `--out=${dir}`, "--layout-only"], io());
    expect(code).toBe(0);
    const doc = await readJson(join(dir, "728x90.layout.json"));
    const roles = Object.fromEntries(doc.elements.map((e: { name: string; role: string }) => [e.name, e.role]));
    // The button and the headline sit two frames deep; both are kept as themselves, beside the product image.
    expect(roles).toMatchObject({ Button: "cta", "Supplements that work harder and taste better.": "headline", "image 14": "image" });
    // The column's panel cannot stay behind its texts in a row: it goes, and says so.
    expect(doc.dropped).toEqual([expect.objectContaining({ id: "9204:10662", role: "decoration", reason: expect.stringMatching(/^Decoration "Content" dropped: at 728×90 /) })]);
    expect(JSON.parse(stdout[0]!).dropped).toEqual([doc.dropped[0].reason]);
  });

  it("picks a frame by --node in a file with many, and takes its page id", async () => {
    const code = await variantsCommandAsync(["--frame", BANNERS, "--node", "1:73", "--sizes", "970x250", "--out", dir, "--layout-only"], io());
    expect(code).toBe(0);
    const doc = await readJson(join(dir, "970x250.layout.json"));
    expect(doc.source).toMatchObject({ nodeId: "1:73", pageId: "0:1", width: 1362, height: 320 });
    expect(doc.background).toBeNull();
    expect((await readdir(dir)).sort()).toEqual(["970x250.layout.json", "解析2-970x250.png"]);
  });

  it("keeps the layout and exits 1 when a background fails", async () => {
    const proxy = recordingProxy();
    proxy.failNext(1, new ProxyError("content_blocked", "OpenAI's safety system blocked this prompt. Rephrase it and try again."));
    const code = await variantsCommandAsync(["--frame", HERO, "--sizes", "300x250", "--out", dir], io({ proxy }));
    expect(code).toBe(1);
    const doc = await readJson(join(dir, "300x250.layout.json"));
    expect(doc.background).toBeNull();
    expect(doc.backgroundError).toBe("The background for 300×250 failed: OpenAI's safety system blocked this prompt. Rephrase it and try again.");
    expect(JSON.parse(stdout[0]!).error).toBe(doc.backgroundError);
    expect(proxy.requests).toHaveLength(1);
  });

  it("makes each size's background with the offline model by default, no key needed", async () => {
    const code = await variantsCommandAsync(["--frame", POSTER, "--sizes", "300x250,728x90,300x600", "--out", dir, "--model", "offline"], io());
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      "300x250.layout.json",
      "300x250.png",
      "300x600.layout.json",
      "300x600.png",
      "728x90.layout.json",
      "728x90.png",
      "模板_营销活动-300x250.png",
      "模板_营销活动-300x600.png",
      "模板_营销活动-728x90.png",
    ]);
    for (const [w, h] of [
      [300, 250],
      [728, 90],
      [300, 600],
    ] as const) {
      const png = decodePng(new Uint8Array(await readFile(join(dir, `${w}x${h}.png`))));
      expect([png.width, png.height]).toEqual([w, h]);
      // A composition, not a flat fill.
      const samples = Array.from({ length: 50 }, (_, i) => Math.floor((i * png.data.length) / 50) & ~3).map((o) => `${png.data[o]},${png.data[o + 1]},${png.data[o + 2]}`);
      expect(new Set(samples).size).toBeGreaterThan(10);
      expect((await readJson(join(dir, `${w}x${h}.layout.json`))).background).toBe(`${w}x${h}.png`);
    }
  });

  it("extends a given background picture, keeping its middle and painting the margins", async () => {
    const photo = loadKodak(5); // 768×512, 1.5:1
    const picture = join(dir, "background.png");
    await writeFile(picture, encodePng(photo));
    const out = join(dir, "out");
    const code = await variantsCommandAsync(["--frame", HERO, "--sizes", "900x300", "--out", out, "--background", picture], io());
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout[0]!).plan).toBe("outpaint");
    const png = decodePng(new Uint8Array(await readFile(join(out, "900x300.png"))));
    expect([png.width, png.height]).toEqual([900, 300]);
    // The photo fills the middle 450×300 (scaled 300/512): its centre pixel is the photo's centre.
    const at = (img: typeof png, x: number, y: number) => Array.from(img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));
    const centre = at(png, 450, 150);
    const source = at(photo, 384, 256);
    for (let c = 0; c < 3; c++) expect(Math.abs(centre[c]! - source[c]!)).toBeLessThanOrEqual(24);
    // The margins are painted and opaque.
    for (const x of [0, 100, 800, 899]) expect(png.data[(150 * 900 + x) * 4 + 3]).toBe(255);
  });

  it("says when a model is unknown (exit 2) or needs a key the environment lacks (exit 1, layouts kept)", async () => {
    expect(await variantsCommandAsync(["--frame", HERO, "--sizes", "300x250", "--out", dir, "--model", "dall-e-3"], io())).toBe(2);
    expect(stderr[0]).toMatch(/^The model “dall-e-3” has been retired by its provider on 2026-05-12\. Use gpt-image-2 instead\./);
    stderr = [];
    expect(await variantsCommandAsync(["--frame", HERO, "--sizes", "300x250", "--out", dir, "--model", "gpt-image-2", "--quality", "low", "--prompt", "linen"], io())).toBe(1);
    const doc = await readJson(join(dir, "300x250.layout.json"));
    expect(doc.backgroundError).toMatch(/OPENAI_API_KEY/);
  });

  it("answers bad arguments with a sentence and the usage, exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["--frame", HERO, "--sizes", "300x250"], /^Missing --out\.\nUsage: brandfill variants/],
      [["--frame", HERO, "--sizes", "300x250,3y4", "--out", dir], /^This size is not valid: "3y4"\..*\nUsage:/s],
      [["--frame", HERO, "--size", "300x250", "--out", dir], /^There is no option “--size” for variants\.\nUsage:/],
      [["--frame", "--sizes", "300x250", "--out", dir], /^--frame needs a value\.\nUsage:/],
      [["--frame", HERO, "--sizes", "300x250", "--out", dir, "--mode", "stretch"], /^--mode must be extend or regenerate, not "stretch"\.\nUsage:/],
      [["--frame", HERO, "--sizes", "300x250", "--out", dir, "--palette", "#12G"], /^“#12G” is not a hex colour/],
    ];
    for (const [args, message] of cases) {
      stderr = [];
      expect(await variantsCommandAsync(args, io())).toBe(2);
      expect(stderr.join("\n")).toMatch(message);
    }
    expect(stdout).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("prints its help on stdout with exit code 0", async () => {
    expect(await variantsCommandAsync(["variants", "--help"], io())).toBe(0);
    expect(stdout.join("\n")).toMatch(/^Usage: brandfill variants --frame frame.json --sizes/);
    expect(stderr).toEqual([]);
  });

  it("says which file it could not read in a sentence, exit code 1", async () => {
    expect(await variantsCommandAsync(["--frame", join(dir, "nope.json"), "--sizes", "300x250", "--out", dir], io())).toBe(1);
    expect(stderr[0]).toBe(`brandfill variants: There is no file “${join(dir, "nope.json")}” (the frame).`);
    expect(await variantsCommandAsync(["--frame", join(HERO, "x.json"), "--sizes", "300x250", "--out", dir], io())).toBe(1);
    expect(stderr[1]).toBe(`brandfill variants: “${join(HERO, "x.json")}” (the frame) cannot be found: part of that path is a file, not a folder.`);
    expect(await variantsCommandAsync(["--frame", HERO, "--sizes", "300x250", "--out", join(HERO, "out")], io())).toBe(1);
    expect(stderr[2]).toBe(`brandfill variants: “${join(HERO, "out")}” cannot be written: part of that path is a file, not a folder.`);
    expect(await variantsCommandAsync(["--frame", BANNERS, "--node", "9:9", "--sizes", "300x250", "--out", dir], io())).toBe(1);
    expect(stderr[3]).toMatch(/there is no node with id 9:9 in it\.$/);
    expect(stderr.join("\n")).not.toMatch(/E[A-Z]{3,}/);
  });
});
