// Runs in the plugin iframe: the History tab (placeholder).
export function HistoryTab(_props: Record<string, unknown>) {
  return <div>History</div>;
}
