/**
 * Build step: renders the default view with the server build (dist-ssr/) and writes it into
 * dist/index.html. The browser shows that HTML at once; the app then renders over it. A link
 * with its own configuration hides the prerendered body until then (see index.html).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const entry = pathToFileURL(join(root, 'dist-ssr', 'prerender.js')).href;
const { render } = (await import(entry)) as { render: () => string };
const file = join(root, 'dist', 'index.html');
const html = readFileSync(file, 'utf8');
const marker = '<div id="root"></div>';
if (!html.includes(marker)) throw new Error(`dist/index.html has no ${marker}`);
// The stylesheet is inlined: one request fewer before the first paint.
const link = /<link rel="stylesheet"[^>]*href="\.?\/?(assets\/[^"]+\.css)"[^>]*>/.exec(html);
const css = link?.[1] ? readFileSync(join(root, 'dist', link[1]), 'utf8') : null;
const withCss = link && css !== null ? html.replace(link[0], `<style>${css}</style>`) : html;
writeFileSync(file, withCss.replace(marker, `<div id="root"><div class="prerendered">${render()}</div></div>`));
rmSync(join(root, 'dist-ssr'), { recursive: true, force: true });
console.log('prerendered the default view into dist/index.html');
