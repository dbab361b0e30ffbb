import { kneeUsers, loadCurve, maxUsersAtSpeed } from './curve';
import { pipelineHopsAcrossNodes, tensorSpansNodes, type ParallelLayout } from './layout';
import { loadPoint, type LoadModel } from './load';
import type { ServingEstimate, ServingInput } from './serving-types';

/** The load, curve, knee and floor once the pool is known (shared by every kind of engine). */
export function finish(
  input: ServingInput,
  model: LoadModel,
  layout: ParallelLayout,
  maxConcurrent: number,
  startsUp: boolean,
  memory: Pick<ServingEstimate, 'perGpu' | 'pool'>,
): ServingEstimate {
  const floor = input.minTokensPerSecond;
  const running = startsUp ? maxConcurrent : 0;
  const atFloor = floor === null ? null : maxUsersAtSpeed(model, running, floor);
  const users = input.users ?? atFloor ?? running;
  const active = Math.min(users, running);
  return {
    layout: {
      ...layout,
      gpus: layout.gpusPerNode * layout.nodes,
      tensorSpansNodes: tensorSpansNodes(layout),
      pipelineHopsAcrossNodes: pipelineHopsAcrossNodes(layout),
    },
    ...memory,
    promptTokens: model.promptTokens,
    outputTokens: model.outputTokens,
    contextTokens: input.contextTokens,
    load: active >= 1 ? { ...loadPoint(model, active), queuedUsers: users - active } : null,
    curve: input.detail === 'summary' ? [] : loadCurve(model, running),
    kneeUsers: input.detail === 'summary' ? null : kneeUsers(model, running),
    maxUsersAtFloor: atFloor,
  };
}
