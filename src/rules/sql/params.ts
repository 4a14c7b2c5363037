import type { ReviewSettings } from '../../settings/schema.ts';
import type { ReviewWindow } from '../rule.ts';

/**
 * The named parameters every shared fragment reads (the seat CTEs, the seat count, weekly users): `$window_start`,
 * `$window_end` and `$dormant_days`. A rule adds its own names beside them.
 */
export function windowParams(window: ReviewWindow, settings: ReviewSettings): { window_start: string; window_end: string; dormant_days: number } {
  return { window_start: window.start, window_end: window.end, dormant_days: settings.thresholds.dormant_days };
}
