import { findingsOf } from '../../rules/findings.ts';
import { usageSpikeRule } from '../../rules/usage-spike.ts';
import { telemetryGapRule } from '../../rules/telemetry-gap.ts';
import { lowFrequencyUserRule } from '../../rules/low-frequency-user.ts';
import { utilisationDepthRule } from '../../rules/utilisation-depth.ts';
import type { DomainSuggestion } from '../../rules/contractor-access.ts';
import type { Review } from '../../money/money-review.ts';
import type { PriceBookImport } from '../../engine/api.ts';
import type { ReviewSettings, ReviewSettingsInput } from '../../settings/schema.ts';
import { engine } from '../engine-client.ts';
import { downloadText } from '../download.ts';
import { errorMessage } from '../format.ts';
import { settingsProblem } from '../settings-form.ts';
import { settingsProblems } from '../settings-problems.ts';
import { Latest } from './core.svelte.ts';

/** The review the page shows and the settings it was run with: applying, importing, exporting and resetting them. */
export class ReviewState {
  /** The engine's review in force. */
  current = $state.raw<Review | null>(null);
  /** The settings the page last asked for and the engine accepted. */
  settings = $state.raw<ReviewSettingsInput>({});
  settingsError = $state<string | null>(null);
  /** The settings the engine refused last, whose names the problems use ("the current price for Revit"). */
  private refused = $state.raw<ReviewSettingsInput | null>(null);
  /** The refusal as one sentence per setting, each shown once, by the panel that edits it. */
  readonly problems = $derived(settingsProblems(this.settingsError, this.refused ?? this.settings));
  /** The engine's default settings, learnt from its first review. */
  defaults = $state.raw<ReviewSettings | null>(null);
  /** Bumped when settings arrive from outside the panel (an import): the panel refills its fields. */
  settingsRevision = $state(0);
  /** What the last settings import or export did. */
  settingsNotice = $state<string | null>(null);
  /** Domains of the assigned users, offered as corporate domains while none are set. */
  domainSuggestions = $state.raw<DomainSuggestion[]>([]);

  /** Reviews asked for: the answer to an older settings change never replaces a newer one's. */
  readonly runs = new Latest();
  /**
   * The settings of the review asked for last, until its answer arrives: a second panel's edit made meanwhile builds
   * on it, so that two quick edits (the client's name, then the currency) both stand.
   */
  private requested: ReviewSettingsInput | null = null;

  /** Sessions (LRT, licence-server logs, Token Flex) or day-level rows (Seat / Token Usage) to review. */
  readonly hasData = $derived((this.current?.overview.sessions ?? 0) + (this.current?.overview.usage_days ?? 0) > 0);
  readonly hasSessions = $derived((this.current?.overview.sessions ?? 0) > 0);
  readonly spikes = $derived(findingsOf(this.current?.rules, usageSpikeRule));
  readonly gaps = $derived(findingsOf(this.current?.rules, telemetryGapRule));
  readonly lowFrequency = $derived(findingsOf(this.current?.rules, lowFrequencyUserRule));
  readonly depth = $derived(findingsOf(this.current?.rules, utilisationDepthRule));

  /** Re-runs the review with new settings; the engine validates them, and a rejection keeps the last review. */
  applySettings(input: ReviewSettingsInput): Promise<void> {
    this.requested = input;
    return this.runs.latest(
      () => engine().review(input),
      (review) => {
        this.requested = null;
        this.current = review;
        this.settings = input;
        this.settingsError = null;
        this.settingsNotice = null;
      },
      (error) => {
        this.requested = null;
        this.refused = input;
        this.settingsError = settingsProblem(errorMessage(error));
      },
    );
  }

  /**
   * Replaces some parts of the settings in force and re-runs the review. Each panel owns its parts (the settings
   * panel its thresholds, the price book its prices), so that no panel's older copy of another part overwrites it.
   */
  applySettingsParts(parts: ReviewSettingsInput): Promise<void> {
    return this.applySettings({ ...(this.requested ?? this.current?.settings ?? this.settings), ...parts });
  }

  /** Changes some fields of the token pool over the edits still on their way to the engine, so quick edits add up. */
  applyTokenPool(fields: Partial<ReviewSettings['token_pool']>): Promise<void> {
    const base = this.requested ?? this.current?.settings ?? this.settings;
    return this.applySettings({ ...base, token_pool: { ...base.token_pool, ...fields } });
  }

  /** Shows a settings problem found before asking the engine (an emptied field). */
  rejectSettings(problem: string): void {
    this.runs.supersede();
    this.requested = null;
    this.settingsError = problem;
  }

  /** Saves the settings document the engine accepted, as `npm run review -- --config FILE` reads it. */
  exportSettings(): void {
    const settings = this.current?.settings;
    if (!settings) return;
    downloadText('review-settings.json', `${JSON.stringify(settings, null, 2)}\n`, 'application/json;charset=utf-8');
    this.settingsNotice = 'Settings exported as review-settings.json.';
  }

  /** Reads a settings file the user picked; the engine validates it, and a rejection keeps the settings in force. */
  async importSettings(file: File): Promise<void> {
    this.settingsNotice = null;
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch (error) {
      this.settingsError = `${file.name} is not a JSON file: ${errorMessage(error)}`;
      return;
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      this.settingsError = `${file.name} is not a settings document: expected a JSON object.`;
      return;
    }
    await this.runs.latest(
      () => engine().review(document as ReviewSettingsInput),
      (review) => {
        this.current = review;
        this.settings = review.settings;
        this.settingsError = null;
        this.settingsNotice = `Settings imported from ${file.name}: the review now uses them.`;
        this.settingsRevision++;
      },
      (error) => {
        this.refused = document as ReviewSettingsInput;
        this.settingsError = `${file.name}: ${settingsProblem(errorMessage(error))}`;
      },
    );
  }

  /** Goes back to the engine's defaults and refills the panel. */
  async resetSettings(): Promise<void> {
    if (!this.defaults) return;
    await this.applySettings(this.defaults);
    if (!this.settingsError) {
      this.settingsRevision++;
      this.settingsNotice = 'Settings reset to the defaults.';
    }
  }

  /** Has the engine read a price book file the user picked: `settings` with its price book and Collections in place, or the problem. */
  readPriceBook(file: File, settings: ReviewSettings): Promise<PriceBookImport> {
    return engine().readPriceBook({ name: file.name, blob: file }, settings);
  }

  /** The price book and Collections of `settings` as the CSV file the price book panel exports. */
  priceBookCsv(settings: ReviewSettings): Promise<string> {
    return engine().priceBookCsv(settings);
  }
}
