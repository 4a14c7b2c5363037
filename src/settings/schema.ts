import { z } from 'zod';

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
        spike_ratio: z.number().min(1).default(1.5),
        spike_min_users: z.number().int().min(0).default(5),
        spike_baseline_weeks: z.number().int().min(1).max(52).default(8),
      })
      .strict()
      .prefault({}),
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
