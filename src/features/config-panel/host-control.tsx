import { useId } from 'react';
import { NumberField } from '../../components/number-field';
import { useIsClient } from '../../components/use-is-client';
import { DEFAULT_HOST } from '../../core/devices';
import type { HostState } from '../../url/host-state';
import { MAX_CPU_MOE_LAYERS, MAX_RAM_BANDWIDTH_GBPS, MAX_RAM_GB } from '../../url/host-state';
import type { CpuOption } from '../../view-models/picker-options';

interface Props {
  readonly host: HostState;
  /** The RAM as the estimator uses it, in words ("64 GB at 89.6 GB/s"). */
  readonly hostLabel: string;
  readonly cpus: readonly CpuOption[];
  /** Why the runtime cannot keep experts in RAM ("llama.cpp only"), or null. */
  readonly expertsUnavailable: string | null;
  /** Most layers among the chosen mixture-of-experts models; 0 when none is one. */
  readonly moeLayers: number;
  readonly onChange: (patch: Partial<HostState>) => void;
}

const DEFAULT_RAM_GB = DEFAULT_HOST.memoryBytes / 1024 ** 3;
const DEFAULT_BANDWIDTH = DEFAULT_HOST.bandwidthBytesPerSecond / 1e9;

/** "none", "all layers (--cpu-moe)", "first 24 layers (--n-cpu-moe 24)". */
function expertWords(moe: HostState['cpuMoe']): string {
  if (moe === null) return 'none';
  return moe === 'all' ? 'all layers (--cpu-moe)' : `first ${moe} layers (--n-cpu-moe ${moe})`;
}

/**
 * Where memory goes beyond the GPUs: the system RAM (a catalogue CPU, or its size and bandwidth)
 * and, for mixture-of-experts models in llama.cpp, the layers whose experts stay there.
 */
export function HostControl({ host, hostLabel, cpus, expertsUnavailable, moeLayers, onChange }: Props) {
  const id = useId();
  const isClient = useIsClient();
  const mode = host.cpuMoe === null ? 'none' : host.cpuMoe === 'all' ? 'all' : 'some';
  return (
    <>
      <div className="field">
        <span className="field-label">
          System RAM <span className="field-value">{hostLabel}</span>
        </span>
        <fieldset className="gpu-add host-control">
          <legend>Where offloaded weights go</legend>
          <div className="field">
            <label htmlFor={`${id}-cpu`}>CPU</label>
            <select
              id={`${id}-cpu`}
              value={host.cpu ?? ''}
              onChange={(e) => onChange({ cpu: e.target.value === '' ? null : e.target.value, bandwidthGbps: null })}
            >
              <option value="">Any: set the bandwidth below</option>
              {/* Prerendered: only the chosen CPU (see useIsClient). */}
              {(isClient ? cpus : cpus.filter((c) => c.id === host.cpu)).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <div className="host-numbers">
            <NumberField
              label="RAM (GB)"
              value={host.ramGb ?? DEFAULT_RAM_GB}
              min={1}
              max={MAX_RAM_GB}
              onChange={(v) => onChange({ ramGb: v === DEFAULT_RAM_GB ? null : v })}
            />
            {host.cpu === null ? (
              <NumberField
                label="Bandwidth (GB/s)"
                value={host.bandwidthGbps ?? DEFAULT_BANDWIDTH}
                min={1}
                max={MAX_RAM_BANDWIDTH_GBPS}
                decimals
                onChange={(v) => onChange({ bandwidthGbps: v === DEFAULT_BANDWIDTH ? null : v })}
              />
            ) : (
              <div className="field">
                <span className="field-label">Bandwidth</span>
                <span className="field-help">
                  {cpus.find((c) => c.id === host.cpu)?.bandwidthGbps.toLocaleString('en-US')} GB/s, set by the CPU
                </span>
              </div>
            )}
          </div>
        </fieldset>
      </div>
      <div className="field">
        <label htmlFor={`${id}-moe`} title="Mixture-of-experts models: experts kept in system RAM and run on the CPU">
          Experts in RAM <span className="field-value">{expertWords(host.cpuMoe)}</span>
        </label>
        <select
          id={`${id}-moe`}
          value={mode}
          disabled={expertsUnavailable !== null}
          onChange={(e) => {
            const next = e.target.value;
            onChange({
              cpuMoe: next === 'none' ? null : next === 'all' ? 'all' : Math.max(1, Math.floor(moeLayers / 2)),
            });
          }}
        >
          <option value="none">None: every layer on the GPUs</option>
          <option value="all">All layers (--cpu-moe)</option>
          <option value="some">The first N layers (--n-cpu-moe N)</option>
        </select>
        {mode === 'some' && typeof host.cpuMoe === 'number' && (
          <NumberField
            label="Layers with experts in RAM"
            value={host.cpuMoe}
            min={1}
            max={MAX_CPU_MOE_LAYERS}
            onChange={(v) => onChange({ cpuMoe: v ?? host.cpuMoe })}
          />
        )}
        <span className="field-help">
          {expertsUnavailable ??
            (moeLayers > 0
              ? 'For mixture-of-experts models: the rest stays on the GPUs; the CPU computes those experts while decoding.'
              : 'Applies to mixture-of-experts models; none is chosen.')}
        </span>
      </div>
    </>
  );
}
