import { RUNTIME_PROFILES } from '../core/runtimes/registry';

/** The CLI's help texts: `headroom --help` and `headroom <command> --help`. */

const RUNTIMES = RUNTIME_PROFILES.map((p) => p.id).join(', ');

export const GENERAL_HELP = `headroom: will this model fit on this GPU, at which precision, and how fast will it run?

Usage
  headroom estimate --model <id> --gpu <name> [options]
                                memory, fit and speed of one model on one set of GPUs
  headroom plan --model <id> [--min-tps 20] [--context 8k] [--budget 5000]
                                the cheapest hardware that runs the model(s) that fast
  headroom can-run --gpu <name> [--gpus 2] [--sort size|speed|context]
                                every catalogue model on the GPUs you own, at the best format that fits
  headroom gpus [--json]        list the GPU catalogue
  headroom models [--json]      list the model catalogue
  headroom formats [--json]     list weight formats

'headroom <command> --help' lists a command's options.

Examples
  headroom estimate --model llama-3-1-70b --precision Q4_K_M --gpu 4090 --gpus 2
  headroom estimate --params 7b --precision f16 --gpu "A100 80GB SXM" --context 32k --json
  headroom estimate --config ./config.json --precision awq --runtime vllm --gpu l40s
  headroom plan --model llama-3-1-70b --min-tps 20 --context 8192 --budget 5000
  headroom can-run --gpu 3090 --gpus 2 --sort speed
`;

export const ESTIMATE_HELP = `headroom estimate: memory, fit and speed of one model on one set of GPUs

Model (one of)
  --model <id>                  catalogue model, e.g. llama-3-1-70b ('headroom models')
  --config <config.json>        a Hugging Face config.json (its quantization_config sets the default format)
  --params <count>              a bare parameter count: 7b, 70B, 7e9 (assumes a Llama-3-like shape)

Weights
  --precision <format>          f16, bf16, fp8, int8, awq, gptq, nf4, Q4_K_M, Q8_0, IQ4_XS, exl2-4.65 ...
  --bpw <bits>                  any bits per weight instead
Run
  --context <tokens>            per sequence, e.g. 8192 or 8k (default 8k or the model's limit)
  --batch <n>                   concurrent sequences (default 1)
  --prompt <tokens>             prompt length for time to first token (default: the context)
  --kv-cache <type>             f16 (default), bf16, f32, fp8 (vLLM), q8_0, q4_0 (llama.cpp, MLX)
  --runtime <name>              ${RUNTIMES} (default llama.cpp)
  --split <layer|tensor>        multi-GPU split (default: tensor for vLLM, layer otherwise)
  --flash-attention <on|off>    llama.cpp flash attention (default on)
Hardware
  --gpu <name>                  catalogue GPU by id or unambiguous name ("4090"); repeat for mixed pools
  --gpus <n>                    number of identical GPUs (default 1)
  --vram <GB> --bandwidth <GB/s> [--tflops <n>] [--gpu-vendor nvidia|amd|apple|intel]
                                a GPU that is not in the catalogue
  --baseline-gpu <name>         also report speed relative to one of these GPUs
  --cpu <name>                  the host CPU for offloaded layers, from the catalogue (sets RAM bandwidth)
  --ram <GB> --ram-bandwidth <GB/s>
                                system RAM for offloading (default 64 GB at 89.6 GB/s)
  --cpu-moe                     keep every layer's MoE experts in system RAM (llama.cpp --cpu-moe)
  --n-cpu-moe <layers>          keep the experts of the first N layers in system RAM (llama.cpp --n-cpu-moe)
Output
  --json                        one JSON object with raw numbers (bytes, tokens/s)
  --link-base <url>             where the web app lives, for the closing link (or $HEADROOM_URL)
`;

export const PLAN_HELP = `headroom plan: the cheapest hardware that runs the model(s) the way you need

  --model <id>                  catalogue model; repeat to plan for several at once
  --min-tps <n>                 decode tokens/s each user must get (default 10)
  --context <tokens>            per user, e.g. 8192 or 8k (default 8k)
  --users <n>                   concurrent users, each with that context (default 1)
  --budget <USD>                the most the hardware may cost
  --power <W>                   the most it may draw
  --hardware <classes>          consumer, workstation, datacenter, apple, unified (comma-separated;
                                default all)
  --precision best|<formats>    best: the best-quality format of at least --min-bits that fits (default);
                                or a comma-separated list such as Q4_K_M,Q8_0
  --min-bits <bits>             with best, the fewest bits per weight accepted (default 4)
  --runtime <name>              ${RUNTIMES} (default llama.cpp)
  --kv-cache <type>             KV cache type (default f16)
  --cpu <name> | --ram-bandwidth <GB/s>, --ram <GB>
                                the machine's system RAM: a MoE model that does not fit the GPUs may keep
                                experts there (default 64 GB at 89.6 GB/s)
  --top <n>                     rows to show (default 10)
  --json                        the ranked options and rejected cheaper ones as JSON
`;

export const CAN_RUN_HELP = `headroom can-run: every catalogue model on the GPUs you own, at the best format that fits

  --gpu <name>                  catalogue GPU by id or unambiguous name; repeat for mixed pools
  --gpus <n>                    number of identical GPUs (default 1)
  --cpu <name> | --ram-bandwidth <GB/s>, --ram <GB>
                                system RAM: a MoE model that fits at no format may keep experts there
                                (default 64 GB at 89.6 GB/s)
  --context <tokens>            per user, e.g. 8192 or 8k (default 8k)
  --users <n>                   concurrent users (default 1)
  --runtime <name>              ${RUNTIMES} (default llama.cpp)
  --kv-cache <type>             KV cache type (default f16)
  --sort size|speed|context     largest model, fastest or longest context first (default size)
  --json                        the rows as JSON
`;

export const LIST_HELP = `headroom gpus | models | formats [--json]: the catalogue as a table, or as a JSON array with --json
`;
