// Inpainting cost on a 2048² photo: feather + composite per megapixel, and the whole job minus the model call.
import { generateOfflineImage } from "../src/core/offline/generate-offline-image.js";
import { extendByReflection } from "../src/core/variants/extend-by-reflection.js";
import { readFileSync } from "node:fs";
import { blendMask } from "../src/core/inpaint/blend-mask.js";
import { compositeInpaint } from "../src/core/inpaint/composite-inpaint.js";
import { contextCrop } from "../src/core/inpaint/context-crop.js";
import { fillMaskedArea } from "../src/core/inpaint/fill-masked-area.js";
import { createGreyMask, type GreyMask } from "../src/core/inpaint/grey-mask.js";
import { growMask } from "../src/core/inpaint/grow-mask.js";
import { inpaintTelea } from "../src/core/inpaint/inpaint-telea.js";
import { makePatch } from "../src/core/inpaint/make-patch.js";
import { maskFromImage } from "../src/core/inpaint/mask-from-image.js";
import { openAiMaskPng } from "../src/core/inpaint/open-ai-mask-png.js";
import { cropImage } from "../src/core/raster/crop-image.js";
import { fitCover } from "../src/core/raster/fit-cover.js";
import { decodePng, encodePng } from "../src/core/raster/png-codec.js";
import { resizeImage } from "../src/core/raster/resize-image.js";
import type { BenchRow } from "./bench-row.js";
import { fixturePath } from "../test/fixtures/fixture-path.js";

const SIDE = 2048;
const MPX = (SIDE * SIDE) / 1e6;
const GROW = 8;
const FEATHER = 16;

/** Median wall time in ms of `runs` calls after one warm-up. */
function median(runs: number, work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * A realistic selection: an anti-aliased ellipse around an object (~13 % of the frame), as a
 * Figma shape export would give; with `wire`, also a 6 px stroke right across the frame (a
 * power line), the costly case where the mask's bounding box is most of the image.
 */
function selection(wire: boolean): GreyMask {
  const mask = createGreyMask(SIDE, SIDE);
  const [cx, cy, rx, ry] = [1250, 900, 420, 330];
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      // Signed distance to the ellipse, first order, for a one-pixel anti-aliased edge.
      const u = (x + 0.5 - cx) / rx;
      const v = (y + 0.5 - cy) / ry;
      const f = Math.hypot(u, v) - 1;
      const g = Math.hypot(u / rx, v / ry) / Math.hypot(u, v || 1e-9);
      const ellipse = Math.min(1, Math.max(0, 0.5 - f / g));
      const stroke = wire ? Math.min(1, Math.max(0, 3.5 - Math.abs(y + 0.5 - (1700 - 0.35 * x)))) : 0;
      mask.data[y * SIDE + x] = Math.round(255 * Math.max(ellipse, stroke));
    }
  return mask;
}

