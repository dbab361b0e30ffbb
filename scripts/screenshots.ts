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
const OFFLOAD =
  '?v=2&m=gpt-oss-120b,qwen3-30b-a3b,qwen3-235b-a22b&f=MXFP4_MOE,Q4_K_M&g=rtx-4090,rtx-3090&sel=gpt-oss-120b~rtx-4090&moe=all&cpu=ryzen-9-9950x&ram=96';
const MOE_MATRIX =
  '?v=2&m=gpt-oss-20b,gpt-oss-120b,qwen3-30b-a3b,qwen3-235b-a22b,glm-4-5-air,mixtral-8x7b,llama-4-scout-17b-16e,deepseek-v3&f=Q4_K_M&moe=24&sel=gpt-oss-120b~rtx-4090';
// The buying guide, format and fit pictures: each at 1440 and 375 px, light and dark.
const PICTURES: [string, string][] = [
  ['quality', '?v=2&view=quant&m=llama-3-1-8b,qwen3-32b&sel=llama-3-1-8b~rtx-4090&pf=quality'],
  [
    'speed-formats',
    '?v=2&view=speed&m=llama-3-1-8b,qwen3-32b&f=Q4_K_M,Q6_K,Q8_0&g=rtx-4090,rtx-3090&sel=llama-3-1-8b~rtx-4090',
  ],
  ['buy-rent', '?v=2&view=plan&m=llama-3-3-70b&sel=llama-3-3-70b~rtx-4090&tps=20&bud=3000&hpd=4'],
  ['fit-help', '?v=2&m=llama-3-1-70b,qwen3-30b-a3b&f=Q4_K_M&g=rtx-4090,rtx-4060-ti-16gb&sel=llama-3-1-70b~rtx-4090'],
];
const pictureShots = PICTURES.flatMap(([name, query]) =>
  (['light', 'dark'] as const).flatMap((theme) => [
    [`${name}-${theme}`, query, { width: 1440, height: 1500 }, theme] as const,
    [`${name}-mobile-${theme}`, query, { width: 375, height: 2400 }, theme] as const,
  ]),
);
const shots: (readonly [string, string, { width: number; height: number }, 'light' | 'dark'])[] = [
  ...pictureShots,
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
  // Experts in system RAM beside the GPU choice, and MoE models in the matrix with them.
  ['offload-light', OFFLOAD, { width: 1440, height: 1500 }, 'light'],
  ['offload-details', `${OFFLOAD}&view=details`, { width: 1440, height: 1500 }, 'dark'],
  ['offload-dark', OFFLOAD, { width: 1440, height: 1500 }, 'dark'],
  ['offload-mobile-light', OFFLOAD, { width: 375, height: 2600 }, 'light'],
  ['offload-mobile-dark', OFFLOAD, { width: 375, height: 2600 }, 'dark'],
  ['moe-matrix-light', MOE_MATRIX, { width: 1440, height: 1100 }, 'light'],
  ['moe-matrix-dark', MOE_MATRIX, { width: 1440, height: 1100 }, 'dark'],
  ['moe-matrix-mobile-light', MOE_MATRIX, { width: 375, height: 2200 }, 'light'],
  ['moe-matrix-mobile-dark', MOE_MATRIX, { width: 375, height: 2200 }, 'dark'],
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
    quant: '.recharts-symbols',
    plan: '.recharts-symbols',
    table: '[data-testid=comparison-table] tbody tr',
    serve: '.recharts-line',
  } as Record<string, string>;
  const view = /view=(\w+)/.exec(query)?.[1] ?? 'matrix';
  const selector =
    query.includes('task=train') && view === 'plan' ? '[data-testid=training-plan-table] tbody tr' : ready[view];
  if (selector && name !== 'bad-link') await page.waitForSelector(`#root > .app ${selector}`);
  // On a phone the configuration starts folded: open it to show the RAM and experts controls.
  if (name.startsWith('offload-mobile')) await page.click('.config-collapse > summary');
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: name.includes('mobile') });
  await page.close();
  console.log(`saved ${name}.png`);
}
await browser.close();
await server.close();
