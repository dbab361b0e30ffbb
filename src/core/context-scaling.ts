/**
 * RoPE scaling: a model pre-trained on `originalContext` tokens that runs `factor` times longer
 * with the runtime's scaling turned on (YaRN, arXiv:2309.00071; linear and dynamic NTK). The
 * estimator accepts any context; this says how far a model may go and what it takes.
 */
export interface RopeScaling {
  readonly type: 'yarn' | 'linear' | 'dynamic';
  readonly factor: number;
  /** The pre-training window the factor applies to (original_max_position_embeddings). */
  readonly originalContext: number;
}

/**
 * The longest context the scaling allows: originalContext × factor, as vLLM derives it for YaRN
 * (vllm/config/model.py). Never the listed window times the factor: a config may already list the
 * scaled window (gpt-oss: 131,072 = 4,096 × 32), and the limit is then the listed window itself.
 */
export function scaledContextLimit(contextLength: number, scaling: RopeScaling | undefined): number {
  if (!scaling) return contextLength;
  return Math.max(contextLength, Math.round(scaling.originalContext * scaling.factor));
}
