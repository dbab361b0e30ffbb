import { readFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, serveStatic } from './browser';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const SHOTS = join(ROOT, 'test-results', 'screenshots');

// Browser tests need Debian's Chromium. CI installs it and must run them: a missing browser fails
// there. On a developer machine without it they are reported as skipped with the reason below.
const canRun = chromiumAvailable() && existsSync(join(DIST, 'index.html'));
if (!canRun && process.env['CI']) {
  throw new Error(
    'Browser tests are mandatory in CI: /usr/bin/chromium or dist/ is missing (run .ci/run, which installs chromium and builds).',
  );
}

const VIEWS = [
  ['matrix', 'Fit matrix'],
  ['details', 'Memory'],
  ['quant', 'Quantization'],
  ['speed', 'Speed'],
  ['table', 'Table'],
  ['plan', 'Buy'],
  ['canrun', 'Can I run'],
  ['accuracy', 'Accuracy'],
] as const;

interface AppState {
  state: {
    view: string;
    formats: string[];
    context: number;
    models: string[];
    selected: { model: string; pool: string } | null;
  };
  selected: { model: string; pool: string };
  verdict: string;
}

describe.skipIf(!canRun)('Headroom in Chromium (reason when skipped: no /usr/bin/chromium or no dist/ build)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  // Console errors and page errors of every page any test opens; checked after each test.
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // A sub-path, as on a project page: the build must not assume it is served from /.
    server = await serveStatic(DIST, '/headroom/');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  afterEach(() => {
    const seen = errors.splice(0);
    expect(seen).toEqual([]);
  });

  /** A tracked context: short waits (5 s), and every console or page error recorded. */
  async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
    context.setDefaultTimeout(5000);
    context.on('page', (page) => {
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    });
    return context;
  }

  async function open(
    query = '',
    options: { colorScheme?: 'light' | 'dark'; width?: number; context?: BrowserContext } = {},
  ): Promise<Page> {
    const context =
      options.context ??
      (await newContext({
        viewport: { width: options.width ?? 1400, height: 1000 },
        colorScheme: options.colorScheme ?? 'light',
      }));
    const page = await context.newPage();
    await page.goto(`${server.url}${query}`);
    // The HTML arrives prerendered for the default view; wait for the app that replaces it.
    await page.waitForSelector('#root > .app [data-testid=app-state]', { state: 'attached' });
    return page;
  }

  /** The app's state oracle, read in the page. */
  async function appState(page: Page): Promise<AppState> {
    return page.evaluate(
      () => JSON.parse(document.querySelector('[data-testid=app-state]')?.textContent ?? '{}') as AppState,
    );
  }

  /** Waits until the shown view has caught up with the state and its lazy parts have arrived. */
  async function viewReady(page: Page, view: string): Promise<void> {
    await page.waitForSelector(`[role=tabpanel][data-view="${view}"][data-ready="true"]`);
    await page.waitForFunction(() => document.querySelector('[role=tabpanel] .chart-placeholder') === null);
  }

  async function close(page: Page): Promise<void> {
    await page.context().close();
  }

  it('loads the fit matrix with zero console errors', async () => {
    const page = await open('?v=1');
    await page.waitForSelector('.matrix-cell');
    expect(await page.locator('.matrix-cell').count()).toBe(12 * 14);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Which models fit on which GPUs' }).isVisible())
      .toBe(true);
    await page.screenshot({ path: join(SHOTS, 'e2e-matrix.png') });
    await close(page);
  });

  it('starts the app in a browser without paint timing', async () => {
    const page = await (await newContext()).newPage();
    await page.addInitScript(() => {
      Object.defineProperty(PerformanceObserver, 'supportedEntryTypes', {
        get: () => {
          throw new Error('no paint timing');
        },
      });
    });
    await page.goto(`${server.url}?v=1`);
    await page.waitForSelector('#root > .app .matrix-cell');
    expect(await page.locator('#root > .app .matrix-cell').count()).toBe(12 * 14);
    await close(page);
  });

  it('changing the format updates the matrix, the table and the URL', async () => {
    const page = await open('?v=1&view=table&m=llama-3-1-70b&g=rtx-4090,rtx-4090*2&f=Q4_K_M');
    await page.waitForSelector('[data-testid=comparison-table] tbody tr');
    expect(await page.locator('[data-testid=comparison-table] tbody tr').count()).toBe(2);
    await page.getByLabel('Add a format to compare').selectOption('Q8_0');
    await expect.poll(() => page.locator('[data-testid=comparison-table] tbody tr').count()).toBe(4);
    expect(new URL(page.url()).searchParams.get('f')).toBe('Q4_K_M,Q8_0');
    // Make Q8_0 the matrix format: 70B at Q8_0 (~70 GiB) cannot fit 2 × 24 GB.
    await page.getByRole('tab', { name: 'Fit matrix' }).click();
    await page.getByRole('button', { name: 'Q8_0', exact: true }).click();
    await page.waitForSelector('.matrix-cell');
    const label = await page.locator('.matrix-cell').nth(1).getAttribute('aria-label');
    expect(label).toMatch(/2 × RTX 4090 24 GB: offload/);
    expect((await appState(page)).state.formats).toEqual(['Q8_0', 'Q4_K_M']);
    await close(page);
  });

  it('keeps the experts of a MoE model in system RAM from the control beside the GPUs, in the link', async () => {
    const page = await open('?v=2&m=gpt-oss-120b&f=MXFP4_MOE&g=rtx-4090&sel=gpt-oss-120b~rtx-4090');
    await viewReady(page, 'matrix');
    expect((await appState(page)).verdict).toBe('offload');
    await page.getByLabel(/^Experts in RAM/).selectOption('all');
    await expect.poll(async () => (await appState(page)).verdict).toBe('fits');
    expect(new URL(page.url()).searchParams.get('moe')).toBe('all');
    expect(await page.getByTestId('verdict-sentence').textContent()).toContain('the experts of all 36 layers');
    await page.getByRole('combobox', { name: 'CPU', exact: true }).selectOption('epyc-9654');
    await expect.poll(() => new URL(page.url()).searchParams.get('cpu')).toBe('epyc-9654');
    await expect.poll(() => page.getByTestId('verdict-sentence').textContent()).toContain('460.8 GB/s');
    await close(page);
  });

  it('a copied link restores the same state in a fresh page; Back and Forward walk the changes', async () => {
    const context = await newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await open('?v=1', { context });
    await page.waitForSelector('.matrix-cell');
    await page.locator('.matrix-cell[aria-label^="Llama 3.1 70B on 2 × RTX 4090"]').click();
    await page.getByLabel('Context in tokens').fill('32768');
    await page.getByLabel('Context in tokens').press('Enter');
    await page.getByRole('tab', { name: 'Speed' }).click();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Link copied' }).count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const before = await appState(page);
    expect(before.state.view).toBe('speed');
    expect(before.selected).toEqual({ model: 'llama-3-1-70b', pool: 'rtx-4090*2' });

    const fresh = await (await newContext()).newPage();
    await fresh.goto(copied);
    await fresh.waitForSelector('#root > .app [data-testid=app-state]', { state: 'attached' });
    expect(await appState(fresh)).toEqual(before);
    await close(fresh);

    await page.goBack();
    await expect.poll(async () => (await appState(page)).state.view).toBe('matrix');
    await page.goForward();
    await expect.poll(async () => (await appState(page)).state.view).toBe('speed');
    await context.close();
  });

  it('a bad link keeps its valid parts and names what it ignored', async () => {
    const page = await open('?v=9&m=llama-3-1-8b,llama-9000&ctx=-5&b=abc&g=rtx-4090,titan-z&f=Q4_K_M');
    const notice = page.getByTestId('link-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const text = await notice.textContent();
    for (const part of ["version '9'", "'llama-9000'", "context '-5'", "batch 'abc'", "'titan-z'"])
      expect(text).toContain(part);
    const { state } = await appState(page);
    expect(state.models).toEqual(['llama-3-1-8b']);
    expect(state.context).toBe(8192);
    expect(await page.locator('body').textContent()).not.toMatch(/NaN|undefined/);
    await page.screenshot({ path: join(SHOTS, 'e2e-bad-link.png') });
    await close(page);
  });

  it('table sorts, filters and exports CSV', async () => {
    const page = await open('?v=1&view=table');
    const rows = page.locator('[data-testid=comparison-table] tbody tr:not([aria-hidden])');
    await page.waitForSelector('[data-testid=comparison-table] tbody tr');
    await page.getByLabel('Filter Model').fill('Llama 3.1 8B');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'rows' }).textContent())
      .toMatch(/^42 of \d+ rows$/);
    await page.getByRole('button', { name: 'Decode tok/s' }).click();
    await expect
      .poll(() => page.locator('th', { hasText: 'Decode tok/s' }).getAttribute('aria-sort'))
      .toBe('descending');
    const first = Number(await rows.first().locator('td').nth(4).textContent());
    const second = Number(await rows.nth(1).locator('td').nth(4).textContent());
    expect(first).toBeGreaterThanOrEqual(second);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'model,gpu,format,bits_per_weight,verdict,weights_gib,kv_cache_gib,needed_gib,usable_gib,spare_gib,decode_tok_s,prefill_tok_s',
    );
    expect(lines).toHaveLength(43);
    expect(lines.slice(1).every((l) => l.startsWith('Llama 3.1 8B,'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'e2e-table.png') });

    // The sort and filter are in the link: a colleague opening it sees the same rows in the same order.
    const link = new URL(page.url());
    expect(link.searchParams.get('ts')).toBe('decode.d');
    expect(link.searchParams.get('tf-model')).toBe('Llama 3.1 8B');
    const copy = await open(link.search);
    await copy.waitForSelector('[data-testid=comparison-table] tbody tr');
    expect(await copy.getByLabel('Filter Model').inputValue()).toBe('Llama 3.1 8B');
    expect(await copy.locator('th', { hasText: 'Decode tok/s' }).getAttribute('aria-sort')).toBe('descending');
    expect(await copy.getByRole('status').filter({ hasText: 'rows' }).textContent()).toMatch(/^42 of \d+ rows$/);
    expect(
      Number(
        await copy
          .locator('[data-testid=comparison-table] tbody tr:not([aria-hidden])')
          .first()
          .locator('td')
          .nth(4)
          .textContent(),
      ),
    ).toBe(first);
    // Typing key by key into the search loses nothing and lands in the link.
    await copy.getByLabel('Search the table').pressSequentially('rtx 4090', { delay: 20 });
    expect(await copy.getByLabel('Search the table').inputValue()).toBe('rtx 4090');
    await expect.poll(() => new URL(copy.url()).searchParams.get('tq')).toBe('rtx 4090');
    await close(copy);
    await close(page);
  });

  it('the matrix works from the keyboard', async () => {
    const page = await open('?v=1');
    await page.waitForSelector('.matrix-cell');
    await page.locator('.matrix-cell[tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // The views (and so the selection oracle) render from a deferred copy of the state.
    await expect.poll(async () => (await appState(page)).selected).toEqual({ model: 'qwen2-5-7b', pool: 'rtx-4090' });
    await close(page);
  });

  it('the buying guide ranks priced hardware, says why cheaper options fail, and keeps its needs in the link', async () => {
    const page = await open('?v=1&view=plan&sel=llama-3-1-70b~rtx-4090');
    await page.waitForSelector('[data-testid=plan-table] tbody tr');
    await page.getByLabel('Minimum tok/s per user').fill('15');
    await page.getByLabel('Minimum tok/s per user').press('Enter');
    await page.getByLabel('Budget (USD)').fill('3000');
    await page.getByLabel('Budget (USD)').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('bud')).toBe('3000');
    expect(new URL(page.url()).searchParams.get('tps')).toBe('15');
    const rows = page.locator('[data-testid=plan-table] tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // "$2,849 (new, 2026-05; launch price, 2025-01)": the amount comes first, then each price's kind and date.
    const prices = (await rows.locator('td:nth-child(3)').allTextContents()).map((t) =>
      Number(/^\$([\d,]+)/.exec(t)?.[1]?.replace(/,/g, '') ?? NaN),
    );
    expect(
      (await rows.locator('td:nth-child(3)').allTextContents()).every((t) =>
        /\((new|used|launch price), \d{4}-\d{2}/.test(t),
      ),
    ).toBe(true);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(prices.every((p) => p <= 3000)).toBe(true);
    expect(await rows.first().locator('td').last().textContent()).toMatch(/does not fit|too slow/);
    await page.getByLabel('Budget (USD)').fill('12abc');
    await page.getByLabel('Budget (USD)').press('Enter');
    expect(await page.getByRole('alert').textContent()).toMatch(/Budget \(USD\) must be a whole number/);
    // Rentals and rent against buy sit under the purchases; the price settings go into the link.
    await page.waitForSelector('[data-testid=plan-rentals] tbody tr');
    expect(await page.getByTestId('plan-rent-vs-buy').textContent()).toMatch(/per million generated tokens/);
    await page.getByLabel('Price', { exact: true }).selectOption('used');
    await expect.poll(() => new URL(page.url()).searchParams.get('pk')).toBe('used');
    await page.getByLabel('Hours a day of use').fill('4');
    await page.getByLabel('Hours a day of use').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('hpd')).toBe('4');
    expect(new URL(page.url()).searchParams.get('pk')).toBe('used');
    await expect.poll(() => page.getByLabel('Price', { exact: true }).inputValue()).toBe('used');
    await page.screenshot({ path: join(SHOTS, 'e2e-plan.png') });
    await close(page);
  });

  it('"Can I run" lists every catalogue model that fits the selected GPUs, sortable', async () => {
    const page = await open('?v=1&view=canrun&g=rtx-3090*2&sel=llama-3-1-70b~rtx-3090*2');
    const rows = page.locator('[data-testid=canrun-table] tbody tr');
    await page.waitForSelector('[data-testid=canrun-table] tbody tr');
    // Largest first: the parameter counts ("72.7B") fall down the list (catalogue growth keeps it true).
    const billions = (await rows.locator('td:nth-child(2)').allTextContents()).map((t) => {
      const m = /([\d.]+)\s*([MBT])/.exec(t.replace(/,/g, ''));
      return m ? Number(m[1]) * (m[2] === 'T' ? 1000 : m[2] === 'M' ? 0.001 : 1) : NaN;
    });
    expect(billions.every(Number.isFinite)).toBe(true);
    expect(billions).toEqual([...billions].sort((a, b) => b - a));
    expect(await rows.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Qwen2.5 72B')]));
    // Largest first: the biggest model that fits the GPUs whole, and bigger MoE models whose
    // experts of some layers move to system RAM.
    const whole = rows.filter({ has: page.locator('td:last-child', { hasText: /^GPU$/ }) });
    expect(await whole.locator('th').allTextContents()).toContain('Qwen2.5 72B');
    expect(await rows.first().locator('td:last-child').textContent()).toMatch(/^experts of \d+ layers in RAM$/);
    await page.getByRole('button', { name: 'Fastest' }).click();
    // "~277 tok/s (177–405)": the estimate is the first number.
    const speeds = (await rows.locator('td:nth-child(4)').allTextContents()).map((t) =>
      Number((/[\d,.]+/.exec(t)?.[0] ?? '').replace(/,/g, '')),
    );
    expect(speeds).toEqual([...speeds].sort((a, b) => b - a));
    expect(await page.locator('.footnote').first().textContent()).toContain('Llama 3.1 405B');
    await close(page);
  });

  it('the Accuracy view compares estimates with held-out published measurements and links their sources', async () => {
    const page = await open('?v=1&view=accuracy');
    await page.waitForSelector('[data-testid=accuracy-table] tbody tr');
    const first = await page.locator('[data-testid=accuracy-table] tbody tr').first().textContent();
    expect(first).toMatch(/Decode tok\/s\s*all backends/);
    expect(await page.locator('.recharts-scatter-symbol').count()).toBeGreaterThan(20);
    expect(await page.locator('.sources a').count()).toBeGreaterThan(10);
    await page.screenshot({ path: join(SHOTS, 'e2e-accuracy.png') });
    await close(page);
  });

  it.each(['light', 'dark'] as const)(
    'axe finds no serious or critical violations in any view (%s theme)',
    async (theme) => {
      const require = createRequire(import.meta.url);
      const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
      const page = await open('?v=1', { colorScheme: theme });
      await page.addScriptTag({ content: axeSource });
      for (const [view, tab] of VIEWS) {
        await page.getByRole('tab', { name: tab }).click();
        await viewReady(page, view);
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run: (
                  ctx: Document,
                ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
              };
            }
          ).axe;
          const result = await axe.run(document);
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) =>
                `${v.id}: ${v.nodes
                  .slice(0, 3)
                  .map((n) => n.target.join(' '))
                  .join(', ')}`,
            );
        });
        expect(violations, `${view} in ${theme}`).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `e2e-${view}-${theme}.png`) });
      }
      await close(page);
    },
    30_000,
  );

  it('fits a 375 px wide screen without horizontal page scroll', async () => {
    const page = await open('?v=1', { width: 375 });
    await page.waitForSelector('.matrix-cell');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'e2e-mobile.png'), fullPage: true });
    await close(page);
  });

  it('the Serve task: the Serving view answers how many users, its settings live in the link, and the link restores it', async () => {
    const page = await open('?v=2&m=llama-3-1-8b&f=bf16&rt=vllm&g=l40s&sel=llama-3-1-8b~l40s');
    await page.getByRole('radio', { name: 'Serve' }).click();
    await viewReady(page, 'serve');
    await expect.poll(() => new URL(page.url()).searchParams.get('task')).toBe('serve');
    expect(new URL(page.url()).searchParams.get('view')).toBe('serve');
    const facts = page.getByTestId('serving-facts');
    await expect
      .poll(() => facts.textContent())
      .toMatch(/At once27 requestsmaximum concurrency for 8,192 tokens per request: 27\.21x/);
    await page.getByRole('textbox', { name: 'Concurrent users' }).fill('64');
    await page.getByRole('textbox', { name: 'Concurrent users' }).press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('sv-u')).toBe('64');
    await viewReady(page, 'serve');
    await expect.poll(() => facts.textContent()).toMatch(/Per user \(27\).*37 more wait for a slot/);
    // The chart: per-user and total lines, the floor as a line.
    await page.waitForSelector('[role=tabpanel] .recharts-line');
    expect(await page.locator('[role=tabpanel] .recharts-line').count()).toBe(2);
    expect(await page.locator('[role=tabpanel] .recharts-reference-line').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('textbox', { name: 'Machines' }).fill('2');
    await page.getByRole('textbox', { name: 'Machines' }).press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('sv-n')).toBe('2');
    await page.getByLabel('Network between machines').selectOption('ethernet-400g');
    await expect.poll(() => new URL(page.url()).searchParams.get('sv-net')).toBe('ethernet-400g');
    const link = page.url();
    const fresh = await open(new URL(link).search);
    await viewReady(fresh, 'serve');
    const restored = (await appState(fresh)) as unknown as {
      state: { task: string; view: string; serving: { users: number; nodes: number; network: string } };
    };
    expect(restored.state.task).toBe('serve');
    expect(restored.state.view).toBe('serve');
    expect(restored.state.serving).toMatchObject({ users: 64, nodes: 2, network: 'ethernet-400g' });
    expect(await fresh.getByTestId('serving-facts').textContent()).toMatch(/TP 1 · PP 2 · EP 1 · DP 1/);
    // The matrix and the table answer the same question in the Serve task.
    await fresh.getByRole('tab', { name: 'Fit matrix' }).click();
    await viewReady(fresh, 'matrix');
    expect(await fresh.getByRole('heading', { level: 2 }).textContent()).toBe(
      'How many users each configuration serves',
    );
    await fresh.getByRole('tab', { name: 'Table' }).click();
    await viewReady(fresh, 'table');
    await fresh.waitForSelector('[data-testid=comparison-table] tbody tr');
    expect(await fresh.locator('[data-testid=comparison-table] thead').textContent()).toContain('Max users');
    await close(fresh);
    await close(page);
  });

  it('Fine-tune: the task switch turns the views into their training versions and keeps the settings in the link', async () => {
    const page = await open('?v=2&m=llama-3-1-8b,llama-3-1-70b&g=rtx-4090,h100-80gb-sxm*8');
    await page.getByRole('radio', { name: 'Fine-tune' }).click();
    await expect.poll(async () => (await appState(page)).state).toMatchObject({ view: 'matrix' });
    await expect.poll(() => new URL(page.url()).searchParams.get('task')).toBe('train');
    await viewReady(page, 'matrix');
    await page.waitForSelector('[role=tabpanel][data-task="train"] .matrix-cell');
    const cell = page.locator('.matrix-cell[aria-label^="Llama 3.1 8B on RTX 4090"]');
    expect(await cell.getAttribute('aria-label')).toMatch(/fits, .* to spare per GPU, [\d.]+[smhdy] per epoch$/);
    expect(
      await page.locator('.matrix-cell[aria-label^="Llama 3.1 70B on RTX 4090"]').getAttribute('aria-label'),
    ).toMatch(/does not fit/);
    // Quantization and decode speed belong to inference; Fine-tune shows its own views.
    expect(await page.getByRole('tab', { name: 'Quantization' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Speed' }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Method' }).selectOption('qlora');
    await expect.poll(() => new URL(page.url()).searchParams.get('tr-m')).toBe('qlora');
    await page.getByRole('tab', { name: 'Memory' }).click();
    await viewReady(page, 'details');
    await page.waitForSelector('[role=tabpanel] .recharts-bar-rectangle');
    expect(await page.getByRole('heading', { name: /^Memory: Llama 3\.1 8B on RTX 4090/ }).count()).toBe(1);
    expect(await page.getByTestId('verdict-sentence').textContent()).toMatch(/^fits, .* tok\/s/);
    await page.screenshot({ path: join(SHOTS, 'e2e-train-memory.png') });
    // The link opens the same training state in a fresh page.
    const fresh = await open(new URL(page.url()).search);
    await viewReady(fresh, 'details');
    expect((await appState(fresh)).state).toEqual((await appState(page)).state);
    await close(fresh);
    await close(page);
  });

  it('a bad Serve link keeps its valid parts and names the rest', async () => {
    const page = await open(
      '?v=2&task=serve&view=serve&m=llama-3-1-8b&f=bf16&rt=vllm&g=l40s&sv-u=-3&sv-tp=two&sv-out=256',
    );
    await viewReady(page, 'serve');
    const notice = await page.getByTestId('link-notice').textContent();
    expect(notice).toContain("Ignored users '-3'");
    expect(notice).toContain("Ignored TP 'two'");
    const state = (await appState(page)) as unknown as { state: { serving: { output: number; users: number } } };
    expect(state.state.serving).toMatchObject({ output: 256, users: 32 });
    await close(page);
  });

  it('Fine-tune: the buying guide, can-run and accuracy views answer for training', async () => {
    const page = await open('?v=2&task=train&view=plan&tr-m=qlora&tr-h=48&hw=consumer&sel=llama-3-1-8b~rtx-4090');
    await page.waitForSelector('[data-testid=training-plan-table] tbody tr');
    const times = await page.locator('[data-testid=training-plan-table] tbody tr td:nth-child(6)').allTextContents();
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t).toMatch(/^[\d.,]+ (s|min|h)$/);
    await page.getByRole('tab', { name: 'Can I run' }).click();
    await page.waitForSelector('[data-testid=training-canrun-table] tbody tr');
    expect(await page.getByRole('heading', { name: 'What RTX 4090 24 GB can fine-tune' }).count()).toBe(1);
    await page.getByRole('tab', { name: 'Accuracy' }).click();
    await page.waitForSelector('[data-testid=training-accuracy-table] tbody tr');
    expect(await page.locator('[data-testid=training-accuracy-table] tbody tr').first().textContent()).toMatch(
      /Peak memory per GPU\s*all/,
    );
    expect(await page.locator('body').textContent()).not.toMatch(/NaN|Infinity|undefined/);
    await close(page);
  });

  it('Fine-tune: a bad training link keeps its valid parts and names what it ignored', async () => {
    const page = await open('?v=2&task=train&tr-m=lroa&tr-s=abc&tr-fw=deepspeed&tr-r=16');
    const notice = page.getByTestId('link-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const text = await notice.textContent();
    for (const part of ["method 'lroa'", "sequence length 'abc'", "framework 'deepspeed'"])
      expect(text).toContain(part);
    const { state } = await appState(page);
    expect(state).toMatchObject({ task: 'train' });
    expect(new URL(page.url()).searchParams.get('tr-r')).toBe('16');
    await close(page);
  });

  it.each(['light', 'dark'] as const)(
    'axe finds no serious or critical violations in the Serving view (%s theme)',
    async (theme) => {
      const require = createRequire(import.meta.url);
      const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
      const page = await open(
        '?v=2&task=serve&view=serve&m=deepseek-v3&f=fp8&rt=vllm&g=h100-80gb-sxm*8&sel=deepseek-v3~h100-80gb-sxm*8&sv-n=2&sv-tp=8&sv-pp=2&sv-u=64',
        { colorScheme: theme },
      );
      await viewReady(page, 'serve');
      await page.waitForSelector('[role=tabpanel] .recharts-line');
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                ctx: Document,
              ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        const result = await axe.run(document);
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${v.id}: ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(', ')}`,
          );
      });
      expect(violations).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `e2e-serve-${theme}.png`), fullPage: true });
      await close(page);
    },
  );

  it.each(['light', 'dark'] as const)(
    'axe finds no serious or critical violations in the Fine-tune views (%s theme)',
    async (theme) => {
      const require = createRequire(import.meta.url);
      const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
      const page = await open('?v=2&task=train&sel=llama-3-1-8b~rtx-4090', { colorScheme: theme });
      await page.addScriptTag({ content: axeSource });
      for (const [view, tab] of VIEWS.filter(([v]) => v !== 'quant' && v !== 'speed')) {
        await page.getByRole('tab', { name: tab }).click();
        await viewReady(page, view);
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: {
                run: (
                  ctx: Document,
                ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
              };
            }
          ).axe;
          const result = await axe.run(document);
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v) =>
                `${v.id}: ${v.nodes
                  .slice(0, 3)
                  .map((n) => n.target.join(' '))
                  .join(', ')}`,
            );
        });
        expect(violations, `${view} in ${theme}`).toEqual([]);
        await page.screenshot({ path: join(SHOTS, `e2e-train-${view}-${theme}.png`) });
      }
      await close(page);
    },
    60_000,
  );
});
