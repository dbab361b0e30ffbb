import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ggufDataBytes, ggufHeaderBytes } from '../hub/file-bytes';
import { fixtureRepos } from '../hub/fixture-models';
import { startMockHub, type MockHub } from '../hub/mock-hub';
import { chromiumAvailable, launchBrowser, serveStatic } from './browser';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const canRun = chromiumAvailable() && existsSync(join(DIST, 'index.html'));
if (!canRun && process.env['CI'])
  throw new Error('Browser tests are mandatory in CI: /usr/bin/chromium or dist/ is missing.');

interface AppState {
  state: { models: string[] };
}

const QWEN = fixtureRepos().find((r) => r.id === 'Qwen/Qwen3-32B');

/**
 * The model box against the mock Hub: the page is pointed at it as at a Hub mirror (the endpoint
 * setting in the model box), as the CLI is with HF_ENDPOINT.
 */
describe.skipIf(!canRun)('Hub models in Chromium (skipped without /usr/bin/chromium or dist/)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let hub: MockHub;
  const errors: string[] = [];
  // Responses a test provokes on purpose (a gated repo's 401, a cut network) make Chromium log
  // "Failed to load resource"; such a test lists the ones it expects.
  let expectedResourceErrors: RegExp | null = null;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveStatic(DIST, '/headroom/');
    hub = await startMockHub();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
    await hub.close();
  });
  afterEach(() => {
    const seen = errors.splice(0).filter((e) => !(expectedResourceErrors?.test(e) ?? false));
    expectedResourceErrors = null;
    expect(seen).toEqual([]);
  });

  async function newContext(withMirror: boolean): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(5000);
    if (withMirror) {
      await context.addInitScript((url) => {
        // about:blank has no storage; the page's own origin does.
        if (window.location.protocol.startsWith('http')) window.localStorage.setItem('headroom:hf-endpoint', url);
      }, hub.url);
    }
    context.on('page', (page) => {
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    });
    return context;
  }

  async function open(context: BrowserContext, query = '?v=2'): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.url}${query}`);
    await page.waitForSelector('#root > .app [data-testid=app-state]', { state: 'attached' });
    return page;
  }

  const appState = (page: Page) =>
    page.evaluate(() => JSON.parse(document.querySelector('[data-testid=app-state]')?.textContent ?? '{}') as AppState);

  async function paste(page: Page, text: string) {
    const box = page.getByRole('combobox', { name: /^Models/ });
    await box.fill(text);
    await page.getByRole('option', { name: /from the Hugging Face Hub/ }).waitFor();
    await box.press('Enter');
  }

  /** The top of the configuration panel: the model box and what it shows under the chips. */
  async function shootPicker(page: Page, name: string) {
    const box = await page.locator('.config-panel').boundingBox();
    if (!box) throw new Error('no config panel');
    await page.screenshot({
      path: join(SHOTS, name),
      clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 560) },
    });
  }

  it('paste a URL: the model loads with progress, appears in the matrix, and a copied link opens it again', async () => {
    if (!QWEN) throw new Error('fixture missing');
    const context = await newContext(false);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await open(context, '?v=2&m=llama-3-1-8b&g=rtx-4090,h100-80gb-sxm');
    // Point the page at the mock Hub as a user points it at a mirror.
    await page.getByText(/^Hugging Face endpoint/).click();
    await page.getByLabel('Hub mirror address').fill(hub.url);
    await page.getByRole('button', { name: 'Use mirror' }).click();
    // Hold the header reads so the loading state can be seen.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${hub.url}/Qwen/Qwen3-32B/resolve/**`, async (route) => {
      await held;
      await route.continue();
    });
    await paste(page, `${hub.url}/Qwen/Qwen3-32B/tree/main`);
    const chip = page.locator('.chip-busy');
    await chip.waitFor();
    expect(await chip.textContent()).toMatch(/Qwen\/Qwen3-32B/);
    await shootPicker(page, 'hub-picker-loading.png');
    release();
    const key = `hf:Qwen/Qwen3-32B@${QWEN.sha}`;
    await expect.poll(async () => (await appState(page)).state.models).toEqual(['llama-3-1-8b', key]);
    await page.locator('.matrix-cell[aria-label^="Qwen3-32B"]').first().waitFor();
    expect(new URL(page.url()).searchParams.get('hf')).toBe(`Qwen/Qwen3-32B@${QWEN.sha}`);
    await shootPicker(page, 'hub-picker-loaded.png');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Link copied' }).count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const cells = await page
      .locator('.matrix-cell[aria-label^="Qwen3-32B"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    // A colleague with the same Hub endpoint opens the link in a fresh browser.
    const fresh = await open(await newContext(true), new URL(copied).search);
    await fresh.locator('.matrix-cell[aria-label^="Qwen3-32B"]').first().waitFor();
    expect(
      await fresh
        .locator('.matrix-cell[aria-label^="Qwen3-32B"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    ).toEqual(cells);
    expect((await appState(fresh)).state.models).toEqual(['llama-3-1-8b', key]);
    await fresh.context().close();
    await context.close();
  });

  it('a GGUF repo lists its quantizations with exact sizes; choosing one adds that file', async () => {
    const page = await open(await newContext(true), '?v=2&m=llama-3-1-8b&g=rtx-4090');
    await paste(page, 'unsloth/Qwen3-30B-A3B-GGUF');
    const choices = page.getByRole('group', { name: 'Quantizations of unsloth/Qwen3-30B-A3B-GGUF' });
    await choices.waitFor();
    expect(await choices.textContent()).toMatch(/BF16.*in 2 files/);
    expect(await choices.textContent()).toMatch(/mmproj-F16\.gguf/);
    await choices.getByRole('button', { name: 'Q4_K_M' }).click();
    await expect.poll(async () => (await appState(page)).state.models.at(-1)).toMatch(/:Qwen3-30B-A3B-Q4_K_M\.gguf$/);
    await page.locator('.matrix-cell[aria-label^="Qwen3-30B-A3B-GGUF · Q4_K_M"]').first().waitFor();
    await page.context().close();
  });

  it('a gated repo offers a token, an ungated copy or config.json', async () => {
    expectedResourceErrors = /Failed to load resource: the server responded with a status of 401/;
    const page = await open(await newContext(true), '?v=2&m=llama-3-1-8b&g=rtx-4090');
    await paste(page, 'meta-llama/Llama-3.1-8B-Instruct');
    const help = page.getByRole('group', { name: 'Ways to read meta-llama/Llama-3.1-8B-Instruct' });
    await help.waitFor();
    expect(await page.locator('.chip-error').textContent()).toMatch(/is gated/);
    await shootPicker(page, 'hub-picker-gated.png');
    await help.getByRole('button', { name: 'unsloth/Llama-3.1-8B-Instruct' }).click();
    await expect
      .poll(async () => (await appState(page)).state.models.at(-1))
      .toMatch(/^hf:unsloth\/Llama-3\.1-8B-Instruct@[0-9a-f]{40}$/);
    // The token never reaches the address.
    expect(page.url()).not.toMatch(/hf_/);
    await page.context().close();
  });

  it('offline: the chip says so in words, and the rest of the page works', async () => {
    expectedResourceErrors = /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/;
    const page = await open(await newContext(true), '?v=2&m=llama-3-1-8b&g=rtx-4090');
    await page.route(`${hub.url}/**`, (route) => route.abort('internetdisconnected'));
    await paste(page, 'Qwen/Qwen3-32B');
    const chip = page.locator('.chip-error');
    await chip.waitFor();
    expect(await chip.textContent()).toMatch(/Could not reach 127\.0\.0\.1:\d+: you seem to be offline/);
    await shootPicker(page, 'hub-picker-offline.png');
    expect(await page.locator('.matrix-cell').count()).toBe(1);
    await page.context().close();
  });

  it('a local .gguf file: only its header is read', async () => {
    const tensors = [
      { name: 'token_embd.weight', dims: [256, 1000], typeId: 1, bytes: 256 * 1000 * 2 },
      { name: 'blk.0.attn_q.weight', dims: [256, 256], typeId: 1, bytes: 256 * 256 * 2 },
      { name: 'output.weight', dims: [256, 1000], typeId: 1, bytes: 256 * 1000 * 2 },
    ];
    const head = ggufHeaderBytes(
      {
        'general.architecture': { type: 'string', value: 'llama' },
        'general.name': { type: 'string', value: 'Tiny Llama' },
        'general.file_type': { type: 'u32', value: 1 },
        'llama.block_count': { type: 'u32', value: 1 },
        'llama.context_length': { type: 'u32', value: 2048 },
        'llama.embedding_length': { type: 'u32', value: 256 },
        'llama.feed_forward_length': { type: 'u32', value: 512 },
        'llama.attention.head_count': { type: 'u32', value: 4 },
      },
      tensors,
    );
    const file = new Uint8Array(head.length + ggufDataBytes(tensors));
    file.set(head);
    const page = await open(await newContext(false), '?v=2&m=llama-3-1-8b&g=rtx-4090');
    await page
      .locator('input[type=file][accept=".gguf"]')
      .setInputFiles({ name: 'tiny-F16.gguf', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
    await expect.poll(async () => (await appState(page)).state.models).toEqual(['llama-3-1-8b', 'gguf:tiny-F16.gguf']);
    await page.locator('.matrix-cell[aria-label^="Tiny Llama"]').first().waitFor();
    await page.context().close();
  });
});
