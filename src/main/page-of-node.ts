// Runs in the Figma sandbox.

/** The page a node is on, or null when it is not on one (removed, or the document itself). */
export function pageOfNode(node: BaseNode): PageNode | null {
  let n: BaseNode | null = node;
  while (n && n.type !== "PAGE") n = n.parent;
  return n as PageNode | null;
}
