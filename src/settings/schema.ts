import { z } from 'zod';
import { parseCidr } from '../ingest/cidr.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date');

/** The review settings: one JSON document, the same in the page and the headless twin. */
export const settingsSchema = z
  .object({
    window: z
      .object({
        /** Last day of the review window; default: the last usage day in the data. */
        end: isoDay.nullable().default(null),
        /** Window length in months (rulebook: 3 to 24, default 12). */
        months: z.number().int().min(3).max(24).default(12),
      })
      .strict()
      .prefault({}),
    thresholds: z
      .object({
        /** Rule 1: no use of a covered product in this many days before the window end. */
        dormant_days: z.number().int().min(1).max(730).default(90),
        /** Rule 2: fewer usage days than this per month (30.44 days) is low frequency. */
        low_freq_days_per_month: z.number().min(0).max(31).default(4),
        /** Rule 2: Flex is recommended when it costs less than the seat by at least this share. */
        flex_margin: z.number().min(0).max(1).default(0.1),
        /** Rule 8: an over-count run of this many days is sustained. */
        sustained_days: z.number().int().min(1).max(730).default(30),
        /** Rule 10: a new domain needs this many distinct users... */
        new_domain_min_users: z.number().int().min(1).default(3),
        /** ...and a first use at least this many days after the first usage day in the data. */
        new_domain_after_days: z.number().int().min(0).default(28),
        /** Rule 10: an event within this many days of a domain's first use is its nearest event. */
        event_match_days: z.number().int().min(0).default(60),
        spike_ratio: z.number().min(1).default(1.5),
        spike_min_users: z.number().int().min(0).default(5),
        spike_baseline_weeks: z.number().int().min(1).max(52).default(8),
      })
      .strict()
      .prefault({}),
    /** Rule 5: what counts as the organisation's own. No domain is assumed until the user sets them. */
    corporate: z
      .object({
        domains: z.array(z.string().regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/i, 'expected a domain such as example.com').transform((d) => d.toLowerCase())).default([]),
        cidrs: z.array(z.string().refine((c) => parseCidr(c) !== null, 'expected an IPv4 or IPv6 range such as 10.0.0.0/8 or fd00::/8')).default([]),
      })
      .strict()
      .prefault({}),
    /** The price book (indicative until the user enters the contract's figures). */
    prices: z
      .object({
        /** US$ per Flex token. */
        token_price: z.number().min(0).default(3),
        offerings: z
          .array(z.object({ offering: z.string().min(1), current_price: z.number().min(0), list_price: z.number().min(0) }).strict())
          .default([]),
        products: z
          .array(z.object({ product: z.string().min(1), tokens_per_day: z.number().min(0) }).strict())
          .default([
            { product: 'AutoCAD', tokens_per_day: 7 },
            { product: 'Revit', tokens_per_day: 10 },
          ]),
      })
      .strict()
      .prefault({}),
    /** Collection membership for this client, on top of the catalogue's. */
    collections: z.array(z.object({ offering: z.string().min(1), products: z.array(z.string().min(1)) }).strict()).default([]),
    /** Rule 10: acquisitions, mergers, restructurings. */
    events: z.array(z.object({ date: isoDay, name: z.string().min(1) }).strict()).default([]),
  })
  .strict();

export type ReviewSettings = z.output<typeof settingsSchema>;
export type ReviewSettingsInput = z.input<typeof settingsSchema>;

export const DEFAULT_SETTINGS: ReviewSettings = settingsSchema.parse({});

/** Validates a settings document; throws one message naming every bad field. */
export function parseSettings(input: unknown, source = 'settings'): ReviewSettings {
  const result = settingsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((i) => {
    const path = i.path.join('.');
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => `${path ? `${path}.` : ''}${k}: unknown setting`);
    return [`${path || '(top level)'}: ${i.message}`];
  });
  throw new Error(`${source}: invalid review settings: ${problems.join('; ')}`);
}
