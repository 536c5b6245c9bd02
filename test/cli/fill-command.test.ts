import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fillCommandAsync } from "../../src/cli/fill-command.js";
import { deltaE2000 } from "../../src/core/colour/delta-e-2000.js";
import { hexToCielab, rgbBytesToCielab } from "../../src/core/colour/hex-to-oklab.js";
import { decodePng } from "../../src/core/raster/png-codec.js";
import { startGeminiEmulator, type GeminiEmulator } from "../emulators/index.js";
import { recordingProxy } from "./recording-proxy.js";
import { fixturePath } from "../fixtures/fixture-path.js";

const FIXTURES = fixturePath("figma-rest/");
const HERO = join(FIXTURES, "GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json");
const BANNERS = join(FIXTURES, "fefeding-figma2html__effects-test-banners__file.json");

let dir: string;
let stdout: string[];
let stderr: string[];
let gemini: GeminiEmulator;
const io = (extra: object = {}) => ({ env: {}, stdout: (l: string) => void stdout.push(l), stderr: (l: string) => void stderr.push(l), ...extra });

beforeAll(async () => {
  gemini = await startGeminiEmulator();
});
afterAll(async () => {
  await gemini?.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "brandfill-fill-"));
  stdout = [];
  stderr = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("brandfill fill", () => {
  it("fills a real frame offline at its exact size, with the layout in the prompt and the palette locked", async () => {
    const proxy = recordingProxy();
    const out = join(dir, "fill.png");
    const code = await fillCommandAsync(["fill", "--frame", HERO, "--prompt", "sunlit linen and dried flowers", "--palette", "#4659FF,#F5E6C8", "--out", out], io({ proxy }));
    // The lock's warnings (a colour it could not bring all the way) are sentences on stderr, one per colour at most.
    expect(stderr.length).toBeLessThanOrEqual(2);
    for (const line of stderr) expect(line).toMatch(/^#(4659FF|F5E6C8) \(.+\) /);
    expect(code).toBe(0);
    expect(proxy.requests).toHaveLength(1);
    const sent = proxy.requests[0]!;
    expect(sent).toMatchObject({ model: "offline", width: 1440, height: 616, n: 1, fit: "cover", lockPalette: true, palette: ["#4659FF", "#F5E6C8"] });
    expect(sent.prompt).toMatch(/^sunlit linen and dried flowers\n/);
    expect(sent.prompt).toMatch(/the button at/);
    expect(sent.keepClear!.length).toBeGreaterThan(0);
    const line = JSON.parse(stdout[0]!);
    expect(line).toMatchObject({ out, width: 1440, height: 616, model: "offline", provider: "offline", costUsd: 0 });
    expect(line.recipe).toMatchObject({
      kind: "fill",
      promptTyped: "sunlit linen and dried flowers",
      promptSent: sent.prompt,
      palette: ["#4659FF", "#F5E6C8"],
      size: { width: 1440, height: 616 },
      sourceNodeId: "9204:10701",
    });
    expect(line.lockReport.map((c: { hex: string }) => c.hex)).toEqual(["#4659FF", "#F5E6C8"]);
    const png = decodePng(new Uint8Array(await readFile(out)));
    expect([png.width, png.height]).toEqual([1440, 616]);
    // The locked blue is in the picture: the pixel nearest to it is within ΔE2000 2.
    const blue = hexToCielab("#4659FF");
    let nearest = Infinity;
    for (let p = 0; p < png.data.length; p += 4 * 37) nearest = Math.min(nearest, deltaE2000(blue, rgbBytesToCielab(png.data[p]!, png.data[p + 1]!, png.data[p + 2]!)));
    expect(nearest).toBeLessThan(2);
  });

  it("makes several pictures with a Gemini model through the proxy's keys, numbered, with the swatch attached", async () => {
    const out = join(dir, "hero.png");
    const env = { GEMINI_API_KEY: "AIza-test-cli", GOOGLE_GEMINI_BASE_URL: gemini.url };
    const code = await fillCommandAsync(
      ["--frame", HERO, "--prompt", "linen", "--model", "gemini-nano-banana-2.1", "--n", "2", "--palette", "#4659FF", "--swatch", "--out", out],
      io({ env }),
    );
    expect(stderr.filter((l) => !/was not found|held back|less/.test(l))).toEqual([]);
    expect(code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["hero-1.png", "hero-2.png"]);
    const lines = stdout.map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.out, l.provider, l.width, l.height])).toEqual([
      [join(dir, "hero-1.png"), "gemini", 1440, 616],
      [join(dir, "hero-2.png"), "gemini", 1440, 616],
    ]);
    expect(lines[0].recipe.promptSent).toMatch(/swatch image shows the brand colours exactly\.$/);
    expect(JSON.stringify(lines)).not.toMatch(/AIza-test-cli/);
  });

  it("picks a frame by --node", async () => {
    const proxy = recordingProxy();
    expect(await fillCommandAsync(["--frame", BANNERS, "--node", "1:73", "--prompt", "dunes", "--out", join(dir, "b.png")], io({ proxy }))).toBe(0);
    expect(proxy.requests[0]).toMatchObject({ width: 1362, height: 320 });
    expect(JSON.parse(stdout[0]!).recipe.sourceNodeId).toBe("1:73");
  });

  it("prints its help on stdout with exit code 0", async () => {
    expect(await fillCommandAsync(["--help"], io())).toBe(0);
    expect(stdout.join("\n")).toMatch(/^Usage: brandfill fill --frame frame.json --prompt/);
    expect(stderr).toEqual([]);
  });

  it("answers bad arguments with a sentence and the usage (exit 2) and missing files with a sentence (exit 1)", async () => {
    const cases: [string[], RegExp][] = [
      [["--frame", HERO, "--out", "x.png"], /^Missing --prompt\.\nUsage: brandfill fill/],
      [["--frame", HERO, "--prompt", "x", "--out", "x.png", "--n", "9"], /^--n must be a whole number from 1 to 8, got "9"\.\nUsage:/],
      [["--frame", HERO, "--prompt", "x", "--out", "x.png", "--scale", "3"], /^--scale must be 1 or 2, got "3"\./],
      [["--frame", HERO, "--prompt", "x", "--out", "x.png", "--model", "dall-e-2"], /^The model “dall-e-2” has been retired/],
      [["--frame", HERO, "--prompt", "x", "--out", "x.png", "--colour", "red"], /^There is no option “--colour” for fill\./],
    ];
    for (const [args, message] of cases) {
      stderr = [];
      expect(await fillCommandAsync(args, io())).toBe(2);
      expect(stderr.join("\n")).toMatch(message);
    }
    stderr = [];
    expect(await fillCommandAsync(["--frame", join(dir, "none.json"), "--prompt", "x", "--out", join(dir, "x.png")], io())).toBe(1);
    expect(stderr[0]).toBe(`brandfill fill: There is no file “${join(dir, "none.json")}” (the frame).`);
    expect(await fillCommandAsync(["--frame", HERO, "--prompt", "x", "--out", dir], io())).toBe(1);
    expect(stderr[1]).toBe(`brandfill fill: “${dir}” is a folder; give a file name to write the picture to.`);
    expect(await fillCommandAsync(["--frame", HERO, "--prompt", "x", "--out", join(dir, "x.png"), "--model", "gpt-image-2"], io())).toBe(1);
    expect(stderr[2]).toMatch(/^brandfill fill: .*OPENAI_API_KEY/);
    expect(stdout).toEqual([]);
  });
});
