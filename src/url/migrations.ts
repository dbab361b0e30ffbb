/**
 * How links of older versions are read. A link leaves out every field equal to its version's
 * default, so when a default changes the version goes up and a migration writes the old default
 * into old links explicitly: a colleague's old link keeps its meaning. Entry i turns a query of
 * version i + 1 into version i + 2; the current version is one past the last entry.
 */
export type Migration = (params: URLSearchParams) => void;

export const MIGRATIONS: readonly Migration[] = [
  // v1 → v2: the buying guide gained the "unified" hardware class (DGX Spark, Ryzen AI Max) and
  // considers every class by default; a v1 link without `hw` meant the four classes of v1.
  (p) => {
    if (!p.has('hw')) p.set('hw', 'consumer,workstation,datacenter,apple');
  },
];

export const CURRENT_VERSION = MIGRATIONS.length + 1;

/**
 * The query rewritten to the current version. A missing version is read as the current one; a
 * version this page does not know (newer, or not a number) is returned unchanged with
 * `known: false`, and the parser reads what it can.
 */
export function migrateLink(
  params: URLSearchParams,
  migrations: readonly Migration[] = MIGRATIONS,
): { readonly params: URLSearchParams; readonly known: boolean } {
  const current = migrations.length + 1;
  const raw = params.get('v');
  if (raw === null) return { params, known: true };
  const version = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(version >= 1 && version <= current)) return { params, known: false };
  const out = new URLSearchParams(params);
  for (let v = version; v < current; v++) migrations[v - 1]?.(out);
  out.set('v', String(current));
  return { params: out, known: true };
}
