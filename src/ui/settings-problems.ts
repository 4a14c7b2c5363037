import type { ReviewSettingsInput } from '../settings/schema.ts';
import { THRESHOLDS } from './settings-form.ts';

/** One refused setting: where it lives (its path, "prices.offerings.0.current_price") and one sentence in words. */
export interface SettingsProblem {
  path: string;
  sentence: string;
}

/** The panel that edits each top-level part of the settings, where its problems are shown (once). */
export type SettingsPanel = 'settings' | 'prices';

const PANEL_OF: Record<string, SettingsPanel> = { prices: 'prices', collections: 'prices' };

export function panelOf(path: string): SettingsPanel {
  return PANEL_OF[path.split('.')[0] ?? ''] ?? 'settings';
}

const EXPOSURE_WORDS: Record<string, string> = {
  negotiated_factor: 'The negotiated share of the back-period',
  worst_case_multiplier: 'The worst-case multiplier',
  list_to_current: 'The list / current price factor',
};

/**
 * The engine's refusal ("invalid review settings: prices.offerings.0.current_price: Too small: expected number to be
 * >=0; ...") as one sentence per setting, naming it as the page does: "Current price for Revit must be 0 or more."
 */
export function settingsProblems(message: string | null, settings: ReviewSettingsInput | null): SettingsProblem[] {
  if (!message) return [];
  const stripped = message.replace(/^.*?invalid review settings:\s*/, '');
  // A settings file's refusal names the file first ("q3.json: window.months: ..."): said once, before its problems.
  const file = /^([^:]+\.json): (?=(?:[\w.]+|\(top level\)): )/.exec(stripped);
  const body = file ? stripped.slice(file[0].length) : stripped;
  const problems = splitProblems(body, settings);
  return file ? problems.map((p, i) => (i === 0 ? { ...p, sentence: `${file[1]}: ${p.sentence}` } : p)) : problems;
}

function splitProblems(body: string, settings: ReviewSettingsInput | null): SettingsProblem[] {
  return body.split(/;\s+(?=(?:[\w.]+|\(top level\)): )/).map((part) => {
    const at = /^([\w.]+|\(top level\)): (.*)$/s.exec(part.trim());
    if (!at) return { path: '', sentence: sentenceCase(part.trim()) };
    const [, path, problem] = at as unknown as [string, string, string];
    return { path, sentence: `${fieldWords(path, settings)} ${problemWords(problem)}` };
  });
}

/** The sentences of one panel's problems, or null when it has none. */
export function problemsText(problems: readonly SettingsProblem[], panel: SettingsPanel): string | null {
  const mine = problems.filter((p) => panelOf(p.path) === panel);
  return mine.length ? mine.map((p) => p.sentence).join(' ') : null;
}

function fieldWords(path: string, settings: ReviewSettingsInput | null): string {
  const [section, key, index, field] = path.split('.');
  const row = Number(index);
  switch (section) {
    case 'thresholds':
      return THRESHOLDS.find((t) => t.key === key)?.label ?? `The threshold ${key}`;
    case 'window':
      return key === 'months' ? 'The window length in months' : key === 'end' ? 'The window end' : 'The window';
    case 'prices': {
      if (key === 'currency') return 'The currency';
      if (key === 'token_price') return 'The token price';
      if (key === 'offerings') {
        const name = settings?.prices?.offerings?.[row]?.offering?.trim() || `row ${row + 1}`;
        return field === 'current_price' ? `The current price for ${name}` : field === 'list_price' ? `The list price for ${name}` : `The offering of price row ${row + 1}`;
      }
      if (key === 'products') {
        const name = settings?.prices?.products?.[row]?.product?.trim() || `row ${row + 1}`;
        return field === 'tokens_per_day' ? `The tokens a day for ${name}` : `The product of Flex row ${row + 1}`;
      }
      return 'The price book';
    }
    case 'corporate':
      return key === 'cidrs' ? `Corporate address range ${Number.isNaN(row) ? '' : row + 1}`.trim() : `Corporate domain ${Number.isNaN(row) ? '' : row + 1}`.trim();
    case 'exposure':
      return EXPOSURE_WORDS[key ?? ''] ?? 'An exposure factor';
    case 'token_pool':
      return key === 'tokens' ? 'The tokens the pool bought' : key === 'start' ? "The start of the token pool's term" : key === 'end' ? "The end of the token pool's term" : 'The token pool';
    case 'collections':
      return `Collection ${row + 1}`;
    case 'events':
      return `Event ${row + 1}`;
    case 'engagement':
      return key === 'review_date' ? 'The review date' : key === 'client' ? "The client's name" : key === 'prepared_by' ? 'The preparer' : 'The engagement';
    default:
      return path === '(top level)' ? 'The settings' : `The setting ${path}`;
  }
}

/** Zod's wording (and the form's) as the end of a sentence: "must be 0 or more." */
function problemWords(problem: string): string {
  const small = /^Too small: expected number to be >(=?)(-?[\d.]+)/.exec(problem);
  if (small) return small[1] ? `must be ${small[2]} or more.` : `must be more than ${small[2]}.`;
  const big = /^Too big: expected number to be <(=?)(-?[\d.]+)/.exec(problem);
  if (big) return big[1] ? `must be ${big[2]} or less.` : `must be less than ${big[2]}.`;
  if (/expected int/.test(problem)) return 'must be a whole number.';
  if (/expected number|enter a number/.test(problem)) return 'needs a number.';
  if (/Too small: expected string/.test(problem)) return 'must not be empty.';
  if (problem === 'unknown setting') return 'is not a setting this review knows.';
  const text = problem.replace(/\.$/, '');
  return /^expected /.test(text) ? `is not valid: ${text}.` : `${text.charAt(0).toLowerCase()}${text.slice(1)}.`;
}

const sentenceCase = (text: string) => (text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}` : text);
