import type { GpuEntry } from '../catalog/schema';

/**
 * The catalogue GPU a browser's renderer string names. Browsers expose the GPU as WebGL's
 * UNMASKED_RENDERER_WEBGL (WEBGL_debug_renderer_info), often wrapped by ANGLE:
 *   "ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 (0x00002684) Direct3D11 vs_5_0 ps_5_0, D3D11)"
 *   "ANGLE (Apple, ANGLE Metal Renderer: Apple M2 Max, Unspecified Version)"
 *   "ANGLE (NVIDIA Corporation, NVIDIA GeForce RTX 3090/PCIe/SSE2, OpenGL 4.5.0 NVIDIA 535.104.05)"
 * or as WebGPU's adapter info. Neither gives the memory size, so a name several catalogue entries
 * share (RTX 4060 Ti 8 GB and 16 GB, M2 Max 32/64/96 GB) matches all of them.
 */
export type GpuMatch =
  | { readonly kind: 'found'; readonly ids: readonly string[]; readonly name: string }
  | { readonly kind: 'none'; readonly why: string };

/** The part of an ANGLE string that names the device: its second field. */
function deviceField(renderer: string): string {
  const angle = /^ANGLE \((.*)\)$/s.exec(renderer.trim());
  if (!angle?.[1]) return renderer;
  const fields = angle[1].split(', ');
  return fields.length >= 2 ? (fields[1] ?? renderer) : angle[1];
}

/** Lower-case words of a name without vendor brands, PCI ids, driver and API suffixes. */
export function rendererWords(renderer: string): string[] {
  const device = deviceField(renderer)
    .replace(/ANGLE Metal Renderer:/i, ' ')
    .replace(/\(0x[0-9a-f]+\)/gi, ' ')
    .replace(/\b(?:Direct3D\d*|D3D\d+|vs_\d_\d|ps_\d_\d|OpenGL.*|Vulkan.*)/gi, ' ')
    .replace(/\/PCIe\/SSE2|\/SSE2|, or similar/gi, ' ')
    .replace(/\((?:TM|R)\)/gi, ' ');
  return words(device);
}

const BRANDS = new Set(['nvidia', 'geforce', 'amd', 'ati', 'apple', 'intel', 'corporation', 'graphics', 'gpu']);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/(\d)\s*gb\b/g, '$1gb')
    .split(/[^a-z0-9+-]+/)
    .filter((w) => w !== '' && !BRANDS.has(w));
}

/** An entry's name without its memory size: "RTX 4060 Ti 16GB" → ["rtx", "4060", "ti"]. */
function entryWords(gpu: GpuEntry): string[] {
  return words(gpu.shortName).filter((w) => !/^\d+gb$/.test(w));
}

/** Words after a name that make it another card: "RTX 4090 D", "RX 7900 XT" against "XTX". */
const VARIANT = new Set(['ti', 'super', 'xt', 'xtx', 'gre', 'd', 'pro', 'max', 'ultra', 'laptop', 'mobile', 'max-q']);
/** Mobile parts share desktop names but not their memory or clocks. */
const MOBILE = new Set(['laptop', 'mobile']);

function startsAt(haystack: readonly string[], needle: readonly string[], at: number): boolean {
  return needle.every((w, i) => haystack[at + i] === w);
}

/** Where `needle` occurs in `haystack` as whole words and is not followed by a variant word. */
function occursAlone(haystack: readonly string[], needle: readonly string[]): boolean {
  for (let at = 0; at + needle.length <= haystack.length; at++) {
    if (!startsAt(haystack, needle, at)) continue;
    const next = haystack[at + needle.length];
    if (next === undefined || !VARIANT.has(next)) return true;
  }
  return false;
}

export function matchRenderer(renderer: string, gpus: readonly GpuEntry[]): GpuMatch {
  const text = renderer.trim();
  if (text === '') return { kind: 'none', why: 'the browser does not name its GPU' };
  const have = rendererWords(text);
  // Headless browsers and machines without a GPU driver draw with SwiftShader or Mesa's llvmpipe.
  const software = /swiftshader|llvmpipe|softpipe|software/i.exec(text);
  if (software) return { kind: 'none', why: `the browser draws in software (${software[0]}), so it names no GPU` };
  if (have.some((w) => MOBILE.has(w)))
    return { kind: 'none', why: `${text.slice(0, 80)} is a laptop GPU, which the catalogue does not list` };
  let best: GpuEntry[] = [];
  let bestLength = 0;
  for (const gpu of gpus) {
    const want = entryWords(gpu);
    // A name needs a model number or two words ("M2 Max"), not a bare brand.
    if (want.length === 0 || !occursAlone(have, want)) continue;
    if (want.length > bestLength) {
      best = [gpu];
      bestLength = want.length;
    } else if (want.length === bestLength) best.push(gpu);
  }
  const first = best[0];
  if (!first) return { kind: 'none', why: `no catalogue GPU matches '${text.slice(0, 80)}'` };
  // All of them share the name without its memory: say it once.
  const name = first.shortName.replace(/\s*\d+\s?GB$/i, '');
  return { kind: 'found', ids: best.map((g) => g.id), name };
}
