/** Holds a lazily loaded chart's exact size so nothing moves when it arrives. */
export function ChartPlaceholder({ height, label }: { readonly height: number; readonly label: string }) {
  return (
    <div className="chart-placeholder" style={{ height }} role="status" aria-label={`Loading ${label}`}>
      <span aria-hidden="true">Loading {label}…</span>
    </div>
  );
}
