import { estimateServing } from '../core/serving/serve';
import type { ServingResult } from '../core/serving/serving-types';
import type { WeightFormat } from '../core/formats/weight-formats';
import type { ServingState } from '../url/serving-state';
import { contextFor, type Scenario, type ScenarioModel, type ScenarioPool } from './scenario';
import { servingInput } from './serving-input';

/**
 * The Serve task's estimate for one model × format × GPU pool: the one call the serving matrix,
 * the table and the Serving view share (its own file so the matrix does not pull in the view).
 */
export function servingFor(
  s: Scenario,
  serving: ServingState,
  model: ScenarioModel,
  pool: ScenarioPool,
  format: WeightFormat,
  detail: 'full' | 'summary' = 'full',
): ServingResult {
  const parts = pool.key.split('_').flatMap((part) => {
    const [id = '', n = '1'] = part.split('*');
    const gpu = pool.gpus.find((g) => g.id === id);
    return gpu ? [{ gpu, count: Number(n) }] : [];
  });
  return estimateServing({
    ...servingInput({
      arch: model.arch,
      format,
      kvCacheType: s.kv,
      runtime: s.runtime,
      parts,
      contextTokens: contextFor(s, model),
      modelContextTokens: model.contextLimit,
      serving,
    }),
    detail,
  });
}
