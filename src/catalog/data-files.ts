// With extensions: vite.config.ts imports this file, and Vite loads its config as plain ES modules.
import { measurementsSchema } from './measurement-schema.ts';
import { pricesSchema } from './price-schema.ts';
import { trainingMeasurementsSchema } from './training-measurement-schema.ts';
import { cpuCatalogSchema, gpuCatalogSchema, modelCatalogSchema, qualitySchema, systemsSchema } from './schema.ts';

/**
 * The one schema behind every file in data/, checked when the app or CLI is built (the data
 * plugin in vite.config.ts fails the build on the first problem) and in the tests, so the
 * bundles import the JSON as it is, without a validator or a parse at load.
 */
type Check = (
  json: unknown,
) =>
  | { success: true }
  | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };

const SCHEMAS: readonly [RegExp, Check][] = [
  [/(^|\/)data\/gpus\.json$/, (j) => gpuCatalogSchema.safeParse(j)],
  [/(^|\/)data\/cpus\.json$/, (j) => cpuCatalogSchema.safeParse(j)],
  [/(^|\/)data\/models\.json$/, (j) => modelCatalogSchema.safeParse(j)],
  [/(^|\/)data\/quality\.json$/, (j) => qualitySchema.safeParse(j)],
  [/(^|\/)data\/systems\.json$/, (j) => systemsSchema.safeParse(j)],
  [/(^|\/)data\/prices\.json$/, (j) => pricesSchema.safeParse(j)],
  [/(^|\/)data\/benchmarks\/[^/]+\.json$/, (j) => measurementsSchema.safeParse(j)],
  [/(^|\/)data\/benchmarks\/training\/[^/]+\.json$/, (j) => trainingMeasurementsSchema.safeParse(j)],
];

/** Whether a path is a catalogue file with a schema. */
export function isDataFile(path: string): boolean {
  return SCHEMAS.some(([pattern]) => pattern.test(path.replace(/\\/g, '/')));
}

/** The first problem of a data file, naming where it is, or null when the file is valid. */
export function dataFileProblem(path: string, json: unknown): string | null {
  const normalised = path.replace(/\\/g, '/');
  const entry = SCHEMAS.find(([pattern]) => pattern.test(normalised));
  if (!entry) return null;
  const result = entry[1](json);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const where = issue ? issue.path.map(String).join('.') : '?';
  return `${normalised.replace(/^.*(data\/)/, '$1')} is invalid at ${where}: ${issue?.message ?? 'unknown problem'}`;
}

/**
 * Fields the page never reads, left out of its bundle (the CLI, the dev server and the tests get
 * the files whole): the derivation notes behind GPU FP16 rates, and the published parameter
 * counts and licences that the CLI lists and the tests check the architectures against. Together
 * about 42 KB of the 170 KB of catalogue JSON a first visit would otherwise download.
 * data-files.test.ts fails when page code starts reading one of them.
 */
export const PAGE_OMITTED_FIELDS: readonly [RegExp, readonly string[]][] = [
  [/(^|\/)data\/gpus\.json$/, ['fp16Note']],
  [/(^|\/)data\/models\.json$/, ['publishedParams', 'paramsSource', 'license']],
];

/** The page's copy of a catalogue list (its entries without the omitted fields), or null to keep the file as is. */
export function pageCopy(path: string, json: unknown): unknown[] | null {
  const normalised = path.replace(/\\/g, '/');
  const omitted = PAGE_OMITTED_FIELDS.find(([pattern]) => pattern.test(normalised))?.[1];
  if (!omitted || !Array.isArray(json)) return null;
  return json.map((entry: unknown) =>
    entry !== null && typeof entry === 'object'
      ? Object.fromEntries(Object.entries(entry).filter(([key]) => !omitted.includes(key)))
      : entry,
  );
}
