/**
 * Builds nothing: serves dist/ and saves screenshots of the main views (light, dark, 375 px) to
 * test-results/screenshots/ for review. Usage: npm run build && npx tsx scripts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, serveStatic } from '../test/e2e/browser';

const OUT = join(import.meta.dirname, '..', 'test-results', 'screenshots');
mkdirSync(OUT, { recursive: true });

const server = await serveStatic(join(import.meta.dirname, '..', 'dist'), '/headroom/');
const browser = await launchBrowser();
// The Serve task: Llama 3.1 8B for 64 users on one L40S, and DeepSeek-V3 on two machines of 8 × H100.
const SERVE_ONE = 'm=llama-3-1-8b&f=bf16&rt=vllm&g=l40s&sel=llama-3-1-8b~l40s&sv-u=64';
const SERVE_CLUSTER =
  'm=deepseek-v3&f=fp8&rt=vllm&g=h100-80gb-sxm*8&sel=deepseek-v3~h100-80gb-sxm*8&sv-n=2&sv-tp=8&sv-pp=2&sv-u=64';
const shots: [string, string, { width: number; height: number }, 'light' | 'dark'][] = [
  ['matrix-light', '?v=1', { width: 1440, height: 1100 }, 'light'],
  ['matrix-dark', '?v=1', { width: 1440, height: 1100 }, 'dark'],
  ['details', '?v=1&view=details&sel=llama-3-1-70b~rtx-4090*2', { width: 1440, height: 1300 }, 'light'],
  ['quant', '?v=1&view=quant&sel=llama-3-1-8b~rtx-4090', { width: 1440, height: 1500 }, 'light'],
  ['speed', '?v=1&view=speed&sel=llama-3-1-70b~rtx-4090*2&base=rtx-3090', { width: 1440, height: 1200 }, 'dark'],
  ['table', '?v=1&view=table', { width: 1440, height: 1100 }, 'light'],
  ['plan', '?v=1&view=plan&sel=llama-3-1-70b~rtx-4090&tps=15&bud=5000', { width: 1440, height: 1400 }, 'light'],
  ['canrun', '?v=1&view=canrun&g=rtx-3090*2&sel=llama-3-1-70b~rtx-3090*2', { width: 1440, height: 1400 }, 'dark'],
  ['mobile', '?v=1', { width: 375, height: 1600 }, 'light'],
  ['bad-link', '?v=1&m=llama-3-1-8b,llama-9000&ctx=abc&g=rtx-4090,titan-z', { width: 1200, height: 800 }, 'light'],
  ['serve-light', `?v=2&task=serve&view=serve&${SERVE_ONE}`, { width: 1440, height: 1500 }, 'light'],
  ['serve-dark', `?v=2&task=serve&view=serve&${SERVE_CLUSTER}`, { width: 1440, height: 1500 }, 'dark'],
  ['serve-mobile', `?v=2&task=serve&view=serve&${SERVE_ONE}`, { width: 375, height: 1600 }, 'light'],
  ['serve-mobile-dark', `?v=2&task=serve&view=serve&${SERVE_CLUSTER}`, { width: 375, height: 1600 }, 'dark'],
  ['serve-matrix', '?v=2&task=serve&f=awq-4bit-g128&rt=vllm', { width: 1440, height: 1100 }, 'light'],
  ['train-matrix-light', '?v=2&task=train', { width: 1440, height: 1100 }, 'light'],
  ['train-matrix-dark', '?v=2&task=train', { width: 1440, height: 1100 }, 'dark'],
  ['train-matrix-mobile', '?v=2&task=train', { width: 375, height: 1600 }, 'light'],
  ['train-matrix-mobile-dark', '?v=2&task=train', { width: 375, height: 1600 }, 'dark'],
  [
    'train-memory-light',
    '?v=2&task=train&view=details&sel=llama-3-1-8b~rtx-4090',
    { width: 1440, height: 1300 },
    'light',
  ],
  [
    'train-memory-dark',
    '?v=2&task=train&view=details&sel=llama-3-1-8b~rtx-4090',
    { width: 1440, height: 1300 },
    'dark',
  ],
  [
    'train-memory-mobile',
    '?v=2&task=train&view=details&sel=llama-3-1-8b~rtx-4090',
    { width: 375, height: 1600 },
    'light',
  ],
  [
    'train-memory-mobile-dark',
    '?v=2&task=train&view=details&sel=llama-3-1-8b~rtx-4090',
    { width: 375, height: 1600 },
    'dark',
  ],
  [
    'train-plan',
    '?v=2&task=train&view=plan&tr-m=qlora&tr-h=48&sel=llama-3-1-8b~rtx-4090',
    { width: 1440, height: 1400 },
    'light',
  ],
];
for (const [name, query, viewport, theme] of shots) {
  const page = await browser.newPage({ viewport, colorScheme: theme });
  await page.goto(`${server.url}${query}`);
  await page.waitForLoadState('networkidle');
  // Charts and the table arrive lazily: wait for the view's own content.
  const ready = {
    matrix: '.matrix-cell',
    details: '.recharts-bar-rectangle',
    speed: '.recharts-bar-rectangle',
    table: '[data-testid=comparison-table] tbody tr',
    serve: '.recharts-line',
  } as Record<string, string>;
  const view = /view=(\w+)/.exec(query)?.[1] ?? 'matrix';
  const selector =
    query.includes('task=train') && view === 'plan' ? '[data-testid=training-plan-table] tbody tr' : ready[view];
  if (selector && name !== 'bad-link') await page.waitForSelector(`#root > .app ${selector}`);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: name.includes('mobile') });
  await page.close();
  console.log(`saved ${name}.png`);
}
await browser.close();
await server.close();
