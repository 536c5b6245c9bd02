import type { RgbaImage } from "../raster/rgba-image.js";
import { deltaE2000 } from "./delta-e-2000.js";
import { binOfWord, buildColourHistogram, sampleColourGrid, type ColourHistogram } from "./colour-histogram.js";
import { findLockRegions, type FindLockRegionsOptions } from "./find-lock-regions.js";
import { cielabToOklab, hexToCielab, hexToOklab, oklabToHex } from "./hex-to-oklab.js";
import { linearRgbToCielab, type Cielab } from "./linear-rgb-to-cielab.js";
import { linearRgbToOklab, type Oklab } from "./linear-rgb-to-oklab.js";
import { createLockMembership, largestEigenvalueBound, membershipWeights, type LockMembership, type LockRegion } from "./lock-membership.js";
import { nameColour } from "./name-colour.js";
import { parseHexColour } from "./parse-hex-colour.js";
import { coreMaskWords, unmixLockEdges } from "./unmix-lock-edges.js";
import { compressToGamut } from "./compress-to-gamut.js";
import { measureLockStructure, type LockStructure } from "./measure-lock-structure.js";
import { linearToSrgbByte, SRGB_BYTE_TO_LINEAR } from "./srgb-to-linear.js";

/** A brand colour to lock: `hex` as `#RGB`, `#RRGGBB` or `#RRGGBBAA` (alpha ignored), `name` for messages (default: {@link nameColour}). */
export interface LockedColour {
  readonly hex: string;
  readonly name?: string;
}

/** Tuning of {@link lockPalette}. */
export interface LockOptions extends FindLockRegionsOptions {
  /** Stop correcting once every region mean is within this ΔE2000 of its hex (default 0.25). */
  readonly tolerance?: number;
  /** Most correction rounds (each re-measures after gamut clipping and 8-bit rounding; default 8). */
  readonly maxIterations?: number;
  /** False: apply the whole correction even where it measures as damage (comparisons and tests; default true). */
  readonly holdBack?: boolean;
  /**
   * True: write the result into `image.data` and return that buffer, for a caller that gives its pixels up (the
   * proxy, which decoded them for this). Saves a second image-sized buffer, whose first touch is a third of the
   * pass at 4096² (64 MB of fresh pages; `npm run bench -- lock`). The buffer is then the one returned (unless its
   * byte offset is not a multiple of 4: a copy is made). Default false: the input is not modified.
   */
  readonly inPlace?: boolean;
}

/**
 * The lock pass's account of one locked colour. ΔE2000 figures compare the region's mean colour (mean of its
 * pixels' CIELAB D65, each pixel weighted by how much it belongs) with the hex; `null` when the colour is absent.
 */
export interface LockedColourReport {
  /** The locked colour, `#RRGGBB` upper case. */
  readonly hex: string;
  /** Plain English name, as given or from {@link nameColour}. */
  readonly name: string;
  /** ΔE2000 of the region mean before the pass. */
  readonly deltaE2000Before: number | null;
  /** ΔE2000 of the region mean after the pass (≤ 1 is the guarantee; more only where the gamut forbids it). */
  readonly deltaE2000After: number | null;
  /** The region mean before and after, as the nearest `#RRGGBB`. */
  readonly meanBefore: string | null;
  readonly meanAfter: string | null;
  /** Pixels that belong mostly to this colour, as a share of the whole image (0–1). */
  readonly share: number;
  /** Number of those pixels, exact (for an absent colour: an estimate of the few pixels near it). */
  readonly pixelCount: number;
  /** True when no region, or too small a region, belongs to the colour: its pixels were left alone. */
  readonly absent: boolean;
  /**
   * A sentence for the designer when the colour is absent, could not be brought within ΔE2000 1, or was held
   * back to protect the picture.
   */
  readonly warning?: string;
  /**
   * What the correction did to the picture's local structure inside this colour's region (issue 16: a mean can
   * hide damage): `lightnessSsim` 0–1 (SSIM of OKLab L, 1 untouched), `newHardEdges` (neighbour pairs that became
   * hard edges, estimated over the whole image), `maxBoundaryChange` (largest step, 0–255 levels, that the
   * correction added between neighbours where the picture was smooth: a contour where a region stops).
   * Measured on 8×8 blocks, all of them up to 0.39 Mpx (768×512), an even lattice of about 6,000 beyond. Absent colours have none.
   */
  readonly structure?: LockStructure;
  /**
   * True when the lock corrected this colour less than asked to protect the picture (its colours run smoothly
   * into others, or the full correction measured as damage); `warning` then says so when the hex was missed.
   */
  readonly heldBack?: boolean;
  /** Where the region sits in OKLab (centre, covariance, falloff, reach); absent colours have none. */
  readonly region?: LockRegion;
}

/** The lock pass's report: one entry per distinct locked hex, in palette order. */
export interface LockReport {
  readonly colours: readonly LockedColourReport[];
}

