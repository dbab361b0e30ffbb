import { describe, expect, it } from 'vitest';
import { MODELS } from '../src/catalog/catalog';
import { weightFormatById } from '../src/core/formats/weight-formats';
import { analyseWeights } from '../src/core/weights';
import reference from './fixtures/published-reference.json';

/**
 * Published GGUF file sizes (bartowski's Meta-Llama-3.1-8B-Instruct files, exact bytes from the
 * Hugging Face listing, and TheBloke's Llama-2-7B files) against the estimator's tensor data.
 * Files also hold metadata and the tokenizer (~8 MB for a 128K vocabulary), so they are a little
 * larger than the tensor data. Quantizers that use the "_L"/"_XL" recipes or removed Q4_0_x_y
 * layouts are skipped: they are not llama-quantize file types.
 */
interface SizeRow {
  model: string;
  fileType: string;
  bytes: number | null;
  sizeReported: string;
  unit: string;
}

const MODEL_IDS: Record<string, string> = {
  'Meta-Llama-3.1-8B-Instruct': 'llama-3-1-8b',
  'Meta-Llama-3-8B-Instruct': 'llama-3-8b',
  'Llama-2-7B': 'llama-2-7b',
};

function publishedBytes(row: SizeRow): number | null {
  if (row.bytes !== null) return row.bytes;
  const m = /([\d.]+)\s*(GB|GiB)/.exec(row.sizeReported);
  if (!m) return null;
  return Number(m[1]) * (m[2] === 'GiB' ? 1024 ** 3 : 1e9);
}

// Files made with an older llama-quantize recipe than the one the estimator follows.
const OLDER_RECIPE: Record<string, string> = {
  'Llama-2-7B Q2_K':
    'Sep 2023: Q2_K then also raised ffn_gate/ffn_up to Q3_K (rule since commented out in llama-quant.cpp)',
};

const rows = (reference.ggufFileSizes as SizeRow[]).flatMap((row) => {
  if (OLDER_RECIPE[`${row.model} ${row.fileType}`]) return [];
  const id = MODEL_IDS[row.model];
  const format = weightFormatById(
    row.fileType === 'F16' ? 'gguf-f16' : row.fileType === 'F32' ? 'gguf-f32' : row.fileType,
  );
  const model = MODELS.find((m) => m.id === id);
  const bytes = publishedBytes(row);
  if (!model || !format || format.family !== 'gguf' || bytes === null) return [];
  return [{ label: `${row.model} ${row.fileType} (${row.sizeReported})`, arch: model.arch, format, bytes }];
});

describe('published GGUF file sizes', () => {
  it('has enough reference rows to mean something', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows.map((r) => [r.label, r] as const))('%s within 3%%', (_label, r) => {
    const estimated = analyseWeights(r.arch, r.format).totalBytes;
    expect(Math.abs(estimated / r.bytes - 1)).toBeLessThan(0.03);
  });
});
