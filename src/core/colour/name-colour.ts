import { deltaE2000 } from "./delta-e-2000.js";
import { hexToCielab, hexToOklab } from "./hex-to-oklab.js";
import type { Cielab } from "./linear-rgb-to-cielab.js";
import type { Oklab } from "./linear-rgb-to-oklab.js";

/**
 * Plain English colour names, a curated subset of the XKCD colour survey results (Randall Munroe, 2010,
 * https://xkcd.com/color/rgb.txt, public domain CC0): the names most people agree on, with the hex each
 * was given by the survey. Names that are jokes, brand names or vague ("puke", "barney", "dark") are left out,
 * so the words read well in a prompt sent to an image model.
 */
const NAMED_COLOURS: readonly (readonly [name: string, hex: string])[] = [
  ["red", "#e50000"],
  ["dark red", "#840000"],
  ["bright red", "#ff000d"],
  ["crimson", "#8c000f"],
  ["scarlet", "#be0119"],
  ["burgundy", "#610023"],
  ["maroon", "#650021"],
  ["wine", "#80013f"],
  ["brick red", "#8f1402"],
  ["tomato", "#ef4026"],
  ["coral", "#fc5a50"],
  ["salmon", "#ff796c"],
  ["pink", "#ff81c0"],
  ["hot pink", "#ff028d"],
  ["light pink", "#ffd1df"],
  ["dusty pink", "#d58a94"],
  ["rose", "#cf6275"],
  ["raspberry", "#b00149"],
  ["magenta", "#c20078"],
  ["fuchsia", "#ed0dd9"],
  ["orange", "#f97306"],
  ["dark orange", "#c65102"],
  ["burnt orange", "#c04e01"],
  ["light orange", "#fdaa48"],
  ["peach", "#ffb07c"],
  ["tangerine", "#ff9408"],
  ["amber", "#feb308"],
  ["gold", "#dbb40c"],
  ["mustard", "#ceb301"],
  ["yellow", "#ffff14"],
  ["lemon yellow", "#fdff38"],
  ["pale yellow", "#ffff84"],
  ["sunflower yellow", "#ffda03"],
  ["brown", "#653700"],
  ["dark brown", "#341c02"],
  ["light brown", "#ad8150"],
  ["chocolate", "#3d1c02"],
  ["tan", "#d1b26f"],
  ["beige", "#e6daa6"],
  ["cream", "#ffffc2"],
  ["khaki", "#aaa662"],
  ["sand", "#e2ca76"],
  ["caramel", "#af6f09"],
  ["rust", "#a83c09"],
  ["terracotta", "#ca6641"],
  ["copper", "#b66325"],
  ["olive", "#6e750e"],
  ["olive green", "#677a04"],
  ["lime green", "#89fe05"],
  ["chartreuse", "#c1f80a"],
  ["yellow green", "#c0fb2d"],
  ["green", "#15b01a"],
  ["dark green", "#033500"],
  ["forest green", "#06470c"],
  ["emerald green", "#028f1e"],
  ["kelly green", "#02ab2e"],
  ["grass green", "#3f9b0b"],
  ["bright green", "#01ff07"],
  ["light green", "#96f97b"],
  ["pale green", "#c7fdb5"],
  ["mint green", "#8fff9f"],
  ["sage green", "#88b378"],
  ["sea green", "#53fca1"],
  ["jade", "#1fa774"],
  ["bottle green", "#044a05"],
  ["pine green", "#0a481e"],
  ["teal", "#029386"],
  ["dark teal", "#014d4e"],
  ["turquoise", "#06c2ac"],
  ["aqua", "#13eac9"],
  ["aquamarine", "#04d8b2"],
  ["cyan", "#00ffff"],
  ["petrol blue", "#005f6a"],
  ["blue", "#0343df"],
  ["dark blue", "#00035b"],
  ["navy blue", "#001146"],
  ["royal blue", "#0504aa"],
  ["cobalt blue", "#030aa7"],
  ["bright blue", "#0165fc"],
  ["sky blue", "#75bbfd"],
  ["light blue", "#95d0fc"],
  ["baby blue", "#a2cffe"],
  ["powder blue", "#b1d1fc"],
  ["azure", "#069af3"],
  ["cerulean", "#0485d1"],
  ["steel blue", "#5a7d9a"],
  ["slate blue", "#5b7c99"],
  ["denim blue", "#3b5b92"],
  ["ocean blue", "#03719c"],
  ["electric blue", "#0652ff"],
  ["ultramarine", "#2000b1"],
  ["midnight blue", "#020035"],
  ["cornflower blue", "#5170d7"],
  ["periwinkle", "#8e82fe"],
  ["purple", "#7e1e9c"],
  ["dark purple", "#35063e"],
  ["violet", "#9a0eea"],
  ["indigo", "#380282"],
  ["lavender", "#c79fef"],
  ["lilac", "#cea2fd"],
  ["plum", "#580f41"],
  ["mauve", "#ae7181"],
  ["light purple", "#bf77f6"],
  ["royal purple", "#4b006e"],
  ["eggplant", "#380835"],
  ["white", "#ffffff"],
  ["off-white", "#ffffe4"],
  ["light grey", "#d8dcd6"],
  ["silver", "#c5c9c7"],
  ["grey", "#929591"],
  ["medium grey", "#7d7f7c"],
  ["dark grey", "#363737"],
  ["charcoal", "#343837"],
  ["black", "#000000"],
  ["slate grey", "#59656d"],
  ["cool grey", "#95a3a6"],
  ["warm grey", "#978a84"],
];

