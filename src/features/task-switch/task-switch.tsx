import type { TaskId } from '../../url/task-state';

interface Props {
  readonly task: TaskId;
  /** The tasks this page implements, in order. */
  readonly tasks: readonly TaskId[];
  readonly onTask: (task: TaskId) => void;
}

const LABEL: Readonly<Record<TaskId, { readonly label: string; readonly hint: string }>> = {
  run: { label: 'Run', hint: 'inference: memory and speed to run a model' },
  serve: { label: 'Serve', hint: 'many users at once' },
  train: { label: 'Fine-tune', hint: 'training: memory, time and cost of full, LoRA or QLoRA fine-tuning' },
};

/** Run · Fine-tune: turns the views into their inference or training versions (DESIGN "Run · Serve · Fine-tune"). */
export function TaskSwitch({ task, tasks, onTask }: Props) {
  return (
    <div className="task-switch" role="group" aria-label="Task">
      {tasks.map((id) => (
        <button
          key={id}
          type="button"
          className="task-button"
          aria-pressed={task === id}
          title={LABEL[id].hint}
          onClick={() => onTask(id)}
        >
          <span className="task-label">{LABEL[id].label}</span>
          <span className="task-hint">{LABEL[id].hint}</span>
        </button>
      ))}
    </div>
  );
}
