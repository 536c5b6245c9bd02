// Runs in the Figma sandbox (pure).

/** A node type as words for a sentence: "BOOLEAN_OPERATION" → "boolean operation", "FRAME" → "frame". */
export function nodeTypeWords(type: NodeType): string {
  return type.toLowerCase().replace(/_/g, " ");
}
