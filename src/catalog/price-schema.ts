import * as z from 'zod/mini';

/**
 * data/prices.json: what people pay for the catalogue's hardware, beside the launch prices in
 * data/gpus.json. Each row is one price read on one page: new or used purchase prices per device
 * (a card, or an Apple machine as configured), or an on-demand cloud rental per GPU-hour. Checked
 * by the build (data-files.ts) and the tests, like every data file.
 */

const text = z.string().check(z.minLength(1));

export const PRICE_KINDS = ['new', 'used', 'cloud-hour'] as const;
export type PriceRowKind = (typeof PRICE_KINDS)[number];

export const priceRowSchema = z
  .strictObject({
    /** A gpu id of data/gpus.json. */
    gpu: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'gpu ids are kebab-case')),
    kind: z.enum(PRICE_KINDS),
    /** US dollars: per device for new and used, per GPU per hour for cloud-hour. */
    usd: z.number().check(z.positive(), z.maximum(1_000_000)),
    /** The month or day the price refers to (stated on the page, else the day it was read). */
    date: z
      .string()
      .check(z.regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'dates are YYYY-MM or YYYY-MM-DD')),
    source: z.url({ protocol: /^https$/ }),
    /** Who rents it out; required for cloud-hour rows and only there. */
    provider: z.optional(text),
    /** What exactly the price is for (configuration, range it was the low end of, instance). */
    note: z.optional(text),
  })
  .check(
    z.refine((r) => (r.kind === 'cloud-hour') === (r.provider !== undefined), {
      error: 'cloud-hour rows name their provider, and only they do',
    }),
  );

export const pricesSchema = z.array(priceRowSchema);
export type PriceRow = z.infer<typeof priceRowSchema>;
