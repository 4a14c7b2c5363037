import type { SourceFile } from './ingest-report.ts';
import type { FileContext } from './adapters/adapter.ts';
import type { CsvRecord } from './csv.ts';
import { chooseTableAdapter } from './choose-adapter.ts';
import { DateOrderHold } from './date-order-hold.ts';
import { DELIMITER_NAMES } from './file-report.ts';
import { sinkOf, type LoadState } from './load-state.ts';

/** Chooses the table adapter (the user's choice or the best fit) and runs every record through it. */
export async function readTable(source: SourceFile, state: LoadState, header: string[], records: Iterable<CsvRecord> | AsyncIterable<CsvRecord>): Promise<void> {
  const report = state.report;
  const adapter = chooseTableAdapter(source, header);
  state.adapter = adapter;
  report.kind = adapter.kind;
  report.kind_label = adapter.label;
  const context: FileContext = { fileName: source.name, productForPlc: state.productForPlc, dateOrder: source.date_order ?? null, decimalComma: report.delimiter === DELIMITER_NAMES[';'] };
  const mapper = adapter.open(header, context);
  report.extra_columns = mapper.extraColumns;
  const sink = sinkOf(state);
  if (adapter.textChecks) await state.stager.stageText(adapter.textChecks.columns);
  const hold = new DateOrderHold(source.name, context, mapper);

  const use = (record: CsvRecord) => {
    report.rows_read++;
    if (record.fields.length !== header.length) {
      state.stager.reject({ line: record.line, column: null, value: null, reason: `has ${record.fields.length} fields where the header has ${header.length}` });
      report.rows_rejected++;
      return;
    }
    const problem = mapper.map(record, sink);
    if (problem) {
      state.stager.reject({ line: record.line, ...problem });
      report.rows_rejected++;
    } else report.rows_loaded++;
  };

  let count = 0;
  for await (const record of records) {
    if (record.fields.every((f) => f.trim() === '')) continue; // a blank line is not a row
    if (!hold.offer(record, use)) continue;
    if (++count % 5_000 === 0) await state.stager.flush();
  }
  hold.finish(use);
  if (adapter.textChecks) {
    // Every record staged as text counted as loaded: the format's checks reject some of them now.
    const rejected = (await state.stager.checkText(adapter.primary, adapter.textChecks))!;
    report.rows_loaded -= rejected;
    report.rows_rejected += rejected;
  }
  report.date_order = hold.describe(source.date_order != null);
  report.notes = mapper.notes();
}
