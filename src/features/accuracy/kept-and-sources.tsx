/** Below an accuracy table: the measurements kept but not scored (with why), then every source. */
export function KeptAndSources({
  excluded,
  sources,
}: {
  readonly excluded: readonly { readonly reason: string; readonly count: number }[];
  readonly sources: readonly string[];
}) {
  return (
    <>
      {excluded.length > 0 && (
        <details className="sources">
          <summary>{excluded.reduce((n, e) => n + e.count, 0)} measurements kept but not scored, and why</summary>
          <ul>
            {excluded.map((e) => (
              <li key={e.reason}>
                {e.count} × {e.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <details className="sources">
        <summary>{sources.length} sources</summary>
        <ul>
          {sources.map((s) => (
            <li key={s}>
              <a href={s} target="_blank" rel="noreferrer">
                {s}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
