#!/bin/bash
# 20.4: JobTarget moves out of plugin-messages.ts into its own module, which cuts the
# plugin-messages.ts ↔ variant-messages.ts circle (variant-messages only needed JobTarget's type).
set -euo pipefail
cat > src/core/protocol/job-target.ts <<'TS'
// valibot (imported as a namespace, tree-shaken): this schema ships in the sandbox bundle, where every kilobyte counts.
import * as v from "valibot";
import { FiniteNumber } from "../schema/finite-number.js";

/** Where a job's result must land, captured when the job starts (the selection may change). */
export const JobTarget = v.object({
  nodeId: v.string(),
  pageId: v.string(),
  /** Size in points of the target node when the job started. */
  width: v.pipe(FiniteNumber, v.gtValue(0)),
  height: v.pipe(FiniteNumber, v.gtValue(0)),
});
export type JobTarget = v.InferOutput<typeof JobTarget>;
TS
python3 - <<'PY'
import pathlib, re, sys
def edit(path, pairs):
    f = pathlib.Path(path); s = f.read_text()
    for old, new in pairs:
        if old not in s: sys.exit(f"break-cycle: {path} no longer has: {old!r}")
        s = s.replace(old, new, 1)
    f.write_text(s)
edit("src/core/protocol/plugin-messages.ts", [
    ('''/** Where a job's result must land, captured when the job starts (the selection may change). */
export const JobTarget = v.object({
  nodeId: v.string(),
  pageId: v.string(),
  /** Size in points of the target node when the job started. */
  width: v.pipe(FiniteNumber, v.gtValue(0)),
  height: v.pipe(FiniteNumber, v.gtValue(0)),
});
export type JobTarget = v.InferOutput<typeof JobTarget>;

''', ""),
    ('import { Recipe } from "./recipe.js";\n', 'import { JobTarget } from "./job-target.js";\nimport { Recipe } from "./recipe.js";\n'),
])
edit("src/core/variants/variant-messages.ts", [('import type { JobTarget } from "../protocol/plugin-messages.js";', 'import type { JobTarget } from "../protocol/job-target.js";')])
# Every other importer of JobTarget (src/jobs/run-fill-job.ts, src/main/place-fill.ts, src/main/place-variant-background.ts, any new one).
for f in list(pathlib.Path("src").rglob("*.ts")) + list(pathlib.Path("ui").rglob("*.ts*")) + list(pathlib.Path("test").rglob("*.ts")):
    s = f.read_text()
    m = re.search(r'import (type )?\{([^}]*)\} from "([./]*)core/protocol/plugin-messages\.js";', s) or re.search(r'import (type )?\{([^}]*)\} from "(\.\./)plugin-messages\.js";', s) if "JobTarget" in s else None
    if not m or "JobTarget" not in m.group(2) or f.name in ("plugin-messages.ts", "job-target.ts"): continue
    names = [n.strip() for n in m.group(2).split(",") if n.strip()]
    rest = [n for n in names if re.sub(r"^type\s+", "", n) != "JobTarget"]
    jt = [n for n in names if re.sub(r"^type\s+", "", n) == "JobTarget"][0]
    kw = m.group(1) or ""
    target = m.group(0).replace("plugin-messages.js", "job-target.js")
    new = f'import {kw}{{ {jt} }} from "' + target.split('from "')[1]
    if rest: new = f'import {kw}{{ {", ".join(rest)} }} from "' + m.group(0).split('from "')[1] + "\n" + new
    f.write_text(s.replace(m.group(0), new)); print("rewrote", f)
PY
