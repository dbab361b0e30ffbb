// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SERVING } from '../../url/serving-state';
import { DEFAULT_STATE } from '../../url/share-state';
import { buildScenario } from '../../view-models/scenario';
import { servingView } from '../../view-models/serving-view';
import { ServingView } from './serving-view';

afterEach(cleanup);

const scenario = (patch: Partial<typeof DEFAULT_STATE>) =>
  buildScenario({
    ...DEFAULT_STATE,
    models: ['llama-3-1-8b'],
    formats: ['bf16'],
    runtime: 'vllm',
    pools: [{ parts: [{ id: 'l40s', count: 1 }] }],
    selected: { model: 'llama-3-1-8b', pool: 'l40s' },
    ...patch,
  });

describe('ServingView', () => {
  it('states the pool, the users it serves at once and the speed under load', () => {
    const serving = { ...DEFAULT_SERVING, users: 64 };
    render(<ServingView view={servingView(scenario({}), serving)} serving={serving} onServing={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Serving: Llama 3.1 8B · BF16 on L40S 48 GB' })).toBeTruthy();
    const facts = screen.getByTestId('serving-facts').textContent;
    expect(facts).toMatch(/KV pool27\.2 GiB222,928 tokens, as vLLM sizes it at start-up/);
    expect(facts).toMatch(/At once27 requestsmaximum concurrency for 8,192 tokens per request: 27\.21x/);
    expect(facts).toMatch(/Per user \(27\)~[\d.]+ tok\/s.*37 more wait for a slot/);
    expect(screen.getByRole('region', { name: 'Speed against concurrent users' })).toBeTruthy();
  });

  it('says vLLM would refuse to start when one request does not fit', () => {
    const s = scenario({
      models: ['llama-3-1-70b'],
      pools: [{ parts: [{ id: 'h100-80gb-sxm', count: 2 }] }],
      selected: { model: 'llama-3-1-70b', pool: 'h100-80gb-sxm*2' },
      context: 131072,
    });
    render(
      <ServingView view={servingView(s, DEFAULT_SERVING)} serving={DEFAULT_SERVING} onServing={() => undefined} />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(
      /^vLLM refuses to start: one request of 131,072 tokens needs 20\.0 GiB of KV cache per GPU/,
    );
  });

  it('names a layout that cannot be built and keeps the controls', () => {
    const serving = { ...DEFAULT_SERVING, tensor: 3 };
    const s = scenario({
      pools: [{ parts: [{ id: 'l40s', count: 6 }] }],
      selected: { model: 'llama-3-1-8b', pool: 'l40s*6' },
    });
    render(<ServingView view={servingView(s, serving)} serving={serving} onServing={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toMatch(/TP 3 does not divide the model's 32 attention heads/);
    expect(screen.getByRole('textbox', { name: 'TP (tensor)' })).toBeTruthy();
  });

  it('sends only the changed setting', async () => {
    const onServing = vi.fn();
    render(
      <ServingView view={servingView(scenario({}), DEFAULT_SERVING)} serving={DEFAULT_SERVING} onServing={onServing} />,
    );
    const users = screen.getByRole('textbox', { name: 'Concurrent users' });
    await userEvent.clear(users);
    await userEvent.type(users, '48{Enter}');
    expect(onServing).toHaveBeenLastCalledWith({ users: 48 });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Memory fraction' }), '0.95');
    expect(onServing).toHaveBeenLastCalledWith({ memoryFraction: 0.95 });
  });
});
