import { useId, useState } from 'react';
import { codePointLength, quoteInput } from '../../core/input-text';
import { compactHfConfig, configSizeProblem } from '../../importers/hf-config';
import { bareSizeToken, MAX_LINK_CONFIG, parseBareSize } from '../../url/link-limits';

interface Props {
  readonly onAddSize: (token: string) => void;
  readonly onAddConfig: (compactJson: string) => void;
  /** Why no model can be added now (the link is full), or null. */
  readonly full?: string | null;
}

/** "7b", "7 B", "1.5T": the link's bare-size words, in any case and with spaces. */
const SIZE = /^(\d+(?:\.\d+)?)\s*([mbt])$/i;

/** A model that is not in the catalogue: by parameter count, or by pasting/uploading config.json. */
export function CustomModelForm({ onAddSize, onAddConfig, full = null }: Props) {
  const [size, setSize] = useState('');
  const [sizeError, setSizeError] = useState<string | null>(null);
  const [config, setConfig] = useState('');
  const [configMessage, setConfigMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();

  const addSize = () => {
    if (full) {
      setSizeError(full);
      return;
    }
    const m = SIZE.exec(size.trim());
    const parsed = m ? parseBareSize(`${m[1] ?? ''}${(m[2] ?? '').toLowerCase()}`) : null;
    if (!parsed?.ok) {
      setSizeError(`Enter a size such as 7b, 13b or 1.5t (from 100M to 10T); got ${quoteInput(size)}.`);
      return;
    }
    setSizeError(null);
    setSize('');
    // The link's own spelling of the count ("7.50b" → "7.5b"), so the chip and the link agree.
    onAddSize(bareSizeToken(parsed.count));
  };

  const applyConfig = (text: string) => {
    if (full) {
      setConfigMessage({ ok: false, text: full });
      return;
    }
    const r = compactHfConfig(text);
    if (!r.ok || r.json === undefined) {
      setConfigMessage({ ok: false, text: r.ok ? 'config.json could not be read' : r.error });
      return;
    }
    if (codePointLength(r.json) > MAX_LINK_CONFIG) {
      setConfigMessage({
        ok: false,
        text: `This config.json needs ${codePointLength(r.json).toLocaleString('en-US')} characters in the link, more than the ${MAX_LINK_CONFIG.toLocaleString('en-US')} a link carries.`,
      });
      return;
    }
    setConfigMessage({
      ok: true,
      text: `Added ${r.value.modelType} (${r.value.arch.layers} layers, hidden ${r.value.arch.hiddenSize}).`,
    });
    onAddConfig(r.json);
  };

  return (
    <details className="custom-model">
      <summary>Custom model: by size or config.json</summary>
      <div className="field">
        <label htmlFor={`${id}-size`}>Parameter count</label>
        <div className="inline">
          <input
            id={`${id}-size`}
            type="text"
            inputMode="decimal"
            placeholder="7b"
            value={size}
            aria-invalid={sizeError !== null}
            aria-describedby={`${id}-size-help`}
            onChange={(e) => setSize(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') addSize();
            }}
          />
          <button type="button" className="btn btn-small" onClick={addSize}>
            Add
          </button>
        </div>
        <span
          id={`${id}-size-help`}
          className={sizeError ? 'field-error' : 'field-help'}
          role={sizeError ? 'alert' : undefined}
        >
          {sizeError ?? 'Assumes a Llama-3-like shape (GQA with 8 KV heads).'}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-config`}>config.json (paste or upload)</label>
        <textarea
          id={`${id}-config`}
          rows={3}
          value={config}
          placeholder='{"model_type": "llama", "hidden_size": 4096, …}'
          onChange={(e) => setConfig(e.target.value)}
        />
        <div className="inline">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => applyConfig(config)}
            disabled={config.trim() === ''}
          >
            Use pasted config
          </button>
          <label className="btn btn-small file-button">
            Upload…
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                // Refused by its size before a byte is read: a checkpoint picked by mistake costs nothing.
                const tooLarge = configSizeProblem(file.size);
                if (tooLarge) {
                  setConfigMessage({ ok: false, text: `${quoteInput(file.name)}: ${tooLarge}.` });
                  return;
                }
                void file.text().then((text) => {
                  setConfig(text);
                  applyConfig(text);
                });
              }}
            />
          </label>
        </div>
        {configMessage && (
          <span
            className={configMessage.ok ? 'field-help' : 'field-error'}
            role={configMessage.ok ? 'status' : 'alert'}
          >
            {configMessage.text}
          </span>
        )}
      </div>
    </details>
  );
}
