import type { DeliverablesResult } from '../../deliverables/deliverables.ts';
import type { SnapshotComparison } from '../../deliverables/snapshot-compare.ts';
import { readSnapshot, snapshotFileName, snapshotText } from '../../deliverables/snapshot.ts';
import type { Review } from '../../money/money-review.ts';
import { engine } from '../engine-client.ts';
import { downloadBlob, downloadText } from '../download.ts';
import { errorMessage } from '../format.ts';
import type { SessionCore } from './core.svelte.ts';
import { newRedactionKey } from '../../deliverables/redact.ts';

/**
 * What the page writes out of the review, under one redaction switch: the deliverables (and the print layout of the
 * brief), snapshots and their comparison, the rejected rows and the canonical session export.
 */
export class Outputs {
  /** The redaction switch: every export and download replaces names, e-mails, ids and devices with stable pseudonyms. */
  redact = $state(false);
  deliverables = $state.raw<DeliverablesResult | null>(null);
  /** The review the deliverables were built from: when the review changes they are out of date. */
  deliverablesOf = $state.raw<Review | null>(null);
  deliverablesError = $state<string | null>(null);
  preparing = $state(false);
  /** The print layout of the renewal brief is shown (and is what the browser prints). */
  printLayout = $state(false);
  comparison = $state.raw<SnapshotComparison | null>(null);
  snapshotError = $state<string | null>(null);

  /** `review` is the review in force; `keepKey` puts a new redaction key into its settings (and re-runs it). */
  constructor(
    private readonly core: SessionCore,
    private readonly review: () => Review | null,
    private readonly keepKey: (key: string) => Promise<void>,
  ) {}

  /**
   * The engagement's redaction key when the switch is on: made on first use and kept in the settings, so that the
   * settings file the user exports holds it and next quarter's pseudonyms are the same.
   */
  private async redactionKey(): Promise<string | null> {
    if (!this.redact) return null;
    const key = this.review()?.settings.engagement.redaction_key;
    if (key) return key;
    const made = newRedactionKey();
    await this.keepKey(made);
    return made;
  }

  /** Builds the deliverables of the review in force, redacted when the switch is on. */
  async prepareDeliverables(): Promise<void> {
    await this.redactionKey();
    const review = this.review();
    if (!review) return;
    this.preparing = true;
    this.deliverablesError = null;
    try {
      this.deliverables = await engine().deliverables(review.settings, { redact: this.redact });
      this.deliverablesOf = review;
    } catch (error) {
      this.deliverablesError = `The deliverables could not be built: ${errorMessage(error)}`;
    } finally {
      this.preparing = false;
    }
  }

  setRedact(on: boolean): void {
    this.redact = on;
    this.deliverables = null;
    this.printLayout = false;
  }

  downloadDeliverable(name: string): void {
    const file = this.deliverables?.files.find((f) => f.name === name);
    if (file) downloadBlob(file.name, new Blob([file.content as BlobPart], { type: file.type }));
  }

  /** Saves this review as a snapshot file for next quarter, redacted when the switch is on. */
  async saveSnapshot(includeUsage: boolean): Promise<void> {
    await this.redactionKey();
    const review = this.review();
    if (!review) return;
    this.snapshotError = null;
    try {
      const snapshot = await engine().snapshot(review.settings, { includeUsage, redact: this.redact });
      downloadText(snapshotFileName(snapshot), snapshotText(snapshot), 'application/json;charset=utf-8');
    } catch (error) {
      this.snapshotError = `The snapshot could not be saved: ${errorMessage(error)}`;
    }
  }

  /** Has the engine compare last quarter's snapshot with this review (taken with the snapshot's own redaction, so that findings match). */
  async loadSnapshot(file: File): Promise<void> {
    if (!this.review()) return;
    this.snapshotError = null;
    try {
      // A redacted snapshot is compared with this review redacted under the engagement's key: made if there is none yet.
      if (readSnapshot(await file.text(), file.name).redacted && !this.review()?.settings.engagement.redaction_key) await this.keepKey(newRedactionKey());
      const review = this.review()!;
      this.comparison = await engine().compareWithSnapshot({ name: file.name, blob: file }, review.settings);
    } catch (error) {
      this.comparison = null;
      this.snapshotError = errorMessage(error);
    }
  }

  clearComparison(): void {
    this.comparison = null;
    this.snapshotError = null;
  }

  async downloadRejects(): Promise<void> {
    try {
      downloadText('rejected-rows.csv', await engine().rejectsCsv({ redact: this.redact, key: await this.redactionKey() }));
    } catch (error) {
      this.core.engineError = `The rejected rows could not be exported: ${errorMessage(error)}`;
    }
  }

  async exportSessions(): Promise<void> {
    try {
      downloadText(this.redact ? 'sessions-canonical-redacted.csv' : 'sessions-canonical.csv', await engine().exportSessionsCsv({ redact: this.redact, key: await this.redactionKey() }));
    } catch (error) {
      this.core.engineError = `The sessions could not be exported: ${errorMessage(error)}`;
    }
  }
}
