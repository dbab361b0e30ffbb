import { useVirtualizer } from '@tanstack/react-virtual';
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_greaterThanOrEqualTo,
  functionalUpdate,
  filterFn_includesString,
  globalFilteringFeature,
  metaHelper,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type Column,
  type ColumnFiltersState,
  type ColumnVisibilityState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useRef } from 'react';
import { cutCodePoints } from '../../core/input-text';
import { MAX_DECODE_FILTER } from '../../url/link-limits';
import {
  isTableColumnId,
  MAX_TABLE_TEXT,
  MIN_FILTER_COLUMNS,
  TEXT_FILTER_COLUMNS,
  type TableFilter,
  type TableState,
} from '../../url/table-state';
import { VerdictBadge } from '../../components/verdict-badge';
import { formatFixed, formatSig3 } from '../../view-models/format-units';
import { rowsToCsv, type ComparisonRow } from '../../view-models/table-rows';

/** The comparison table (lazily loaded): sortable, searchable, filterable, virtualised, CSV export. */

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  columnVisibilityFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  sortFns: { text: sortFn_text, alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  filterFns: { includesString: filterFn_includesString, greaterThanOrEqualTo: filterFn_greaterThanOrEqualTo },
  columnMeta: metaHelper<{ filter?: 'text' | 'min'; numeric?: boolean; label: string }>(),
});
type Features = typeof features;

const col = createColumnHelper<Features, ComparisonRow>();
const gib = (v: number) => formatFixed(v, 1);
const VERDICT_ORDER = { fits: 0, tight: 1, offload: 2, no: 3 } as const;

const columns = col.columns([
  col.accessor('model', { header: 'Model', filterFn: 'includesString', meta: { filter: 'text', label: 'Model' } }),
  col.accessor('gpu', { header: 'GPUs', filterFn: 'includesString', meta: { filter: 'text', label: 'GPUs' } }),
  col.accessor('format', { header: 'Format', filterFn: 'includesString', meta: { filter: 'text', label: 'Format' } }),
  // The answer (verdict, decode speed) right after what the row is, so it stays in view on narrow screens.
  col.accessor('verdict', {
    header: 'Verdict',
    filterFn: 'includesString',
    sortFn: (a, b) => VERDICT_ORDER[a.original.verdict] - VERDICT_ORDER[b.original.verdict],
    cell: (i) => <VerdictBadge verdict={i.getValue()} />,
    meta: { filter: 'text', label: 'Verdict' },
  }),
  col.accessor((r) => r.decodeTokensPerSecond ?? -1, {
    id: 'decode',
    header: 'Decode tok/s',
    filterFn: 'greaterThanOrEqualTo',
    cell: (i) => (i.getValue() < 0 ? '–' : formatSig3(i.getValue())),
    meta: { filter: 'min', numeric: true, label: 'Decode (tok/s)' },
  }),
  col.accessor('totalGiB', {
    header: 'Needed GiB',
    cell: (i) => gib(i.getValue()),
    meta: { numeric: true, label: 'Needed (GiB)' },
  }),
  col.accessor('spareGiB', {
    header: 'Spare GiB',
    cell: (i) => gib(i.getValue()),
    meta: { numeric: true, label: 'Spare (GiB)' },
  }),
  col.accessor('weightsGiB', {
    header: 'Weights GiB',
    cell: (i) => gib(i.getValue()),
    meta: { numeric: true, label: 'Weights (GiB)' },
  }),
  col.accessor('kvCacheGiB', {
    header: 'KV GiB',
    cell: (i) => gib(i.getValue()),
    meta: { numeric: true, label: 'KV cache (GiB)' },
  }),
  col.accessor('bitsPerWeight', {
    header: 'Bits/w',
    sortDescFirst: false,
    cell: (i) => formatFixed(i.getValue(), 2),
    meta: { numeric: true, label: 'Bits per weight' },
  }),
  col.accessor((r) => r.prefillTokensPerSecond ?? -1, {
    id: 'prefill',
    header: 'Prefill tok/s',
    cell: (i) => (i.getValue() < 0 ? '–' : formatSig3(i.getValue())),
    meta: { numeric: true, label: 'Prefill (tok/s)' },
  }),
  // Serve task only: the most concurrent users who each get the floor.
  col.accessor((r) => r.maxUsersAtFloor ?? -1, {
    id: 'maxUsers',
    header: 'Max users',
    filterFn: 'greaterThanOrEqualTo',
    cell: (i) => (i.getValue() < 0 ? '–' : i.getValue().toLocaleString('en-US')),
    meta: { filter: 'min', numeric: true, label: 'Max users at the floor' },
  }),
]);

type TableColumn = Column<Features, ComparisonRow>;

function ariaSort(column: TableColumn) {
  const dir = column.getIsSorted();
  return dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none';
}