/** Most member pixels measured per correction round: the mean of even ±0.05 grain is then good to 3e-4 OKLab. */
const SAMPLE_CAP = 1 << 15;
/** A pixel whose weight in a region is at least this is a core member; its neighbours may be anti-aliased rim. */
const CORE_WEIGHT = 0.98;
/** Labels take 6 bits of the cached result word. */
const MAX_COLOURS = 63;
/**
 * Widest falloff band (OKLab, about ΔE2000 12–15, along the region's longest axis): the structure check widens a
 * region's band by doubling up to this; colours farther than that beyond a region's edge are other colours of the
 * picture and stay untouched. Across a band of width F an offset δ grows a neighbour step by up to 1.5 |δ| / F
 * (smoothstep's steepest slope), so at 0.15 a drift of ΔE ≈ 10 grows steps by half at most: firmer texture, no line.
 */
const MAX_FALLOFF = 0.15;
/**
 * A region whose covariance stays under this (OKLab², twice the regularisation of find-lock-regions.ts, σ ≈ 0.014)
 * is a flat fill: its moves are stopped at the gamut's edge so it lands on its hex exactly; any texture makes them soft.
 */
const FLAT_VARIANCE = 2e-4;
/**
 * Contour pairs (neighbours in a smooth area whose corrections differ by ΔE2000 ≈ 2 or more, CONTOUR_STEP) per
 * member pixel above which a region is held back: 0.1% of a region's pixels is a line a hundred or so pixels long on a
 * typical region, which a designer sees. `maxBoundaryChange` (in sRGB levels) is reported but not used here: near 0
 * the sRGB curve is steep, so the blue of a saturated yellow going from 47 to 4 is 43 levels yet under ΔE2000 3.
 */
const MAX_CONTOURS = 0.001;
/**
 * New hard edges per member pixel above which a region is held back: 1% of its pixels gaining a drawn line is a
 * visibly harsher picture (kodim23's macaw before this pass: 3,375 new on 58,076 changed pixels, 6%).
 */
const MAX_NEW_HARD_EDGES = 0.01;
/** Lightness SSIM under this inside a corrected region is visible loss of texture (0.95 is the usual "near-identical"). */
const MIN_LIGHTNESS_SSIM = 0.9;
/** Each hold-back round shortens by 30% the offsets of the regions that still damage their picture… */
const HOLD_BACK_SCALE = 0.7;
/** Rounds of widening (0.025 → 0.05 → 0.1 → 0.15 OKLab) and holding back (×0.7 each) at most. */
const MAX_ROUNDS = 7;
/** Bisection rounds that then take back as much of the last ×0.7 as the picture allows (to within 0.3 / 2³ of it). */
const REFINE_ROUNDS = 3;
/** A bisected scale is kept only when its contours and new hard edges stay under this share of the limits. */
const REFINE_MARGIN = 0.75;
/** 2^18 cached results (2 MB, keys and values): a photo region has up to a few hundred thousand distinct colours. */
const CACHE_BITS = 18;

/**
 * Locks brand colours on generated pixels, in OKLab (Ottosson 2020), measured with ΔE2000.
 *
 * 1. **Segment**: {@link findLockRegions} finds each locked colour's region in colour space: the densest
 *    colour near the hex (so a region drifted by ΔE2000 ≈ 15 is found), refined by mean shift and grown
 *    into an ellipsoid that fits the region's spread (a point for a flat fill, a long thin shape for a lit
 *    gradient, a ball for grain). {@link membershipWeights} gives each pixel a weight: 1 inside the 3σ
 *    ellipsoid, falling smoothly to 0 over a band outside it; where regions overlap, a colour goes to the
 *    one it is nearer, with a smooth hand-over.
 * 2. **Shift**: each member pixel moves by `Σ weight × offset` in OKLab. One offset per region keeps its
 *    texture (lightness variation, gradients, noise move together); the falloff means colours at the edge
 *    of a region move partly. Moves of textured regions are brought into the gamut by a soft knee per linear
 *    channel ({@link compressToGamut}), so a saturated surface keeps its order instead of piling up on the
 *    cube's faces; a flat region (every pixel the same colour) lands exactly on the hex.
 * 3. **Measure and repeat**: the offset is solved so the mean of the region's members lands on the hex, then
 *    re-measured in CIELAB after gamut mapping and 8-bit rounding, and corrected again until ΔE2000 ≤
 *    `tolerance` or `maxIterations` (the best round is kept; an offset never exceeds 1.25 × the drift + 0.02).
 *    Rounds are measured on an even sample of at most 32,768 member pixels (all of them on small images).
 * 4. **Check the structure** (issue 16): the corrected colours of ~6,000 8×8 blocks are computed through the
 *    pass's own cache ({@link measureLockStructure}): lightness SSIM, new hard edges, largest boundary step,
 *    and contour pairs (smooth neighbours whose corrections differ by ΔE ≈ 2). A region that draws contours
 *    gets a wider falloff (doubling, measured in its own σ, to at most 0.15 OKLab) and is solved again; one that
 *    still draws them at the widest is held back (offset × 0.7 per round, `heldBack`, a warning when the hex is
 *    then missed). Up to 7 rounds; each reuses what it can. The last ×0.7 step is then bisected (3 rounds, a trial
 *    kept under 75% of the limits), so a region gives up only as much of its correction as its picture needs.
 *    Then **apply**: one pass over a copy of the image, a row at a time, 32 bits per pixel. Pixels whose 8×8×8
 *    colour bin cannot reach any region are passed over; the others are looked up in a 262,144-entry cache
 *    of results keyed by exact RGB (computed on a miss), a run of one colour looking up once.
 * 5. **Rim**: anti-aliased edge pixels next to a region, which colour space alone misses, are read as a mix
 *    of their neighbours and get their share of the offset ({@link unmixLockEdges}), so corrected shapes
 *    get no halo of the drifted colour. This runs two rows behind the apply pass, on rows still in cache.
 *
 * Pixels that belong to no locked colour, and fully transparent pixels, come out byte-identical; alpha is
 * never changed. Absent colours (no region within `searchDeltaE`, or under `minShare` of the image) are
 * reported with a warning and move nothing.
 *
 * @param image 8-bit straight-alpha RGBA, any size
 * @param palette the locked colours; repeated hexes are locked once
 * @returns a new image (the input is not modified, unless `options.inPlace`) and the report
 * @throws Error naming the token when a palette hex is not a hex colour; RangeError when `image.data`
 *   does not hold `width × height × 4` bytes, or the palette has more than 63 distinct colours.
 */
