import { Hono } from "hono";
import type { ModelEntry } from "../../core/catalog/model-catalog.js";
import { RETIRED_MODELS } from "../../core/catalog/retired-models.js";
import type { UnavailableReason } from "./unavailable-reason.js";

/**
 * `GET /v1/models`: `{ models }`, the catalog's entries each with `available`, the
 * `unavailableReason` sentence when it is not, and `replaces` (the retired ids it stands in for).
 */
export function modelsRoute(catalog: readonly ModelEntry[], unavailableReason: UnavailableReason): Hono {
  const route = new Hono();
  // Each model lists the retired ids it replaces, so a client can move an old recipe onto it
  // without carrying the retirement table (the panel's bundle is at its budget).
  const replaces = (id: string) => Object.entries(RETIRED_MODELS).flatMap(([old, r]) => (r.replacement === id ? [old] : []));
  route.get("/v1/models", (c) =>
    c.json({
      models: catalog.map((m) => {
        const reason = unavailableReason(m);
        const old = replaces(m.id);
        return { ...m, available: reason === null, ...(reason ? { unavailableReason: reason } : {}), ...(old.length ? { replaces: old } : {}) };
      }),
    }),
  );
  return route;
}
