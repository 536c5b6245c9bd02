import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildFrameSpec } from "../../../src/core/frame-spec/build-frame-spec.js";
import type { FrameSpec } from "../../../src/core/frame-spec/frame-spec.js";
import { specNodeFromRest } from "../../../src/core/frame-spec/spec-node-from-rest.js";
import type { SpecNode } from "../../../src/core/frame-spec/spec-node.js";
import { fixturePath } from "../../fixtures/fixture-path.js";

export const FIGMA_REST_DIR = fixturePath("figma-rest");

/** The ad-like documents and which of their top-level frames to use (all, or those named). */
const AD_DOCUMENTS: { file: string; names?: string[] }[] = [
  { file: "fefeding-figma2html__effects-test-banners__file.json" },
  { file: "fefeding-figma2html__poster-templates-750w__document-node.json" },
  { file: "fefeding-figma2html__marketing-campaign-poster-725x1000__frame-node.json" },
  { file: "GLips-Figma-Context-MCP__oddit-hero-1440x616__nodes.json" },
  { file: "1yhy-Figma-Context-MCP__card-322x523__nodes.json" },
  // The Design Tokens Demo's pages are swatches and type specimens; its 1920×960 cover is a banner.
  { file: "psingley-fig4ai__design-tokens-demo-community__file.json", names: ["Cover"] },
];

export interface RealFrame {
  file: string;
  id: string;
  name: string;
  spec: FrameSpec;
  /** The frame's layer tree the spec was built from. */
  root: SpecNode;
}

interface RestLike {
  type?: string;
  id?: string;
  name?: string;
  children?: RestLike[];
  document?: RestLike;
  nodes?: Record<string, { document?: RestLike }>;
}

/**
 * Node types that are frames where they sit on a page: they carry a frame's look (fills, strokes,
 * corners, clipping) and children, and `brandfill variants --node` lays any of them out. A
 * COMPONENT_SET (the box holding a component's variants) is one too: it is a frame in the plugin
 * API's sense (`ComponentSetNode` has `BaseFrameMixin`, @figma/plugin-typings plugin-api.d.ts).
 */
const FRAME_TYPES = new Set(["FRAME", "COMPONENT", "COMPONENT_SET", "INSTANCE"]);

/** A node on a page that is not a frame, with why it is not laid out. */
export interface SkippedNode {
  file: string;
  id: string;
  name: string;
  type: string;
  reason: string;
}

/**
 * The top-level frames of a REST document, precisely: the nodes sitting directly on a page —
 * a page (CANVAS) being a file's page, a nodes response's node whose document is a CANVAS, or the
 * page a DOCUMENT holds — whose type is in {@link FRAME_TYPES}; a SECTION on a page is not a frame
 * but a region holding frames, so its children are judged by the same rule (sections nest). A
 * nodes response's or a bare node's own root, when it is not a page or a document, is the one
 * node asked for: a frame if its type is in FRAME_TYPES. Everything else found where a frame
 * could sit (a RECTANGLE, a TEXT, a GROUP on the canvas) is returned in `skipped` with a reason.
 */
function topLevelFrames(json: RestLike, file: string): { frames: RestLike[]; skipped: SkippedNode[] } {
  const roots = json.nodes ? Object.values(json.nodes).flatMap((n) => (n.document ? [n.document] : [])) : json.document ? [json.document] : [json];
  const frames: RestLike[] = [];
  const skipped: SkippedNode[] = [];
  const onPage = (n: RestLike) => {
    if (FRAME_TYPES.has(n.type ?? "")) frames.push(n);
    else if (n.type === "SECTION") (n.children ?? []).forEach(onPage);
    else skipped.push({ file, id: n.id ?? "", name: n.name ?? "", type: n.type ?? "", reason: `a ${n.type} on the page, not a frame: variants are made from frames` });
  };
  const walk = (n: RestLike) => {
    if (n.type === "DOCUMENT") (n.children ?? []).forEach(walk);
    else if (n.type === "CANVAS") (n.children ?? []).forEach(onPage);
    else onPage(n);
  };
  roots.forEach(walk);
  return { frames, skipped };
}

function realFrame(file: string, f: RestLike): RealFrame {
  const root = specNodeFromRest(f);
  return { file, id: f.id!, name: f.name!, spec: buildFrameSpec(root, "0:1"), root };
}

function readDocument(file: string): RestLike {
  return JSON.parse(readFileSync(join(FIGMA_REST_DIR, file), "utf8")) as RestLike;
}

let cache: RealFrame[] | null = null;

/** FrameSpecs of every ad-like top-level frame in the real Figma REST fixtures (21 frames). */
export function loadRealFrames(): RealFrame[] {
  if (cache) return cache;
  cache = AD_DOCUMENTS.flatMap(({ file, names }) =>
    topLevelFrames(readDocument(file), file)
      .frames.filter((f) => f.type === "FRAME" && (!names || names.includes(f.name ?? "")))
      .map((f) => realFrame(file, f)),
  );
  return cache;
}

let all: { frames: RealFrame[]; skipped: SkippedNode[] } | null = null;

/**
 * Every top-level frame (see {@link topLevelFrames}) of every document in the figma-rest fixture
 * folder, ad-like or not (a 1440×2903 portfolio page, swatch sheets, component sets), and the
 * top-level nodes that are not frames, each with its reason.
 */
export function loadAllFrames(): { frames: RealFrame[]; skipped: SkippedNode[] } {
  if (all) return all;
  const files = readdirSync(FIGMA_REST_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort();
  const found = files.map((file) => ({ file, ...topLevelFrames(readDocument(file), file) }));
  all = { frames: found.flatMap(({ file, frames }) => frames.map((f) => realFrame(file, f))), skipped: found.flatMap((d) => d.skipped) };
  return all;
}
