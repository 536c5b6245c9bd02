// Lock pass throughput on a 4096² image with 4 locked colours (in place, as the proxy runs it), against sharp
// (libvips) running a 3×3 colour matrix (`recomb`) over the same raw RGBA buffer in the same run.
import sharp from "sharp";
import { lockPalette } from "../src/core/colour/lock-palette.js";
import { fitCover } from "../src/core/raster/fit-cover.js";
import type { RgbaImage } from "../src/core/raster/rgba-image.js";
import { cropImage } from "../src/core/raster/crop-image.js";
import { finishImageAsync } from "../src/proxy/finish-image.js";
import { sharpPngCodec } from "../src/proxy/sharp-png-codec.js";
import { createLockPool } from "../src/proxy/lock-palette-pool.js";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { driftColour, paintFlat, paintGradient, paintNoise, regionDeltaE, type Rect } from "../test/core/colour/lock-fixtures.js";
import { loadKodak } from "../test/core/raster/load-kodak.js";
import type { BenchRow } from "./bench-row.js";

const SIDE = 4096;
const TILE = 1024;
const MPX = (SIDE * SIDE) / 1e6;
const TARGET_MPX_S = 50;

/** Brand colours as a model returns them: each drifted its own way, as a flat shape, a lit surface and grain. */
const BRAND = [
  { hex: "#00AA66", drift: 6, direction: [1, 0, 0] },
  { hex: "#E4002B", drift: 15, direction: [0, 0, -1] },
  { hex: "#1A3C8F", drift: 10, direction: [0, 1, 0] },
  { hex: "#FFB81C", drift: 12, direction: [0, -1, 0] },
] as const;

