import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildFrameSpec } from "../core/frame-spec/build-frame-spec.js";
import type { FrameSpec } from "../core/frame-spec/frame-spec.js";
import { findRestFrame, specNodeFromRest } from "../core/frame-spec/spec-node-from-rest.js";
import { checkLayout } from "../core/layout/check-layout.js";
import type { LayoutResult } from "../core/layout/layout-result.js";
import { parseSizeList, type RequestedSize } from "../core/layout/parse-size-list.js";
import { relayout } from "../core/layout/relayout.js";
import { isPng } from "../core/raster/png-codec.js";

/** What the background generator is asked for, one size at a time. */
export interface BackgroundRequest {
  /** The source frame. */
  readonly spec: FrameSpec;
  /** The re-laid-out frame at the new size: its boxes are the keep-clear zones of the new background. */
  readonly layout: LayoutResult;
  readonly size: RequestedSize;
  /** The REST node the frame was read from (its image fills, its recipe). */
  readonly frameNode: unknown;
}

/** Injected collaborators of {@link variantsCommandAsync}. */
export interface VariantsDeps {
  /**
   * Makes the background PNG for one size (`layout.width × layout.height` pixels), or `null` when
   * the source has no background to extend. Without it, no PNG is written and the layout JSON
   * says `"background": null`.
   */
  readonly generateBackgroundAsync?: (request: BackgroundRequest) => Promise<Uint8Array | null>;
  /** Where result lines go (one JSON object per line); defaults to standard output. */
  readonly stdout?: (line: string) => void;
  /** Where errors and usage go; defaults to standard error. */
  readonly stderr?: (line: string) => void;
}

export const VARIANTS_USAGE = [
  "Usage: brandfill variants --frame frame.json --sizes 300x250,728x90,1080x1920 --out dir/ [--node 1:23]",
  "  --frame  a Figma REST response (GET /v1/files/:key/nodes or /v1/files/:key) or one node of it",
  "  --sizes  sizes as W×H, or preset ids such as iab-leaderboard or meta-stories, separated by commas",
  "  --out    the folder to write <w>x<h>.layout.json (and <w>x<h>.png) into; created if missing",
  "  --node   the id of the frame to use when the file holds several (default: the first frame)",
].join("\n");

const FLAGS = new Set(["frame", "sizes", "out", "node"]);

/**
 * `brandfill variants`: lays a Figma frame out for each requested size with the same core code
 * as the plugin, writing per size `<out>/<w>x<h>.layout.json` (`<w>x<h>-<preset>` for a preset
 * id) holding every element's id, role, box and font size, the dropped elements with reasons,
 * warnings and any broken layout rule, and, when `deps.generateBackgroundAsync` is given,
 * `<w>x<h>.png`. Prints one JSON line per size to stdout, in the order asked.
 *
 * @param args the arguments after `variants` (a leading `variants` is skipped).
 * @returns 0 when every size was written; 1 when the frame could not be read or a background
 *   failed (its layout is still written); 2 for bad arguments (a sentence and the usage on stderr).
 */
