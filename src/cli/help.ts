import { MAX_LOSS_HELP } from './max-loss';
import { FABRICS } from '../catalog/systems';
import { RUNTIME_PROFILES } from '../core/runtimes/registry';
import { FRAMEWORK_IDS } from '../core/training/frameworks/framework-ids';

/** The CLI's help texts: `headroom --help` and `headroom <command> --help`. */

const RUNTIMES = RUNTIME_PROFILES.map((p) => p.id).join(', ');
const NETWORKS = FABRICS.map((f) => f.id).join(', ');

export const GENERAL_HELP = `headroom: will this model fit on this GPU, at which precision, and how fast will it run?

Usage
  headroom estimate --model <id> --gpu <name> [options]
                                memory, fit and speed of one model on one set of GPUs
  headroom serve --model <id> --gpu <name> [--gpus 8] [--nodes 2] [--users 64 | --max-users]
                                the KV pool, how many users it serves and how fast, on one GPU,
                                one machine or a cluster
  headroom train --model <id> --method lora --gpu <name> [options]
                                fine-tuning: memory per GPU, fit, tokens/s, time and cost
  headroom plan --model <id> [--min-tps 20] [--context 8k] [--budget 5000]
                                the cheapest hardware that runs the model(s) that fast
                                (--task train: the cheapest hardware that fine-tunes it)
  headroom can-run --gpu <name> [--gpus 2] [--sort size|speed|context]
                                every catalogue model on the GPUs you own, at the best format that fits
                                (--task train: what you can fine-tune on them)
  headroom gpus [--json]        list the GPU catalogue
  headroom models [--json]      list the model catalogue
  headroom formats [--json]     list weight formats

'headroom <command> --help' lists a command's options.

Examples
  headroom estimate --model llama-3-1-70b --precision Q4_K_M --gpu 4090 --gpus 2
  headroom estimate --params 7b --precision f16 --gpu "A100 80GB SXM" --context 32k --json
  headroom estimate --config ./config.json --precision awq --runtime vllm --gpu l40s
  headroom estimate --hf unsloth/Qwen3-30B-A3B-GGUF:Q4_K_M --gpu 4090
  headroom estimate --gguf ./model-Q4_K_M.gguf --gpu 3090 --json
  headroom plan --model llama-3-1-70b --min-tps 20 --context 8192 --budget 5000
  headroom can-run --gpu 3090 --gpus 2 --sort speed
  headroom serve --model llama-3-1-8b --gpu l40s --users 64 --context 8k --runtime vllm
  headroom serve --model deepseek-v3 --precision fp8 --gpu h100-sxm --gpus 8 --nodes 2 --tp 8 --pp 2
  headroom train --model llama-3-1-8b --method qlora --gpu 4090 --dataset-tokens 1e8 --epochs 2

estimate, plan and can-run answer for inference (running a model); train and --task train for fine-tuning.
`;

export const ESTIMATE_HELP = `headroom estimate: memory, fit and speed of one model on one set of GPUs

Model (one of)
  --model <id>                  catalogue model, e.g. llama-3-1-70b ('headroom models')
  --config <config.json>        a Hugging Face config.json (its quantization_config sets the default format)
  --params <count>              a bare parameter count: 7b, 70B, 7e9 (assumes a Llama-3-like shape)
  --hf <repo|url>               a Hugging Face Hub model: Qwen/Qwen3-32B, a huggingface.co link, or
                                owner/name:Q4_K_M for one GGUF quant; weights are read exactly from the
                                file headers (HF_TOKEN for gated repos, HF_ENDPOINT for a mirror)
    --revision <rev>            branch, tag or commit (default main)
    --file <name.gguf>          the GGUF file of a GGUF repo to use
  --gguf <path|url>             a GGUF file on disk or at a URL: only its header is read, and it fixes
                                the weights (no --precision needed)

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

A run that does not fit (or is tight) ends with what would make it fit: each change with its flag
and new figures (--json: suggestions).
`;

