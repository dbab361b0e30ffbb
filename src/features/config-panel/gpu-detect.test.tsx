// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GPUS } from '../../catalog/catalog';
import { matchRenderer } from '../../view-models/gpu-detect';
import { GPU_OPTIONS } from '../../view-models/picker-options';
import type { DetectedGpu } from './detect-gpu';
import { GpuPicker } from './gpu-picker';

const detectGpu = vi.fn<() => Promise<DetectedGpu>>();
vi.mock('./detect-gpu', () => ({ detectGpu: () => detectGpu() }));

afterEach(cleanup);

const picker = () =>
  render(<GpuPicker options={GPU_OPTIONS} unavailable={() => null} pools={[]} onAdd={vi.fn()} onRemove={vi.fn()} />);

describe('Detect my GPU', () => {
  it('preselects the detected card with a "detected" label the user can change', async () => {
    const renderer = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 (0x00002684) Direct3D11 vs_5_0 ps_5_0, D3D11)';
    detectGpu.mockResolvedValue({ match: matchRenderer(renderer, GPUS), renderer });
    picker();
    await userEvent.click(screen.getByRole('button', { name: 'Detect my GPU' }));
    expect((await screen.findByTestId('gpu-detect-result')).textContent).toMatch(/^Detected RTX 4090 from/);
    expect(screen.getByLabelText<HTMLSelectElement>('GPU').value).toBe('rtx-4090');
    expect(screen.getByTestId('gpu-detected').textContent).toBe('detected');
    await userEvent.selectOptions(screen.getByLabelText('GPU'), 'rtx-3090');
    expect(screen.queryByTestId('gpu-detected')).toBeNull();
  });

  it('says clearly when it could not detect one (a headless browser draws in software)', async () => {
    const renderer = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    detectGpu.mockResolvedValue({ match: matchRenderer(renderer, GPUS), renderer });
    picker();
    const before = screen.getByLabelText<HTMLSelectElement>('GPU').value;
    await userEvent.click(screen.getByRole('button', { name: 'Detect my GPU' }));
    expect((await screen.findByTestId('gpu-detect-result')).textContent).toMatch(/^Could not detect your GPU: /);
    expect(screen.getByLabelText<HTMLSelectElement>('GPU').value).toBe(before);
    expect(screen.queryByTestId('gpu-detected')).toBeNull();
  });

  it('says when the runtime on the left cannot run the detected card', async () => {
    detectGpu.mockResolvedValue({
      match: matchRenderer('NVIDIA GeForce RTX 4090', GPUS),
      renderer: 'NVIDIA GeForce RTX 4090',
    });
    render(
      <GpuPicker
        options={GPU_OPTIONS}
        unavailable={(vendor) => (vendor === 'apple' ? null : 'not for Apple MLX')}
        pools={[]}
        onAdd={vi.fn()}
        onRemove={vi.fn()}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Detect my GPU' }));
    expect((await screen.findByTestId('gpu-detect-result')).textContent).toContain(
      'It cannot be added with this runtime (not for Apple MLX); choose another runtime first.',
    );
  });

  it('counts its configurations in words that agree', () => {
    render(
      <GpuPicker
        options={GPU_OPTIONS}
        unavailable={() => null}
        pools={[{ key: 'rtx-4090', label: 'RTX 4090 24 GB' }]}
        onAdd={vi.fn()}
        onRemove={vi.fn()}
      />,
    );
    expect(screen.getByText('1 configuration')).toBeTruthy();
  });
});
