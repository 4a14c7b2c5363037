import { z } from 'zod';
import { parseCidr } from '../lib/cidr.ts';
import { DEFAULT_CURRENCY, isCurrencyCode } from '../lib/amounts.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real calendar date');

/** Where an indicative figure comes from and the date it describes; null on the user's own (contract) figures. */
const indicative = z.object({ as_of: isoDay, source: z.string().min(1) }).strict().nullable();
export type IndicativeLabel = z.output<typeof indicative>;

/** The only price-book figures with public backing: Autodesk's published Flex daily rates and token price. */
export const PUBLIC_FLEX_RATES = {
  as_of: '2023-05-17',
  source: "Autodesk's public Flex rates (AutoCAD 7 tokens a day, Revit 10, US$3 a token): indicative, edit to your contract",
} as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
        /** Rule 13: a reduction keeps this share of headroom above the active users. */
        renewal_headroom: z.number().min(0).max(5).default(0.1),
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
    /** The price book: the contract's figures once the user enters them; shipped figures are labelled indicative. */
    prices: z
        .object({
          /**
           * ISO 4217 code of the contract's prices: every figure is shown in it. Nothing is converted: the prices are
           * the contract's own, in its currency.
           */
          currency: z
            .string()
            .transform((c) => c.trim().toUpperCase())
            .refine(isCurrencyCode, 'expected an ISO 4217 currency code such as USD, GBP or EUR')
            .default(DEFAULT_CURRENCY),
          /** Price of one Flex token, in the currency. */
          token_price: z.number().min(0).default(3),
          token_price_indicative: indicative.default(PUBLIC_FLEX_RATES),
          offerings: z
            .array(
              z
                .object({
                  offering: z.string().min(1),
                  /** What this customer pays per seat per year. */
                  current_price: z.number().min(0),
                  /** List price per seat per year; null: current_price x exposure.list_to_current. */
                  list_price: z.number().min(0).nullable().default(null),
                  indicative: indicative.default(null),
                })
                .strict(),
            )
            .default([])
            .superRefine((offerings, ctx) => noRepeats(offerings.map((o) => o.offering), ctx, 'offering')),
          products: z
            .array(z.object({ product: z.string().min(1), tokens_per_day: z.number().min(0), indicative: indicative.default(null) }).strict())
            .superRefine((products, ctx) => noRepeats(products.map((p) => p.product), ctx, 'product'))
            .default([
              { product: 'AutoCAD', tokens_per_day: 7, indicative: PUBLIC_FLEX_RATES },
              { product: 'Revit', tokens_per_day: 10, indicative: PUBLIC_FLEX_RATES },
            ]),
        })
        .strict()
        .prefault({}),
    /**
     * The contract's Flex token pool: the tokens bought and the term they are for. With it, the Flex view projects the
     * day the pool runs out at the term's average use so far. Nothing is assumed until the user enters the tokens.
     */
    token_pool: z
      .object({
        tokens: z.number().min(0).nullable().default(null),
        /** First day of the term; default: the first day of token data. */
        start: isoDay.nullable().default(null),
        /** Last day of the term (covered). */
        end: isoDay.nullable().default(null),
      })
      .strict()
      .refine((p) => p.start === null || p.end === null || p.start <= p.end, { message: 'must not be before the start', path: ['end'] })
      .prefault({}),
    /** The exposure scenarios' factors (rulebook: the cost comparison), each shown and editable beside its figure. */
    exposure: z
      .object({
        /** Share of the back-period an annual self-review settles at (typically about 45K of 97K licences). */
        negotiated_factor: z.number().min(0).max(10).default(0.46),
        /** An audit without cooperation costs this many times the negotiated range. */
        worst_case_multiplier: z.number().min(1).max(20).default(2),
        /** List price as a multiple of the current price, for offerings whose list price the price book lacks (typically 3,200 / 1,940). */
        list_to_current: z.number().min(1).max(20).default(1.65),
      })
      .strict()
      .prefault({}),
    /** Collection membership for this client: a Collection listed here replaces the catalogue's membership of it. */
    collections: z.array(z.object({ offering: z.string().min(1), products: z.array(z.string().min(1)) }).strict()).default([]),
    /** Rule 10: acquisitions, mergers, restructurings. */
    events: z.array(z.object({ date: isoDay, name: z.string().min(1) }).strict()).default([]),
    /** The engagement: who the review is for and by, and the key of its pseudonyms. */
    engagement: z
      .object({
        client: z.string().min(1).nullable().default(null),
        prepared_by: z.string().min(1).nullable().default(null),
        review_date: isoDay.nullable().default(null),
        /**
         * The secret of the redacted files' pseudonyms (HMAC-SHA-256, 64 hex characters): generated on first use and
         * kept in the settings file, so that one client's pseudonyms stay the same from quarter to quarter.
         */
        redaction_key: z
          .string()
          .regex(/^[0-9a-f]{64}$/, 'expected 64 hexadecimal characters (32 random bytes)')
          .nullable()
          .default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ReviewSettings = z.output<typeof settingsSchema>;
export type ReviewSettingsInput = z.input<typeof settingsSchema>;

export const DEFAULT_SETTINGS: ReviewSettings = settingsSchema.parse({});

/**
 * The settings as a file may show them: without the redaction key, which would let anyone holding a redacted file
 * and the client's directory recompute the pseudonyms. The key stays in the settings file the consultant keeps.
 */
export function shareableSettings(settings: ReviewSettings): ReviewSettings {
  return { ...settings, engagement: { ...settings.engagement, redaction_key: null } };
}

/** Validates a settings document; throws one message naming every bad field. */
export function parseSettings(input: unknown, source = 'settings'): ReviewSettings {
  const result = settingsSchema.safeParse(ownTokenPrice(input ?? {}));
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((i) => {
    const path = i.path.join('.');
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => `${path ? `${path}.` : ''}${k}: unknown setting`);
    return [`${path || '(top level)'}: ${i.message}`];
  });
  throw new Error(`${source}: invalid review settings: ${problems.join('; ')}`);
}

/** A price book that states its own token price states its basis too: it never inherits the shipped "indicative" label. */
function ownTokenPrice(input: unknown): unknown {
  if (!isRecord(input) || !isRecord(input['prices'])) return input;
  const prices = input['prices'];
  return 'token_price' in prices && !('token_price_indicative' in prices) ? { ...input, prices: { ...prices, token_price_indicative: null } } : input;
}

/** One price per name: two rows for one offering would make every figure depend on which one a query picks. */
function noRepeats(names: string[], ctx: z.RefinementCtx, field: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else ctx.addIssue({ code: 'custom', path: [i, field], message: `"${name}" is already priced in row ${first + 1}; keep one row per ${field}` });
  });
}
