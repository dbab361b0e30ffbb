import { codePointLength, cutCodePoints, plainDecimal, quoteInput } from '../core/input-text';
import { MAX_DECODE_FILTER, MAX_TABLE_TEXT } from './link-limits';

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

export { MAX_TABLE_TEXT } from './link-limits';

export function isTableColumnId(id: string): id is TableColumnId {
  return (TABLE_COLUMN_IDS as readonly string[]).includes(id);
}

const FILTER_PREFIX = 'tf-';

/**
 * A text the link keeps, cut to MAX_TABLE_TEXT characters counted in code points: cutting UTF-16
 * units split emoji into lone surrogates, which made every later link fail to encode.
 */
function keptText(raw: string, what: string, notices: string[]): string {
  if (codePointLength(raw) <= MAX_TABLE_TEXT) return raw;
  notices.push(`Cut ${what} to its first ${MAX_TABLE_TEXT} characters, the most a link keeps.`);
  return cutCodePoints(raw, MAX_TABLE_TEXT);
}

/**
 * The minimum-decode filter: a plain or exponent-written number from 0 to MAX_DECODE_FILTER tok/s,
 * or null. Serialised in plain digits (serializeTableState), so what the table writes reads back.
 */
export function readMinFilter(raw: string): number | null {
  if (!/^\d{1,400}(?:\.\d{1,400})?(?:e[+-]?\d{1,3})?$/i.test(raw)) return null;
  const n = Number(raw);
  return n >= 0 && n <= MAX_DECODE_FILTER ? n : null;
}

/** Reads ts (sort), tq (search), tf-<column> (filters) and th (hidden columns). */
export function parseTableState(params: URLSearchParams, notices: string[]): TableState {
  const sort: { id: TableColumnId; desc: boolean }[] = [];
  const rawSort = params.get('ts');
  if (rawSort !== null) {
    for (const part of rawSort.split(',').filter(Boolean)) {
      const [id = '', dir = ''] = part.split('.');
      if (isTableColumnId(id) && (dir === 'a' || dir === 'd') && !sort.some((s) => s.id === id))
        sort.push({ id, desc: dir === 'd' });
      else notices.push(`Ignored table sort ${quoteInput(part)}: use a column name and .a or .d, each column once.`);
    }
  }

  let search = '';
  const rawSearch = params.get('tq');
  if (rawSearch !== null) search = keptText(rawSearch, 'the table search', notices);

  const filters: TableFilter[] = [];
  for (const [key, raw] of params) {
    if (!key.startsWith(FILTER_PREFIX)) continue;
    const id = key.slice(FILTER_PREFIX.length);
    if (isTableColumnId(id) && TEXT_FILTER_COLUMNS.includes(id)) {
      if (raw) filters.push({ id, value: keptText(raw, `the table filter ${quoteInput(key)}`, notices) });
    } else if (isTableColumnId(id) && MIN_FILTER_COLUMNS.includes(id)) {
      const n = readMinFilter(raw);
      if (n !== null) filters.push({ id, value: n });
      else
        notices.push(
          `Ignored table filter ${quoteInput(`${key}=${raw}`)}: the minimum must be a number from 0 to ${MAX_DECODE_FILTER.toLocaleString('en-US')} tok/s.`,
        );
    } else {
      notices.push(`Ignored table filter ${quoteInput(`${key}=${raw}`)}: there is no filter for that column.`);
    }
  }

  const hidden: TableColumnId[] = [];
  const rawHidden = params.get('th');
  if (rawHidden !== null) {
    for (const id of rawHidden.split(',').filter(Boolean)) {
      if (!isTableColumnId(id)) notices.push(`Ignored unknown table column ${quoteInput(id)}.`);
      else if (hidden.includes(id)) notices.push(`Ignored the repeated hidden column ${quoteInput(id)}.`);
      else hidden.push(id);
    }
  }
  return { sort, search, filters, hidden };
}

/** The table's fields of the query string; none when the table is in its default state. */
export function serializeTableState(t: TableState): [string, string][] {
  const parts: [string, string][] = [];
  if (t.sort.length) parts.push(['ts', t.sort.map((s) => `${s.id}.${s.desc ? 'd' : 'a'}`).join(',')]);
  if (t.search) parts.push(['tq', t.search]);
  for (const f of t.filters)
    parts.push([`${FILTER_PREFIX}${f.id}`, typeof f.value === 'number' ? plainDecimal(f.value) : f.value]);
  if (t.hidden.length) parts.push(['th', t.hidden.join(',')]);
  return parts;
}
