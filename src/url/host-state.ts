/**
 * System RAM and expert offload in the link: `ram` (GB), `rbw` (RAM bandwidth, GB/s) or `cpu` (a
 * catalogue CPU, whose bandwidth it sets), and `moe` (`all` for llama.cpp --cpu-moe, or N for
 * --n-cpu-moe N). Each field falls back to the default on its own and says why in a notice.
 */
export interface HostState {
  /** System RAM in GB; null: the estimator's default (64 GB). */
  readonly ramGb: number | null;
  /** RAM bandwidth in GB/s; null: the CPU's, or the default's 89.6 GB/s. */
  readonly bandwidthGbps: number | null;
  /** Catalogue CPU id; null: none chosen. */
  readonly cpu: string | null;
  /** Layers whose experts stay in RAM: "all", a count, or null for none. */
  readonly cpuMoe: 'all' | number | null;
}

export const DEFAULT_HOST_STATE: HostState = { ramGb: null, bandwidthGbps: null, cpu: null, cpuMoe: null };

export const MAX_RAM_GB = 65_536;
export const MAX_RAM_BANDWIDTH_GBPS = 20_000;
export const MAX_CPU_MOE_LAYERS = 1_024;

function decimal(raw: string, max: number): number | null {
  if (!/^\d+(?:\.\d+)?$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 && n <= max ? n : null;
}

export function parseHostState(params: URLSearchParams, isCpu: (id: string) => boolean, notices: string[]): HostState {
  let ramGb: number | null = null;
  const rawRam = params.get('ram');
  if (rawRam !== null) {
    ramGb = decimal(rawRam, MAX_RAM_GB);
    if (ramGb === null)
      notices.push(`Ignored system RAM '${rawRam.slice(0, 40)}': it must be a number of GB from 1 to 65,536.`);
  }
  let cpu: string | null = null;
  const rawCpu = params.get('cpu');
  if (rawCpu !== null) {
    if (isCpu(rawCpu)) cpu = rawCpu;
    else notices.push(`Ignored unknown CPU '${rawCpu.slice(0, 40)}'.`);
  }
  let bandwidthGbps: number | null = null;
  const rawBw = params.get('rbw');
  if (rawBw !== null) {
    if (cpu !== null) notices.push(`Ignored RAM bandwidth '${rawBw.slice(0, 40)}': the chosen CPU sets it.`);
    else {
      bandwidthGbps = decimal(rawBw, MAX_RAM_BANDWIDTH_GBPS);
      if (bandwidthGbps === null)
        notices.push(`Ignored RAM bandwidth '${rawBw.slice(0, 40)}': it must be a number of GB/s from 1 to 20,000.`);
    }
  }
  let cpuMoe: HostState['cpuMoe'] = null;
  const rawMoe = params.get('moe');
  if (rawMoe !== null) {
    if (rawMoe === 'all') cpuMoe = 'all';
    else if (/^\d+$/.test(rawMoe) && Number(rawMoe) >= 1 && Number(rawMoe) <= MAX_CPU_MOE_LAYERS)
      cpuMoe = Number(rawMoe);
    else
      notices.push(`Ignored experts in RAM '${rawMoe.slice(0, 40)}': use 'all' or a number of layers from 1 to 1,024.`);
  }
  return { ramGb, bandwidthGbps, cpu, cpuMoe };
}

/** The host's fields of the query string; none when they are the defaults. */
export function serializeHostState(h: HostState): [string, string][] {
  const parts: [string, string][] = [];
  if (h.ramGb !== null) parts.push(['ram', String(h.ramGb)]);
  if (h.cpu !== null) parts.push(['cpu', h.cpu]);
  else if (h.bandwidthGbps !== null) parts.push(['rbw', String(h.bandwidthGbps)]);
  if (h.cpuMoe !== null) parts.push(['moe', String(h.cpuMoe)]);
  return parts;
}
