import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measuredParameters } from '../core/measured-weights';
import { ggufHeaderBytes, safetensorsHeaderBytes } from '../../test/hub/file-bytes';
import { EXPECTED_PARAMS, fixtureRepos } from '../../test/hub/fixture-models';
import { ggufModel } from './gguf-architecture';
import { parseGgufHeader } from './gguf-header';
import { parseSafetensorsHeader, type SafetensorsHeader } from './safetensors-header';
import { ggufInventory, packingScheme, safetensorsInventory } from './tensor-inventory';
import { parseHfConfig } from './hf-config';

/** Reads a header the way the Hub client does: a prefix, then a longer one while the parser asks. */
function readAll<T>(
  head: Uint8Array,
  size: number,
  parse: (b: Uint8Array, size: number) => T & { status: string; needBytes?: number },
) {
  let have = Math.min(size, 64 * 1024);
  let reads = 1;
  for (;;) {
    const buffer = new Uint8Array(have);
    buffer.set(head.subarray(0, have));
    const r = parse(buffer, size);
    if (r.status !== 'more') return { result: r, reads };
    have = Math.min(size, r.needBytes ?? size);
    reads++;
  }
}

describe('GGUF headers', () => {
  const repo = fixtureRepos().find((r) => r.id === 'unsloth/Qwen3-30B-A3B-GGUF');
  if (!repo) throw new Error('fixture missing');
  const q4 = repo.files.find((f) => f.path.endsWith('Q4_K_M.gguf'));
  if (!q4) throw new Error('fixture missing');

  it('reads metadata and tensor infos in more than one read when the tokenizer is large, and sums the tensor bytes', () => {
    const { result, reads } = readAll(q4.head, q4.size, parseGgufHeader);
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    expect(reads).toBeGreaterThan(1);
    const inv = ggufInventory([result.header], 'test');
    expect(inv.tensors.reduce((a, t) => a + t.bytes, 0)).toBe(repo.weightBytes);
    const model = ggufModel(result.header);
    if (!model.ok) throw new Error(model.error);
    expect(model.value).toMatchObject({ modelType: 'qwen3moe', fileType: 'Q4_K_M', contextLength: 40960 });
    expect(model.value.arch).toMatchObject({
      layers: 48,
      hiddenSize: 2048,
      kvHeads: 4,
      headDim: 128,
      vocabSize: 151936,
    });
    expect(model.value.arch.moe).toMatchObject({ experts: 128, activeExperts: 8, expertIntermediateSize: 768 });
    // Q4_K_M keeps some tensors at Q6_K (attn_v, ffn_down in selected layers, the output head).
    expect(new Set(result.header.tensors.map((t) => t.type))).toEqual(new Set(['F32', 'Q4_K', 'Q6_K']));
  });

  it('a hand-made header: one F32 vector and one Q4_0 matrix, sized by ggml block layouts', () => {
    const bytes = ggufHeaderBytes(
      { 'general.architecture': { type: 'string', value: 'llama' }, 'general.alignment': { type: 'u32', value: 32 } },
      [
        { name: 'a', dims: [10], typeId: 0, bytes: 40 },
        // 4 rows of 64 Q4_0 values: 2 blocks × 18 bytes per row.
        { name: 'b', dims: [64, 4], typeId: 2, bytes: 144 },
      ],
    );
    const r = parseGgufHeader(bytes);
    if (r.status !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.header.tensors.map((t) => [t.name, t.type, t.elements, t.bytes])).toEqual([
      ['a', 'F32', 10, 40],
      ['b', 'Q4_0', 256, 144],
    ]);
    expect(r.header.dataStart % 32).toBe(0);
  });

  it('sizes a tensor of a ggml type it does not know from the next offset', () => {
    const bytes = ggufHeaderBytes({}, [
      { name: 'new', dims: [256], typeId: 40, bytes: 160 },
      { name: 'after', dims: [8], typeId: 0, bytes: 32 },
    ]);
    const r = parseGgufHeader(bytes, bytes.length + 192);
    if (r.status !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.header.tensors[0]).toMatchObject({ type: 'type 40', bytes: 160 });
  });

  it.each([
    [new TextEncoder().encode('GGML....'), /not a GGUF file/],
    [Uint8Array.from([0x47, 0x47, 0x55, 0x46, 9, 0, 0, 0]), /version 9/],
  ])('refuses %s by name', (bytes, message) => {
    const r = parseGgufHeader(bytes);
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(r.error).toMatch(message);
  });

  it('a truncated file is an error, not a request for more', () => {
    const cut = q4.head.subarray(0, 1000);
    const r = parseGgufHeader(cut, 1000);
    expect(r).toMatchObject({ status: 'error' });
  });

  it('never throws, whatever the bytes (fuzz: random bytes, and a real header with bytes flipped)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const r = parseGgufHeader(bytes);
        expect(['ok', 'more', 'error']).toContain(r.status);
      }),
    );
    const small = ggufHeaderBytes({ 'general.architecture': { type: 'string', value: 'llama' } }, [
      { name: 'x', dims: [32, 2], typeId: 8, bytes: 68 },
    ]);
    fc.assert(
      fc.property(fc.nat({ max: small.length - 1 }), fc.nat({ max: 255 }), (at, value) => {
        const copy = small.slice();
        copy[at] = value;
        const r = parseGgufHeader(copy, copy.length + 96);
        if (r.status === 'ok') for (const t of r.header.tensors) expect(Number.isFinite(t.bytes)).toBe(true);
        else expect(['more', 'error']).toContain(r.status);
      }),
    );
  });
});

