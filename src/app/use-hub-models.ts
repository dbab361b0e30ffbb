import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HubReference } from '../importers/hub-reference';
import { hubKey, isHubKey } from '../url/hub-models';
import type { ShareState } from '../url/share-state';
import type { Scenario } from '../view-models/scenario';
import type { HubProblemView, ModelNote } from '../features/config-panel/hub-help';
import type { AsyncModelStore } from './async-models';
import {
  DEFAULT_HUB_ENDPOINT,
  hubEndpoint,
  hubProblem,
  openLocalGguf,
  resolvedHubKey,
  setHubEndpoint,
  setHubToken,
  wantHubModel,
} from './hub-sources';

const isSha = (rev: string | null): rev is string => rev !== null && /^[0-9a-f]{40}$/.test(rev);

/** The model box's Hub and local-file wiring: what the config panel needs, derived from the link. */
export function useHubModels(
  state: ShareState,
  scenario: Scenario,
  update: (patch: Partial<ShareState> | ((current: ShareState) => Partial<ShareState>)) => void,
  store: AsyncModelStore,
  asyncVersion: number,
) {
  const [endpoint, setEndpoint] = useState(hubEndpoint);
  const replace = useCallback(
    (oldKey: string, newKey: string) =>
      update((current) => ({
        models: [...new Set(current.models.map((k) => (k === oldKey ? newKey : k)))],
        selected: current.selected?.model === oldKey ? { ...current.selected, model: newKey } : current.selected,
      })),
    [update],
  );
  // A model read at "main" is written into the address at the commit it resolved to, so the
  // link opens the same weights later.
  useEffect(() => {
    for (const key of state.models) {
      const resolved = isHubKey(key) ? resolvedHubKey(key) : undefined;
      if (resolved !== undefined && resolved !== key) replace(key, resolved);
    }
  }, [state.models, asyncVersion, replace]);
  const add = useCallback(
    (key: string) => update((current) => ({ models: [...current.models.filter((k) => k !== key), key] })),
    [update],
  );
  // The sources record problems as loads fail; asyncVersion changes with every failure, and this
  // hook runs on each of those renders.
  const problems: HubProblemView[] = state.models.flatMap((key) => {
    const p = hubProblem(key);
    return p ? [{ ...p, key }] : [];
  });
  const notes = useMemo(
    (): ModelNote[] =>
      scenario.models
        .filter((m) => (m.assumptions?.length ?? 0) > 0)
        .map((m) => ({ key: m.key, name: m.name, lines: m.assumptions ?? [] })),
    [scenario.models],
  );
  const mirrors = useMemo(() => {
    try {
      return endpoint === DEFAULT_HUB_ENDPOINT ? [] : [new URL(endpoint).host];
    } catch {
      return [];
    }
  }, [endpoint]);
  return {
    mirrors,
    onHub: (ref: HubReference) =>
      add(
        ref.file !== null || isSha(ref.revision)
          ? hubKey({ repo: ref.repo, sha: isSha(ref.revision) ? ref.revision : null, file: ref.file })
          : wantHubModel(ref.repo, ref.revision, ref.quant),
      ),
    help: {
      problems,
      notes,
      onReplace: replace,
      onToken: (key: string, token: string) => {
        setHubToken(token);
        store.retry(key);
      },
      onPasteConfig: () => {
        const details = document.querySelector<HTMLDetailsElement>('details.custom-model');
        if (!details) return;
        details.open = true;
        details.querySelector('textarea')?.focus();
      },
      onOpenGguf: (file: File) => {
        const key = openLocalGguf(file);
        if (state.models.includes(key)) store.retry(key);
        else add(key);
      },
      endpoint,
      defaultEndpoint: DEFAULT_HUB_ENDPOINT,
      onEndpoint: (url: string | null) => {
        setHubEndpoint(url);
        setEndpoint(url ?? DEFAULT_HUB_ENDPOINT);
      },
    },
  };
}
