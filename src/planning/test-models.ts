import { MODELS } from '../catalog/catalog';

/** Test helper: a catalogue model as the planners take it (a typo fails the test). */
export function planModel(id: string) {
  const m = MODELS.find((x) => x.id === id);
  if (!m) throw new Error(`no model ${id}`);
  return { key: m.id, name: m.name, arch: m.arch, contextLimit: m.contextLength };
}
