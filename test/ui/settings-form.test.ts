import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/settings/schema.ts';
import { formFromSettings, settingsFromForm, settingsProblem } from '../../src/ui/settings-form.ts';

describe('settings form', () => {
  it('round-trips the defaults into a document the engine accepts unchanged', () => {
    const reading = settingsFromForm(formFromSettings(DEFAULT_SETTINGS));
    expect(reading.ok).toBe(true);
    if (reading.ok) expect(parseSettings(reading.input)).toEqual(DEFAULT_SETTINGS);
  });

  it('sends an empty window end as null (the last usage day) and a date as given', () => {
    const form = { ...formFromSettings(DEFAULT_SETTINGS), windowEnd: '  ' };
    const empty = settingsFromForm(form);
    expect(empty.ok && empty.input.window?.end).toBeNull();
    const dated = settingsFromForm({ ...form, windowEnd: '2026-01-31' });
    expect(dated.ok && dated.input.window?.end).toBe('2026-01-31');
  });

  it('names every emptied number field instead of falling back to a default', () => {
    const reading = settingsFromForm({ ...formFromSettings(DEFAULT_SETTINGS), windowMonths: undefined, spikeRatio: null });
    expect(reading).toEqual({ ok: false, problem: 'window.months: enter a number; thresholds.spike_ratio: enter a number' });
  });

  it('leaves range checks to the engine, and shortens its message for the panel', () => {
    const reading = settingsFromForm({ ...formFromSettings(DEFAULT_SETTINGS), windowMonths: 30 });
    expect(reading.ok).toBe(true);
    let message = '';
    try {
      if (reading.ok) parseSettings(reading.input);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^settings: invalid review settings: window\.months/);
    expect(settingsProblem(message)).toMatch(/^window\.months: /);
  });
});
