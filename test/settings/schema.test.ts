import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/settings/schema.ts';

describe('review settings', () => {
  it('fills what the user leaves out with the rulebook defaults', () => {
    expect(DEFAULT_SETTINGS).toEqual({ window: { end: null, months: 12 }, thresholds: { spike_ratio: 1.5, spike_min_users: 5, spike_baseline_weeks: 8 } });
    expect(parseSettings({ window: { months: 6 } }).window).toEqual({ end: null, months: 6 });
  });

  it('names every bad field in one message', () => {
    expect(() => parseSettings({ window: { months: 30, end: '2026-02-30' }, thresholds: { spike_ratio: -1, surprise: 2 }, colour: 'red' }, 'client.json')).toThrow(
      /^client\.json: invalid review settings: .*window\.end: not a real calendar date.*window\.months: .*<=24.*thresholds\.spike_ratio: .*>=1.*thresholds\.surprise: unknown setting.*colour: unknown setting/,
    );
  });
});
