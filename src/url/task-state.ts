/**
 * What the page answers: run a model for one user (inference), serve it to many, or fine-tune
 * it. The link names it as `task`, left out for the default.
 */
export const TASK_IDS = ['run', 'serve', 'train'] as const;

export type TaskId = (typeof TASK_IDS)[number];

export const DEFAULT_TASK: TaskId = 'run';