export function lockPalette(image: RgbaImage, palette: readonly LockedColour[], options: LockOptions = {}): { image: RgbaImage; report: LockReport } {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) {
    throw new RangeError(`The image data holds ${data.length} bytes; a ${width}×${height} RGBA image needs ${width * height * 4}.`);
  }
  const tolerance = options.tolerance ?? 0.25;
  const maxIterations = options.maxIterations ?? 8;
  const seen = new Set<string>();
  const targets = palette
    .map((c) => ({ hex: parseHexColour(c.hex).hex, name: c.name }))
    .filter((c) => !seen.has(c.hex) && seen.add(c.hex))
    .map((c) => ({ ...c, name: c.name ?? nameColour(c.hex), oklab: hexToOklab(c.hex), cielab: hexToCielab(c.hex) }));
  if (targets.length > MAX_COLOURS) throw new RangeError(`A palette can lock at most ${MAX_COLOURS} colours; this one has ${targets.length}.`);

  const grid = sampleColourGrid(image);
  const histogram = buildColourHistogram(grid);
  const searches = findLockRegions(histogram, targets, options);
  const active = searches.flatMap((s, i) => (s.found ? [{ index: i, region: s.region }] : []));
  const goals = active.map((a) => targets[a.index]!);

  // Regions start with the steep falloff they were found with: a flat brand shape or a colour with a gap around
  // it moves alone. The structure check below then widens the falloff of any region whose correction draws
  // contours into the picture (its colours continue into others there), and only when the widest band still
  // draws them is the correction held back.
  const regions = active.map((a) => a.region);
  // Per region, 1 when its moves are compressed softly into the gamut: every textured region (see shiftLab).
  const chroma = Float64Array.from(regions, (r) => (largestEigenvalueBound(r.covariance) > FLAT_VARIANCE ? 1 : 0));
  const limits = Float64Array.from(regions, (r, j) => 1.25 * Math.hypot(...([0, 1, 2] as const).map((c) => goals[j]!.oklab[c] - r.centre[c])) + 0.02);
  const scale = new Float64Array(regions.length).fill(1);
  const heldBack = regions.map(() => false);
  const prepare = () => {
    const membership = createLockMembership(regions);
    const sample = sampleMembers(grid, histogram, membership);
    const stats = measure(sample, new Float64Array(3 * membership.k), chroma, membership.memberWeight);
    const offsets = solveOffsets(sample, stats, goals, chroma, membership.memberWeight, tolerance, maxIterations, limits);
    return { membership, sample, stats, offsets };
  };
  let solved = prepare();
  let pass = createShiftPass(image, solved.membership, solved.offsets.delta, chroma);
  // The structure the current pass and offsets would give; the means its offsets give; offsets scaled per region.
  const measureStructure = () => measureLockStructure(pass.source, width, height, solved.membership.reachable, pass.lookup, solved.membership.k);
  const measureAfter = () => {
    solved.offsets.after = measure(solved.sample, solved.offsets.delta, chroma, solved.membership.memberWeight).map((m) => m.mean);
  };
  const scaleOffsets = (factor: (j: number) => number) => {
    for (let j = 0; j < regions.length; j++) for (let c = 0; c < 3; c++) solved.offsets.delta[j * 3 + c]! *= factor(j);
  };
  let measured = measureStructure();
  // Sampled member counts → pixels of the whole image, and which regions the current offsets damage.
  const damage = (margin = 1) => {
    const toImage = (solved.sample.step * width * height) / Math.max(1, grid.length);
    return measured.structure.map((s, j) => isDamaged(s, measured.contours[j]!, margin * solved.stats[j]!.count * toImage));
  };
  let clean = false;
  for (let round = 0; round < (options.holdBack === false ? 0 : MAX_ROUNDS); round++) {
    const damaged = damage();
    clean = !damaged.some(Boolean);
    if (clean) break;
    let widen = false;
    const shrunk = damaged.map(() => 1);
    damaged.forEach((d, j) => {
      if (!d) return;
      const region = regions[j]!;
      if (region.falloff < MAX_FALLOFF) {
        const falloff = Math.min(MAX_FALLOFF, 2 * region.falloff);
        const longest = Math.sqrt(largestEigenvalueBound(region.covariance));
        regions[j] = { ...region, falloff, spread: falloff / longest, reach: region.reach - region.falloff + falloff, memberBand: region.memberBand ?? region.falloff / 2 };
        chroma[j] = 1;
        widen = true;
      } else {
        heldBack[j] = true;
        scale[j]! *= HOLD_BACK_SCALE;
        shrunk[j] = HOLD_BACK_SCALE;
      }
    });
    // A new solve starts from whole offsets: every held-back region gets its whole hold-back again.
    if (widen) solved = prepare();
    const factor = widen ? scale : shrunk;
    scaleOffsets((j) => factor[j]!);
    if (heldBack.some(Boolean)) measureAfter();
    // Same regions, shorter offsets: the pass and its cache arrays are reused, only the results are forgotten.
    if (widen) pass = createShiftPass(image, solved.membership, solved.offsets.delta, chroma);
    else pass.reset();
    measured = measureStructure();
    if (round === MAX_ROUNDS - 1) clean = !damage().some(Boolean);
  }
  if (clean && heldBack.some(Boolean)) {
    // Holding back goes in steps of ×0.7, so the last step may give up more of the correction than the picture
    // needs: bisect each held-back region's scale between the one that passed and the one before (which damaged).
    const pass0 = Float64Array.from(scale);
    const fail = Float64Array.from(scale, (v, j) => (heldBack[j] ? v / HOLD_BACK_SCALE : v));
    let current: Float64Array = Float64Array.from(scale);
    const setScale = (next: Float64Array): void => {
      scaleOffsets((j) => next[j]! / current[j]!);
      current = next;
      pass.reset();
      measured = measureStructure();
    };
    for (let round = 0; round < REFINE_ROUNDS; round++) {
      setScale(Float64Array.from(pass0, (v, j) => (heldBack[j] ? (v + fail[j]!) / 2 : v)));
      // With a margin: the measure is sampled, and a scale that only just passes may not pass on every pixel.
      damage(REFINE_MARGIN).forEach((d, j) => {
        if (heldBack[j]) (d ? fail : pass0)[j] = current[j]!;
      });
    }
    if (current.some((v, j) => v !== pass0[j])) setScale(pass0);
    measureAfter();
  }
  const { stats, offsets } = solved;
  const { output, counts } = pass.apply(options.inPlace === true);

  const total = width * height;
  const colours = targets.map((target, i): LockedColourReport => {
    const search = searches[i]!;
    const label = `${target.hex} (${target.name})`;
    if (!search.found) {
      const pixelCount = Math.round(search.estimatedShare * total);
      const percent = (search.estimatedShare * 100).toFixed(2);
      const warning =
        search.reason === "none"
          ? `${label} was not found in the image: no region is within ΔE2000 ${options.searchDeltaE ?? 17} of it, so nothing was corrected for it.`
          : search.reason === "tiny"
            ? `${label} covers only ${percent}% of the image, too little to correct reliably, so it was left as generated.`
            : `${label} was not corrected: its nearest region is closer to ${targets[search.takenBy!]!.hex}, which was locked instead.`;
      return {
        hex: target.hex,
        name: target.name,
        deltaE2000Before: null,
        deltaE2000After: null,
        meanBefore: null,
        meanAfter: null,
        share: pixelCount / total,
        pixelCount,
        absent: true,
        warning,
      };
    }
    const k = active.findIndex((a) => a.index === i);
    const before = stats[k]!.mean;
    const after = offsets.after[k]!;
    const deltaE2000Before = deltaE2000(target.cielab, before);
    const deltaE2000After = deltaE2000(target.cielab, after);
    const report: LockedColourReport = {
      hex: target.hex,
      name: target.name,
      deltaE2000Before,
      deltaE2000After,
      meanBefore: oklabToHex(cielabToOklab(before)),
      meanAfter: oklabToHex(cielabToOklab(after)),
      share: counts[k + 1]! / total,
      pixelCount: counts[k + 1]!,
      absent: false,
      structure: measured.structure[k]!,
      ...(heldBack[k] ? { heldBack: true } : {}),
      region: regions[k]!,
    };
    if (heldBack[k] && deltaE2000After > 1) {
      return {
        ...report,
        warning: `${label} was brought from ΔE2000 ${deltaE2000Before.toFixed(1)} to ${deltaE2000After.toFixed(1)} of the hex, not all the way: its colours run smoothly into the rest of the picture, and a full correction would have drawn hard edges and flat patches into it.`,
      };
    }
    if (deltaE2000After <= 1) return report;
    return {
      ...report,
      warning: `${label} could only be brought to ΔE2000 ${deltaE2000After.toFixed(1)} of the hex: its region is too close to the edge of the sRGB gamut to shift further without losing its texture.`,
    };
  });
  return { image: { width, height, data: output }, report: { colours } };
}

