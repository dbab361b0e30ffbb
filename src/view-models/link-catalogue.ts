import { fabricById } from '../catalog/systems';
import { weightFormatById } from '../core/formats/weight-formats';
import { parseHfConfig } from '../importers/hf-config';
import type { KnownIds } from '../url/share-link';
import { isCatalogCpu, isCatalogGpu, isCatalogModel } from './scenario';

/** What a share link may name, checked against the catalogue: one table for the page and the tests. */
export const LINK_CATALOGUE: KnownIds = {
  isModel: isCatalogModel,
  isGpu: isCatalogGpu,
  isFormat: (id) => weightFormatById(id) !== null,
  configProblem: (json) => {
    const r = parseHfConfig(json);
    return r.ok ? null : r.error;
  },
  isCpu: isCatalogCpu,
  isFabric: (id) => fabricById(id) !== null,
};
