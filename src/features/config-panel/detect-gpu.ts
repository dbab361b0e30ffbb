import { GPUS } from '../../catalog/catalog';
import { matchRenderer, type GpuMatch } from '../../view-models/gpu-detect';

/** What the browser says about its GPU; read here and never sent anywhere. */
export interface DetectedGpu {
  readonly match: GpuMatch;
  /** The text the match was made from, shown so the user can judge it; '' when none. */
  readonly renderer: string;
}

/** WebGL's unmasked renderer (WEBGL_debug_renderer_info), else its plain RENDERER (Firefox). */
function webglRenderer(): string {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl');
  if (!gl) return '';
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const value: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    return typeof value === 'string' ? value : '';
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

interface AdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly description?: string;
}
interface GpuNavigator {
  readonly gpu?: { requestAdapter: () => Promise<{ readonly info?: AdapterInfo } | null> };
}

/** WebGPU's adapter description (Chrome fills it only on some systems); '' after 2 s or on failure. */
async function webgpuRenderer(): Promise<string> {
  const gpu = (navigator as Navigator & GpuNavigator).gpu;
  if (!gpu) return '';
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000));
  const adapter = await Promise.race([gpu.requestAdapter().catch(() => null), timeout]);
  const info = adapter?.info;
  return info?.description ?? '';
}

/** Safari names every Apple GPU "Apple GPU": the chip (M2 Max, …) stays hidden. */
function appleSilicon(renderer: string): boolean {
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.userAgent;
  return /^Apple GPU$/i.test(renderer.trim()) && /mac/i.test(platform);
}

export async function detectGpu(): Promise<DetectedGpu> {
  try {
    let renderer = webglRenderer();
    let match = matchRenderer(renderer, GPUS);
    if (match.kind === 'none') {
      const described = await webgpuRenderer();
      const fromWebgpu = described === '' ? null : matchRenderer(described, GPUS);
      if (fromWebgpu?.kind === 'found') {
        renderer = described;
        match = fromWebgpu;
      }
    }
    if (match.kind === 'none' && appleSilicon(renderer))
      match = { kind: 'none', why: 'this browser shows an Apple silicon Mac but hides which chip; pick it below' };
    return { match, renderer };
  } catch (e) {
    return { match: { kind: 'none', why: e instanceof Error ? e.message : 'the browser refused' }, renderer: '' };
  }
}
