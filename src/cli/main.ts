import { CliError } from './cli-error';
import { own, type CliIo } from './cli-io';
import { ESTIMATE_OPTIONS, runEstimate } from './estimate-command';
import {
  CAN_RUN_HELP,
  CAN_RUN_TRAIN_HELP,
  ESTIMATE_HELP,
  GENERAL_HELP,
  LIST_HELP,
  PLAN_HELP,
  PLAN_TRAIN_HELP,
  SERVE_HELP,
  TRAIN_HELP,
} from './help';
import { runTrainCanRun, runTrainPlan, TRAIN_CAN_RUN_OPTIONS, TRAIN_PLAN_OPTIONS } from './train-plan-commands';
import { runTrain, TRAIN_OPTIONS } from './train-command';
import { listFormats, listGpus, listModels } from './list-commands';
import { quoteInput } from '../core/input-text';
import { parseOptions } from './options';
import { CAN_RUN_OPTIONS, PLAN_OPTIONS, runCanRun, runPlan } from './plan-commands';
import { loadMeasuredModel, wantsHub } from './hub-inputs';
import { SERVE_OPTIONS, runServe } from './serve-command';

const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const;
const LIST_OPTIONS = { json: { type: 'boolean' }, ...HELP_FLAG } as const;

interface Command {
  readonly help: string;
  /** Commands that read the Hub or a file finish asynchronously. */
  readonly run: (rest: readonly string[], io: CliIo) => void | Promise<void>;
}

/** A command that prints its help for --help and otherwise runs with its parsed options. */
function command<O extends Parameters<typeof parseOptions>[1]>(
  help: string,
  options: O,
  run: (values: ReturnType<typeof parseOptions<O>>, io: CliIo) => void | Promise<void>,
): Command {
  return {
    help,
    run: (rest, io) => {
      const values: Record<string, unknown> = parseOptions(rest, { ...options, ...HELP_FLAG });
      if (values['help'] === true) io.stdout(help);
      else return run(values as ReturnType<typeof parseOptions<O>>, io);
    },
  };
}

/**
 * A command with a fine-tuning version chosen by `--task train`; `--task run` (the default) is the
 * inference one. The flag is read before the options, since the two versions take different ones.
 */
function byTask(run: Command, train: Command): Command {
  return {
    help: run.help,
    run: (rest, io) => {
      const at = rest.findIndex((a) => a === '--task' || a.startsWith('--task='));
      const raw = at < 0 ? 'run' : rest[at]?.startsWith('--task=') ? rest[at].slice('--task='.length) : rest[at + 1];
      if (raw === 'train') return train.run(rest, io);
      if (raw !== 'run') throw new CliError(`--task must be run or train; got ${quoteInput(raw ?? '')}`);
      const stripped = at < 0 ? rest : rest.filter((_, i) => i !== at && (rest[at]?.includes('=') || i !== at + 1));
      return run.run(stripped, io);
    },
  };
}

const list = (render: (json: boolean) => string) =>
  command(LIST_HELP, LIST_OPTIONS, (values, io) => {
    io.stdout(render(values.json === true));
  });

// Looked up by own property only: "__proto__" or "toString" is an unknown command, not a crash.
const COMMANDS: Readonly<Record<string, Command>> = {
  estimate: command(ESTIMATE_HELP, ESTIMATE_OPTIONS, (values, io) =>
    wantsHub(values)
      ? loadMeasuredModel(values, io.env).then((m) => runEstimate(values, io, m))
      : runEstimate(values, io),
  ),
  serve: command(SERVE_HELP, SERVE_OPTIONS, (values, io) => runServe(values, io)),
  train: command(TRAIN_HELP, TRAIN_OPTIONS, (values, io) => runTrain(values, io)),
  plan: byTask(
    command(PLAN_HELP, PLAN_OPTIONS, (values, io) =>
      wantsHub(values)
        ? loadMeasuredModel(values, io.env).then((m) => runPlan(values, io.stdout, m))
        : runPlan(values, io.stdout),
    ),
    command(PLAN_TRAIN_HELP, TRAIN_PLAN_OPTIONS, (values, io) => runTrainPlan(values, io.stdout)),
  ),
  'can-run': byTask(
    command(CAN_RUN_HELP, CAN_RUN_OPTIONS, (values, io) =>
      wantsHub(values)
        ? loadMeasuredModel(values, io.env).then((m) => runCanRun(values, io.stdout, m))
        : runCanRun(values, io.stdout),
    ),
    command(CAN_RUN_TRAIN_HELP, TRAIN_CAN_RUN_OPTIONS, (values, io) => runTrainCanRun(values, io.stdout)),
  ),
  gpus: list(listGpus),
  models: list(listModels),
  formats: list(listFormats),
};

function run(argv: readonly string[], io: CliIo): void | Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(GENERAL_HELP);
    return;
  }
  const found = own(COMMANDS, name);
  if (!found) {
    throw new CliError(
      `unknown command ${quoteInput(name)}; use ${Object.keys(COMMANDS).join(', ')} ('headroom --help')`,
    );
  }
  return found.run(rest, io);
}

/**
 * Runs the CLI and returns its exit code: 0; 2 for bad input, with one line on stderr naming the
 * input and the fix; 1 with one line if Headroom itself failed (a bug to report, never a stack trace).
 * Commands that read the Hugging Face Hub or a file return a promise of the code.
 */
export function main(argv: readonly string[], io: CliIo): number | Promise<number> {
  const lines: CliIo = {
    ...io,
    stdout: (text) => {
      io.stdout(`${text}\n`);
    },
    stderr: (text) => {
      io.stderr(`${text}\n`);
    },
  };
  try {
    const pending = run(argv, lines);
    if (pending instanceof Promise)
      return pending.then(
        () => 0,
        (e: unknown) => failure(e, lines),
      );
    return 0;
  } catch (e) {
    return failure(e, lines);
  }
}

function failure(e: unknown, lines: CliIo): number {
  // node:util parseArgs reports unknown or valueless flags with ERR_PARSE_ARGS_* codes.
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof CliError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
    lines.stderr(`headroom: ${firstLine(message)}`);
    return 2;
  }
  lines.stderr(`headroom: internal error (${firstLine(message)}); please report it with the command you ran`);
  return 1;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? '';
  const chars = Array.from(line);
  return chars.length > 300 ? `${chars.slice(0, 300).join('')}…` : line;
}
