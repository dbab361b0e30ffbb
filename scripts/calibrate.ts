/**
 * `npm run calibrate`: fits each backend's speed constants on the training split of
 * data/benchmarks, measures error bands on the evaluation split, and writes both to
 * data/calibration.json and src/core/calibration-constants.ts (generated; do not edit).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitBackend } from '../src/calibration/fit';
import { loadMeasurements } from '../src/calibration/load-measurements';
import { isEvaluation, quantile } from '../src/calibration/metrics';
import { predict, prepare, type Prepared } from '../src/calibration/predict';
import { RUNTIMES, type RuntimeId } from '../src/core/runtimes/registry';
import type { SpeedConstants } from '../src/core/runtimes/profile';
import type { Vendor } from '../src/core/devices';

const root = join(import.meta.dirname, '..');
const all = loadMeasurements(join(root, 'data', 'benchmarks'));
const prepared: Prepared[] = [];
const skipped: string[] = [];
for (const m of all) {
  if (m.excluded) continue;
  const p = prepare(m);
  if (typeof p === 'string') skipped.push(`${m.id}: ${p}`);
  else prepared.push(p);
}

const speedRows = prepared.filter((p) => p.m.quantity === 'decode_tps' || p.m.quantity === 'prefill_tps');
const backends = [...new Set(speedRows.map((p) => p.backend))].sort();
interface Generated {
  decode?: { bandwidthEfficiency: number; perLayerSeconds: number };
  moeDecode?: { moePerLayerSeconds: number };
  links?: { handoffSeconds?: number; allReduceSeconds?: number };
  prefill?: { computeEfficiency: number; attentionEfficiency?: number };
  moePrefill?: { expertTileTokens: number };
  bands: { decode?: [number, number]; prefill?: [number, number] };
}
const generated: Record<string, Generated> = {};
const provenance: Record<string, unknown> = {};
const sig = (x: number | undefined) => Number((x ?? 0).toPrecision(4));

for (const backend of backends) {
  const [runtime, vendor] = backend.split('/') as [RuntimeId, Vendor];
  const provisional = RUNTIMES[runtime].provisionalSpeed(vendor);
  const train = speedRows.filter((p) => p.backend === backend && !isEvaluation(p.m.id));
  const fitted = fitBackend(train, provisional);
  const f = fitted.fitted;
  // Each part is kept only where it was fitted; the rest stays with the profile's hand-set value.
  const c: SpeedConstants = {
    bandwidthEfficiency: Number(fitted.bandwidthEfficiency.toFixed(4)),
    perLayerSeconds: sig(fitted.perLayerSeconds),
    computeEfficiency: Number(fitted.computeEfficiency.toFixed(4)),
    attentionEfficiency: f.attention
      ? Number((fitted.attentionEfficiency ?? 0).toFixed(4))
      : provisional.attentionEfficiency,
    moePerLayerSeconds: f.moeDecode ? sig(fitted.moePerLayerSeconds) : provisional.moePerLayerSeconds,
    expertTileTokens: f.moePrefill ? sig(fitted.expertTileTokens) : provisional.expertTileTokens,
    handoffSeconds: f.handoff ? sig(fitted.handoffSeconds) : provisional.handoffSeconds,
    allReduceSeconds: f.allReduce ? sig(fitted.allReduceSeconds) : provisional.allReduceSeconds,
  };
  const evalRows = speedRows.filter((p) => p.backend === backend && isEvaluation(p.m.id));
  const ratios = (q: string) =>
    evalRows
      .filter((p) => p.m.quantity === q)
      .map((p) => {
        const v = predict(p, c);
        return v ? p.m.value / v : NaN;
      })
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
  // A band needs at least 4 held-out rows; without one the page shows the uncalibrated ±40%.
  const band = (xs: number[]): [number, number] | undefined =>
    xs.length >= 4 ? [Number(quantile(xs, 0.1).toFixed(3)), Number(quantile(xs, 0.9).toFixed(3))] : undefined;
  const decodeBand = f.decode ? band(ratios('decode_tps')) : undefined;
  const prefillBand = f.prefill ? band(ratios('prefill_tps')) : undefined;
  const links = {
    ...(f.handoff ? { handoffSeconds: c.handoffSeconds ?? 0 } : {}),
    ...(f.allReduce ? { allReduceSeconds: c.allReduceSeconds ?? 0 } : {}),
  };
  const entry: Generated = {
    ...(f.decode ? { decode: { bandwidthEfficiency: c.bandwidthEfficiency, perLayerSeconds: c.perLayerSeconds } } : {}),
    ...(f.moeDecode ? { moeDecode: { moePerLayerSeconds: c.moePerLayerSeconds ?? 0 } } : {}),
    ...(f.handoff || f.allReduce ? { links } : {}),
    ...(f.prefill
      ? {
          prefill: {
            computeEfficiency: c.computeEfficiency,
            ...(f.attention ? { attentionEfficiency: c.attentionEfficiency ?? 0 } : {}),
          },
        }
      : {}),
    ...(f.moePrefill ? { moePrefill: { expertTileTokens: c.expertTileTokens ?? 0 } } : {}),
    bands: { ...(decodeBand ? { decode: decodeBand } : {}), ...(prefillBand ? { prefill: prefillBand } : {}) },
  };
  const builds = [...new Set(train.map((p) => p.m.build))];
  const dates = train.map((p) => p.m.date).sort();
  provenance[backend] = {
    fitted: f,
    ...c,
    trainDecode: fitted.decodeN,
    trainPrefill: fitted.prefillN,
    evalDecode: ratios('decode_tps').length,
    evalPrefill: ratios('prefill_tps').length,
    dates: dates.length ? `${dates[0] ?? ''} to ${dates[dates.length - 1] ?? ''}` : 'none',
    builds: builds.slice(0, 20),
    trainIds: train.map((p) => p.m.id),
  };
  if (entry.decode || entry.prefill) generated[backend] = entry;
}

const dates = all.map((m) => m.date).sort();
const note = `fitted on ${speedRows.filter((p) => !isEvaluation(p.m.id)).length} training measurements dated ${dates[0] ?? '?'} to ${dates[dates.length - 1] ?? '?'}`;
writeFileSync(
  join(root, 'data', 'calibration.json'),
  `${JSON.stringify({ note, split: 'evaluation = FNV-1a(id) mod 3 == 0', backends: provenance, skipped }, null, 2)}\n`,
);
const ts = `/**
 * Generated by \`npm run calibrate\` (scripts/calibrate.ts) from data/benchmarks: the speed
 * constants fitted on the training split, keyed "runtime/vendor", and the error bands measured on
 * the evaluation split. A part is present only where it was fitted (at least 5 training rows;
 * bands at least 4 evaluation rows); the rest stays with the runtime profiles' hand-set values.
 * Provenance in data/calibration.json. Imports nothing. Do not edit by hand.
 */
