/// <reference types="@figma/plugin-typings" />
import type { FakeWorld } from "./fake-base-node.js";
import { FakeSceneNode, installConstraints, installGeometry } from "./fake-scene-node.js";
import { type AnyRecord, booleanValue, defineMissing, defineStored, finiteNumber, fontKey, oneOf } from "./node-props.js";

// ———————————————————————————————————————————————————————————————— text

const DEFAULT_FONT: FontName = Object.freeze({ family: "Inter", style: "Regular" });

/** Character width and line height relative to font size for the text size estimate (Inter-like averages). */
const TEXT_CHAR_WIDTH = 0.55;
const TEXT_LINE_HEIGHT = 1.2;

export class FakeTextNode extends FakeSceneNode {
  _characters = "";
  _fontSize = 12;
  _fontName: FontName = DEFAULT_FONT;
  /** Per-character fonts when the text mixes fonts (`setRangeFontName`), else null: every character uses `_fontName`. */
  _charFonts: FontName[] | null = null;
  _textAutoResize: "NONE" | "WIDTH_AND_HEIGHT" | "HEIGHT" | "TRUNCATE" = "WIDTH_AND_HEIGHT";

  constructor(world: FakeWorld, type: string, name: string, preferredId?: string) {
    super(world, type, name, preferredId);
    this._w = 0;
    this._h = Math.round(this._fontSize * TEXT_LINE_HEIGHT);
  }

  _requireFont(operation: string, font: FontName = this._fontName): void {
    if (!this._world.loadedFonts.has(fontKey(font))) {
      throw new Error(
        `in ${operation}: Cannot write to node with unloaded font "${fontKey(font)}". Please call figma.loadFontAsync({ family: "${font.family}", style: "${font.style}" }) and await the returned promise first.`,
      );
    }
  }

  /** The distinct fonts of characters [start, end) (the whole text's font when it has no characters). */
  _fontsIn(start = 0, end = this._characters.length): FontName[] {
    if (!this._charFonts) return [this._fontName];
    const seen = new Map<string, FontName>();
    for (const f of this._charFonts.slice(start, Math.max(start + 1, end))) seen.set(fontKey(f), f);
    return [...seen.values()];
  }

  /**
   * Changing a text's content or layout needs every font it uses loaded ("you must load all the fonts
   * used in the text", developers.figma.com/docs/plugins/working-with-text), so mixed text needs each of them.
   */
  _requireAllFonts(operation: string, start?: number, end?: number): void {
    for (const font of this._fontsIn(start, end)) this._requireFont(operation, font);
  }

  get characters(): string {
    return this._characters;
  }
  set characters(value: string) {
    this._assertAlive("set_characters");
    this._requireAllFonts("set_characters");
    if (typeof value !== "string") throw new Error(`in set_characters: Expected "characters" to be a string, got ${typeof value}`);
    // New text takes the font of the first character, as typing over a selection does.
    if (this._charFonts) this._fontName = this._charFonts[0] ?? this._fontName;
    this._charFonts = null;
    this._characters = value;
    this._fitText();
  }
  get fontSize(): number {
    return this._fontSize;
  }
  set fontSize(value: number) {
    this._assertAlive("set_fontSize");
    this._requireAllFonts("set_fontSize");
    finiteNumber("fontSize", 1)(value);
    this._fontSize = value;
    this._fitText();
  }
  /** `figma.mixed` when the characters use more than one font (plugin-api.d.ts, TextNode.fontName: `FontName | PluginAPI['mixed']`). */
  get fontName(): FontName {
    const fonts = this._fontsIn();
    return fonts.length > 1 ? (this._world.mixed as unknown as FontName) : fonts[0]!;
  }
  set fontName(value: FontName) {
    this._assertAlive("set_fontName");
    if (!value || typeof value.family !== "string" || typeof value.style !== "string") {
      throw new Error("in set_fontName: Expected {family, style} strings");
    }
    this._requireFont("set_fontName", value);
    this._fontName = Object.freeze({ family: value.family, style: value.style });
    this._charFonts = null;
    this._fitText();
  }
  get fontWeight(): number {
    const weights = new Set(this._fontsIn().map((f) => fontWeightOfStyle(f.style)));
    return weights.size > 1 ? (this._world.mixed as unknown as number) : fontWeightOfStyle(this._fontsIn()[0]!.style);
  }
  get textAutoResize(): "NONE" | "WIDTH_AND_HEIGHT" | "HEIGHT" | "TRUNCATE" {
    return this._textAutoResize;
  }
  set textAutoResize(value: "NONE" | "WIDTH_AND_HEIGHT" | "HEIGHT" | "TRUNCATE") {
    this._assertAlive("set_textAutoResize");
    oneOf("textAutoResize", ["NONE", "WIDTH_AND_HEIGHT", "HEIGHT", "TRUNCATE"])(value);
    this._textAutoResize = value;
    this._fitText();
  }
  /** Whether one of the text's fonts is marked missing on this machine (`fake.markFontMissing`). */
  get hasMissingFont(): boolean {
    return this._fontsIn().some((f) => this._world.missingFonts.has(fontKey(f)));
  }
  get autoRename(): boolean {
    return (this._props.autoRename as boolean | undefined) ?? true;
  }
  set autoRename(value: boolean) {
    booleanValue("autoRename")(value);
    this._props.autoRename = value;
  }

