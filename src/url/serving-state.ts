/**
 * The Serve task's settings, kept in the link under `sv-` keys (with `task=serve`): concurrent
 * users, the answer length, the speed floor each user must get, the cluster (machines, TP, PP,
 * EP and the network between machines) and the engine's memory fraction and tokens per step.
 * Parsed field by field like the rest of the link: a bad value is named and the default kept.
 */
export interface ServingState {
  /** Concurrent users; null: as many as get the floor ("sv-u=max"). */
  readonly users: number | null;
  /** Tokens each answer generates. */
  readonly output: number;
  /** Decode tokens/s each user must get. */
  readonly minTps: number;
  /** Machines, each with the chosen GPUs. */
  readonly nodes: number;
  /** Parallel degrees; null: the default layout (TP within a machine, PP across machines). */
  readonly tensor: number | null;
  readonly pipeline: number | null;
  readonly expert: number | null;
  /** The engine's memory fraction (vLLM gpu_memory_utilization, …); null: the engine's default. */
  readonly memoryFraction: number | null;
  /** Tokens per scheduler step (vLLM max_num_batched_tokens, …); null: the engine's default. */
  readonly batchedTokens: number | null;
  /** The network between machines (a data/systems.json fabric id). */
  readonly network: string;
}

export const DEFAULT_SERVING: ServingState = {
  users: 32,
  output: 512,
  minTps: 20,
  nodes: 1,
  tensor: null,
  pipeline: null,
  expert: null,
  memoryFraction: null,
  batchedTokens: null,
  network: 'infiniband-ndr',
};

export const MAX_SERVING_USERS = 100_000;
export const MAX_NODES = 64;

const whole = (raw: string, min: number, max: number): number | null => {
  if (!/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
};

const range = (min: number, max: number) =>
  `a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;

/** Reads the sv- keys; `isFabric` says which network ids exist. */
export function parseServingState(
  params: URLSearchParams,
  notices: string[],
  isFabric: (id: string) => boolean,
): ServingState {
  const d = DEFAULT_SERVING;
  const number = (key: string, label: string, min: number, max: number, fallback: number): number => {
    const raw = params.get(key);
    if (raw === null) return fallback;
    const n = whole(raw, min, max);
    if (n === null) notices.push(`Ignored ${label} '${raw.slice(0, 40)}': it must be ${range(min, max)}.`);
    return n ?? fallback;
  };
  const optional = (key: string, label: string, min: number, max: number): number | null => {
    const raw = params.get(key);
    if (raw === null || raw === 'auto') return null;
    const n = whole(raw, min, max);
    if (n === null) notices.push(`Ignored ${label} '${raw.slice(0, 40)}': it must be ${range(min, max)} or auto.`);
    return n;
  };
  let users = d.users;
  const rawUsers = params.get('sv-u');
  if (rawUsers !== null) {
    if (rawUsers === 'max') users = null;
    else {
      const n = whole(rawUsers, 1, MAX_SERVING_USERS);
      if (n === null)
        notices.push(`Ignored users '${rawUsers.slice(0, 40)}': it must be ${range(1, MAX_SERVING_USERS)} or max.`);
      else users = n;
    }
  }
  let memoryFraction = d.memoryFraction;
  const rawMem = params.get('sv-mem');
  if (rawMem !== null && rawMem !== 'auto') {
    const n = /^(0(\.\d{1,3})?|1(\.0{1,3})?)$/.test(rawMem) ? Number(rawMem) : NaN;
    if (n >= 0.05 && n <= 1) memoryFraction = n;
    else
      notices.push(
        `Ignored memory fraction '${rawMem.slice(0, 40)}': it must be a number from 0.05 to 1, such as 0.9.`,
      );
  }
  let network = d.network;
  const rawNet = params.get('sv-net');
  if (rawNet !== null) {
    if (isFabric(rawNet)) network = rawNet;
    else notices.push(`Ignored unknown network '${rawNet.slice(0, 40)}'.`);
  }
  return {
    users,
    output: number('sv-out', 'output length', 1, 1_048_576, d.output),
    minTps: number('sv-tps', 'speed floor', 1, 100_000, d.minTps),
    nodes: number('sv-n', 'machines', 1, MAX_NODES, d.nodes),
    tensor: optional('sv-tp', 'TP', 1, 4096),
    pipeline: optional('sv-pp', 'PP', 1, 4096),
    expert: optional('sv-ep', 'EP', 1, 4096),
    memoryFraction,
    batchedTokens: optional('sv-bt', 'tokens per step', 1, 1_048_576),
    network,
  };
}

/** The sv- fields of the query string; none that equal the defaults. */
export function serializeServingState(s: ServingState): [string, string][] {
  const d = DEFAULT_SERVING;
  const parts: [string, string][] = [];
  if (s.users !== d.users) parts.push(['sv-u', s.users === null ? 'max' : String(s.users)]);
  if (s.output !== d.output) parts.push(['sv-out', String(s.output)]);
  if (s.minTps !== d.minTps) parts.push(['sv-tps', String(s.minTps)]);
  if (s.nodes !== d.nodes) parts.push(['sv-n', String(s.nodes)]);
  if (s.tensor !== null) parts.push(['sv-tp', String(s.tensor)]);
  if (s.pipeline !== null) parts.push(['sv-pp', String(s.pipeline)]);
  if (s.expert !== null) parts.push(['sv-ep', String(s.expert)]);
  if (s.memoryFraction !== null) parts.push(['sv-mem', String(s.memoryFraction)]);
  if (s.batchedTokens !== null) parts.push(['sv-bt', String(s.batchedTokens)]);
  if (s.network !== d.network) parts.push(['sv-net', s.network]);
  return parts;
}
