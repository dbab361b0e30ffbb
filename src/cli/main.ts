import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';
import { ESTIMATE_OPTIONS, runEstimate } from './estimate-command';
import { listFormats, listGpus, listModels } from './list-commands';
import { CAN_RUN_OPTIONS, PLAN_OPTIONS, runCanRun, runPlan } from './plan-commands';

const HELP = `headroom: will this model fit on this GPU, at which precision, and how fast will it run?

Usage
  headroom estimate --model <id> --gpu <name> [options]
  headroom plan --model <id> [--min-tps 20] [--context 8k] [--users 1] [--budget 5000] [--power 1000]
                [--precision best|Q4_K_M,Q8_0] [--hardware consumer,workstation,datacenter,apple] [--json]
                                the cheapest hardware that runs the model(s) that fast
  headroom can-run --gpu <name> [--gpus 2] [--context 8k] [--sort size|speed|context] [--json]
                                every catalogue model on the GPUs you own, at the best format that fits
  headroom gpus [--json]        list the GPU catalogue
  headroom models [--json]      list the model catalogue
  headroom formats [--json]     list weight formats

Model (one of)
  --model <id>                  catalogue model, e.g. llama-3-1-70b ('headroom models')
  --config <config.json>        a Hugging Face config.json
  --params <count>              a bare parameter count: 7b, 70B, 7e9 (assumes a Llama-3-like shape)

Weights
  --precision <format>          f16, bf16, fp8, int8, awq, gptq, nf4, Q4_K_M, Q8_0, IQ4_XS, exl2-4.65 ...
  --bpw <bits>                  any bits per weight instead
Run
  --context <tokens>            per sequence, e.g. 8192 or 8k (default 8k or the model's limit)
  --batch <n>                   concurrent sequences (default 1)
  --prompt <tokens>             prompt length for time to first token (default: the context)
  --kv-cache <type>             f16 (default), bf16, f32, fp8 (vLLM), q8_0, q4_0 (llama.cpp)
  --runtime <name>              llama.cpp (default), vllm, transformers, mlx
  --split <layer|tensor>        multi-GPU split (default: tensor for vLLM, layer otherwise)
  --flash-attention <on|off>    llama.cpp flash attention (default on)
Hardware
  --gpu <name>                  catalogue GPU by id or unambiguous name ("4090"); repeat for mixed pools
  --gpus <n>                    number of identical GPUs (default 1)
  --vram <GB> --bandwidth <GB/s> [--tflops <n>] [--gpu-vendor nvidia|amd|apple|intel]
                                a GPU that is not in the catalogue
  --baseline-gpu <name>         also report speed relative to one of these GPUs
  --link-base <url>             where the web app lives, for the closing link (or $HEADROOM_URL)
  --cpu <name>                  the host CPU for offloaded layers, from the catalogue (sets RAM bandwidth)
  --ram <GB> --ram-bandwidth <GB/s>
                                system RAM for offloading (default 64 GB at 89.6 GB/s)
Output
  --json                        one JSON object with raw numbers (bytes, tokens/s)

Examples
  headroom estimate --model llama-3-1-70b --precision Q4_K_M --gpu 4090 --gpus 2
  headroom estimate --params 7b --precision f16 --gpu "A100 80GB SXM" --context 32k --json
  headroom estimate --config ./config.json --precision awq --runtime vllm --gpu l40s
`;

/**
 * node:util parseArgs refuses "--context -5" as ambiguous; joining a negative number to its flag
 * lets the value checks explain what is wrong with it instead.
 */
function joinNegativeValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (arg.startsWith('--') && !arg.includes('=') && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** A command's options, strictly: an unknown flag or a stray argument is a usage error. */
function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(rest: readonly string[], options: O) {
  const { values, positionals } = parseArgs({
    args: joinNegativeValues(rest),
    options,
    strict: true as const,
    allowPositionals: true as const,
  });
  if (positionals.length > 0)
    throw new CliError(`unexpected argument '${positionals[0] ?? ''}'; options start with --`);
  return values;
}

function run(argv: readonly string[], out: (text: string) => void): void {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return;
  }
  if (command === 'estimate') {
    const values = parseOptions(rest, { ...ESTIMATE_OPTIONS, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      out(HELP);
      return;
    }
    runEstimate(values, out);
    return;
  }
  if (command === 'plan') {
    runPlan(parseOptions(rest, PLAN_OPTIONS), out);
    return;
  }
  if (command === 'can-run') {
    runCanRun(parseOptions(rest, CAN_RUN_OPTIONS), out);
    return;
  }
  const lists: Record<string, (json: boolean) => string> = { gpus: listGpus, models: listModels, formats: listFormats };
  const list = lists[command];
  if (!list)
    throw new CliError(
      `unknown command '${command}'; use estimate, plan, can-run, gpus, models or formats ('headroom --help')`,
    );
  const { values } = parseArgs({ args: [...rest], options: { json: { type: 'boolean' } }, strict: true });
  out(list(values.json === true));
}

/** Runs the CLI and returns its exit code: 0, or 2 for bad input (one line on stderr). */
export function main(argv: readonly string[]): number {
  try {
    run(argv, (text) => process.stdout.write(`${text}\n`));
    return 0;
  } catch (e) {
    // node:util parseArgs reports unknown or valueless flags with ERR_PARSE_ARGS_* codes.
    const code = (e as { code?: unknown }).code;
    if (e instanceof CliError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`headroom: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
