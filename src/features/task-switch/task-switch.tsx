import { useRef, type KeyboardEvent } from 'react';
import type { TaskId } from '../../url/task-state';

interface Props {
  readonly task: TaskId;
  /** The tasks this page answers, with their names. */
  readonly tasks: readonly (readonly [TaskId, string])[];
  readonly onTask: (task: TaskId) => void;
}

/**
 * Run · Serve: what the page is asked, above the views (DESIGN: the task switch). A radio group:
 * Tab reaches the chosen task, the arrow keys move between tasks.
 */
export function TaskSwitch({ task, tasks, onTask }: Props) {
  const group = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent, index: number) => {
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = (index + step + tasks.length) % tasks.length;
    const entry = tasks[next];
    if (!entry) return;
    onTask(entry[0]);
    group.current?.querySelectorAll<HTMLButtonElement>('[role="radio"]')[next]?.focus();
  };
  return (
    <div className="task-switch" role="radiogroup" aria-label="Task" ref={group}>
      {tasks.map(([id, label], i) => (
        <button
          key={id}
          type="button"
          role="radio"
          aria-checked={task === id}
          tabIndex={task === id ? 0 : -1}
          className="task-option"
          onClick={() => onTask(id)}
          onKeyDown={(e) => move(e, i)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