/**
 * Member pixels measured in each correction round. A sample holds far fewer colours than pixels (a flat
 * fill is one colour), so each pixel points to a colour entry, and the entries hold the OKLab and the weight
 * in each region. A colour may have more than one entry (see {@link sampleMembers}); that costs only time.
 */
interface Sample {
  /** Number of sampled pixels. */
  readonly n: number;
  /** One grid pixel in `step` of those that may belong was sampled. */
  readonly step: number;
  readonly k: number;
  /** Number of colour entries. */
  readonly colours: number;
  /** Per sampled pixel, its colour entry. */
  readonly colour: Int32Array;
  /** Per colour entry, OKLab `[L, a, b]`. */
  readonly lab: Float64Array;
  /** Per colour entry, its weight in each of the k regions. */
  readonly weight: Float64Array;
}

/** Grid pixels scanned per call of {@link pickCandidates}. */
const GRID_CHUNK = 1 << 14;
/** Entries of the direct-mapped colour → entry lookup of {@link sampleMembers}. */
const SAMPLE_LOOKUP_BITS = 12;

/**
 * Collects at most {@link SAMPLE_CAP} member pixels, evenly from the histogram's grid
 * ({@link sampleColourGrid}): every `step`-th grid pixel in a reachable bin, kept when it belongs to a region.
 * The histogram's counts give the number of such pixels, hence `step`, before the grid is read.
 * A small direct-mapped lookup by exact RGB finds the entry of a colour seen just before; a colour it has
 * forgotten gets a second entry with the same values.
 */
