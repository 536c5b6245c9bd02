// Runs in Node: the frame a command works on, read from a Figma REST response file.
import { buildFrameSpec } from "../core/frame-spec/build-frame-spec.js";
import type { FrameSpec } from "../core/frame-spec/frame-spec.js";
import { findRestFrame, specNodeFromRest } from "../core/frame-spec/spec-node-from-rest.js";
import { CommandError, readInputAsync } from "./cli-files.js";

/** A frame read from a REST file: its FrameSpec (as main would read it in Figma) and the REST node itself. */
export interface RestFrame {
  readonly spec: FrameSpec;
  readonly node: unknown;
}

interface RestTreeNode {
  id?: string;
  type?: string;
  children?: RestTreeNode[];
  document?: RestTreeNode;
  nodes?: Record<string, { document?: RestTreeNode } | null>;
}

/**
 * Reads a Figma REST response (`GET /v1/files/:key/nodes`, `GET /v1/files/:key`, or one node of
 * either) and builds the FrameSpec of the frame with id `nodeId`, or of the first frame
 * (`findRestFrame`). The page id is the CANVAS holding the frame ("" for a bare node).
 *
 * @throws CommandError with a sentence when the file cannot be read, is not JSON, holds no frame,
 *   or has no node `nodeId`.
 */
export async function readRestFrameAsync(path: string, nodeId?: string): Promise<RestFrame> {
  const text = new TextDecoder().decode(await readInputAsync(path, "the frame"));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CommandError(`“${path}” is not a JSON file: give a Figma REST API response (GET /v1/files/:key/nodes).`);
  }
  try {
    const { node, pageId } = locateFrame(json, nodeId);
    return { spec: buildFrameSpec(specNodeFromRest(node), pageId), node };
  } catch (error) {
    throw new CommandError(`Could not read the frame from “${path}”: ${(error as Error).message}`);
  }
}

/** The frame to lay out (by id, or the first frame as `findRestFrame` picks it) and the page holding it. */
function locateFrame(json: unknown, nodeId: string | undefined): { node: unknown; pageId: string } {
  const wanted = nodeId ? undefined : findRestFrame(json);
  const doc = json as RestTreeNode;
  const roots = doc.nodes ? Object.values(doc.nodes).flatMap((n) => (n?.document ? [n.document] : [])) : doc.document ? [doc.document] : [doc];
  const queue: { node: RestTreeNode; pageId: string }[] = roots.map((node) => ({ node, pageId: "" }));
  while (queue.length > 0) {
    const { node, pageId } = queue.shift()!;
    if (nodeId ? node.id === nodeId : node === wanted) return { node, pageId };
    const page = node.type === "CANVAS" && node.id ? node.id : pageId;
    for (const child of node.children ?? []) queue.push({ node: child, pageId: page });
  }
  if (nodeId) throw new Error(`there is no node with id ${nodeId} in it.`);
  return { node: wanted, pageId: "" };
}
