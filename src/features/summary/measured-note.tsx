import decodeNotes from 'virtual:decode-notes';
import { measuredDecode, type MeasuredQuery } from '../../view-models/measured-decode';

/** A published measurement of the configuration on screen, beside the estimate. Loaded lazily. */
export default function MeasuredNote({ query }: { readonly query: MeasuredQuery }) {
  const note = measuredDecode(query, decodeNotes);
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
