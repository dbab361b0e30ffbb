import { useId, useState } from 'react';
import { compactHfConfig } from '../../importers/hf-config';

interface Props {
  readonly onAddSize: (token: string) => void;
  readonly onAddConfig: (compactJson: string) => void;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*([mbt])$/i;

/** A model that is not in the catalogue: by parameter count, or by pasting/uploading config.json. */
export function CustomModelForm({ onAddSize, onAddConfig }: Props) {
  const [size, setSize] = useState('');
  const [sizeError, setSizeError] = useState<string | null>(null);
  const [config, setConfig] = useState('');
  const [configMessage, setConfigMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = useId();

  const addSize = () => {
    const m = SIZE.exec(size.trim());
    const value = m
      ? Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1e6 : m[2]?.toLowerCase() === 't' ? 1e12 : 1e9)
      : NaN;
    if (!m || !(value >= 1e8 && value <= 1e13)) {
      setSizeError(`Enter a size such as 7b, 13b or 1.5t (between 100M and 10T); got '${size}'.`);
      return;
    }
    setSizeError(null);
    setSize('');
    onAddSize(`${m[1] ?? ''}${(m[2] ?? 'b').toLowerCase()}`);
  };

  const applyConfig = (text: string) => {
    const r = compactHfConfig(text);
    if (!r.ok || r.json === undefined) {
      setConfigMessage({ ok: false, text: r.ok ? 'config.json could not be read' : r.error });
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
                if (file.size > 1_000_000) {
                  setConfigMessage({
                    ok: false,
                    text: `${file.name} is ${Math.round(file.size / 1000)} kB; a config.json is a few kB.`,
                  });
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
