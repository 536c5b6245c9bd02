import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockCommandAsync } from "../../../src/cli/lock-command.js";
import { decodePng, encodePng } from "../../../src/core/raster/png-codec.js";
import { createRgbaImage } from "../../../src/core/raster/rgba-image.js";
import { driftColour, paintFlat } from "./lock-fixtures.js";

let dir: string;
let input: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "brandfill-lock-"));
  const image = createRgbaImage(120, 80, [250, 250, 250, 255]);
  paintFlat(image, { x: 10, y: 10, width: 60, height: 40 }, driftColour("#00AA66", 6, [0, 1, 0]));
  input = join(dir, "in.png");
  await writeFile(input, encodePng(image));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await lockCommandAsync(args, { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

describe("brandfill lock", () => {
  it("writes the locked PNG and prints the report as one JSON line", async () => {
    const output = join(dir, "out.png");
    const { code, stdout, stderr } = await run(["--palette", "#00AA66,#FFFFFF", input, output]);
    expect(code).toBe(0);
    expect(stdout).toHaveLength(1);
    const line = JSON.parse(stdout[0]!);
    expect(line).toMatchObject({ input, output, width: 120, height: 80 });
    expect(line.colours[0]).toMatchObject({ hex: "#00AA66", absent: false, pixelCount: 2400 });
    expect(line.colours[0].deltaE2000Before).toBeGreaterThan(5);
    expect(line.colours[0].deltaE2000After).toBeLessThan(1e-6);
    const written = decodePng(await readFile(output));
    expect([...written.data.subarray((20 * 120 + 20) * 4, (20 * 120 + 20) * 4 + 4)]).toEqual([0, 170, 102, 255]);
    // The near-white background is pulled to exactly white: it is the #FFFFFF region.
    expect([...written.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    expect(stderr).toEqual([]);
  });

  it("accepts a leading lock, --palette= and spaces between hexes, and warns about an absent colour", async () => {
    const output = join(dir, "out2.png");
    const { code, stdout, stderr } = await run(["lock", "--palette=#0a6 #FF00FF", input, output]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout[0]!).colours.map((c: { absent: boolean }) => c.absent)).toEqual([false, true]);
    expect(stderr).toEqual([expect.stringMatching(/^#FF00FF \(.+\) was not found in the image/)]);
  });

  it.each([
    [[], "The palette is missing"],
    [["--palette"], "--palette needs a value"],
    [["--palette", "#00AA66", "in.png"], "lock takes one input PNG and one output PNG, but got 1 file name."],
    [["--palette", "#00AA66", "--strength", "2", "a.png", "b.png"], "There is no option “--strength” for lock."],
    [["--palette", "#00AA66, #12G", "a.png", "b.png"], "“#12G” is not a hex colour: use #RGB, #RRGGBB or #RRGGBBAA."],
    [["--palette", " , ", "a.png", "b.png"], "The palette is empty"],
  ])("answers %j with a sentence, the usage and exit code 2", async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr[0]).toContain(message);
    expect(stderr[0]).toContain('Usage: brandfill lock --palette "#00AA66,#FFFFFF" in.png out.png');
  });

  it("fails with exit code 1 when the input is missing or not a PNG", async () => {
    const missing = await run(["--palette", "#00AA66", join(dir, "nope.png"), join(dir, "x.png")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr[0]).toBe(`brandfill lock: There is no file “${join(dir, "nope.png")}”.`);
    const text = join(dir, "not.png");
    await writeFile(text, "hello");
    const notPng = await run(["--palette", "#00AA66", text, join(dir, "x.png")]);
    expect(notPng.code).toBe(1);
    expect(notPng.stderr[0]).toBe(`brandfill lock: “${text}” is not a PNG file.`);
  });
});
