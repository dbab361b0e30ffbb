// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOST_STATE } from '../../url/host-state';
import { CPU_OPTIONS } from '../../view-models/picker-options';
import { HostControl } from './host-control';

afterEach(cleanup);

const props = {
  host: DEFAULT_HOST_STATE,
  hostLabel: '64 GB at 89.6 GB/s',
  cpus: CPU_OPTIONS,
  expertsUnavailable: null,
  moeLayers: 36,
};

describe('HostControl', () => {
  it('says the RAM in words and takes a size, a bandwidth or a catalogue CPU', async () => {
    const onChange = vi.fn();
    render(<HostControl {...props} onChange={onChange} />);
    expect(screen.getByText('64 GB at 89.6 GB/s')).toBeTruthy();
    const ram = screen.getByRole('textbox', { name: 'RAM (GB)' });
    await userEvent.clear(ram);
    await userEvent.type(ram, '128{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ ramGb: 128 });
    const bandwidth = screen.getByRole('textbox', { name: 'Bandwidth (GB/s)' });
    await userEvent.clear(bandwidth);
    await userEvent.type(bandwidth, '102.4{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ bandwidthGbps: 102.4 });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'CPU' }), 'epyc-9654');
    expect(onChange).toHaveBeenLastCalledWith({ cpu: 'epyc-9654', bandwidthGbps: null });
  });

  it('keeps the experts of all or the first N layers in RAM', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<HostControl {...props} onChange={onChange} />);
    const moe = screen.getByRole('combobox', { name: /Experts in RAM/ });
    await userEvent.selectOptions(moe, 'all');
    expect(onChange).toHaveBeenLastCalledWith({ cpuMoe: 'all' });
    await userEvent.selectOptions(moe, 'some');
    // Half the layers of the largest MoE model as a start.
    expect(onChange).toHaveBeenLastCalledWith({ cpuMoe: 18 });
    rerender(<HostControl {...props} host={{ ...DEFAULT_HOST_STATE, cpuMoe: 18 }} onChange={onChange} />);
    expect(screen.getByText('first 18 layers (--n-cpu-moe 18)')).toBeTruthy();
    const layers = screen.getByRole('textbox', { name: 'Layers with experts in RAM' });
    await userEvent.clear(layers);
    await userEvent.type(layers, '0{Enter}');
    expect(screen.getByRole('alert').textContent).toBe(
      "Layers with experts in RAM must be a whole number from 1 to 1,024; got '0'.",
    );
  });

  it('is greyed out, with the reason, where the runtime cannot keep experts in RAM', () => {
    render(
      <HostControl
        {...props}
        expertsUnavailable="vLLM cannot keep experts in system RAM; llama.cpp can (--cpu-moe, --n-cpu-moe)."
        onChange={vi.fn()}
      />,
    );
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /Experts in RAM/ }).disabled).toBe(true);
    expect(screen.getByText(/vLLM cannot keep experts in system RAM/)).toBeTruthy();
  });
});
