import type { Vendor } from '../core/devices';
import { weightFormatById, type FormatFamily } from '../core/formats/weight-formats';
import { KV_CACHE_TYPE_IDS, type KvCacheType } from '../core/kv-cache-types';
import { RUNTIME_PROFILES, RUNTIMES, type RuntimeId } from '../core/runtimes/registry';
import { nearestLoadable, orList } from '../core/runtimes/rules';

/**
 * What the configuration panel offers for the chosen runtime: everything, with what that engine
 * cannot run greyed out and the reason beside it, from the same profiles the estimator checks.
 */

export interface KvOption {
  readonly id: KvCacheType;
  readonly label: string;
  /** Why it cannot be chosen with this runtime, or null. */
  readonly unavailable: string | null;
}

const KV_LABEL: Record<KvCacheType, string> = {
  f16: 'f16 (default)',
  bf16: 'bf16',
  f32: 'f32',
  fp8: 'fp8',
  q8_0: 'q8_0',
  q4_0: 'q4_0',
};

export function kvOptions(runtime: RuntimeId): KvOption[] {
  const profile = RUNTIMES[runtime];
  return KV_CACHE_TYPE_IDS.map((id) => {
    if (profile.kvCacheTypes.includes(id)) return { id, label: KV_LABEL[id], unavailable: null };
    const elsewhere = RUNTIME_PROFILES.filter((p) => p.kvCacheTypes.includes(id)).map((p) => p.label);
    return {
      id,
      label: `${KV_LABEL[id]} (${orList(elsewhere)})`,
      unavailable: `${profile.label} has no ${id} KV cache`,
    };
  });
}

/** Why a family of formats cannot be loaded by the runtime, or null. */
export function familyUnavailable(runtime: RuntimeId, family: FormatFamily): string | null {
  const profile = RUNTIMES[runtime];
  if (family === 'custom' || profile.formatFamilies.includes(family)) return null;
  const elsewhere = RUNTIME_PROFILES.filter((p) => p.formatFamilies.includes(family)).map((p) => p.label);
  return `runs in ${orList(elsewhere)}, not ${profile.label}`;
}

/** Why GPUs of this vendor cannot run the runtime, or null. */
export function vendorUnavailable(runtime: RuntimeId, vendor: Vendor): string | null {
  const profile = RUNTIMES[runtime];
  return profile.vendors.includes(vendor) ? null : `not for ${profile.label}`;
}

/**
 * The link fields to change when the user picks another runtime: formats it cannot load are
 * replaced by its common format nearest in bits per weight (Q4_K_M → AWQ 4-bit for vLLM), and a
 * cache type it lacks by its default.
 */
export function switchRuntime(
  next: RuntimeId,
  formats: readonly string[],
  kv: KvCacheType,
): { runtime: RuntimeId; formats: string[]; kv: KvCacheType } {
  const profile = RUNTIMES[next];
  const replaced: string[] = [];
  for (const id of formats) {
    const f = weightFormatById(id);
    if (!f) continue;
    const kept = nearestLoadable(profile, f);
    if (!replaced.includes(kept.id)) replaced.push(kept.id);
  }
  return {
    runtime: next,
    formats: replaced.length > 0 ? replaced : [profile.defaults.format],
    kv: profile.kvCacheTypes.includes(kv) ? kv : profile.defaults.kvCacheType,
  };
}

/** Why the runtime cannot keep MoE experts in system RAM, naming one that can; null when it can. */
export function expertOffloadUnavailable(runtime: RuntimeId): string | null {
  const profile = RUNTIMES[runtime];
  if (profile.expertOffload === true) return null;
  const able = RUNTIME_PROFILES.filter((p) => p.expertOffload === true).map((p) => p.label);
  return `${profile.label} cannot keep experts in system RAM${able.length > 0 ? `; ${able.join(' or ')} can (--cpu-moe, --n-cpu-moe)` : ''}.`;
}
