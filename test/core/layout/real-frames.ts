import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildFrameSpec } from "../../../src/core/frame-spec/build-frame-spec.js";
import type { FrameSpec } from "../../../src/core/frame-spec/frame-spec.js";
import { specNodeFromRest } from "../../../src/core/frame-spec/spec-node-from-rest.js";
import type { SpecNode } from "../../../src/core/frame-spec/spec-node.js";

export const FIGMA_REST_DIR = "/work/shared/fixtures/figma-rest";

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

/** Top-level frames of a REST document: frames on a page, or the frame a nodes response or bare node holds. */
function topLevelFrames(json: RestLike): RestLike[] {
  const roots = json.nodes ? Object.values(json.nodes).flatMap((n) => (n.document ? [n.document] : [])) : json.document ? [json.document] : [json];
  const out: RestLike[] = [];
  const walk = (n: RestLike) => {
    if (n.type === "FRAME") out.push(n);
    else if (n.type === "DOCUMENT" || n.type === "CANVAS") (n.children ?? []).forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

let cache: RealFrame[] | null = null;

/** FrameSpecs of every ad-like top-level frame in the real Figma REST fixtures (21 frames). */
export function loadRealFrames(): RealFrame[] {
  if (cache) return cache;
  cache = AD_DOCUMENTS.flatMap(({ file, names }) => {
    const json = JSON.parse(readFileSync(join(FIGMA_REST_DIR, file), "utf8")) as RestLike;
    return topLevelFrames(json)
      .filter((f) => !names || names.includes(f.name ?? ""))
      .map((f) => {
        const root = specNodeFromRest(f);
        return { file, id: f.id!, name: f.name!, spec: buildFrameSpec(root, "0:1"), root };
      });
  });
  return cache;
}
