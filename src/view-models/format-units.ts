/**
 * Display formatting shared by the page and the CLI (docs: DESIGN number conventions):
 * memory in GiB with one decimal, speeds with at most three significant figures.
 */

const GiB = 1024 ** 3;

export function formatGiB(bytes: number): string {
  const gib = bytes / GiB;
  if (Math.abs(gib) >= 0.1 || gib === 0) return `${gib.toFixed(1)} GiB`;
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

/** Three significant figures at most, with thousands separators: 128.8 → "129", 8665 → "8,670". */
export function formatSig3(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  // Hand-rolled rather than toLocaleString: the matrix formats hundreds of these per render.
  const digits = Math.floor(Math.log10(Math.abs(value))) + 1;
  const decimals = Math.max(0, 3 - digits);
  const rounded = Number(value.toPrecision(3));
  const [whole = '0', fraction] = Math.abs(rounded).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = fraction?.replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${grouped}${trimmed ? `.${trimmed}` : ''}`;
}

export function formatTokensPerSecond(value: number | null): string {
  return value === null ? 'unknown' : `${formatSig3(value)} tok/s`;
}

export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  if (seconds < 1) return `${formatSig3(seconds * 1000)} ms`;
  if (seconds < 120) return `${formatSig3(seconds)} s`;
  return `${formatSig3(seconds / 60)} min`;
}

/** 8.03e9 → "8.03B", 46.7e9 → "46.7B", 671e9 → "671B". */
export function formatParams(count: number): string {
  // 999.9M rounds to three figures as 1,000M: such counts read as 1B.
  const rounds = (scale: number) => Number((count / scale).toPrecision(3)) >= 1000;
  if (count >= 1e12 || rounds(1e9)) return `${formatSig3(count / 1e12)}T`;
  if (count >= 1e9 || rounds(1e6)) return `${formatSig3(count / 1e9)}B`;
  return `${formatSig3(count / 1e6)}M`;
}

/** Context lengths in the "8K" shorthand when they are whole multiples of 1,024 tokens. */
export function formatContext(tokens: number): string {
  if (tokens >= 1024 && tokens % 1024 === 0) return `${tokens / 1024}K`;
  return tokens.toLocaleString('en-US');
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}