function ColumnFilter({ column }: { readonly column: TableColumn }) {
  const meta = column.columnDef.meta;
  const v = column.getFilterValue();
  if (meta?.filter === 'min') {
    return (
      <input
        className="column-filter"
        type="number"
        min={0}
        max={MAX_DECODE_FILTER}
        placeholder="min"
        aria-label={`Minimum ${meta.label}`}
        value={typeof v === 'number' ? v : ''}
        onChange={(e) => column.setFilterValue(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    );
  }
  if (meta?.filter === 'text') {
    return (
      <input
        className="column-filter"
        type="search"
        placeholder="filter"
        aria-label={`Filter ${meta.label}`}
        value={typeof v === 'string' ? v : ''}
        onChange={(e) => column.setFilterValue(e.target.value)}
      />
    );
  }
  return null;
}

const ROW_HEIGHT = 36;

interface Props {
  readonly rows: readonly ComparisonRow[];
  /** Sort, search, filters and hidden columns: kept in the link, so a shared table opens as it was. */
  readonly state: TableState;
  readonly onState: (next: TableState) => void;
  /** The Serve task's speed floor: shows the max-users column; null in the Run task. */
  readonly servingFloor: number | null;
}

function toFilters(state: ColumnFiltersState): TableFilter[] {
  const out: TableFilter[] = [];
  for (const f of state) {
    if (!isTableColumnId(f.id)) continue;
    if (TEXT_FILTER_COLUMNS.includes(f.id) && typeof f.value === 'string' && f.value)
      out.push({ id: f.id, value: cutCodePoints(f.value, MAX_TABLE_TEXT) });
    // A minimum above what a link keeps filters out the same rows as the limit itself.
    if (MIN_FILTER_COLUMNS.includes(f.id) && typeof f.value === 'number' && Number.isFinite(f.value) && f.value >= 0)
      out.push({ id: f.id, value: Math.min(f.value, MAX_DECODE_FILTER) });
  }
  return out;
}

export default function ComparisonTable({ rows, state, onState, servingFloor }: Props) {
  const sorting: SortingState = state.sort.map((s) => ({ id: s.id, desc: s.desc }));
  const columnFilters: ColumnFiltersState = state.filters.map((f) => ({ id: f.id, value: f.value }));
  const columnVisibility: ColumnVisibilityState = {
    ...Object.fromEntries(state.hidden.map((id) => [id, false])),
    ...(servingFloor === null ? { maxUsers: false } : {}),
  };
  const table = useTable({
    features,
    columns,
    data: [...rows],
    getRowId: (r) => r.id,
    state: { sorting, globalFilter: state.search, columnFilters, columnVisibility },
    onSortingChange: (u: Updater<SortingState>) =>
      onState({
        ...state,
        sort: functionalUpdate(u, sorting).flatMap((s) => (isTableColumnId(s.id) ? [{ id: s.id, desc: s.desc }] : [])),
      }),
    onGlobalFilterChange: (u: Updater<unknown>) => {
      const next = functionalUpdate(u, state.search);
      onState({ ...state, search: typeof next === 'string' ? cutCodePoints(next, MAX_TABLE_TEXT) : '' });
    },
    onColumnFiltersChange: (u: Updater<ColumnFiltersState>) =>
      onState({ ...state, filters: toFilters(functionalUpdate(u, columnFilters)) }),
    onColumnVisibilityChange: (u: Updater<ColumnVisibilityState>) =>
      onState({
        ...state,
        hidden: Object.entries(functionalUpdate(u, columnVisibility)).flatMap(([id, visible]) =>
          !visible && isTableColumnId(id) && (id !== 'maxUsers' || servingFloor !== null) ? [id] : [],
        ),
      }),
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const visibleRows = table.getRowModel().rows;
  // TanStack Virtual returns fresh functions each render; this component is not memoised by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visibleRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => visibleRows[i]?.id ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const search: unknown = table.state.globalFilter;
  const colCount = table.getVisibleLeafColumns().length;

  const exportCsv = () => {
    const csv = rowsToCsv(table.getPrePaginatedRowModel().rows.map((r) => r.original));
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'headroom-comparison.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="comparison">
      <div className="table-toolbar">
        <input
          type="search"
          className="table-search"
          placeholder="Search all columns"
          aria-label="Search the table"
          value={typeof search === 'string' ? search : ''}
          onChange={(e) => table.setGlobalFilter(e.target.value)}
        />
        <span className="table-count" role="status">
          {visibleRows.length} of {rows.length} row{rows.length === 1 ? '' : 's'}
        </span>
        <details className="column-menu">
          <summary className="btn btn-small">Columns</summary>
          <div className="column-menu-list">
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide() && (c.id !== 'maxUsers' || servingFloor !== null))
              .map((c) => (
                <label key={c.id} className="check">
                  <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
                  {c.columnDef.meta?.label ?? c.id}
                </label>
              ))}
          </div>
        </details>
        <button type="button" className="btn btn-small" onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <div className="table-wrap table-scroll" ref={scrollRef}>
        <table className="data-table sticky-head" data-testid="comparison-table">
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((header) => (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={ariaSort(header.column)}
                    className={header.column.columnDef.meta?.numeric ? 'num' : undefined}
                  >
                    <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                      <table.FlexRender header={header} />
                      <span aria-hidden="true" className="sort-mark">
                        {{ asc: '▲', desc: '▼', none: '' }[header.column.getIsSorted() || 'none']}
                      </span>
                    </button>
                    <ColumnFilter column={header.column} />
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true">
                <td colSpan={colCount} style={{ height: padTop, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const row = visibleRows[item.index];
              if (!row) return null;
              return (
                <tr key={row.id} style={{ height: ROW_HEIGHT }}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'num' : undefined}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true">
                <td colSpan={colCount} style={{ height: padBottom, padding: 0, border: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
