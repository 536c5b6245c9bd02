#!/bin/bash
# 20.4: panel pieces used by several tabs move from ui/app/fill to ui/app/shared. Run from the repo root
# on a clean tree, then `npx tsc -p ui/tsconfig.json && npm run build`. Fails loudly where a line it
# expects has changed since main 5c366dd (then apply that one rewrite by hand; tsc names the file).
set -euo pipefail
MOVED=(estimate-run.ts frame-summary.tsx mini-map.tsx progress-view.tsx use-fill-form.ts)
for f in "${MOVED[@]}"; do git mv "ui/app/fill/$f" "ui/app/shared/$f"; done

# pngDataUrl, RunState and PlacedLayer leave use-fill-job.ts (Fill's own hook): one small file each.
cat > ui/app/shared/png-data-url.ts <<'TS'
// Runs in the plugin iframe: how every tab shows PNG bytes in an <img>.
import { encodeBase64 } from "../../../src/core/encoding/base64.js";

/** A PNG as a `data:` URL (works in Figma's null-origin iframe, unlike some blob: uses). */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${encodeBase64(png)}`;
}
TS
cat > ui/app/shared/run-state.ts <<'TS'
// Runs in the plugin iframe: a job tab's run, as its progress view shows it.

/** Idle, or running: the stage sentence, partial previews (`data:` URLs), the model's label and the image count. */
export type RunState = { kind: "idle" } | { kind: "running"; stage: string; partials: string[]; modelLabel: string; n: number };
TS
cat > ui/app/shared/placed-layer.ts <<'TS'
// Runs in the plugin iframe: what a tab reports to History when it places a layer.
import type { GeneratedLayer } from "../history/generated-layer.js";

/** A placed layer, as History lists it. */
export type PlacedLayer = GeneratedLayer;
TS

python3 - <<'PY'
import pathlib, re, sys
def edit(path, pairs):
    f = pathlib.Path(path); s = f.read_text()
    for old, new in pairs:
        if old not in s: sys.exit(f"move-ui: {path} no longer has: {old!r}")
        s = s.replace(old, new)
    f.write_text(s)

edit("ui/app/fill/use-fill-job.ts", [
    ('/** A PNG as a `data:` URL (works in Figma\'s null-origin iframe, unlike some blob: uses). */\nexport function pngDataUrl(png: Uint8Array): string {\n  return `data:image/png;base64,${encodeBase64(png)}`;\n}\n\n', ""),
    ('export type RunState = { kind: "idle" } | { kind: "running"; stage: string; partials: string[]; modelLabel: string; n: number };\n\n/** A placed layer, as History lists it. */\nexport type PlacedLayer = GeneratedLayer;\n\n', ""),
    ('import { encodeBase64 } from "../../../src/core/encoding/base64.js";\n', ""),
    ('import type { GeneratedLayer } from "../history/generated-layer.js";\n',
     'import { pngDataUrl } from "../shared/png-data-url.js";\nimport type { PlacedLayer } from "../shared/placed-layer.js";\nimport type { RunState } from "../shared/run-state.js";\n'),
])
edit("ui/app/shared/progress-view.tsx", [('import type { RunState } from "./use-fill-job.js";', 'import type { RunState } from "./run-state.js";')])
edit("ui/app/shared/job-tab-props.ts", [('import type { PlacedLayer } from "../fill/use-fill-job.js";', 'import type { PlacedLayer } from "./placed-layer.js";')])
edit("ui/app/compare/use-compare.ts", [('import { pngDataUrl, type PlacedLayer } from "../fill/use-fill-job.js";',
    'import { pngDataUrl } from "../shared/png-data-url.js";\nimport type { PlacedLayer } from "../shared/placed-layer.js";')])
edit("ui/app/inpaint/use-inpaint-job.ts", [('import { pngDataUrl, type PlacedLayer, type RunState } from "../fill/use-fill-job.js";',
    'import { pngDataUrl } from "../shared/png-data-url.js";\nimport type { PlacedLayer } from "../shared/placed-layer.js";\nimport type { RunState } from "../shared/run-state.js";')])
edit("ui/app/app.tsx", [('import { pngDataUrl, useFillJob, type PlacedLayer } from "./fill/use-fill-job.js";',
    'import { useFillJob } from "./fill/use-fill-job.js";\nimport { pngDataUrl } from "./shared/png-data-url.js";\nimport type { PlacedLayer } from "./shared/placed-layer.js";')])

# Path rewrites for the five moved modules, wherever they are imported from (any later importer too).
moved = "estimate-run|frame-summary|mini-map|progress-view|use-fill-form"
for f in pathlib.Path("ui").rglob("*"):
    if f.suffix not in (".ts", ".tsx") : continue
    s = f.read_text(); o = s; rel = f.relative_to("ui").parts
    if rel[:2] == ("app", "shared") and len(rel) == 3:
        s = s.replace('"../shared/', '"./')
        s = re.sub(rf'"\.\./fill/({moved})\.js"', r'"./\1.js"', s)
    elif rel[:2] == ("app", "fill"):
        s = re.sub(rf'"\./({moved})\.js"', r'"../shared/\1.js"', s)
    elif rel[0] == "app" and len(rel) == 3:
        s = re.sub(rf'"\.\./fill/({moved})\.js"', r'"../shared/\1.js"', s)
    elif rel[0] == "app" and len(rel) == 2:
        s = re.sub(rf'"\./fill/({moved})\.js"', r'"./shared/\1.js"', s)
    if s != o: f.write_text(s); print("rewrote", f)
PY
if grep -rnE '"(\.\./|\./)?fill/(estimate-run|frame-summary|mini-map|progress-view|use-fill-form)\.js"|fill/use-fill-job\.js".*(pngDataUrl|PlacedLayer|RunState)' ui test bench; then echo "move-ui: imports above still point into ui/app/fill" >&2; exit 1; fi
