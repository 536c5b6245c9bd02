// Runs in Node: the HTML of the page that hosts the panel and plays Figma's main thread.

/**
 * The harness page. It puts `dist/ui.html` in a sandboxed iframe (`allow-scripts` only, so the
 * panel's origin is `null`, as in Figma), answers the panel's requests the way `src/main` does
 * (selection, clientStorage, placement, notify, resize, select-node), records every request,
 * and exposes `window.harness` for the test to drive: `start(config)`, `sendEvent(event)`,
 * `failNext(type, error)`, `requests`, `storage`.
 *
 * Replies follow the channel contract: `{ kind: "response", id, ok, value | error }`, posted
 * as `{ pluginMessage }` into the iframe; events as `{ kind: "event", event }`.
 */
export const HARNESS_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>brandfill harness</title>
<style>html,body{margin:0;background:#777}iframe{display:block;border:0}</style></head>
<body>
<iframe id="plugin" sandbox="allow-scripts" title="brandfill"></iframe>
<script>
(() => {
  const iframe = document.getElementById("plugin");
  const post = (message) => iframe.contentWindow.postMessage({ pluginMessage: message }, "*");
  const SETTINGS_KEY = "brandfill.settings";
  let placed = 0;
  const h = {
    selection: { kind: "none", reason: "Select a frame to fill." },
    inpaintSelection: { kind: "none", reason: "Select an image and a shape drawn over it." },
    inpaintSources: null,
    variantSizes: [],
    variantSource: null,
    references: [],
    generated: [],
    storage: {},
    requests: [],
    failures: {},
    selectedNode: null,
    size: null,
    start(config) {
      h.selection = config.selection;
      h.launch = config.launch || { command: "", recipe: null, sourceNodeId: null };
      h.storage = config.storage || {};
      if (config.variants) {
        h.variantSizes = config.variants.sizes || [];
        const src = config.variants.source;
        h.variantSource = src && { ...src, png: src.png ? Uint8Array.from(atob(src.png), (c) => c.charCodeAt(0)) : null };
      }
      const bytes64 = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      h.references = (config.references || []).map((r) => ({ ...r, png: bytes64(r.png) }));
      h.generated = (config.generated || []).map((g) => ({ ...g, thumbnail: g.thumbnail ? bytes64(g.thumbnail) : null }));
      if (config.inpaint) {
        const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        h.inpaintSelection = config.inpaint.selection;
        h.inpaintSources = { ...config.inpaint.sources, image: bytes(config.inpaint.sources.image), mask: bytes(config.inpaint.sources.mask) };
      }
      iframe.style.width = config.width + "px";
      iframe.style.height = config.height + "px";
      iframe.srcdoc = config.html;
    },
    sendEvent(event) { post({ kind: "event", event }); },
    failNext(type, error) { h.failures[type] = error; },
    answer(request) {
      switch (request.type) {
        case "read-selection": return h.selection;
        case "get-launch": return h.launch;
        case "get-settings": return structuredClone(h.storage[SETTINGS_KEY] || {});
        case "set-settings": h.storage[SETTINGS_KEY] = structuredClone(request.settings); return null;
        case "place-fill": placed += 1; return { nodeId: "fill:" + placed, name: "✦ " + request.recipe.promptTyped.split(/\\s+/).slice(0, 5).join(" ") };
        case "notify": return null;
        case "resize-ui": h.size = { width: request.width, height: request.height }; iframe.style.width = request.width + "px"; iframe.style.height = request.height + "px"; return null;
        case "select-node": h.selectedNode = request.nodeId; return null;
        case "read-inpaint-selection": return h.inpaintSelection;
        case "export-references": {
          // As src/main/export-references.ts: the given ids (a recipe's) or else the selection (every configured reference layer).
          const wanted = request.nodeIds ? request.nodeIds.map((id) => h.references.find((r) => r.nodeId === id) || id) : h.references;
          const skipped = wanted.filter((r) => typeof r === "string").map((id) => "A reference layer (" + id + ") is no longer in the file.");
          const found = wanted.filter((r) => typeof r !== "string");
          return { references: found.slice(0, request.limit), skipped: skipped.concat(found.slice(request.limit).map((r) => "“" + r.name + "” was left out: this model takes at most " + request.limit + " references.")) };
        }
        case "list-generated": return { layers: h.generated };
        case "get-variant-sizes": return { sizes: h.variantSizes };
        case "set-variant-sizes": h.variantSizes = request.sizes; return null;
        case "create-variant-frames": {
          const name = h.selection.kind === "fill-target" ? h.selection.spec.name : "Frame";
          const frames = request.sizes.map((s, index) => ({
            index, nodeId: "variant:" + index, name: name + " — " + s.width + "×" + s.height, width: s.width, height: s.height, presetId: s.presetId || null,
            target: { nodeId: "variant:" + index, pageId: "0:1", width: s.width, height: s.height },
            layout: { width: s.width, height: s.height, template: "anchored", elements: [], dropped: [], warnings: [] },
          }));
          return { sourceNodeId: request.sourceNodeId, sourceName: name, pageId: "0:1", frames };
        }
        case "export-variant-source": {
          const frame = h.selection.kind === "fill-target" ? { width: h.selection.spec.width, height: h.selection.spec.height } : { width: 1, height: 1 };
          return h.variantSource || { kind: "none", png: null, box: null, elementId: null, frame, recipe: null };
        }
        case "place-variant-background": placed += 1; return { nodeId: "background:" + placed, name: "✦ background" };
        case "export-inpaint-sources":
          if (!h.inpaintSources) throw Object.assign(new Error("Select an image and a shape drawn over it."), { code: "no_inpaint_selection" });
          return h.inpaintSources;
        case "place-inpaint-patch": placed += 1; return { nodeId: "patch:" + placed, name: "✦ " + request.recipe.promptTyped, hiddenShapeIds: request.target.shapeIds };
        default: throw Object.assign(new Error("Unknown request " + request.type), { code: "unknown_request" });
      }
    },
  };
  window.addEventListener("message", (event) => {
    if (event.source !== iframe.contentWindow) return;
    const message = event.data && event.data.pluginMessage;
    if (!message || message.kind !== "request") return;
    h.requests.push(message.request);
    const failure = h.failures[message.request.type];
    if (failure) {
      delete h.failures[message.request.type];
      post({ kind: "response", id: message.id, ok: false, error: failure });
      return;
    }
    try {
      post({ kind: "response", id: message.id, ok: true, value: h.answer(message.request) });
    } catch (error) {
      post({ kind: "response", id: message.id, ok: false, error: { code: error.code || "error", message: error.message } });
    }
  });
  window.harness = h;
})();
</script>
</body></html>`;
