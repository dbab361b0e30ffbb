import { join } from 'node:path';
import { launchBrowser, serveStatic } from './test/e2e/browser';
const server = await serveStatic(join('.', 'dist'), '/headroom/');
const browser = await launchBrowser();
const shots: [string, string, number, 'light' | 'dark'][] = [
  ['serve-light', '?task=serve&view=serve&m=llama-3-1-8b&f=bf16&rt=vllm&g=l40s&sel=llama-3-1-8b~l40s&sv-u=64', 1440, 'light'],
  ['serve-dark', '?task=serve&view=serve&m=deepseek-v3&f=fp8&rt=vllm&g=h100-80gb-sxm*8&sel=deepseek-v3~h100-80gb-sxm*8&sv-n=2&sv-tp=8&sv-pp=2&sv-u=64', 1440, 'dark'],
  ['serve-mobile', '?task=serve&view=serve&m=llama-3-1-8b&f=bf16&rt=vllm&g=l40s&sel=llama-3-1-8b~l40s&sv-u=64', 375, 'light'],
  ['serve-matrix', '?task=serve&view=matrix&f=awq-4bit-g128&rt=vllm', 1440, 'light'],
];
for (const [name, q, width, theme] of shots) {
  const page = await browser.newPage({ viewport: { width, height: 1200 }, colorScheme: theme });
  page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
  page.on('pageerror', (e) => console.log('PAGEERR', e.message));
  await page.goto(`${server.url}${q}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/${name}.png`, fullPage: true });
  await page.close();
  console.log('saved', name);
}
await browser.close();
await server.close();
