/**
 * What the page is asked (DESIGN: a task switch above the views, Run · Serve · Fine-tune): each
 * task reuses the views with its own settings in the panel and the link.
 */
export const TASK_IDS = ['run', 'serve', 'train'] as const;

export type TaskId = (typeof TASK_IDS)[number];

export const DEFAULT_TASK: TaskId = 'run';
