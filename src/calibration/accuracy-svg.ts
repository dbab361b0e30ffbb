import type { AccuracyPoint } from './accuracy';

/** A log-log scatter of predicted against measured speed with the y = x line and ±30% bands, as SVG text. */
export function accuracySvg(points: readonly AccuracyPoint[]): string {
  const speed = points.filter((p) => p.quantity === 'decode_tps' || p.quantity === 'prefill_tps');
  const size = 560;
  const pad = 56;
  const values = speed.flatMap((p) => [p.measured, p.predicted]);
  const lo = Math.log10(Math.max(0.1, Math.min(...values, 1)));
  const hi = Math.log10(Math.max(...values, 10));
  const scale = (v: number) => pad + ((Math.log10(v) - lo) / (hi - lo)) * (size - 2 * pad);
  const y = (v: number) => size - scale(v);
  const colours: Record<string, string> = { decode_tps: '#0072b2', prefill_tps: '#d55e00' };
  const ticks: number[] = [];
  for (let e = Math.ceil(lo); e <= Math.floor(hi); e++) ticks.push(10 ** e);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${size / 2}" y="20" text-anchor="middle" font-size="14">Headroom: estimated vs measured tokens/s (evaluation split, ${speed.length} points)</text>
${ticks.map((t) => `<line x1="${scale(t)}" y1="${pad}" x2="${scale(t)}" y2="${size - pad}" stroke="#e5e7eb"/><line x1="${pad}" y1="${y(t)}" x2="${size - pad}" y2="${y(t)}" stroke="#e5e7eb"/><text x="${scale(t)}" y="${size - pad + 16}" text-anchor="middle">${t}</text><text x="${pad - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`).join('\n')}
<line x1="${scale(10 ** lo)}" y1="${y(10 ** lo)}" x2="${scale(10 ** hi)}" y2="${y(10 ** hi)}" stroke="#111" stroke-dasharray="4 3"/>
<line x1="${scale(10 ** lo)}" y1="${y(1.3 * 10 ** lo)}" x2="${scale(10 ** hi / 1.3)}" y2="${y(10 ** hi)}" stroke="#9ca3af" stroke-dasharray="2 3"/>
<line x1="${scale(1.3 * 10 ** lo)}" y1="${y(10 ** lo)}" x2="${scale(10 ** hi)}" y2="${y(10 ** hi / 1.3)}" stroke="#9ca3af" stroke-dasharray="2 3"/>
${speed.map((p) => `<circle cx="${scale(p.measured).toFixed(1)}" cy="${y(p.predicted).toFixed(1)}" r="3.5" fill="${colours[p.quantity] ?? '#555'}" fill-opacity="0.75"><title>${esc(`${p.label} (${p.build})`)}: measured ${p.measured.toFixed(1)}, estimated ${p.predicted.toFixed(1)}</title></circle>`).join('\n')}
<text x="${size / 2}" y="${size - 14}" text-anchor="middle">measured tok/s (log)</text>
<text x="16" y="${size / 2}" text-anchor="middle" transform="rotate(-90 16 ${size / 2})">estimated tok/s (log)</text>
<circle cx="${pad + 10}" cy="${pad + 10}" r="4" fill="#0072b2"/><text x="${pad + 20}" y="${pad + 14}">decode</text>
<circle cx="${pad + 10}" cy="${pad + 28}" r="4" fill="#d55e00"/><text x="${pad + 20}" y="${pad + 32}">prefill</text>
<text x="${pad + 80}" y="${pad + 14}" fill="#6b7280">dashed: exact; dotted: ±30%</text>
</svg>
`;
}