/** OKLab chroma below which a colour reads as grey, and is named from the near-neutral entries only. */
const GREY_CHROMA = 0.02;
/** Entries up to this OKLab chroma can name a grey (so a warm paper white can be "off-white"). */
const NEAR_NEUTRAL_CHROMA = 0.05;
/** A match closer than this ΔE2000 is named as is, with no modifier. */
const CLOSE_MATCH = 4;
/** OKLab lightness difference that earns "light"/"dark" (about five JNDs). */
const LIGHTNESS_STEP = 0.06;
/** OKLab lightness from which a colour may be called "light", and up to which "dark"/"deep". */
const LIGHT_FLOOR = 0.6;
const DARK_CEILING = 0.6;

interface Entry {
  readonly name: string;
  readonly lab: Cielab;
  readonly ok: Oklab;
  readonly chroma: number;
}

let entries: Entry[] | undefined;

/**
 * A plain English name for a colour, for prompts sent to image models: "emerald green", "navy blue",
 * "white", "deep teal", "light muted coral". The name is the nearest entry by ΔE2000 in a curated table of
 * XKCD colour-survey names; when the match is not close (ΔE2000 > 4), lightness and chroma modifiers
 * ("light", "deep"/"dark", "vivid", "muted") say how the colour differs from the named one. Greys are named
 * from the near-neutral entries only (white, off-white, the greys), so a grey never comes out "muted green".
 * @param hex `#RGB`, `#RRGGBB` or `#RRGGBBAA` (alpha ignored)
 * @returns lower-case words
 * @throws Error naming the token when it is not a hex colour.
 */
export function nameColour(hex: string): string {
  entries ??= NAMED_COLOURS.map(([name, value]) => {
    const ok = hexToOklab(value);
    return { name, lab: hexToCielab(value), ok, chroma: Math.hypot(ok[1], ok[2]) };
  });
  const lab = hexToCielab(hex);
  const ok = hexToOklab(hex);
  const chroma = Math.hypot(ok[1], ok[2]);
  const grey = chroma < GREY_CHROMA;
  let best: Entry | undefined;
  let bestDistance = Infinity;
  for (const entry of entries) {
    if (grey && entry.chroma >= NEAR_NEUTRAL_CHROMA) continue;
    const distance = deltaE2000(entry.lab, lab);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = entry;
    }
  }
  if (!best) return "grey";
  if (bestDistance <= CLOSE_MATCH || grey) return best.name;

  const words = best.name.split(" ");
  const modifiers: string[] = [];
  const hasLightnessWord = words.some((w) => ["light", "dark", "pale", "deep", "bright", "off-white"].includes(w));
  const hasChromaWord = words.some((w) => ["bright", "pale", "dusty", "hot", "electric"].includes(w));
  const dL = ok[0] - best.ok[0];
  // "light" and "dark" say what the colour is, not only how it differs: a deep navy a little lighter
  // than the survey's navy is still dark (#0E2A47 is not "light navy blue").
  if (!hasLightnessWord && dL > LIGHTNESS_STEP && ok[0] >= LIGHT_FLOOR) modifiers.push("light");
  if (!hasLightnessWord && dL < -LIGHTNESS_STEP && ok[0] <= DARK_CEILING) modifiers.push(chroma > 0.08 ? "deep" : "dark");
  // Near-neutral names (beige, cream) have too little chroma for "muted"/"vivid" to mean anything.
  const chromaMatters = !hasChromaWord && best.chroma >= 0.06;
  if (chromaMatters && chroma < best.chroma * 0.65) modifiers.push("muted");
  if (chromaMatters && chroma > best.chroma * 1.35) modifiers.push("vivid");
  return [...modifiers, best.name].join(" ");
}
