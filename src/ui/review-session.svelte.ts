import { engine } from './engine-client.ts';
import { errorMessage, readReviewFrom } from './format.ts';
import { SessionCore } from './session/core.svelte.ts';
import { CatalogueState } from './session/catalogue.svelte.ts';
import { LoadedFiles, REJECTS_SHOWN } from './session/loaded-files.svelte.ts';
import { Outputs } from './session/outputs.svelte.ts';
import { ReviewState } from './session/review.svelte.ts';
import { TimelineState } from './session/timeline.svelte.ts';

/**
 * The page's state: what the engine holds (ingest reports, rejects, the review) and what the page is doing.
 * Every figure comes from the engine in the worker; the session only asks for it and keeps the answers, in parts
 * with one job each. The engine's state and the busy guard are the session's own (see SessionCore).
 */
export class ReviewSession extends SessionCore {
  /** The review in force and its settings. */
  readonly review = new ReviewState();
  /** The loaded files, their reports and rejected rows. */
  readonly files = new LoadedFiles(this, (settings) => (this.review.settings = settings));
  /** The product catalogue in force. */
  readonly catalogue = new CatalogueState(this);
  /** Deliverables, snapshots and the other downloads, under the redaction switch. */
  readonly outputs = new Outputs(
    this,
    () => this.review.current,
    (key) => this.review.applySettingsParts({ engagement: { ...this.review.current?.settings.engagement, redaction_key: key } }),
  );
  /** One user's timeline. */
  readonly timeline = new TimelineState();

  constructor() {
    super();
    // Every money figure on the page is in the currency of the review in force; every chart PNG names its window.
    readReviewFrom(() => this.review.current);
  }

  /** Starts the engine (DuckDB in its worker) while the user picks files, and learns the default settings. */
  async start(): Promise<void> {
    try {
      const [review, catalogue] = await Promise.all([engine().review({}), engine().catalogue()]);
      this.review.defaults = review.settings;
      this.review.current ??= review;
      this.catalogue.catalogue ??= catalogue;
      this.engineReady = true;
    } catch (error) {
      this.engineError = `The analysis engine could not start in this browser: ${errorMessage(error)}`;
    }
  }

  /** Re-reads everything the page shows from the engine; a settings change made meanwhile keeps its own review. */
  async refresh(): Promise<void> {
    const current = this.review.runs.ticket();
    try {
      const [reports, rejects, review, unknown] = await Promise.all([
        engine().ingestReports(),
        engine().rejects(REJECTS_SHOWN),
        engine().review(this.review.settings),
        engine().unknownProducts(),
      ]);
      this.files.reports = reports;
      this.catalogue.unknownProducts = unknown;
      this.review.domainSuggestions = await engine()
        .suggestCorporateDomains()
        .catch(() => []);
      this.files.rejects = rejects.rows;
      this.files.rejectedTotal = rejects.total;
      if (current()) this.review.current = review;
      this.engineReady = true;
    } catch (error) {
      this.engineError = `The engine could not refresh the review: ${errorMessage(error)}`;
    }
  }
}
