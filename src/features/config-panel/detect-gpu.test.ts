// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectGpu } from './detect-gpu';

const UNMASKED = 0x9246;

/** A WebGL context that answers the unmasked renderer query as Chrome on Windows does. */
function fakeWebgl(renderer: string) {
  const loseContext = vi.fn();
  return {
    RENDERER: 0x1f01,
    getExtension: (name: string) =>
      name === 'WEBGL_debug_renderer_info'
        ? { UNMASKED_RENDERER_WEBGL: UNMASKED }
        : name === 'WEBGL_lose_context'
          ? { loseContext }
          : null,
    getParameter: (p: number) => (p === UNMASKED ? renderer : 'WebKit WebGL'),
    loseContext,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('detectGpu', () => {
  it("reads WebGL's unmasked renderer, matches it and releases the context", async () => {
    const gl = fakeWebgl('ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 (0x00002684) Direct3D11 vs_5_0 ps_5_0, D3D11)');
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(gl as unknown as WebGLRenderingContext);
    const d = await detectGpu();
    expect(d.match).toEqual({ kind: 'found', ids: ['rtx-4090'], name: 'RTX 4090' });
    expect(gl.loseContext).toHaveBeenCalledTimes(1);
  });

  it('falls back to the WebGPU adapter description when WebGL names no GPU', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    vi.stubGlobal('navigator', {
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0',
      gpu: { requestAdapter: () => Promise.resolve({ info: { description: 'AMD Radeon RX 7900 XTX' } }) },
    });
    expect((await detectGpu()).match).toMatchObject({ kind: 'found', ids: ['rx-7900-xtx'] });
  });

  it('reports a browser without WebGL or WebGPU as not detected, and a Mac whose Safari hides the chip', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    expect((await detectGpu()).match).toEqual({ kind: 'none', why: 'the browser does not name its GPU' });
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      fakeWebgl('Apple GPU') as unknown as WebGLRenderingContext,
    );
    vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15' });
    expect((await detectGpu()).match).toEqual({
      kind: 'none',
      why: 'this browser shows an Apple silicon Mac but hides which chip; pick it below',
    });
  });
});
