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
    const form = formFromSettings(DEFAULT_SETTINGS);
    const reading = settingsFromForm({ ...form, windowMonths: undefined, thresholds: { ...form.thresholds, spike_ratio: null } });
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

  it('round-trips a full document, every setting included', () => {
    const full = parseSettings({
      window: { end: '2026-06-30', months: 6 },
      thresholds: { dormant_days: 60, low_freq_days_per_month: 3, flex_margin: 0.2, sustained_days: 10, new_domain_min_users: 2, new_domain_after_days: 7, event_match_days: 30, spike_ratio: 2, spike_min_users: 3, spike_baseline_weeks: 4 },
      corporate: { domains: ['corp.example', 'sub.corp.example'], cidrs: ['10.0.0.0/8'] },
      prices: { token_price: 2.5, offerings: [{ offering: 'AutoCAD', current_price: 1000, list_price: 1200 }], products: [{ product: 'Revit', tokens_per_day: 10 }] },
      collections: [{ offering: 'AEC Collection', products: ['Revit', 'AutoCAD'] }],
      events: [{ date: '2026-03-01', name: 'Acquired Acme' }],
    });
    const reading = settingsFromForm(formFromSettings(full));
    expect(reading.ok).toBe(true);
    if (reading.ok) expect(parseSettings(reading.input)).toEqual(full);
  });

  it('reads domains and ranges one per line, adds ticked suggestions, and drops blank table rows', () => {
    const form = formFromSettings(DEFAULT_SETTINGS);
    form.domains = ' corp.example \n\nother.example';
    form.cidrs = '10.0.0.0/8\n';
    form.events.push({ date: '', name: '' });
    const reading = settingsFromForm(form, ['corp.example', 'ticked.example']);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.input.corporate).toEqual({ domains: ['corp.example', 'other.example', 'ticked.example'], cidrs: ['10.0.0.0/8'] });
    expect(reading.input.events).toEqual([]);
  });

  it('passes the price book and the Collections through unchanged, indicative labels included (the price book panel edits them)', () => {
    const settings = parseSettings({
      prices: {
        token_price: 2.5,
        token_price_indicative: { as_of: '2024-01-01', source: 'a reseller quote' },
        offerings: [{ offering: 'AutoCAD', current_price: 900, indicative: { as_of: '2024-01-01', source: 'a reseller quote' } }],
      },
      collections: [{ offering: 'AEC Collection', products: ['Revit'] }],
    });
    const form = formFromSettings(settings);
    expect(Object.keys(form)).not.toContain('offerings');
    const reading = settingsFromForm({ ...form, windowMonths: 6 });
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.input.prices).toEqual(settings.prices);
    expect(reading.input.collections).toEqual(settings.collections);
    expect(parseSettings(reading.input)).toEqual({ ...settings, window: { ...settings.window, months: 6 } });
  });

  it('keeps what the form does not show from the document it was filled from', () => {
    const form = formFromSettings(DEFAULT_SETTINGS);
    (form.base.thresholds as Record<string, number>).future_setting = 7;
    const reading = settingsFromForm(form);
    expect(reading.ok && (reading.input.thresholds as Record<string, number>).future_setting).toBe(7);
  });
});
