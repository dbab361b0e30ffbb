import { CALIBRATION } from '../calibration-constants';
import type { Vendor } from '../devices';
import type { CalibrationStatus, RuntimeProfile, SpeedConstants } from './profile';

const VENDORS: readonly Vendor[] = ['nvidia', 'amd', 'apple', 'intel', 'cpu'];

/**
 * A runtime's speed constants per vendor: the parts `npm run calibrate` fitted for that runtime
 * and vendor (calibration-constants.ts), else the runtime's NVIDIA fit for a GPU vendor with too
 * few measurements (the per-token cost is mostly the runtime's own software: vLLM on MI300X
 * measured 2-3× slower than the hand-set guess), else the hand-set provisional value. Resolved
 * once here, since the lookup runs for every estimate; the speed range of a borrowed or hand-set
 * part stays the uncalibrated one (view-models/speed-range.ts).
 */
export function speedTables(
  runtime: string,
  provisional: SpeedConstants | Readonly<Record<Vendor, SpeedConstants>>,
): Pick<RuntimeProfile, 'speed' | 'provisionalSpeed' | 'calibration'> {
  const base = (v: Vendor): SpeedConstants => ('bandwidthEfficiency' in provisional ? provisional : provisional[v]);
  const resolved = new Map<Vendor, SpeedConstants>();
  const status = new Map<Vendor, CalibrationStatus>();
  for (const v of VENDORS) {
    const own = CALIBRATION[`${runtime}/${v}`];
    const borrowed = v === 'cpu' ? undefined : CALIBRATION[`${runtime}/nvidia`];
    const decode = own?.decode ?? borrowed?.decode;
    const prefill = own?.prefill ?? borrowed?.prefill;
    const moeDecode = own?.moeDecode ?? borrowed?.moeDecode;
    const moePrefill = own?.moePrefill ?? borrowed?.moePrefill;
    const links = own?.links ?? borrowed?.links;
    const b = base(v);
    resolved.set(v, {
      bandwidthEfficiency: decode?.bandwidthEfficiency ?? b.bandwidthEfficiency,
      perLayerSeconds: decode?.perLayerSeconds ?? b.perLayerSeconds,
      computeEfficiency: prefill?.computeEfficiency ?? b.computeEfficiency,
      attentionEfficiency: prefill?.attentionEfficiency ?? b.attentionEfficiency,
      moePerLayerSeconds: moeDecode?.moePerLayerSeconds ?? b.moePerLayerSeconds,
      expertTileTokens: moePrefill?.expertTileTokens ?? b.expertTileTokens,
      handoffSeconds: links?.handoffSeconds ?? b.handoffSeconds,
      allReduceSeconds: links?.allReduceSeconds ?? b.allReduceSeconds,
    });
    status.set(v, { decode: own?.decode !== undefined, prefill: own?.prefill !== undefined });
  }
  const uncalibrated: CalibrationStatus = { decode: false, prefill: false };
  return {
    speed: (v) => resolved.get(v) ?? base(v),
    provisionalSpeed: base,
    calibration: (v) => status.get(v) ?? uncalibrated,
  };
}
