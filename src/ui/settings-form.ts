import type { ReviewSettings, ReviewSettingsInput } from '../settings/schema.ts';

type Num = number | null | undefined;

/** Every threshold of the schema, in the order the panel shows them, with its label and hint. */
export const THRESHOLDS = [
  { key: 'dormant_days', label: 'Dormant after (days)', hint: 'Rules 1–3: no use in this many days; 1 to 730', min: 1, max: 730, step: 1 },
  { key: 'low_freq_days_per_month', label: 'Low frequency below (days/month)', hint: 'Rule 2: usage days per month; 0 to 31', min: 0, max: 31, step: 0.5 },
  { key: 'flex_margin', label: 'Flex margin', hint: 'Rule 2: Flex must be cheaper by this share; 0 to 1', min: 0, max: 1, step: 0.01 },
  { key: 'sustained_days', label: 'Sustained over-count (days)', hint: 'Rule 8: a run of this many days; 1 to 730', min: 1, max: 730, step: 1 },
  { key: 'new_domain_min_users', label: 'New domain: minimum users', hint: 'Rule 10: at least 1', min: 1, max: undefined, step: 1 },
  { key: 'new_domain_after_days', label: 'New domain: after (days)', hint: 'Rule 10: days after the data starts', min: 0, max: undefined, step: 1 },
  { key: 'event_match_days', label: 'Event match (days)', hint: 'Rule 10: nearest event within this many days', min: 0, max: undefined, step: 1 },
  { key: 'spike_ratio', label: 'Spike ratio', hint: 'Rule 9: × the baseline median, at least 1', min: 1, max: undefined, step: 0.1 },
  { key: 'spike_min_users', label: 'Spike: minimum users above median', hint: 'Rule 9: whole users, 0 or more', min: 0, max: undefined, step: 1 },
  { key: 'spike_baseline_weeks', label: 'Spike baseline (weeks)', hint: 'Rule 9: weeks before each week, 1 to 52', min: 1, max: 52, step: 1 },
  { key: 'renewal_headroom', label: 'Renewal headroom', hint: 'Rule 13: seats kept above the active users, as a share; 0 to 5', min: 0, max: 5, step: 0.05 },
] as const satisfies readonly { key: keyof ReviewSettings['thresholds']; label: string; hint: string; min: number; max: number | undefined; step: number }[];

export type ThresholdKey = (typeof THRESHOLDS)[number]['key'];

/** The settings panel's fields as the inputs hold them: an empty number input is null or undefined. */
export interface SettingsForm {
  /** YYYY-MM-DD, or empty for "the last usage day". */
  windowEnd: string;
  windowMonths: Num;
  thresholds: Record<ThresholdKey, Num>;
  /** One per line (commas accepted too). */
  domains: string;
  cidrs: string;
  events: { date: string; name: string }[];
  /**
   * The document the form was filled from: whatever the form does not show is sent back unchanged, the price book
   * and the Collections included (the price book panel edits those).
   */
  base: ReviewSettings;
}

/** The form filled from settings the engine accepted. */
export function formFromSettings(settings: ReviewSettings): SettingsForm {
  const thresholds = {} as Record<ThresholdKey, Num>;
  for (const t of THRESHOLDS) thresholds[t.key] = settings.thresholds[t.key];
  return {
    windowEnd: settings.window.end ?? '',
    windowMonths: settings.window.months,
    thresholds,
    domains: settings.corporate.domains.join('\n'),
    cidrs: settings.corporate.cidrs.join('\n'),
    events: settings.events.map((e) => ({ ...e })),
    base: structuredClone(settings),
  };
}

/** Lines (or comma-separated items) of a text area, trimmed, without blanks. */
export function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export type FormReading = { ok: true; input: ReviewSettingsInput } | { ok: false; problem: string };

const blankNum = (v: Num) => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/**
 * The settings document the engine validates: the form's base document with every field the form shows replaced.
 * An emptied number field is reported here rather than left out, which would silently bring back the engine's
 * default; table rows left entirely blank are dropped; every other check is the engine's.
 * `extraDomains`: suggested corporate domains the user ticked, added after the typed ones.
 */
export function settingsFromForm(form: SettingsForm, extraDomains: readonly string[] = []): FormReading {
  const missing: string[] = [];
  const num = (v: Num, name: string): number => {
    if (!blankNum(v)) return v as number;
    missing.push(`${name}: enter a number`);
    return Number.NaN;
  };
  const base = structuredClone(form.base);
  const end = form.windowEnd.trim();
  const window = { ...base.window, end: end === '' ? null : end, months: num(form.windowMonths, 'window.months') };
  const thresholds = { ...base.thresholds };
  for (const t of THRESHOLDS) thresholds[t.key] = num(form.thresholds[t.key], `thresholds.${t.key}`);
  const domains = [...new Set([...lines(form.domains), ...extraDomains])];
  const input: ReviewSettings = {
    ...base,
    window,
    thresholds,
    corporate: { ...base.corporate, domains, cidrs: lines(form.cidrs) },
    events: form.events.filter((e) => e.date.trim() !== '' || e.name.trim() !== '').map((e) => ({ date: e.date.trim(), name: e.name.trim() })),
  };
  return missing.length ? { ok: false, problem: missing.join('; ') } : { ok: true, input };
}

/** The engine's validation message, shortened for the panel: it names every bad field. */
export function settingsProblem(message: string): string {
  return message.replace(/^.*?invalid review settings:\s*/, '');
}
