import type { Estimate } from '../core/estimate';
import type { Verdict } from '../core/fit';
import { formatGiB } from './format-units';

export const VERDICT_LABEL: Record<Verdict, string> = {
  fits: 'fits',
  tight: 'tight',
  offload: 'offload',
  no: 'does not fit',
};

/** "fits, 18.0 GiB to spare" / "offload: 60 of 80 layers on the GPU". */
export function verdictWords(e: Estimate): string {
  const { fit } = e;
  switch (fit.verdict) {
    case 'fits':
    case 'tight':
      return `${VERDICT_LABEL[fit.verdict]}, ${formatGiB(fit.spareBytes)} to spare`;
    case 'offload':
      return `offload: ${fit.deviceLayers} of ${fit.totalLayers} layers on the GPU, the rest in system RAM`;
    case 'no':
      return `does not fit: needs ${formatGiB(e.memory.deviceBytes)}, ${formatGiB(fit.usableBytes)} usable`;
  }
}
