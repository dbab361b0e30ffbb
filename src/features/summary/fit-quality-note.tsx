import { formatQualityWords } from '../../view-models/fit-quality';

/** "; perplexity +3.1% over 16-bit, measured on Llama 3 8B": loaded with the table of published costs. */
export default function FitQualityNote({ model, format }: { readonly model: string; readonly format: string }) {
  return <>; {formatQualityWords(model, format)}</>;
}