export const SERVE_HELP = `headroom serve: the KV pool, how many users a model serves and how fast, on one GPU, one
machine or a cluster

Model and weights (as for estimate)
  --model <id> | --config <config.json> | --params <7b>
  --precision <format> | --bpw <bits>     default: the engine's (bf16 for vLLM)
Hardware
  --gpu <name>                  the GPU of each machine (repeat it for a mixed llama.cpp machine)
  --gpus <n>                    GPUs per machine (default 1)
  --nodes <n>                   machines (default 1); vLLM, SGLang and TensorRT-LLM only
  --network <id>                between machines: ${NETWORKS} (default infiniband-ndr)
  --tp <n> --pp <n> --ep <n>    tensor, pipeline and expert parallel degrees (default TP = GPUs per
                                machine, PP = machines, EP 1); GPUs left over are data-parallel replicas
Requests
  --users <n> | --max-users     concurrent users (default: as many as get --min-tps)
  --context <tokens>            per request, prompt and answer (default 8k)
  --output <tokens>             answer length (default 512)
  --min-tps <n>                 decode tokens/s each user must get (default 20)
Engine
  --runtime <name>              vllm (default), sglang, tensorrt-llm, llama.cpp, transformers, mlx, exllamav2
  --gpu-memory-utilization <f>  the engine's memory fraction: vLLM gpu_memory_utilization (0.9),
                                SGLang mem_fraction_static (from the GPU), TensorRT-LLM
                                free_gpu_memory_fraction (0.9)
  --max-num-batched-tokens <n>  tokens per scheduler step (vLLM max_num_batched_tokens, SGLang
                                chunked_prefill_size, TensorRT-LLM max_num_tokens)
  --kv-cache <type>             f16 (default), bf16, fp8
Output
  --json                        one JSON object: serving.{kvPoolBytes (per GPU), kvPoolTokens,
                                maxConcurrentSequences, perUserDecodeTokensPerSecond,
                                totalDecodeTokensPerSecond, timeToFirstTokenSeconds, …}
  --link-base <url>             where the web app lives, for the closing link (or $HEADROOM_URL)
`;

export const PLAN_HELP = `headroom plan: the cheapest hardware that runs the model(s) the way you need

  --model <id>                  catalogue model; repeat to plan for several at once
  --hf <repo|url> [--revision <rev>] [--file <name.gguf>] | --gguf <path|url>
                                also plan for a model from the Hugging Face Hub or a GGUF file
  --min-tps <n>                 decode tokens/s each user must get (default 10)
  --context <tokens>            per user, e.g. 8192 or 8k (default 8k)
  --users <n>                   concurrent users, each with that context (default 1); with vLLM,
                                SGLang or TensorRT-LLM all of them must fit in the engine's KV
                                pool at once and each get --min-tps, and clusters of 2 or 4
                                machines of 8 datacenter GPUs are tried too
  --output <tokens>             answer length for those engines (default 512)
  --budget <USD>                the most the hardware may cost
  --power <W>                   the most it may draw
  --hardware <classes>          consumer, workstation, datacenter, apple, unified (comma-separated;
                                default all); add cloud to also rank on-demand rentals per GPU-hour
                                and compare renting with buying
  --prices launch|new|used|cheapest
                                which price to rank by: launch list price, latest new or used price
                                people pay (data/prices.json), or the cheaper of those two, else the
                                launch price (default cheapest); hardware with none is listed apart
  --hours-per-day <h>           rent vs buy: hours a day of use (default 8)
  --years <n>                   rent vs buy: years the purchase is spread over (default 3)
  --electricity <USD/kWh>       rent vs buy: electricity price (default 0.168, the U.S. residential
                                average EIA forecast for 2025)
  --precision best|<formats>    best: the best-quality format of at least --min-bits that fits (default);
                                or a comma-separated list such as Q4_K_M,Q8_0
  --min-bits <bits>             with best, the fewest bits per weight accepted (default 4)
${MAX_LOSS_HELP}
  --runtime <name>              ${RUNTIMES} (default llama.cpp)
  --kv-cache <type>             KV cache type (default f16)
  --cpu <name> | --ram-bandwidth <GB/s>, --ram <GB>
                                the machine's system RAM: a MoE model that does not fit the GPUs may keep
                                experts there (default 64 GB at 89.6 GB/s)
  --top <n>                     rows to show (default 10)
  --json                        the ranked options and rejected cheaper ones as JSON, each with
                                priceKind and unitPrices (kind, date, source); unpriced lists what
                                has no public price; with cloud, rentals (priceUsd in USD per hour)
                                and rentVsBuy
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
${MAX_LOSS_HELP}
  --hf <repo|url> [--revision <rev>] [--file <name.gguf>] | --gguf <path|url>
                                add a model from the Hugging Face Hub or a GGUF file to the list
  --json                        the rows as JSON
`;

export const LIST_HELP = `headroom gpus | models | formats [--json]: the catalogue as a table, or as a JSON array with --json
`;

