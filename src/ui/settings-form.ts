import type { ReviewSettings, ReviewSettingsInput } from '../settings/schema.ts';

/** The settings panel's fields as the inputs hold them: an empty number input is null or undefined. */
export interface SettingsForm {
  /** YYYY-MM-DD, or empty for "the last usage day". */
  windowEnd: string;
  windowMonths: number | null | undefined;
  spikeRatio: number | null | undefined;
  spikeMinUsers: number | null | undefined;
  spikeBaselineWeeks: number | null | undefined;
}

/** The form filled from settings the engine accepted. */
export function formFromSettings(settings: ReviewSettings): SettingsForm {
  return {
    windowEnd: settings.window.end ?? '',
    windowMonths: settings.window.months,
    spikeRatio: settings.thresholds.spike_ratio,
    spikeMinUsers: settings.thresholds.spike_min_users,
    spikeBaselineWeeks: settings.thresholds.spike_baseline_weeks,
  };
}

export type FormReading = { ok: true; input: ReviewSettingsInput } | { ok: false; problem: string };

/**
 * The settings document the engine validates. An emptied number field is reported here rather than left
 * out, which would silently bring back the engine's default; every other check is the engine's.
 */
export function settingsFromForm(form: SettingsForm): FormReading {
  const missing: string[] = [];
  const num = (v: number | null | undefined, name: string): number => {
    if (typeof v === 'number' && !Number.isNaN(v)) return v;
    missing.push(`${name}: enter a number`);
    return Number.NaN;
  };
  const end = form.windowEnd.trim();
  const input: ReviewSettingsInput = {
    window: { end: end === '' ? null : end, months: num(form.windowMonths, 'window.months') },
    thresholds: {
      spike_ratio: num(form.spikeRatio, 'thresholds.spike_ratio'),
      spike_min_users: num(form.spikeMinUsers, 'thresholds.spike_min_users'),
      spike_baseline_weeks: num(form.spikeBaselineWeeks, 'thresholds.spike_baseline_weeks'),
    },
  };
  return missing.length ? { ok: false, problem: missing.join('; ') } : { ok: true, input };
}

/** The engine's validation message, shortened for the panel: it names every bad field. */
export function settingsProblem(message: string): string {
  return message.replace(/^.*?invalid review settings:\s*/, '');
}