function sampleMembers(grid: Uint32Array, histogram: ColourHistogram, model: LockMembership): Sample {
  let found = 0;
  for (let i = 0; i < histogram.bin.length; i++) if (model.reachable[histogram.bin[i]!]) found += histogram.count[i]!;
  const { k } = model;
  const step = Math.max(1, Math.ceil(found / SAMPLE_CAP));
  const cap = Math.ceil(found / step);
  // picked[0]: candidates taken so far; picked[1]: candidates still to skip before the next one.
  const picked = new Int32Array(cap + 2);
  for (let from = 0; from < grid.length; from += GRID_CHUNK) {
    pickCandidates(grid, from, Math.min(grid.length, from + GRID_CHUNK), model.reachable, step, picked);
  }
  const colour = new Int32Array(cap);
  const lab = new Float64Array(cap * 3);
  const weight = new Float64Array(cap * k);
  const w = new Float64Array(k);
  const keys = new Int32Array(1 << SAMPLE_LOOKUP_BITS).fill(-1);
  // Entry of each remembered colour; −1 for a colour that belongs to no region.
  const entries = new Int32Array(1 << SAMPLE_LOOKUP_BITS);
  let n = 0;
  let colours = 0;
  for (let c = 0; c < picked[0]!; c++) {
    const key = grid[picked[c + 2]!]! & 0xffffff;
    const slot = Math.imul(key, 0x9e3779b1) >>> (32 - SAMPLE_LOOKUP_BITS);
    if (keys[slot] !== key) {
      keys[slot] = key;
      const at = colours * 3;
      linearRgbToOklab(SRGB_BYTE_TO_LINEAR[key & 255]!, SRGB_BYTE_TO_LINEAR[(key >>> 8) & 255]!, SRGB_BYTE_TO_LINEAR[key >>> 16]!, lab, at);
      if (membershipWeights(model, lab[at]!, lab[at + 1]!, lab[at + 2]!, w) === 0) entries[slot] = -1;
      else {
        weight.set(w, colours * k);
        entries[slot] = colours++;
      }
    }
    if (entries[slot]! >= 0) colour[n++] = entries[slot]!;
  }
  return { n, step, k, colours, colour, lab, weight };
}

/**
 * Appends to `picked` (after its two counters, see {@link sampleMembers}) the index of every `step`-th grid
 * pixel in [from, to) that is opaque enough and in a reachable bin, counting on from the previous chunk.
 */
function pickCandidates(grid: Uint32Array, from: number, to: number, reachable: Uint8Array, step: number, picked: Int32Array): void {
  let taken = picked[0]!;
  let skip = picked[1]!;
  for (let i = from; i < to; i++) {
    const p = grid[i]!;
    if (p >>> 24 === 0 || !reachable[binOfWord(p)]) continue;
    if (skip > 0) skip--;
    else {
      picked[2 + taken++] = i;
      skip = step - 1;
    }
  }
  picked[0] = taken;
  picked[1] = skip;
}

/** A region's mean colour (CIELAB D65) over its members, their number and weight sum. */
interface RegionStats {
  readonly mean: Cielab;
  readonly count: number;
  readonly sumW: number;
}

/**
 * Writes to `lin` the linear-light sRGB of OKLab `(L, a, b)` moved by `Σ w_j × delta_j`, the move kept inside
 * the gamut ({@link compressToGamut}): compressed softly when a textured region (`soft[j]` 1) takes part,
 * clipped at the edge otherwise (flat shapes land on their hex exactly).
 */
