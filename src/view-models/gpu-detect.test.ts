import { describe, expect, it } from 'vitest';
import { GPUS } from '../catalog/catalog';
import { matchRenderer, rendererWords } from './gpu-detect';

const match = (renderer: string) => matchRenderer(renderer, GPUS);

describe('matchRenderer', () => {
  it('reads the device out of ANGLE strings from Windows, Linux and macOS', () => {
    expect(match('ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 (0x00002684) Direct3D11 vs_5_0 ps_5_0, D3D11)')).toEqual({
      kind: 'found',
      ids: ['rtx-4090'],
      name: 'RTX 4090',
    });
    expect(
      match('ANGLE (NVIDIA Corporation, NVIDIA GeForce RTX 3090/PCIe/SSE2, OpenGL 4.5.0 NVIDIA 535.104.05)'),
    ).toMatchObject({ kind: 'found', ids: ['rtx-3090'] });
    expect(match('ANGLE (AMD, AMD Radeon RX 7900 XTX (0x0000744C) Direct3D11 vs_5_0 ps_5_0, D3D11)')).toMatchObject({
      ids: ['rx-7900-xtx'],
    });
  });

  it('tells a card from its Ti, SUPER, XT and XTX siblings', () => {
    expect(match('AMD Radeon RX 7900 XTX')).toMatchObject({ ids: ['rx-7900-xtx'] });
    expect(match('AMD Radeon RX 7900 XT')).toMatchObject({ ids: ['rx-7900-xt'] });
    expect(match('NVIDIA GeForce RTX 4070 Ti SUPER')).toMatchObject({ ids: ['rtx-4070-ti-super'] });
    expect(match('NVIDIA GeForce RTX 4070')).toMatchObject({ ids: ['rtx-4070'] });
    // The China-only 4090 D is not the 4090.
    expect(match('NVIDIA GeForce RTX 4090 D').kind).toBe('none');
  });

  it('offers every memory size of a name the browser cannot tell apart', () => {
    const m2max = match('Apple M2 Max');
    expect(m2max).toEqual({ kind: 'found', ids: ['m2-max-32gb', 'm2-max-64gb', 'm2-max-96gb'], name: 'M2 Max' });
    expect(match('ANGLE (Apple, ANGLE Metal Renderer: Apple M2 Max, Unspecified Version)')).toEqual(m2max);
    expect(match('Apple M2')).toMatchObject({ ids: ['m2-8gb', 'm2-16gb', 'm2-24gb'], name: 'M2' });
    expect(match('NVIDIA GeForce RTX 4060 Ti')).toMatchObject({ ids: ['rtx-4060-ti-8gb', 'rtx-4060-ti-16gb'] });
    expect(match('Intel(R) Arc(TM) A770 Graphics')).toMatchObject({ ids: ['arc-a770-16gb', 'arc-a770-8gb'] });
  });

  it('says why when it cannot name a catalogue GPU', () => {
    expect(match('')).toEqual({ kind: 'none', why: 'the browser does not name its GPU' });
    expect(
      match('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)'),
    ).toEqual({
      kind: 'none',
      why: expect.stringContaining('software') as string,
    });
    expect(match('NVIDIA GeForce RTX 4090 Laptop GPU')).toMatchObject({
      kind: 'none',
      why: expect.stringContaining('laptop') as string,
    });
    expect(match('Apple GPU')).toMatchObject({ kind: 'none' });
    expect(match('Mali-G78')).toMatchObject({ kind: 'none', why: "no catalogue GPU matches 'Mali-G78'" });
  });

  it('drops brands, PCI ids and driver details from the words it compares', () => {
    expect(
      rendererWords('ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 (0x00002684) Direct3D11 vs_5_0 ps_5_0, D3D11)'),
    ).toEqual(['rtx', '4090']);
  });
});
