import type { FileContext, TableMapper } from './adapters/adapter.ts';
import type { CsvRecord } from './csv.ts';
import { DateOrderDetector } from './dates.ts';
import { UnreadableFileError } from './decode.ts';

/** Records held back while a file's date order is still unknown. */
export const DATE_ORDER_BUFFER = 100_000;

/** A file that cannot be loaded until the user answers a question (its date order). */
export class QuestionError extends UnreadableFileError {}

/**
 * Holds a table file's records back while its day/month order is unknown: once a date such as 3/4/2026 (which
 * reads both ways) has been seen, records wait until one decides the order, then go on in their order. Sets
 * `context.dateOrder` when the file's values decide it; a chosen order skips detection.
 */
export class DateOrderHold {
  private readonly detector = new DateOrderDetector();
  private readonly held: CsvRecord[] = [];

  constructor(
    private readonly fileName: string,
    private readonly context: FileContext,
    private readonly mapper: Pick<TableMapper, 'dates'>,
  ) {}

  /** Passes `record` to `use` (after the records held before it, when it decides the order), or holds it: false when held. */
  offer(record: CsvRecord, use: (record: CsvRecord) => void): boolean {
    if (this.context.dateOrder === null) {
      for (const value of this.mapper.dates(record)) this.detector.add(value);
      if (this.detector.conflicting) throw this.mixedDates();
      if (this.detector.decided) {
        this.context.dateOrder = this.detector.decided;
        this.release(use);
      } else if (this.detector.example()) {
        // A date that reads both ways has been seen: hold records until one decides the order.
        if (this.held.length >= DATE_ORDER_BUFFER) throw this.ambiguousDates();
        this.held.push(record);
        return false;
      }
      // Otherwise no numeric date needs an order yet (ISO dates, or none): the record is read as it is.
    }
    use(record);
    return true;
  }

  /** At the end of the file: records still held mean nothing decided the order, and the user must choose it. */
  finish(use: (record: CsvRecord) => void): void {
    if (this.held.length > 0) {
      if (this.detector.example()) throw this.ambiguousDates();
      this.release(use);
    }
  }

  /** How the report names the order used, when the file has numeric dates; `chosen` when the user chose it. */
  describe(chosen: boolean): string | null {
    // A chosen order skips detection (the detector sees no dates), yet the report must still say which order was used.
    return describeOrder(this.context.dateOrder, chosen, this.detector.sawNumericDates || chosen);
  }

  private release(use: (record: CsvRecord) => void): void {
    for (const record of this.held) use(record);
    this.held.length = 0;
  }

  private ambiguousDates(): QuestionError {
    return new QuestionError(
      `${this.fileName} has dates such as ${this.detector.example()} that read either as day/month or as month/day, and none that decides: choose the file's date order (M/D/Y or D/M/Y) and load it again.`,
    );
  }

  private mixedDates(): UnreadableFileError {
    return new UnreadableFileError(`${this.fileName} mixes day-first and month-first dates (${this.detector.example() ?? 'both orders seen'}): expected one date order throughout the file.`);
  }
}

function describeOrder(order: string | null, chosen: boolean, numeric: boolean): string | null {
  if (!numeric) return null;
  const name = order === 'dmy' ? 'D/M/Y' : order === 'mdy' ? 'M/D/Y' : null;
  if (!name) return null;
  return chosen ? `${name} (chosen by the user)` : `${name} (decided from the file's values)`;
}
