import { useId, useState } from 'react';
import { formatGiB } from '../../view-models/format-units';

/** What a Hub model that could not load as asked offers: a quant to choose, or ways past a gate. */
export type HubProblemView =
  | {
      readonly key: string;
      readonly kind: 'choose';
      readonly repo: string;
      readonly choices: readonly {
        readonly key: string;
        readonly choice: {
          readonly label: string;
          readonly bytes: number;
          readonly shards: number;
          readonly file: string;
        };
      }[];
      readonly projectors: readonly { readonly path: string; readonly size: number }[];
    }
  | { readonly key: string; readonly kind: 'gated'; readonly repo: string; readonly mirrors: readonly string[] };

export interface ModelNote {
  readonly key: string;
  readonly name: string;
  readonly lines: readonly string[];
}

const MIRROR = /^https?:\/\/[^\s/]+/;

interface Props {
  readonly problems: readonly HubProblemView[];
  readonly notes: readonly ModelNote[];
  /** Replaces a model key by another (a chosen quant, an ungated copy). */
  readonly onReplace: (oldKey: string, newKey: string) => void;
  /** Retries a gated model with a read token (kept in memory only). */
  readonly onToken: (key: string, token: string) => void;
  readonly onPasteConfig: () => void;
  readonly onOpenGguf: (file: File) => void;
  readonly endpoint: string;
  readonly defaultEndpoint: string;
  readonly onEndpoint: (url: string | null) => void;
}

function GatedHelp({
  problem,
  onReplace,
  onToken,
  onPasteConfig,
}: { problem: Extract<HubProblemView, { kind: 'gated' }> } & Pick<Props, 'onReplace' | 'onToken' | 'onPasteConfig'>) {
  const [token, setToken] = useState('');
  const id = useId();
  const submitToken = () => {
    if (token.trim() !== '') onToken(problem.key, token);
    setToken('');
  };
  return (
    <div className="hub-help" role="group" aria-label={`Ways to read ${problem.repo}`}>
      <p className="hub-help-title">{problem.repo} is gated. Three ways on:</p>
      <div className="inline">
        <label htmlFor={`${id}-token`}>1. A read token</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="hf_…"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submitToken();
            }
          }}
        />
        <button type="button" className="btn btn-small" disabled={token.trim() === ''} onClick={submitToken}>
          Use token
        </button>
      </div>
      <span className="field-help">
        Kept in this page’s memory only: never in the address, storage or a shared link.
      </span>
      {problem.mirrors.length > 0 && (
        <div className="hub-help-row">
          <span>2. Another copy (an ungated re-upload, or the base model):</span>
          {problem.mirrors.map((m) => (
            <button key={m} type="button" className="btn btn-small" onClick={() => onReplace(problem.key, `hf:${m}`)}>
              {m}
            </button>
          ))}
        </div>
      )}
      <div className="hub-help-row">
        <span>{problem.mirrors.length > 0 ? '3.' : '2.'} Its config.json:</span>
        <button type="button" className="btn btn-small" onClick={onPasteConfig}>
          Paste config.json
        </button>
      </div>
    </div>
  );
}

/** Under the model chips: quant choices, gated-repo help, notes on imported models, local files. */
export function HubHelp(props: Props) {
  const { problems, notes, onReplace, onOpenGguf } = props;
  const [mirror, setMirror] = useState('');
  const id = useId();
  const submitMirror = () => {
    const value = mirror.trim();
    if (MIRROR.test(value)) props.onEndpoint(value.replace(/\/+$/, ''));
    setMirror('');
  };
  return (
    <>
      {problems.map((p) =>
        p.kind === 'choose' ? (
          <div key={p.key} className="hub-help" role="group" aria-label={`Quantizations of ${p.repo}`}>
            <p className="hub-help-title">Choose a GGUF file of {p.repo}:</p>
            <ul className="hub-choices">
              {p.choices.map((c) => (
                <li key={c.key}>
                  <button type="button" className="btn btn-small" onClick={() => onReplace(p.key, c.key)}>
                    {c.choice.label}
                  </button>
                  <span className="combo-detail">
                    {formatGiB(c.choice.bytes)} · {c.choice.bytes.toLocaleString('en-US')} bytes
                    {c.choice.shards > 1 ? ` in ${c.choice.shards} files` : ''}
                  </span>
                </li>
              ))}
            </ul>
            {p.projectors.length > 0 && (
              <p className="field-help">
                Vision projector{p.projectors.length > 1 ? 's' : ''}, loaded beside a model for images:{' '}
                {p.projectors.map((x) => `${x.path} (${formatGiB(x.size)})`).join(', ')}
              </p>
            )}
          </div>
        ) : (
          <GatedHelp key={p.key} problem={p} {...props} />
        ),
      )}
      {notes.map((n) => (
        <details key={n.key} className="hub-note">
          <summary>How {n.name} was read</summary>
          <ul>
            {n.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      ))}
      <div className="inline hub-local">
        <label className="btn btn-small file-button">
          Open a .gguf file…
          <input
            type="file"
            accept=".gguf"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onOpenGguf(file);
              e.target.value = '';
            }}
          />
        </label>
        <span className="field-help">Only its header is read, on this computer.</span>
      </div>
      <details className="hub-note">
        <summary>Hugging Face endpoint: {props.endpoint}</summary>
        <div className="inline">
          <label htmlFor={`${id}-mirror`} className="visually-hidden">
            Hub mirror address
          </label>
          <input
            id={`${id}-mirror`}
            type="url"
            placeholder="https://hf-mirror.example"
            value={mirror}
            onChange={(e) => setMirror(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                submitMirror();
              }
            }}
          />
          <button type="button" className="btn btn-small" disabled={!MIRROR.test(mirror.trim())} onClick={submitMirror}>
            Use mirror
          </button>
          {props.endpoint !== props.defaultEndpoint && (
            <button type="button" className="btn btn-small" onClick={() => props.onEndpoint(null)}>
              Back to huggingface.co
            </button>
          )}
        </div>
      </details>
    </>
  );
}