/** Median wall time in ms of `runs` calls after one warm-up; `setup` runs before each call, outside the timing. */
async function medianMs(runs: number, work: () => unknown, setup: () => void = () => undefined): Promise<number> {
  setup();
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup();
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** 16 Kodak photographs upscaled to 1024² tiles, then 12 brand patches (about a fifth of the frame). */
function scene(): { image: RgbaImage; patches: { rect: Rect; hex: string }[] } {
  const data = new Uint8ClampedArray(SIDE * SIDE * 4);
  for (let t = 0; t < 16; t++) {
    const tile = fitCover(loadKodak(t + 1), TILE, TILE);
    const [tx, ty] = [(t % 4) * TILE, Math.floor(t / 4) * TILE];
    for (let y = 0; y < TILE; y++) data.set(tile.data.subarray(y * TILE * 4, (y + 1) * TILE * 4), ((ty + y) * SIDE + tx) * 4);
  }
  const image = { width: SIDE, height: SIDE, data };
  const patches: { rect: Rect; hex: string }[] = [];
  BRAND.forEach((brand, i) => {
    const colour = driftColour(brand.hex, brand.drift, brand.direction);
    const rects = [0, 1, 2].map((j) => ({ x: 180 + j * 1300, y: 150 + i * 1000, width: 760, height: 420 }));
    paintFlat(image, rects[0]!, colour);
    paintGradient(image, rects[1]!, colour, 0.06);
    paintNoise(image, rects[2]!, colour, 6, i + 1);
    for (const rect of rects) patches.push({ rect, hex: brand.hex });
  });
  return { image, patches };
}

export default async function (): Promise<BenchRow[]> {
  const { image, patches } = scene();
  const palette = BRAND.map((b) => ({ hex: b.hex }));
  // As the proxy's worker and `brandfill lock` run it: in place, on pixels decoded for it. Each run gets the
  // scene copied into a buffer that is already paged in, outside the timing (a decoder's output is too).
  const given = new Uint8ClampedArray(image.data.length);
  let result = lockPalette(image, palette);
  const lockMs = await medianMs(
    5,
    () => (result = lockPalette({ width: SIDE, height: SIDE, data: given }, palette, { inPlace: true })),
    () => given.set(image.data),
  );
  // lockPalette's default leaves its input alone: the same pass plus a new 64 MB image, whose fresh pages
  // the first write faults in (about 180 ms on a 2-core VM, a 64 MB memcpy into touched memory is 5 ms).
  const copyMs = await medianMs(3, () => lockPalette(image, palette));

  const raw = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  // A plausible colour-correction matrix (a mild white-balance and saturation change), rows sum to 1.
  const matrix: [[number, number, number], [number, number, number], [number, number, number]] = [
    [1.08, -0.05, -0.03],
    [-0.04, 1.06, -0.02],
    [-0.02, -0.06, 1.08],
  ];
  const recombMs = await medianMs(5, () =>
    sharp(raw, { raw: { width: SIDE, height: SIDE, channels: 4 } })
      .recomb(matrix)
      .raw()
      .toBuffer(),
  );

  // The proxy's finishing step (POST /v1/images with lockPalette) on a 1024² PNG as a provider
  // returns it: decode, lock, encode, against decoding and encoding alone.
  const corner = cropImage(image, { x: 0, y: 0, width: TILE * 2, height: TILE * 2 });
  const tile = fitCover(corner, TILE, TILE);
  const tilePng = await sharpPngCodec.encodeAsync(tile);
  const providerImage = { png: tilePng, width: TILE, height: TILE };
  const finishMs = await medianMs(7, () => finishImageAsync(providerImage, { width: TILE, height: TILE, fit: null, lock: BRAND.map((b) => b.hex) }, sharpPngCodec));
  const codecMs = await medianMs(7, async () => sharpPngCodec.encodeAsync(await sharpPngCodec.decodeAsync(tilePng)));
  // How long the proxy's event loop stalls (other requests and streams wait) while it finishes four
  // such images at once: lock pass in its worker pool (as start-proxy.ts runs it) or on the loop.
  const lockFinish = { width: TILE, height: TILE, fit: null, lock: BRAND.map((b) => b.hex) };
  const worstStallMs = async (lockAsync?: Parameters<typeof finishImageAsync>[3]) => {
    let worst = 0;
    for (let run = 0; run < 3; run++) {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      await Promise.all([0, 1, 2, 3].map(() => finishImageAsync(providerImage, lockFinish, sharpPngCodec, lockAsync)));
      delay.disable();
      worst = Math.max(worst, delay.max / 1e6);
    }
    return worst;
  };
  const pool = createLockPool();
  await worstStallMs(pool.lockAsync); // threads started and warm
  const pooledStallMs = await worstStallMs(pool.lockAsync);
  const inlineStallMs = await worstStallMs();
  await pool.closeAsync();

  const lockRate = MPX / (lockMs / 1000);
  const worst = (pick: (c: (typeof result.report.colours)[number]) => number | null) => Math.max(...result.report.colours.map((c) => pick(c) ?? Infinity));
  const worstPatch = Math.max(...patches.map((p) => regionDeltaE(result.image, p.rect, p.hex)));
  return [
    {
      name: "lock pass 4096² × 4 colours, in place",
      value: lockRate,
      unit: "Mpx/s",
      referenceName: "sharp recomb 3×3",
      reference: MPX / (recombMs / 1000),
      target: `≥ ${TARGET_MPX_S} Mpx/s`,
      pass: lockRate >= TARGET_MPX_S,
    },
    { name: "lock pass 4096² × 4 colours, in place, wall time", value: lockMs, unit: "ms" },
    { name: "lock pass 4096² × 4 colours, into a new image", value: MPX / (copyMs / 1000), unit: "Mpx/s", referenceName: "in place", reference: lockRate },
    { name: "proxy lockPalette step, 1024² PNG × 4 colours", value: finishMs, unit: "ms", referenceName: "sharp decode + encode alone", reference: codecMs },
    {
      name: "proxy event-loop stall, 4 such steps at once, lock in worker pool",
      value: pooledStallMs,
      unit: "ms",
      referenceName: "lock on the event loop",
      reference: inlineStallMs,
    },
    {
      name: "worst region mean after lock (report)",
      value: worst((c) => c.deltaE2000After),
      unit: "ΔE2000",
      referenceName: "before lock",
      reference: worst((c) => c.deltaE2000Before),
      target: "≤ 1",
      pass: worst((c) => c.deltaE2000After) <= 1,
    },
    // The regions also hold the photographs' own pixels of those colours, so a patch alone can sit a little off.
    { name: "worst single brand patch mean after lock", value: worstPatch, unit: "ΔE2000" },
  ];
}
