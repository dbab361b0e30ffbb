import { serializeShareLink } from '../url/share-link';
import { DEFAULT_STATE, type ShareState } from '../url/share-state';
import { DEFAULT_TABLE } from '../url/table-state';
import { buildScenario, type AsyncModels, type Scenario } from '../view-models/scenario';

/**
 * The scenario for a state, reused while only the view or the table's sort and filters change:
 * typing in the table's search must not rebuild every estimate. Keyed by the link without those
 * fields and by the version of the asynchronously loaded models; the controls and the deferred
 * views each hold one entry.
 */
const cache = new Map<string, Scenario>();

export function scenarioFor(state: ShareState, asyncModels: AsyncModels, asyncVersion: number): Scenario {
  const key = `${asyncVersion} ${serializeShareLink({ ...state, view: DEFAULT_STATE.view, table: DEFAULT_TABLE })}`;
  let scenario = cache.get(key);
  if (!scenario) {
    scenario = buildScenario(state, asyncModels);
    if (cache.size >= 2) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, scenario);
  }
  return scenario;
}
