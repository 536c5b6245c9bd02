// Runs in the plugin iframe: the Compare tab (placeholder).
export function CompareTab(_props: Record<string, unknown>) {
  return <div>Compare</div>;
}