export async function variantsCommandAsync(args: string[], deps: VariantsDeps = {}): Promise<number> {
  const out = deps.stdout ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = deps.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const parsed = parseArgs(args[0] === "variants" ? args.slice(1) : args);
  if ("error" in parsed) {
    err(`${parsed.error}\n${VARIANTS_USAGE}`);
    return 2;
  }
  const { frame: framePath, out: outDir, node: nodeId } = parsed;
  let sizes: RequestedSize[];
  try {
    sizes = parseSizeList(parsed.sizes);
  } catch (e) {
    err(`${(e as Error).message}\n${VARIANTS_USAGE}`);
    return 2;
  }

  let spec: FrameSpec;
  let frameNode: unknown;
  try {
    const json: unknown = JSON.parse(await readFile(framePath, "utf8"));
    const found = locateFrame(json, nodeId);
    frameNode = found.node;
    spec = buildFrameSpec(specNodeFromRest(found.node), found.pageId);
  } catch (e) {
    err(`Could not read the frame from ${framePath}: ${messageOf(e)}`);
    return 1;
  }
  await mkdir(outDir, { recursive: true });

  let failed = false;
  const lines: (string | undefined)[] = [];
  let printed = 0;
  const flush = () => {
    while (printed < lines.length && lines[printed] !== undefined) out(lines[printed++]!);
  };
  lines.length = sizes.length;
  // Sizes run together so slow backgrounds overlap; rate limits are the generator's business.
  await Promise.all(sizes.map(async (size, i) => {
    const base = `${size.width}x${size.height}${size.presetId ? `-${size.presetId}` : ""}`;
    const target = { width: size.width, height: size.height, ...(size.safeZone ? { safeZone: size.safeZone } : {}) };
    const layout = relayout(spec, target);
    const violations = checkLayout(layout, target, spec);
    let background: string | null = null;
    let backgroundError: string | undefined;
    if (deps.generateBackgroundAsync) {
      try {
        const png = await deps.generateBackgroundAsync({ spec, layout, size, frameNode });
        if (png && !isPng(png)) throw new Error("the background generator returned something that is not a PNG");
        if (png) {
          background = `${base}.png`;
          await writeFile(join(outDir, background), png);
        }
      } catch (e) {
        backgroundError = `The background for ${size.width}×${size.height} failed: ${messageOf(e)}`;
        failed = true;
      }
    }
    const layoutFile = `${base}.layout.json`;
    const document = {
      source: { nodeId: spec.nodeId, name: spec.name, width: spec.width, height: spec.height },
      size: { width: size.width, height: size.height, presetId: size.presetId ?? null, safeZone: size.safeZone ?? null },
      template: layout.template,
      elements: layout.elements,
      dropped: layout.dropped,
      warnings: layout.warnings,
      violations,
      background,
      ...(backgroundError ? { backgroundError } : {}),
    };
    await writeFile(join(outDir, layoutFile), `${JSON.stringify(document, null, 2)}\n`);
    lines[i] = JSON.stringify({
      size: `${size.width}x${size.height}`,
      preset: size.presetId ?? null,
      template: layout.template,
      layout: join(outDir, layoutFile),
      background: background ? join(outDir, background) : null,
      elements: layout.elements.length,
      dropped: layout.dropped.map((d) => d.reason),
      warnings: layout.warnings,
      violations: violations.length,
      ...(backgroundError ? { error: backgroundError } : {}),
    });
    flush();
  }));
  return failed ? 1 : 0;
}

type ParsedArgs = { frame: string; sizes: string; out: string; node?: string } | { error: string };

function parseArgs(args: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") return { error: "brandfill variants lays a Figma frame out for other ad sizes." };
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m || !FLAGS.has(m[1]!)) return { error: `Unknown argument "${arg}".` };
    const value = m[2] ?? args[++i];
    if (value === undefined || value === "" || (m[2] === undefined && value.startsWith("--"))) return { error: `--${m[1]} needs a value.` };
    values.set(m[1]!, value);
  }
  const missing = ["frame", "sizes", "out"].filter((f) => !values.has(f));
  if (missing.length > 0) return { error: `Missing ${missing.map((f) => `--${f}`).join(", ")}.` };
  return { frame: values.get("frame")!, sizes: values.get("sizes")!, out: values.get("out")!, ...(values.has("node") ? { node: values.get("node")! } : {}) };
}

interface Located {
  node: unknown;
  pageId: string;
}

interface RestTreeNode {
  id?: string;
  type?: string;
  children?: RestTreeNode[];
  document?: RestTreeNode;
  nodes?: Record<string, { document?: RestTreeNode }>;
}

/** The frame to lay out (by id, or the first frame as `findRestFrame` picks it) and the page holding it. */
function locateFrame(json: unknown, nodeId: string | undefined): Located {
  const wanted = nodeId ? undefined : findRestFrame(json);
  const doc = json as RestTreeNode;
  const roots = doc.nodes ? Object.values(doc.nodes).flatMap((n) => (n?.document ? [n.document] : [])) : doc.document ? [doc.document] : [doc];
  const stack: { node: RestTreeNode; pageId: string }[] = roots.map((node) => ({ node, pageId: "" }));
  while (stack.length > 0) {
    const { node, pageId } = stack.shift()!;
    if (nodeId ? node.id === nodeId : node === wanted) return { node, pageId };
    const page = node.type === "CANVAS" && node.id ? node.id : pageId;
    for (const child of node.children ?? []) stack.push({ node: child, pageId: page });
  }
  if (nodeId) throw new Error(`there is no node with id ${nodeId} in it.`);
  return { node: wanted, pageId: "" };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
