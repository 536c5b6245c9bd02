import { describe, expect, it } from "vitest";
import { createVariantsRateGate } from "../../../src/jobs/variants-rate-gate.js";

describe("createVariantsRateGate", () => {
  it("holds every waiter until the longest pause ends, and never shortens a pause", async () => {
    let now = 1000;
    const gate = createVariantsRateGate(() => now);
    await gate.waitAsync();
    gate.pause(0.05);
    gate.pause(0.01);
    expect(gate.remainingMs()).toBe(50);
    now += 50;
    expect(gate.remainingMs()).toBe(0);
    await gate.waitAsync();
  });

  it("lets a cancel end the wait at once", async () => {
    const gate = createVariantsRateGate();
    gate.pause(30);
    const controller = new AbortController();
    const waiting = gate.waitAsync(controller.signal);
    controller.abort(new Error("Cancelled."));
    await expect(waiting).rejects.toThrow("Cancelled.");
  });
});
