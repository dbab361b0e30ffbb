/** A row of toggle buttons choosing one sort order; `sorts` are [id, label, ...] tuples. */
export function SortButtons({
  sorts,
  sort,
  onSort,
}: {
  readonly sorts: readonly (readonly [string, string, ...unknown[]])[];
  readonly sort: string;
  readonly onSort: (id: string) => void;
}) {
  return (
    <div className="inline sort-buttons" role="group" aria-label="Sort by">
      {sorts.map(([id, label]) => (
        <button key={id} type="button" className="btn btn-small" aria-pressed={sort === id} onClick={() => onSort(id)}>
          {label}
        </button>
      ))}
    </div>
  );
}