  /**
   * Approximate text metrics (the fake has no font engine): each character is 0.55 × fontSize wide, each
   * line 1.2 × fontSize tall. WIDTH_AND_HEIGHT sizes both, HEIGHT wraps at the current width, NONE and
   * TRUNCATE keep the box.
   */
  _fitText(): void {
    const charW = TEXT_CHAR_WIDTH * this._fontSize;
    const lineH = Math.round(TEXT_LINE_HEIGHT * this._fontSize);
    const lines = this._characters.split("\n");
    if (this._textAutoResize === "WIDTH_AND_HEIGHT") {
      this._w = Math.ceil(Math.max(...lines.map((l) => l.length)) * charW);
      this._h = lines.length * lineH;
    } else if (this._textAutoResize === "HEIGHT") {
      const perLine = Math.max(1, Math.floor(this._w / charW));
      const count = lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0);
      this._h = count * lineH;
    } else {
      return;
    }
    this._afterGeometryChange();
  }

  /** An explicit size ends "grow with the text" sizing, as dragging both edges does in Figma. */
  override _resizeTo(width: number, height: number, applyConstraints: boolean): void {
    super._resizeTo(width, height, applyConstraints);
    if (this._textAutoResize === "WIDTH_AND_HEIGHT") this._textAutoResize = "NONE";
  }

  getRangeFontSize(start: number, end: number): number {
    this._checkRange("getRangeFontSize", start, end);
    return this._fontSize;
  }
  /** Font sizes are not kept per range in the fake: the whole text takes the size (the range's fonts must be loaded). */
  setRangeFontSize(start: number, end: number, value: number): void {
    this._checkRange("setRangeFontSize", start, end);
    this._requireAllFonts("setRangeFontSize", start, end);
    finiteNumber("fontSize", 1)(value);
    this._fontSize = value;
    this._fitText();
  }
  getRangeFontName(start: number, end: number): FontName {
    this._checkRange("getRangeFontName", start, end);
    const fonts = this._fontsIn(start, end);
    return fonts.length > 1 ? (this._world.mixed as unknown as FontName) : fonts[0]!;
  }
  /** Sets the font of characters [start, end); the new font must be loaded (plugin docs, setRangeFontName). */
  setRangeFontName(start: number, end: number, value: FontName): void {
    this._checkRange("setRangeFontName", start, end);
    if (!value || typeof value.family !== "string" || typeof value.style !== "string") throw new Error("in setRangeFontName: Expected {family, style} strings");
    this._requireFont("setRangeFontName", value);
    const font = Object.freeze({ family: value.family, style: value.style });
    const fonts = this._charFonts ?? Array.from({ length: this._characters.length }, () => this._fontName);
    for (let i = start; i < end; i++) fonts[i] = font;
    const distinct = new Set(fonts.map(fontKey));
    if (distinct.size <= 1) {
      this._fontName = fonts[0] ?? font;
      this._charFonts = null;
    } else {
      this._charFonts = fonts;
    }
    this._fitText();
  }
  getRangeFills(start: number, end: number): ReadonlyArray<Paint> {
    this._checkRange("getRangeFills", start, end);
    return this._fills;
  }
  setRangeFills(start: number, end: number, value: ReadonlyArray<Paint>): void {
    this._checkRange("setRangeFills", start, end);
    (this as unknown as { fills: ReadonlyArray<Paint> }).fills = value;
  }
  getRangeFontWeight(start: number, end: number): number {
    this._checkRange("getRangeFontWeight", start, end);
    return this.fontWeight;
  }
  getRangeAllFontNames(start: number, end: number): FontName[] {
    this._checkRange("getRangeAllFontNames", start, end);
    return this._fontsIn(start, end);
  }
  /** Runs of equal font (when `fontName` or `fontWeight` is asked for); every other field is uniform in the fake. */
  getStyledTextSegments(fields: string[], start = 0, end = this._characters.length): unknown[] {
    this._checkRange("getStyledTextSegments", start, end);
    const byFont = this._charFonts && (fields.includes("fontName") || fields.includes("fontWeight"));
    const cuts = [start];
    if (byFont) for (let i = start + 1; i < end; i++) if (fontKey(this._charFonts![i]!) !== fontKey(this._charFonts![i - 1]!)) cuts.push(i);
    cuts.push(end);
    const out: AnyRecord[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [a, b] = [cuts[k]!, cuts[k + 1]!];
      const segment: AnyRecord = { characters: this._characters.slice(a, b), start: a, end: b };
      const font = this._charFonts ? this._charFonts[a]! : this._fontName;
      for (const f of fields) segment[f] = f === "fontName" ? font : f === "fontWeight" ? fontWeightOfStyle(font.style) : (this as unknown as AnyRecord)[f];
      out.push(segment);
    }
    return out;
  }
  insertCharacters(start: number, characters: string): void {
    this._requireAllFonts("insertCharacters");
    this.characters = this._characters.slice(0, start) + characters + this._characters.slice(start);
  }
  deleteCharacters(start: number, end: number): void {
    this._checkRange("deleteCharacters", start, end);
    this._requireAllFonts("deleteCharacters");
    this.characters = this._characters.slice(0, start) + this._characters.slice(end);
  }

  _checkRange(operation: string, start: number, end: number): void {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > this._characters.length || start > end) {
      throw new Error(`in ${operation}: Range ${start}–${end} is outside the text (length ${this._characters.length})`);
    }
    if (start === end && operation.startsWith("get")) throw new Error(`in ${operation}: Empty range ${start}–${end}`);
  }

  override _copySceneInto(copy: FakeSceneNode): void {
    super._copySceneInto(copy);
    const t = copy as FakeTextNode;
    t._characters = this._characters;
    t._fontSize = this._fontSize;
    t._fontName = this._fontName;
    t._charFonts = this._charFonts ? [...this._charFonts] : null;
    t._textAutoResize = this._textAutoResize;
  }
}
installGeometry(FakeTextNode, "INSIDE");
installConstraints(FakeTextNode);
defineStored(
  FakeTextNode,
  {
    textAlignHorizontal: "LEFT",
    textAlignVertical: "TOP",
    letterSpacing: { unit: "PERCENT", value: 0 },
    lineHeight: { unit: "AUTO" },
    textCase: "ORIGINAL",
    textDecoration: "NONE",
    paragraphSpacing: 0,
    paragraphIndent: 0,
    textTruncation: "DISABLED",
    maxLines: null,
    textStyleId: "",
    hyperlink: null,
    leadingTrim: "NONE",
    listSpacing: 0,
    hangingPunctuation: false,
    hangingList: false,
  },
  {
    textAlignHorizontal: oneOf("textAlignHorizontal", ["LEFT", "CENTER", "RIGHT", "JUSTIFIED"]),
    textAlignVertical: oneOf("textAlignVertical", ["TOP", "CENTER", "BOTTOM"]),
    textCase: oneOf("textCase", ["ORIGINAL", "UPPER", "LOWER", "TITLE", "SMALL_CAPS", "SMALL_CAPS_FORCED"]),
    textDecoration: oneOf("textDecoration", ["NONE", "UNDERLINE", "STRIKETHROUGH"]),
  },
);
for (const prop of ["LetterSpacing", "LineHeight", "TextCase", "TextDecoration"]) {
  const key = prop[0]!.toLowerCase() + prop.slice(1);
  Object.defineProperty(FakeTextNode.prototype, `getRange${prop}`, {
    configurable: true,
    value(this: FakeTextNode, start: number, end: number) {
      this._checkRange(`getRange${prop}`, start, end);
      return (this as unknown as AnyRecord)[key];
    },
  });
  Object.defineProperty(FakeTextNode.prototype, `setRange${prop}`, {
    configurable: true,
    value(this: FakeTextNode, start: number, end: number, value: unknown) {
      this._checkRange(`setRange${prop}`, start, end);
      this._requireAllFonts(`setRange${prop}`, start, end);
      (this as unknown as AnyRecord)[key] = value;
    },
  });
}
defineMissing(FakeTextNode, [
  "setTextStyleIdAsync",
  "setRangeTextStyleIdAsync",
  "getRangeHyperlink",
  "setRangeHyperlink",
  "getRangeListOptions",
  "setRangeListOptions",
  "openTypeFeatures",
  "textStyleOverrides",
]);

/** CSS/OpenType weight for a Figma style name ("Bold" → 700); 400 when the name has no weight word. */
export function fontWeightOfStyle(style: string): number {
  const s = style.toLowerCase().replace(/[\s_-]/g, "");
  const table: Array<[string, number]> = [
    ["extralight", 200],
    ["ultralight", 200],
    ["semibold", 600],
    ["demibold", 600],
    ["extrabold", 800],
    ["ultrabold", 800],
    ["thin", 100],
    ["hairline", 100],
    ["light", 300],
    ["medium", 500],
    ["bold", 700],
    ["black", 900],
    ["heavy", 900],
  ];
  for (const [word, weight] of table) if (s.includes(word)) return weight;
  return 400;
}
