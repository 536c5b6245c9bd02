/// <reference types="@figma/plugin-typings" />
import type { FakeBaseNode } from "./fake-base-node.js";

/** The error every unimplemented member throws. */
export function notImplemented(owner: string, name: string): Error {
  return new Error(`${owner}.${name} is not implemented in the fake`);
}

/** The `family style` key fonts are recorded under (Figma names fonts "Inter Regular" in its errors). */
export function fontKey(font: FontName): string {
  return `${font.family} ${font.style}`;
}

export type AnyRecord = Record<string, unknown>;

/** Deep-freezes plain data the way Figma hands back paints, effects and constraints. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as AnyRecord)) deepFreeze(v);
  }
  return value;
}

export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

/**
 * Stored properties: plain values with a default, kept in `node._props`, handed out frozen.
 * `check` validates a new value before it is stored and throws Figma-style messages.
 */
export function defineStored(target: { prototype: object }, defaults: AnyRecord, check: Record<string, (value: unknown, node: FakeBaseNode) => void> = {}): void {
  for (const [name, fallback] of Object.entries(defaults)) {
    deepFreeze(fallback);
    Object.defineProperty(target.prototype, name, {
      configurable: true,
      enumerable: false,
      get(this: FakeBaseNode) {
        return name in this._props ? this._props[name] : fallback;
      },
      set(this: FakeBaseNode, value: unknown) {
        this._assertAlive(`set_${name}`);
        check[name]?.(value, this);
        this._props[name] = frozenCopy(value);
        this._afterChange(name);
      },
    });
  }
}

/** Members of the real API the fake leaves out: reading or calling them throws a clear error. */
export function defineMissing(target: { prototype: object }, names: readonly string[]): void {
  for (const name of names) {
    Object.defineProperty(target.prototype, name, {
      configurable: true,
      enumerable: false,
      get(this: FakeBaseNode) {
        throw notImplemented(`${this._type.toLowerCase()} node`, name);
      },
      set(this: FakeBaseNode) {
        throw notImplemented(`${this._type.toLowerCase()} node`, name);
      },
    });
  }
}

export function oneOf(name: string, allowed: readonly string[]) {
  return (value: unknown) => {
    if (typeof value !== "string" || !allowed.includes(value)) {
      throw new Error(`in set_${name}: Expected "${name}" to be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
    }
  };
}

export function finiteNumber(name: string, min = -Infinity, max = Infinity) {
  return (value: unknown) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new Error(`in set_${name}: Expected "${name}" to be a finite number, got ${String(value)}`);
    }
    if (value < min || value > max) {
      throw new Error(`in set_${name}: Expected "${name}" to have value between ${min} and ${max}, got ${value}`);
    }
  };
}

export function booleanValue(name: string) {
  return (value: unknown) => {
    if (typeof value !== "boolean") throw new Error(`in set_${name}: Expected "${name}" to be a boolean, got ${String(value)}`);
  };
}

const PAINT_TYPES = ["SOLID", "GRADIENT_LINEAR", "GRADIENT_RADIAL", "GRADIENT_ANGULAR", "GRADIENT_DIAMOND", "IMAGE", "VIDEO", "PATTERN"];
const SCALE_MODES = ["FILL", "FIT", "CROP", "TILE"];

/**
 * Checks paints the way Figma's setter does (shape and ranges) and returns a frozen copy.
 * @throws Error naming the paint index and field that is wrong.
 */
export function validatePaints(operation: string, value: unknown): ReadonlyArray<Paint> {
  if (!Array.isArray(value)) throw new Error(`in ${operation}: Expected an array of paints, got ${typeof value}`);
  value.forEach((paint: AnyRecord, i) => {
    const where = `in ${operation}: paint ${i}`;
    if (!paint || typeof paint !== "object") throw new Error(`${where} is not an object`);
    if (!PAINT_TYPES.includes(paint.type as string)) throw new Error(`${where} has unknown type ${JSON.stringify(paint.type)}`);
    if (paint.opacity !== undefined) finiteNumber("opacity", 0, 1)(paint.opacity);
    if (paint.type === "SOLID") {
      const c = paint.color as AnyRecord | undefined;
      if (!c || typeof c !== "object") throw new Error(`${where}: a SOLID paint needs a color {r, g, b}`);
      for (const k of ["r", "g", "b"]) {
        const v = c[k];
        if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new Error(`${where}: color.${k} must be a number from 0 to 1, got ${String(v)}`);
      }
      if ("a" in c) throw new Error(`${where}: Unrecognized key(s) in object: 'a' (SOLID colours have no alpha; use paint opacity)`);
    } else if (paint.type === "IMAGE") {
      if (!SCALE_MODES.includes(paint.scaleMode as string)) throw new Error(`${where}: scaleMode must be one of ${SCALE_MODES.join(", ")}`);
      if (paint.imageHash !== null && typeof paint.imageHash !== "string") throw new Error(`${where}: imageHash must be a string or null`);
    } else if ((paint.type as string).startsWith("GRADIENT_")) {
      if (!Array.isArray(paint.gradientTransform)) throw new Error(`${where}: a gradient needs a gradientTransform`);
      if (!Array.isArray(paint.gradientStops)) throw new Error(`${where}: a gradient needs gradientStops`);
    }
  });
  return frozenCopy(value as Paint[]);
}