function shiftLab(L: number, a: number, b: number, w: Float64Array, wAt: number, k: number, delta: Float64Array, soft: Float64Array, lin: Float64Array): void {
  let dL = 0;
  let da = 0;
  let db = 0;
  let gentle = false;
  for (let j = 0; j < k; j++) {
    const wj = w[wAt + j]!;
    if (wj === 0) continue;
    dL += wj * delta[j * 3]!;
    da += wj * delta[j * 3 + 1]!;
    db += wj * delta[j * 3 + 2]!;
    if (soft[j] !== 0) gentle = true;
  }
  compressToGamut(L, a, b, dL, da, db, gentle, lin);
}

/**
 * Mean CIELAB of each region's members over the sample after shifting each pixel by `Σ weight × delta`
 * (zero `delta`: before the pass), with the same gamut mapping and 8-bit rounding as the pass. A member is a
 * pixel whose largest weight is that region's and at least its `memberWeight` (LockMembership): the fade around a region is
 * not the region, so the mean a designer measures on the shape is the one brought to the hex.
 */
function measure(sample: Sample, delta: Float64Array, chroma: Float64Array, memberWeight: Float64Array): RegionStats[] {
  const lin = new Float64Array(3);
  const { k, colour, weight } = sample;
  // Each colour entry is shifted, mapped, rounded and measured once; the sums then run over the pixels.
  const cielab = new Float64Array(sample.colours * 3);
  const label = new Int32Array(sample.colours).fill(-1);
  for (let c = 0; c < sample.colours; c++) {
    let best = -1;
    for (let j = 0; j < k; j++) if (weight[c * k + j]! > 0 && (best < 0 || weight[c * k + j]! > weight[c * k + best]!)) best = j;
    if (best >= 0 && weight[c * k + best]! < memberWeight[best]!) best = -1;
    label[c] = best;
    if (best < 0) continue;
    shiftLab(sample.lab[c * 3]!, sample.lab[c * 3 + 1]!, sample.lab[c * 3 + 2]!, weight, c * k, k, delta, chroma, lin);
    linearRgbToCielab(
      SRGB_BYTE_TO_LINEAR[linearToSrgbByte(lin[0]!)]!,
      SRGB_BYTE_TO_LINEAR[linearToSrgbByte(lin[1]!)]!,
      SRGB_BYTE_TO_LINEAR[linearToSrgbByte(lin[2]!)]!,
      cielab,
      c * 3,
    );
  }
  const sums = new Float64Array(k * 5);
  for (let i = 0; i < sample.n; i++) {
    const c = colour[i]!;
    const j = label[c]!;
    if (j < 0) continue;
    sums[j * 5]! += 1;
    sums[j * 5 + 1]! += weight[c * k + j]!;
    sums[j * 5 + 2]! += cielab[c * 3]!;
    sums[j * 5 + 3]! += cielab[c * 3 + 1]!;
    sums[j * 5 + 4]! += cielab[c * 3 + 2]!;
  }
  return Array.from({ length: k }, (_, j) => {
    const count = sums[j * 5]!;
    const mean: Cielab = count ? [sums[j * 5 + 2]! / count, sums[j * 5 + 3]! / count, sums[j * 5 + 4]! / count] : [0, 0, 0];
    return { mean, count, sumW: sums[j * 5 + 1]! };
  });
}

/**
 * Solves each region's OKLab offset so its members' mean lands on the hex. The first guess treats the
 * shift as linear (the mean moves by offset × mean weight); each round measures the real mean after gamut
 * mapping and rounding and adds the remaining error. An offset longer than `limits[j]` (OKLab) is shortened
 * to it. Returns the best round's offsets and the means they give.
 */
function solveOffsets(
  sample: Sample,
  before: readonly RegionStats[],
  targets: readonly { readonly oklab: Oklab; readonly cielab: Cielab }[],
  chroma: Float64Array,
  memberWeight: Float64Array,
  tolerance: number,
  maxIterations: number,
  limits: Float64Array,
): { delta: Float64Array; after: Cielab[] } {
  const delta = new Float64Array(3 * before.length);
  const gain = before.map((s) => (s.sumW ? s.count / s.sumW : 0));
  const step = (means: readonly Cielab[]) =>
    means.forEach((mean, j) => {
      const reached = cielabToOklab(mean);
      for (let c = 0; c < 3; c++) delta[j * 3 + c] = delta[j * 3 + c]! + (targets[j]!.oklab[c]! - reached[c]!) * gain[j]!;
      const length = Math.hypot(delta[j * 3]!, delta[j * 3 + 1]!, delta[j * 3 + 2]!);
      const limit = limits[j]!;
      if (length > limit) for (let c = 0; c < 3; c++) delta[j * 3 + c]! *= limit / length;
    });
  step(before.map((s) => s.mean));
  let best = { delta: new Float64Array(delta), after: before.map((s) => s.mean), worst: Infinity };
  for (let round = 0; round < maxIterations; round++) {
    const after = measure(sample, delta, chroma, memberWeight).map((s) => s.mean);
    const worst = Math.max(0, ...after.map((mean, j) => deltaE2000(targets[j]!.cielab, mean)));
    if (worst < best.worst) best = { delta: new Float64Array(delta), after, worst };
    if (worst <= tolerance) break;
    step(after);
  }
  return best;
}

