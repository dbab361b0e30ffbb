import { AXOLOTL } from './axolotl';
import type { TrainingFramework } from './framework';
import { HF_PEFT } from './hf-peft';
import { LITGPT } from './litgpt';
import { LLAMA_FACTORY } from './llama-factory';
import { TORCHTUNE } from './torchtune';
import { TRL } from './trl';
import { UNSLOTH } from './unsloth';
import type { FrameworkId } from './framework-ids';

/** Every fine-tuning framework the estimator knows, in the order pickers list them. */
const FRAMEWORKS = [HF_PEFT, TRL, UNSLOTH, TORCHTUNE, LLAMA_FACTORY, AXOLOTL, LITGPT] as const;

export const TRAINING_FRAMEWORKS: readonly TrainingFramework[] = FRAMEWORKS;

/** The framework a user means by a name: its id or an alias, in any case; null if none. */
export function frameworkByName(name: string): FrameworkId | null {
  const key = name.trim().toLowerCase();
  const found = FRAMEWORKS.find((f) => f.id === key || (f.aliases as readonly string[]).includes(key));
  return found ? found.id : null;
}

export function trainingFramework(id: FrameworkId): TrainingFramework {
  // Every id in FRAMEWORK_IDS has its profile here (frameworks.test.ts).
  const found = FRAMEWORKS.find((f) => f.id === id);
  return found ?? HF_PEFT;
}
