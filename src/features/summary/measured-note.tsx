import { MEASUREMENTS } from '../../catalog/measurements';
import { measuredDecode, type MeasuredQuery } from '../../view-models/measured-decode';

/** A published measurement of the configuration on screen, beside the estimate. Loaded lazily. */
export default function MeasuredNote({ query }: { readonly query: MeasuredQuery }) {
  const note = measuredDecode(query, MEASUREMENTS);
  if (!note) return null;
  return (
    <span className="banner-measured">
      {' '}
      · {note.text}{' '}
      <a href={note.source} target="_blank" rel="noreferrer">
        source
      </a>
    </span>
  );
}
