import { describe, expect, it } from 'vitest';
import { parseSettings, type ReviewSettingsInput } from '../../src/settings/schema.ts';
import { problemsText, settingsProblems } from '../../src/ui/settings-problems.ts';

/** The engine's own refusal of `input` (parseSettings is what the engine runs). */
function refusal(input: ReviewSettingsInput): string {
  try {
    parseSettings(input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
}

describe('settings problems in words', () => {
  it('names each refused setting as the page does and says what it must be, one sentence each', () => {
    const input: ReviewSettingsInput = {
      window: { months: 30 },
      thresholds: { dormant_days: 0, flex_margin: 1.5 },
      prices: { offerings: [{ offering: 'Revit', current_price: -5 }] },
    };
    const problems = settingsProblems(refusal(input), input);
    expect(problems.map((p) => p.sentence).sort()).toEqual(
      [
        'The window length in months must be 24 or less.',
        'Dormant after (days) must be 1 or more.',
        'Flex margin must be 1 or less.',
        'The current price for Revit must be 0 or more.',
      ].sort(),
    );
  });

  it('shows each problem once, in the panel that edits its setting', () => {
    const input: ReviewSettingsInput = { thresholds: { sustained_days: 0.5 }, prices: { currency: 'XYZ' } };
    const problems = settingsProblems(refusal(input), input);
    expect(problemsText(problems, 'settings')).toBe('Sustained over-count (days) must be a whole number.');
    expect(problemsText(problems, 'prices')).toBe('The currency is not valid: expected an ISO 4217 currency code such as USD, GBP or EUR.');
    expect(settingsProblems(null, null)).toEqual([]);
  });

  it('reads the form\'s own problem (an emptied field) the same way', () => {
    const problems = settingsProblems('prices.offerings.0.current_price: enter a number', { prices: { offerings: [{ offering: 'AutoCAD', current_price: 1 }] } });
    expect(problemsText(problems, 'prices')).toBe('The current price for AutoCAD needs a number.');
    expect(problemsText(problems, 'settings')).toBeNull();
  });
});

describe('a settings file refused', () => {
  it('names the file once, then each problem in words', () => {
    const problems = settingsProblems('q3.json: window.months: Too big: expected number to be <=24; thresholds.dormant_days: Too small: expected number to be >=1', {});
    expect(problemsText(problems, 'settings')).toBe('q3.json: The window length in months must be 24 or less. Dormant after (days) must be 1 or more.');
  });
});
