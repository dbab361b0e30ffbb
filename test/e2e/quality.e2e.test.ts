import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, serveStatic } from './browser';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const SHOTS = join(ROOT, 'test-results', 'screenshots');

const canRun = chromiumAvailable() && existsSync(join(DIST, 'index.html'));
if (!canRun && process.env['CI']) {
  throw new Error('Browser tests are mandatory in CI: /usr/bin/chromium or dist/ is missing.');
}

describe.skipIf(!canRun)('quality rule and pictures in Chromium (skipped without /usr/bin/chromium or dist/)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveStatic(DIST, '/headroom/');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  async function open(query: string, view: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}${query}`);
    await page.waitForSelector(`[role=tabpanel][data-view="${view}"][data-ready="true"]`);
    await page.waitForFunction(() => document.querySelector('[role=tabpanel] .chart-placeholder') === null);
    return page;
  }

  it('Quantization: the sentence, the source link and the loss-against-size chart with its star', async () => {
    const page = await open('?v=2&view=quant&m=llama-3-1-8b&g=rtx-3060-12gb&sel=llama-3-1-8b~rtx-3060-12gb', 'quant');
    await expect
      .poll(() => page.getByTestId('quant-why').textContent())
      .toMatch(
        /^Q6_K: the smallest format within 0\.01 KLD of 16-bit for Llama 3\.1 8B \(mean KLD 0\.00545, figure from Llama 3 8B\)/,
      );
    expect(await page.getByTestId('quant-why').getByRole('link', { name: 'Source' }).getAttribute('href')).toContain(
      'llama-3-8b-scoreboard',
    );
    await page.waitForSelector('.quality-figure .recharts-surface');
    expect(await page.locator('.quality-figure .recharts-scatter-symbol').count()).toBeGreaterThan(10);
    await page.screenshot({ path: join(SHOTS, 'quant-quality.png'), fullPage: false });
    expect(errors.splice(0)).toEqual([]);
    await page.context().close();
  });

  it('Buy: the quality mode from the link, its threshold and the reason above the table', async () => {
    const page = await open(
      '?v=2&view=plan&m=mistral-small-24b&sel=mistral-small-24b~rtx-4090&pf=quality&ql=0.01',
      'plan',
    );
    expect(await page.locator('#plan-formats').inputValue()).toBe('quality');
    await expect
      .poll(() => page.getByTestId('plan-why').textContent())
      .toMatch(/^Q6_K: the smallest format within 0\.01 KLD/);
    expect(await page.getByLabel('Quality threshold (mean KLD vs 16-bit)').inputValue()).toBe('0.01');
    await page.screenshot({ path: join(SHOTS, 'plan-quality.png'), fullPage: false });
    expect(errors.splice(0)).toEqual([]);
    await page.context().close();
  });

  it('Speed: one bar per chosen format on each GPU pool', async () => {
    const page = await open('?v=2&view=speed&m=llama-3-1-8b&f=Q4_K_M,Q8_0,f16&sel=llama-3-1-8b~rtx-4090', 'speed');
    await page.waitForSelector('[data-testid=speed-formats] .recharts-surface');
    expect(await page.locator('[data-testid=speed-formats] .recharts-legend-item').count()).toBe(3);
    await page.getByTestId('speed-formats').screenshot({ path: join(SHOTS, 'speed-formats.png') });
    expect(errors.splice(0)).toEqual([]);
    await page.context().close();
  });
});