describe('safetensors headers', () => {
  it('reads dtype, shape and offsets; the bytes are end − begin', () => {
    const { header } = safetensorsHeaderBytes([
      { name: 'w', dtype: 'BF16', shape: [4, 8], bytes: 64 },
      { name: 'blocks', dtype: 'U8', shape: [2, 16], bytes: 32 },
    ]);
    const r = parseSafetensorsHeader(header);
    if (r.status !== 'ok') throw new Error(JSON.stringify(r));
    expect(r.header.tensors.map((t) => [t.name, t.elements, t.bytes])).toEqual([
      ['w', 32, 64],
      ['blocks', 32, 32],
    ]);
    expect(r.header.metadata).toEqual({ format: 'pt' });
  });

  it('asks for the rest of a header that continues past the prefix', () => {
    const { header } = safetensorsHeaderBytes([{ name: 'w', dtype: 'F32', shape: [2], bytes: 8 }]);
    expect(parseSafetensorsHeader(header.subarray(0, 12))).toEqual({ status: 'more', needBytes: header.length });
  });

  it.each([
    [{ w: { dtype: 'F99', shape: [1], data_offsets: [0, 1] } }, /not a safetensors dtype/],
    [{ w: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, /offsets span 4/],
    [{ w: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, /shape/],
  ])('refuses %j by name', (json, message) => {
    const body = new TextEncoder().encode(JSON.stringify(json));
    const bytes = new Uint8Array(8 + body.length);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(body.length), true);
    bytes.set(body, 8);
    const r = parseSafetensorsHeader(bytes);
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(r.error).toMatch(message);
  });

  it('refuses a length prefix over 100 MB without reading further', () => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, 200_000_000n, true);
    expect(parseSafetensorsHeader(bytes)).toMatchObject({ status: 'error' });
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        expect(['ok', 'more', 'error']).toContain(parseSafetensorsHeader(bytes).status);
      }),
    );
  });
});

describe('checkpoints on the mock Hub: exact weight bytes and parameters', () => {
  const weightRepos = fixtureRepos().filter((r) => EXPECTED_PARAMS[r.id] !== undefined);
  it.each(weightRepos.map((r) => [r.id, r] as const))('%s', (_id, repo) => {
    const config = repo.files.find((f) => f.path === 'config.json');
    if (!config) throw new Error('no config');
    const configText = new TextDecoder().decode(config.head);
    const parsed = parseHfConfig(configText);
    if (!parsed.ok) throw new Error(parsed.error);
    const headers: SafetensorsHeader[] = [];
    for (const f of repo.files.filter((x) => x.path.endsWith('.safetensors'))) {
      const { result } = readAll(f.head, f.size, parseSafetensorsHeader);
      if (result.status !== 'ok') throw new Error(JSON.stringify(result));
      headers.push(result.header);
    }
    const inv = safetensorsInventory(headers, packingScheme(JSON.parse(configText)), repo.id);
    // Weight bytes are exactly the Σ of the tensors' stored bytes…
    expect(inv.tensors.reduce((a, t) => a + t.bytes, 0)).toBe(repo.weightBytes);
    // …and the unpacked parameters are the Hub's count for the model.
    expect(measuredParameters(parsed.value.arch, inv).total).toBe(EXPECTED_PARAMS[repo.id]);
  });
});