/** True when a region's measured structure shows damage a designer would see (thresholds: see the constants). */
function isDamaged(s: LockStructure, contours: number, members: number): boolean {
  return contours > MAX_CONTOURS * members || s.lightnessSsim < MIN_LIGHTNESS_SSIM || s.newHardEdges > MAX_NEW_HARD_EDGES * members;
}

/** True on every engine brandfill runs in; the word loop below reads RGBA as `r | g << 8 | b << 16 | a << 24`. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The apply pass of one lock, set up: its input words, its cached colour transform, and the pass itself. */
interface ShiftPass {
  /** The input as words `r | g << 8 | b << 16 | a << 24`. */
  readonly source: Uint32Array;
  /** The cached result of one opaque colour `r | g << 8 | b << 16` ({@link ShiftState} `cache`). */
  readonly lookup: (key: number) => number;
  /** Forgets cached results (after the offsets changed). */
  reset(): void;
  /** Runs the pass ({@link applyShift}), into the image's own buffer when `inPlace`. */
  apply(inPlace: boolean): { output: Uint8ClampedArray; counts: Float64Array };
}

function createShiftPass(image: RgbaImage, membership: LockMembership, delta: Float64Array, chroma: Float64Array): ShiftPass {
  const n = image.width * image.height;
  const direct = LITTLE_ENDIAN && image.data.byteOffset % 4 === 0;
  const source = direct ? new Uint32Array(image.data.buffer, image.data.byteOffset, n) : packWords(image.data);
  const k = membership.k;
  const state: ShiftState = {
    membership,
    delta,
    chroma,
    counts: new Float64Array(k + 1),
    cache: new Int32Array(2 << CACHE_BITS).fill(-1),
    lab: new Float64Array(3),
    lin: new Float64Array(3),
    weights: new Float64Array(k),
  };
  return {
    source,
    lookup(key) {
      const slot = (Math.imul(key, 0x9e3779b1) >>> (32 - CACHE_BITS)) << 1;
      if (state.cache[slot] !== key) {
        state.cache[slot] = key;
        state.cache[slot + 1] = shiftColour(key, state);
      }
      return state.cache[slot + 1]!;
    },
    reset: () => state.cache.fill(-1),
    apply: (inPlace) => applyShift(image, source, state, inPlace && (direct || !LITTLE_ENDIAN)),
  };
}

/**
 * Shifts every member pixel of a copy of the image ({@link shiftColour}), and carries the
 * anti-aliased rims along ({@link unmixLockEdges}, two rows behind). Returns the copy and, per region j,
 * the number of pixels that are its members (`counts[j + 1]`). Reads and writes whole pixels as
 * 32-bit words, one row per call of {@link shiftRow} (so V8 optimises the row loop once, rather than
 * re-entering a long loop through on-stack replacement on every pass); pixels that do not move stay as copied.
 *
 * `inPlace` (when `source` is the image's words, or a packed copy of them on a big-endian engine): the words are
 * rewritten where they are, and the rim pass reads the input from a ring of the last {@link RING_ROWS} rows as they
 * were before the shift (it needs rows y − 2 … y + 2 of the row it reads, at most four rows behind the shift).
 */
function applyShift(image: RgbaImage, source: Uint32Array, state: ShiftState, inPlace: boolean): { output: Uint8ClampedArray; counts: Float64Array } {
  const { width, height } = image;
  const { k } = state.membership;
  const { counts } = state;
  const output = inPlace ? image.data : new Uint8ClampedArray(image.data);
  if (k === 0) return { output, counts };
  const target = inPlace ? source : LITTLE_ENDIAN ? new Uint32Array(output.buffer, output.byteOffset, width * height) : source.slice();
  const ring = inPlace ? new Uint32Array(RING_ROWS * width) : source;
  const rowMask = inPlace ? RING_ROWS - 1 : -1;
  const words = coreMaskWords(width);
  const core = new Int32Array(words * height);
  for (let y = 0; y < height; y++) {
    if (inPlace) ring.set(source.subarray(y * width, (y + 1) * width), (y & rowMask) * width);
    shiftRow(source, target, y * width, (y + 1) * width, core, y * words, state);
    // The rim of a row needs the mask two rows below it: it trails the shift by two rows, still in cache.
    if (y >= 2) unmixLockEdges(ring, target, core, width, y - 2, y - 1, rowMask);
  }
  unmixLockEdges(ring, target, core, width, Math.max(0, height - 2), height, rowMask);
  if (!LITTLE_ENDIAN) unpackWords(target, output);
  return { output, counts };
}

/** Rows of the input that an in-place pass keeps for its rim pass (a power of two, ≥ 5: see {@link applyShift}). */
const RING_ROWS = 8;

