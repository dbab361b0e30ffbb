import { estimate, type Estimate, type EstimateInput } from './estimate';
import { weightFormatById, type WeightFormat } from './formats/weight-formats';

/** Test helpers: a catalogue format by id (a typo fails the test), and estimates that must succeed. */
export function format(id: string): WeightFormat {
  const f = weightFormatById(id);
  if (!f) throw new Error(`no format ${id}`);
  return f;
}

/** Estimates from `base` with a patch applied, failing the test when the estimator refuses one. */
export function estimateRunner(base: EstimateInput): (patch: Partial<EstimateInput>) => Estimate {
  return (patch) => {
    const r = estimate({ ...base, ...patch });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
}
