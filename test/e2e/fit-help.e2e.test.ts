import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, serveStatic } from './browser';

const DIST = join(import.meta.dirname, '..', '..', 'dist');
const canRun = chromiumAvailable() && existsSync(join(DIST, 'index.html'));
if (!canRun && process.env['CI'])
  throw new Error('Browser tests are mandatory in CI: /usr/bin/chromium or dist/ is missing.');

/** What would make it fit, Detect my GPU, and the narrow-screen layout. */
describe.skipIf(!canRun)('fit help and phone layout in Chromium (skipped without /usr/bin/chromium or dist/)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(DIST, '/headroom/');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });
  afterEach(() => expect(errors.splice(0)).toEqual([]));

  async function open(query: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 1000 } });
    context.setDefaultTimeout(5000);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}${query}`);
    await page.waitForSelector('#root > .app [data-testid=app-state]', { state: 'attached' });
    return page;
  }

  it('applies a suggestion in one click: a 70B on one RTX 4090 moves to two, and the banner says it fits', async () => {
    const page = await open('?v=2&sel=llama-3-1-70b~rtx-4090');
    await page.getByRole('button', { name: 'Apply: Use 2 × RTX 4090 24 GB' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe('llama-3-1-70b~rtx-4090*2');
    await expect.poll(() => page.getByTestId('verdict-sentence').textContent()).toMatch(/^fits, /);
    expect(await page.getByTestId('fit-suggestions').count()).toBe(0);
    await page.context().close();
  });

  it('says it could not detect a GPU in a browser that draws in software, and keeps working', async () => {
    const page = await open('?v=2');
    const before = await page.getByLabel('GPU', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Detect my GPU' }).click();
    await expect
      .poll(() => page.getByTestId('gpu-detect-result').textContent())
      .toMatch(/^Could not detect your GPU: /);
    expect(await page.getByLabel('GPU', { exact: true }).inputValue()).toBe(before);
    await page.context().close();
  });

  it('at 375 px keeps the model names in view while the matrix scrolls, and a tapped tooltip inside the screen', async () => {
    const page = await open('?v=2', 375);
    await page.waitForSelector('.matrix-cell');
    await page.evaluate(() => {
      const el = document.querySelector('.matrix-scroll');
      if (el) el.scrollLeft = 400;
    });
    const label = await page.locator('.matrix-row-label').first().boundingBox();
    expect(label && label.x >= 0 && label.x + label.width <= 375).toBe(true);
    await page.locator('.matrix-cell[data-row="3"][data-col="9"]').hover();
    const tip = await page.locator('.matrix-tooltip').boundingBox();
    expect(tip && tip.x >= 0 && tip.x + tip.width <= 375).toBe(true);
    await page.context().close();
  });

  it('at 1280 px shows the verdict and decode columns of the table and fits the Buy table in its panel', async () => {
    const page = await open('?v=2&view=table');
    await page.waitForSelector('[data-testid=comparison-table] tbody tr');
    const wrap = await page.locator('.table-scroll').boundingBox();
    const decode = await page.locator('th', { hasText: 'Decode tok/s' }).boundingBox();
    expect(wrap && decode && decode.x + decode.width <= wrap.x + wrap.width).toBe(true);
    await page.getByRole('tab', { name: 'Buy' }).click();
    await page.waitForSelector('[data-testid=plan-table] tbody tr');
    const widths = await page.evaluate(() => {
      const table = document.querySelector('[data-testid=plan-table]');
      return { table: table?.scrollWidth ?? 0, box: table?.parentElement?.clientWidth ?? 0 };
    });
    expect(widths.table).toBeLessThanOrEqual(widths.box);
    await page.context().close();
  });
});