/** What {@link shiftRow} needs besides the pixels: the regions, their offsets, the result cache and scratch. */
interface ShiftState {
  readonly membership: LockMembership;
  readonly delta: Float64Array;
  /** Per region, 1 when its moves are compressed softly into the gamut (see shiftLab). */
  readonly chroma: Float64Array;
  /** Per region label 1 … k, the number of member pixels it got (`counts[0]` is not kept). */
  readonly counts: Float64Array;
  /**
   * Results by exact RGB, direct-mapped, key and value side by side (one cache line per lookup): `cache[2 slot]`
   * the colour `r | g << 8 | b << 16` (−1: empty), `cache[2 slot + 1]` its new `r | g << 8 | b << 16 | label << 24`,
   * label (bits 24–29) the region of its largest weight, bit 30 set when that weight makes it a member
   * (`memberWeight`), bit 31 when a core member (weight ≈ 1); a colour that belongs to no region has its key as value.
   */
  readonly cache: Int32Array;
  readonly lab: Float64Array;
  readonly lin: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Shifts the pixels of `source[from..to)` (one row) that a region reaches into `target`, counts the members per
 * region and sets the core members' bits in the row's core mask words (from `coreFrom`). Most pixels reach no
 * region, so a tight inner loop passes over them; a pixel the same colour as the previous candidate reuses its
 * result without a cache lookup (flat fills, ramps). Counts and mask bits are kept in locals and written
 * when the region or the mask word changes, so a run of members is not a chain of memory updates.
 */
function shiftRow(source: Uint32Array, target: Uint32Array, from: number, to: number, core: Int32Array, coreFrom: number, state: ShiftState): void {
  const { reachable } = state.membership;
  const { cache, counts } = state;
  let lastKey = -1;
  let value = 0;
  let label = 0;
  let pending = 0;
  let word = 0;
  let bits = 0;
  for (let i = from; i < to; i++) {
    let p = source[i]!;
    while (!reachable[binOfWord(p)]) {
      if (++i === to) break;
      p = source[i]!;
    }
    if (i === to) break;
    if (p >>> 24 === 0) continue;
    const key = p & 0xffffff;
    if (key !== lastKey) {
      const slot = (Math.imul(key, 0x9e3779b1) >>> (32 - CACHE_BITS)) << 1;
      if (cache[slot] !== key) {
        cache[slot] = key;
        cache[slot + 1] = shiftColour(key, state);
      }
      value = cache[slot + 1]!;
      lastKey = key;
      const next = (value >>> 30) & 1 ? (value >>> 24) & 0x3f : 0;
      if (next !== label) {
        counts[label]! += pending;
        pending = 0;
        label = next;
      }
    }
    pending++;
    target[i] = (p & 0xff000000) | (value & 0xffffff);
    if (value < 0) {
      const x = i - from;
      if (x >>> 5 !== word) {
        if (bits !== 0) core[coreFrom + word] = bits;
        word = x >>> 5;
        bits = 0;
      }
      bits |= 1 << (x & 31);
    }
  }
  counts[label]! += pending;
  if (bits !== 0) core[coreFrom + word] = bits;
}

/** The cached result of one colour `r | g << 8 | b << 16` (see {@link ShiftState}): its key when it belongs to no region. */
function shiftColour(key: number, state: ShiftState): number {
  const { membership, delta, chroma, lab, lin, weights: w } = state;
  const k = membership.k;
  linearRgbToOklab(SRGB_BYTE_TO_LINEAR[key & 255]!, SRGB_BYTE_TO_LINEAR[(key >>> 8) & 255]!, SRGB_BYTE_TO_LINEAR[key >>> 16]!, lab);
  if (membershipWeights(membership, lab[0]!, lab[1]!, lab[2]!, w) === 0) return key;
  let label = 0;
  for (let j = 0; j < k; j++) if (w[j]! > 0 && (label === 0 || w[j]! > w[label - 1]!)) label = j + 1;
  shiftLab(lab[0]!, lab[1]!, lab[2]!, w, 0, k, delta, chroma, lin);
  const top = w[label - 1]!;
  const flags = (top >= membership.memberWeight[label - 1]! ? 0x40 : 0) | (top >= CORE_WEIGHT ? 0x80 : 0);
  return linearToSrgbByte(lin[0]!) | (linearToSrgbByte(lin[1]!) << 8) | (linearToSrgbByte(lin[2]!) << 16) | ((label | flags) << 24);
}

/** RGBA bytes as words `r | g << 8 | b << 16 | a << 24`, whatever the platform's byte order. */
function packWords(data: Uint8ClampedArray): Uint32Array {
  const words = new Uint32Array(data.length / 4);
  for (let i = 0; i < words.length; i++) {
    words[i] = data[i * 4]! | (data[i * 4 + 1]! << 8) | (data[i * 4 + 2]! << 16) | (data[i * 4 + 3]! << 24);
  }
  return words;
}

function unpackWords(words: Uint32Array, data: Uint8ClampedArray): void {
  for (let i = 0; i < words.length; i++) {
    const p = words[i]!;
    data[i * 4] = p & 255;
    data[i * 4 + 1] = (p >>> 8) & 255;
    data[i * 4 + 2] = (p >>> 16) & 255;
    data[i * 4 + 3] = p >>> 24;
  }
}