/** Lines shared by train, plan --task train and can-run --task train. */
const TRAINING_SETTINGS_HELP = `Method
  --method full|lora|qlora      (default: the framework's; hf: lora)
  --rank <n>                    LoRA rank (default: the framework's; hf: 8)
  --targets <modules>           attention, all-linear, all (with the output head) or a list:
                                q,k,v,o,gate,up,down,lm_head (PEFT names such as q_proj work too)
  --dora                        DoRA: adds a trainable magnitude per output feature
  --double-quant on|off         QLoRA's NF4 with double quantization, 4.127 bits (default on) or 4.5
Training
  --optimizer <name>            adamw, adamw-8bit, paged-adamw-8bit, paged-adamw-32bit, adafactor, sgd,
                                sgd-momentum (default adamw; LitGPT QLoRA: paged-adamw-32bit)
  --precision bf16|fp16|fp32    weights and compute (default bf16)
  --master-weights on|off       fp32 master weights in the optimizer (default: off; LLaMA-Factory: on
                                for full fine-tuning)
  --gradient-checkpointing on|off
                                recompute activations in the backward pass (default: the framework's)
  --flash-attention on|off      flash / memory-efficient attention (default on)
  --loss full|chunked|fused     fp32 logits for every token, chunks kept, or chunks recomputed
                                (default: the framework's)
  --seq <tokens>                tokens per sequence, e.g. 2048 or 8k (default 2048)
  --batch <n>                   sequences per GPU per micro-batch (default 1)
  --grad-accum <n>              micro-batches per optimizer step: time, not memory (default 1)
  --framework <name>            ${FRAMEWORK_IDS.join(', ')} (default hf)
Several GPUs
  --sharding <mode>             none, ddp, fsdp, zero1, zero2, zero3 (default: none on one GPU, fsdp on several)
  --offload none|optimizer|params
                                CPU offload with ZeRO or FSDP (default none)
Dataset
  --dataset-tokens <n>          tokens per epoch, e.g. 1e8, 100m, 2.5b (default 100M)
  --epochs <n>                  passes over the dataset (default 1)
`;

export const TRAIN_HELP = `headroom train: fine-tuning memory per GPU, fit, speed, time and cost

Model (one of)
  --model <id>                  catalogue model, e.g. llama-3-1-8b ('headroom models')
  --config <config.json>        a Hugging Face config.json
  --params <count>              a bare parameter count: 7b, 70B (assumes a Llama-3-like shape)
${TRAINING_SETTINGS_HELP}Hardware
  --gpu <name>                  catalogue GPU by id or unambiguous name; repeat for mixed pools
  --gpus <n>                    number of identical GPUs (default 1)
  --vram <GB> --bandwidth <GB/s> [--tflops <n>] [--gpu-vendor nvidia|amd|apple|intel]
                                a GPU that is not in the catalogue
  --ram <GB>                    system RAM for CPU offload (default 64 GB)
Output
  --gpu-hour-usd <n>            price per GPU-hour, for the cost of the run
  --json                        one JSON object: memory.{weightsBytes, gradientBytes, optimizerBytes,
                                activationBytes, logitsBytes, overheadBytes, peakPerDeviceBytes, …},
                                fit.verdict, time.{tokensPerSecond, stepSeconds, totalSeconds, …}, cost
  --link-base <url>             where the web app lives, for the closing link (or $HEADROOM_URL)
`;

export const PLAN_TRAIN_HELP = `headroom plan --task train: the cheapest hardware that fine-tunes the model the way you need

  --model <id>                  catalogue model
  --max-hours <h>               the most one run (dataset × epochs) may take
  --budget <USD>                the most the hardware may cost
  --power <W>                   the most it may draw
  --hardware <classes>          consumer, workstation, datacenter, apple, unified (default all)
  --top <n>                     rows to show (default 10)
  --json                        the ranked options and rejected cheaper ones as JSON
${TRAINING_SETTINGS_HELP}`;

export const CAN_RUN_TRAIN_HELP = `headroom can-run --task train: every catalogue model you can fine-tune on the GPUs you own

  --gpu <name>                  catalogue GPU by id or unambiguous name; repeat for mixed pools
  --gpus <n>                    number of identical GPUs (default 1)
  --sort size|speed|seq         largest model, fastest or longest sequence first (default size)
  --json                        the rows as JSON
  Each model gets the lightest method that fits of full fine-tuning, LoRA and QLoRA unless --method
  says which; the other settings below apply to every model.
${TRAINING_SETTINGS_HELP}`;
