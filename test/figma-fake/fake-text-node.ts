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

  get characters(): string {
    return this._characters;
  }
  set characters(value: string) {
    this._assertAlive("set_characters");
    this._requireFont("set_characters");
    if (typeof value !== "string") throw new Error(`in set_characters: Expected "characters" to be a string, got ${typeof value}`);
    this._characters = value;
    this._fitText();
  }
  get fontSize(): number {
    return this._fontSize;
  }
  set fontSize(value: number) {
    this._assertAlive("set_fontSize");
    this._requireFont("set_fontSize");
    finiteNumber("fontSize", 1)(value);
    this._fontSize = value;
    this._fitText();
  }
  get fontName(): FontName {
    return this._fontName;
  }
  set fontName(value: FontName) {
    this._assertAlive("set_fontName");
    if (!value || typeof value.family !== "string" || typeof value.style !== "string") {
      throw new Error("in set_fontName: Expected {family, style} strings");
    }
    this._requireFont("set_fontName", value);
    this._fontName = Object.freeze({ family: value.family, style: value.style });
    this._fitText();
  }
  get fontWeight(): number {
    return fontWeightOfStyle(this._fontName.style);
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
  get hasMissingFont(): boolean {
    return false;
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
  setRangeFontSize(start: number, end: number, value: number): void {
    this._checkRange("setRangeFontSize", start, end);
    this.fontSize = value;
  }
  getRangeFontName(start: number, end: number): FontName {
    this._checkRange("getRangeFontName", start, end);
    return this._fontName;
  }
  setRangeFontName(start: number, end: number, value: FontName): void {
    this._checkRange("setRangeFontName", start, end);
    this.fontName = value;
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
    return [this._fontName];
  }
  getStyledTextSegments(fields: string[], start = 0, end = this._characters.length): unknown[] {
    this._checkRange("getStyledTextSegments", start, end);
    const segment: AnyRecord = { characters: this._characters.slice(start, end), start, end };
    for (const f of fields) segment[f] = (this as unknown as AnyRecord)[f];
    return [segment];
  }
  insertCharacters(start: number, characters: string): void {
    this._requireFont("insertCharacters");
    this.characters = this._characters.slice(0, start) + characters + this._characters.slice(start);
  }
  deleteCharacters(start: number, end: number): void {
    this._checkRange("deleteCharacters", start, end);
    this._requireFont("deleteCharacters");
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
      this._requireFont(`setRange${prop}`);
      (this as unknown as AnyRecord)[key] = value;
    },
  });
}
defineMissing(FakeTextNode, ["setTextStyleIdAsync", "setRangeTextStyleIdAsync", "getRangeHyperlink", "setRangeHyperlink", "getRangeListOptions", "setRangeListOptions", "openTypeFeatures", "textStyleOverrides"]);

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
