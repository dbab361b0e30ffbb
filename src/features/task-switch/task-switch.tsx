import { useRef, type KeyboardEvent } from 'react';
import type { TaskId } from '../../url/task-state';

interface Props {
  readonly task: TaskId;
  /** The tasks this page answers, in order. */
  readonly tasks: readonly TaskId[];
  readonly onTask: (task: TaskId) => void;
}

const LABEL: Readonly<Record<TaskId, { readonly label: string; readonly hint: string }>> = {
  run: { label: 'Run', hint: 'inference: memory and speed to run a model for one user or a batch' },
  serve: { label: 'Serve', hint: 'many users at once: KV pool, concurrency and throughput' },
  train: { label: 'Fine-tune', hint: 'training: memory, time and cost of full, LoRA or QLoRA fine-tuning' },
};

/**
 * Run · Serve · Fine-tune: what the page is asked, above the views (DESIGN: the task switch). A
 * radio group: Tab reaches the chosen task, the arrow keys move between tasks.
 */
export function TaskSwitch({ task, tasks, onTask }: Props) {
  const group = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent, index: number) => {
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = (index + step + tasks.length) % tasks.length;
    const id = tasks[next];
    if (id === undefined) return;
    onTask(id);
    group.current?.querySelectorAll<HTMLButtonElement>('[role="radio"]')[next]?.focus();
  };
  return (
    <div className="task-switch" role="radiogroup" aria-label="Task" ref={group}>
      {tasks.map((id, i) => (
        <button
          key={id}
          type="button"
          role="radio"
          aria-checked={task === id}
          tabIndex={task === id ? 0 : -1}
          className="task-option"
          title={LABEL[id].hint}
          onClick={() => onTask(id)}
          onKeyDown={(e) => move(e, i)}
        >
          {LABEL[id].label}
        </button>
      ))}
    </div>
  );
}