export default async function (): Promise<BenchRow[]> {
  const kodak = fixturePath("kodak/kodim05.png");
  const source = fitCover(decodePng(readFileSync(kodak)), SIDE, SIDE);
  const copyMs = median(7, () => new Uint8ClampedArray(source.data));
  const resizeMs = median(3, () => resizeImage(source, SIDE / 2, SIDE / 2));

  // Feather + composite, with a stand-in model picture at a different size than the crop.
  const compositeRows = (wire: boolean): BenchRow[] => {
    const shapes = selection(wire);
    const blend = blendMask(shapes, GROW, FEATHER);
    const crop = contextCrop(blend, source);
    const result = resizeImage(cropImage(source, crop), 1024, 1024);
    let changedOutside = -1;
    const compositeMs = median(7, () => {
      const b = blendMask(shapes, GROW, FEATHER);
      changedOutside = compositeInpaint({ source, result, blendMask: b, crop }).changedOutside;
    });
    if (changedOutside !== 0) throw new Error(`The composite changed ${changedOutside} pixels outside the selection.`);
    const blendMs = median(7, () => blendMask(shapes, GROW, FEATHER));
    const patchMs = median(7, () => makePatch({ source, result, blendMask: blend, crop }));
    const what = wire ? "object + wire" : "object";
    const perMpx = compositeMs / MPX;
    return [
      {
        name: `blend mask (grow ${GROW}, feather ${FEATHER}) + composite, ${SIDE}² ${what}, per Mpx of image`,
        value: perMpx,
        unit: "ms/Mpx",
        referenceName: "copy of the RGBA buffer",
        reference: copyMs / MPX,
        target: "≤ 10 ms/Mpx",
        pass: perMpx <= 10,
      },
      {
        name: `  of which blend mask, ${what}`,
        value: blendMs / MPX,
        unit: "ms/Mpx",
        referenceName: "copy of the RGBA buffer",
        reference: copyMs / MPX,
      },
      {
        name: `patch layer (makePatch), ${SIDE}² ${what}, per Mpx of image`,
        value: patchMs / MPX,
        unit: "ms/Mpx",
        referenceName: `resizeImage ${SIDE}²→${SIDE / 2}²`,
        reference: resizeMs / MPX,
      },
    ];
  };
  const rows = [...compositeRows(false), ...compositeRows(true)];

  // The whole job minus the model call, from the PNG bytes the UI receives to the patch PNG it places.
  const shapes = selection(false);
  const sourcePng = encodePng(source);
  const maskPng = encodePng({
    width: SIDE,
    height: SIDE,
    data: Uint8ClampedArray.from({ length: SIDE * SIDE * 4 }, (_, i) => (i % 4 === 3 ? 255 : shapes.data[i >> 2]!)),
  });
  const job = (): number => {
    const image = decodePng(sourcePng);
    const selected = maskFromImage(decodePng(maskPng));
    const editMask = growMask(selected, GROW);
    const blend = blendMask(selected, GROW, FEATHER);
    const crop = contextCrop(blend, image);
    const sent = resizeImage(cropImage(image, crop), 1024, 1024);
    const requestBytes = encodePng(sent).length + encodePng(openAiMaskPng(editMask, crop, sent)).length;
    // [model call skipped: the request image comes back as the result]
    const patch = makePatch({ source: image, result: sent, blendMask: blend, crop });
    const { changedOutside } = compositeInpaint({ source: image, result: sent, blendMask: blend, crop });
    if (changedOutside !== 0) throw new Error("The composite changed pixels outside the selection.");
    if (!patch) throw new Error("The selection produced no patch.");
    return requestBytes + encodePng(patch.image).length;
  };
  const jobMs = median(3, job);
  const codecMs = median(3, () => decodePng(encodePng(source)));
  // The offline model's outpaint of a 1080 × 1920 story from this landscape photo: the photo across
  // the middle, the margins above and below masked (what a variant's extend request carries).
  const story = { width: 1080, height: 1920, data: new Uint8ClampedArray(1080 * 1920 * 4) };
  const storyMask = createGreyMask(1080, 1920);
  storyMask.data.fill(255);
  const band = fitCover(source, 1080, 720);
  const top = (1920 - 720) / 2;
  story.data.set(band.data, top * 1080 * 4);
  storyMask.data.fill(0, top * 1080, (top + 720) * 1080);
  const outpaintMs = median(3, () => fillMaskedArea(story, storyMask, 5));
  const teleaMs = median(3, () => inpaintTelea(story, storyMask, 5));
  // What the offline model now does with such a mask: the photo mirrored and defocused outwards.
  const reflectMs = median(3, () => extendByReflection(story, { x0: 0, y0: top, x1: 1080, y1: top + 720 }));
  // The offline model's own picture at the sizes the variants batch and the tests ask most.
  const twoZones = [
    { x: 0.05, y: 0.09, width: 0.46, height: 0.37 },
    { x: 0.05, y: 0.6, width: 0.3, height: 0.15 },
  ];
  const composeMs = median(3, () => generateOfflineImage({ prompt: "bench", width: 1200, height: 628, palette: ["#E30613", "#FFD400", "#0057B8"], keepClear: twoZones }));
  const composeStoryMs = median(3, () => generateOfflineImage({ prompt: "bench", width: 1080, height: 1920, palette: ["#E30613", "#FFD400", "#0057B8"], keepClear: twoZones }));
  return [
    ...rows,
    {
      name: "offline outpaint, 1080×1920 story from a landscape photo (Telea band + pull-push)",
      value: outpaintMs,
      unit: "ms",
      referenceName: "Telea over the whole margin (the fill before)",
      reference: teleaMs,
    },
    {
      name: "offline outpaint as the offline model runs it, 1080×1920 story (mirror + defocus)",
      value: reflectMs,
      unit: "ms",
      referenceName: "Telea band + pull-push (the fill before)",
      reference: outpaintMs,
    },
    {
      name: "offline model's composition, 1200×628 with two keep-clear zones",
      value: composeMs,
      unit: "ms",
      referenceName: "the same at 1080×1920",
      reference: composeStoryMs,
    },
    {
      name: `inpaint job minus model call, ${SIDE}² object (decode → mask → crop → request PNGs → composite → patch PNG)`,
      value: jobMs,
      unit: "ms",
      referenceName: `encode + decode one ${SIDE}² PNG`,
      reference: codecMs,
    },
  ];
}
