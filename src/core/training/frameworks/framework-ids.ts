/**
 * The framework presets' ids, in picker order, apart from the profiles themselves so that the link
 * codec can check a link's framework without loading every preset (registry.ts keeps the two in
 * step: frameworks.test.ts).
 */
export const FRAMEWORK_IDS = ['hf', 'trl', 'unsloth', 'torchtune', 'llama-factory', 'axolotl', 'litgpt'] as const;

export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export const DEFAULT_FRAMEWORK: FrameworkId = 'hf';
