/**
 * The comparison table's sort, search, filters and hidden columns, kept in the link so a shared
 * table opens sorted and filtered as it was. Parsed field by field like the rest of the link.
 */

export const TABLE_COLUMN_IDS = [
  'model',
  'gpu',
  'format',
  'bitsPerWeight',
  'verdict',
  'weightsGiB',
  'kvCacheGiB',
  'totalGiB',
  'spareGiB',
  'decode',
  'prefill',
  'maxUsers',
] as const;
export type TableColumnId = (typeof TABLE_COLUMN_IDS)[number];

/** Columns filtered by a contained string, and by a minimum number. */
export const TEXT_FILTER_COLUMNS: readonly TableColumnId[] = ['model', 'gpu', 'format', 'verdict'];
export const MIN_FILTER_COLUMNS: readonly TableColumnId[] = ['decode', 'maxUsers'];

export interface TableFilter {
  readonly id: TableColumnId;
  readonly value: string | number;
}

export interface TableState {
  readonly sort: readonly { readonly id: TableColumnId; readonly desc: boolean }[];
  readonly search: string;
  readonly filters: readonly TableFilter[];
  readonly hidden: readonly TableColumnId[];
}

export const DEFAULT_TABLE: TableState = { sort: [], search: '', filters: [], hidden: [] };

/** Longest search or filter text a link keeps. */
export const MAX_TABLE_TEXT = 100;

export function isTableColumnId(id: string): id is TableColumnId {
  return (TABLE_COLUMN_IDS as readonly string[]).includes(id);
}

const FILTER_PREFIX = 'tf-';

/** Reads ts (sort), tq (search), tf-<column> (filters) and th (hidden columns). */
export function parseTableState(params: URLSearchParams, notices: string[]): TableState {
  const sort: { id: TableColumnId; desc: boolean }[] = [];
  const rawSort = params.get('ts');
  if (rawSort !== null) {
    for (const part of rawSort.split(',').filter(Boolean)) {
      const [id = '', dir = ''] = part.split('.');
      if (isTableColumnId(id) && (dir === 'a' || dir === 'd') && !sort.some((s) => s.id === id))
        sort.push({ id, desc: dir === 'd' });
      else notices.push(`Ignored table sort '${part}': use a column name and .a or .d.`);
    }
  }

  let search = '';
  const rawSearch = params.get('tq');
  if (rawSearch !== null) {
    if (rawSearch.length <= MAX_TABLE_TEXT) search = rawSearch;
    else notices.push(`Ignored the table search: it is longer than ${MAX_TABLE_TEXT} characters.`);
  }

  const filters: TableFilter[] = [];
  for (const [key, raw] of params) {
    if (!key.startsWith(FILTER_PREFIX)) continue;
    const id = key.slice(FILTER_PREFIX.length);
    if (isTableColumnId(id) && TEXT_FILTER_COLUMNS.includes(id) && raw.length <= MAX_TABLE_TEXT) {
      if (raw) filters.push({ id, value: raw });
    } else if (isTableColumnId(id) && MIN_FILTER_COLUMNS.includes(id) && /^\d+(?:\.\d+)?$/.test(raw)) {
      filters.push({ id, value: Number(raw) });
    } else {
      notices.push(`Ignored table filter '${key}=${raw.slice(0, 40)}'.`);
    }
  }

  const hidden: TableColumnId[] = [];
  const rawHidden = params.get('th');
  if (rawHidden !== null) {
    for (const id of rawHidden.split(',').filter(Boolean)) {
      if (isTableColumnId(id)) {
        if (!hidden.includes(id)) hidden.push(id);
      } else notices.push(`Ignored unknown table column '${id}'.`);
    }
  }
  return { sort, search, filters, hidden };
}

/** The table's fields of the query string; none when the table is in its default state. */
export function serializeTableState(t: TableState): [string, string][] {
  const parts: [string, string][] = [];
  if (t.sort.length) parts.push(['ts', t.sort.map((s) => `${s.id}.${s.desc ? 'd' : 'a'}`).join(',')]);
  if (t.search) parts.push(['tq', t.search]);
  for (const f of t.filters) parts.push([`${FILTER_PREFIX}${f.id}`, String(f.value)]);
  if (t.hidden.length) parts.push(['th', t.hidden.join(',')]);
  return parts;
}
