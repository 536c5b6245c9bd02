import * as v from "valibot";

/**
 * A plain object of named values of any type (`{ [name]: unknown }`): panel settings, what was
 * asked of a provider, a provider's usage. Refuses arrays and class instances (Date,
 * Uint8Array, …), which `v.record` would accept as objects with index keys or none.
 * The value passes through as-is (not copied).
 */
export const PlainRecord = v.custom<Record<string, unknown>>(isPlainObject, "must be an object of named values");

function isPlainObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  // An object from another realm (the panel's iframe) has that realm's Object.prototype, which
  // is not ours but owns `isPrototypeOf`; Array.prototype, Date.prototype and the like do not.
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is ES2022; the sandbox bundle targets ES2020 (build-options.mjs)
  return proto === null || Object.prototype.hasOwnProperty.call(proto, "isPrototypeOf");
}
