import { describe, expect, it } from "vitest";
import { nameColour } from "../../../src/core/colour/name-colour.js";

describe("nameColour", () => {
  it.each([
    ["#FFFFFF", "white"],
    ["#fff", "white"],
    ["#000000", "black"],
    ["#001146", "navy blue"],
    ["#028F1E", "emerald green"],
    ["#E50000", "red"],
    ["#777777", "medium grey"],
    ["#FFB81C", "amber"],
  ])("names %s “%s”", (hex, name) => {
    expect(nameColour(hex)).toBe(name);
  });

  it("says how a colour differs from its nearest name", () => {
    expect(nameColour("#7F4040")).toBe("muted crimson");
    expect(nameColour("#5A8F4E")).toBe("muted emerald green");
    expect(nameColour("#1A3C8F")).toMatch(/^deep .*blue$/);
  });

  it("names greys from the greys only", () => {
    for (const hex of ["#808080", "#B0B8B0", "#F4F1EA", "#202020"]) expect(nameColour(hex)).toMatch(/white|grey|silver|charcoal|black/);
  });

  it("names a bad token in its error", () => {
    expect(() => nameColour("green")).toThrow("“green” is not a hex colour");
  });
  it("never calls a dark colour light (#0E2A47 is a muted navy, not a light one)", () => {
    expect(nameColour("#0E2A47")).toBe("muted navy blue");
    expect(nameColour("#0E2A47")).not.toMatch(/light/);
  });
});