export interface FittedBackend {
  readonly decode?: { readonly bandwidthEfficiency: number; readonly perLayerSeconds: number };
  /** Extra seconds per mixture-of-experts layer per decoded token. */
  readonly moeDecode?: { readonly moePerLayerSeconds: number };
  /** Seconds per layer-split hand-off and per tensor-split all-reduce. */
  readonly links?: { readonly handoffSeconds?: number; readonly allReduceSeconds?: number };
  /** attentionEfficiency: where prompts deep into long contexts fitted it. */
  readonly prefill?: { readonly computeEfficiency: number; readonly attentionEfficiency?: number };
  /** Tokens of work each expert a micro-batch touches costs beyond its own tokens. */
  readonly moePrefill?: { readonly expertTileTokens: number };
  /** Measured ÷ estimated speed, 10th and 90th percentile on the evaluation split. */
  readonly bands: { readonly decode?: readonly [number, number]; readonly prefill?: readonly [number, number] };
}

export const CALIBRATION: Readonly<Record<string, FittedBackend>> = ${JSON.stringify(generated, null, 2)};

export const CALIBRATION_NOTE = ${JSON.stringify(note)};
`;
writeFileSync(join(root, 'src', 'core', 'calibration-constants.ts'), ts);
console.log(note);
for (const b of backends) console.log(`  ${b.padEnd(22)} ${JSON.stringify(generated[b] ?? 'not fitted')}`);
console.log(`skipped ${skipped.length} measurements that the catalogue cannot model`);
