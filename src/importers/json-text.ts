/**
 * JSON as Python writes it. transformers saves configs with json.dumps, which writes the
 * non-finite floats as the bare words Infinity, -Infinity and NaN (Python's json module,
 * allow_nan=True by default: https://docs.python.org/3/library/json.html#infinite-and-nan-number-values);
 * Nemotron-H-56B's config.json has `"time_step_limit": [0.0, Infinity]`. JSON.parse refuses them,
 * so they are read as null (no key Headroom reads is ever infinite), outside strings only.
 */
export function parsePythonJson(text: string): unknown {
  return JSON.parse(withoutNonFinite(text));
}

const WORDS = ['-Infinity', 'Infinity', 'NaN'] as const;

function withoutNonFinite(text: string): string {
  // Fast path: most files have none of the words.
  if (!text.includes('Infinity') && !text.includes('NaN')) return text;
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
      i++;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      i++;
      continue;
    }
    const word = WORDS.find((w) => text.startsWith(w, i));
    if (word) {
      out += 'null';
      i += word.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
