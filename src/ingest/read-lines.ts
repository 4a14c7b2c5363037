import type { SourceFile } from './ingest-report.ts';
import type { LineAdapter } from './adapters/adapter.ts';
import { sinkOf, type LoadState } from './load-state.ts';
import { timeZoneName, zoneClock } from '../lib/time-zone.ts';
import { UnreadableFileError } from './decode.ts';

/** Runs every line of a line-oriented file (a licence-server log) through its adapter. */
export async function readLines(source: SourceFile, state: LoadState, adapter: LineAdapter, chunks: AsyncIterable<string>): Promise<void> {
  const zone = timeZoneName(source.time_zone ?? 'UTC');
  if (zone === null) {
    throw new UnreadableFileError(`${source.name} cannot be read in the time zone "${source.time_zone}": it is not a time zone name this browser knows, such as Europe/Berlin or America/New_York.`);
  }
  state.report.time_zone = zone;
  const mapper = adapter.open({ fileName: source.name, productForPlc: state.productForPlc, dateOrder: source.date_order ?? null, clock: zoneClock(zone) });
  const sink = sinkOf(state);
  let carry = '';
  let lineNumber = 0;
  for await (const chunk of chunks) {
    const lines = (carry + chunk).split(/\r\n|\n|\r/);
    carry = lines.pop() ?? '';
    for (const line of lines) mapper.line(line, ++lineNumber, sink);
    Object.assign(state.report, countsOf(mapper.counts()));
    await state.stager.flush();
  }
  if (carry !== '') mapper.line(carry, ++lineNumber, sink);
  mapper.end(sink);
  Object.assign(state.report, countsOf(mapper.counts()));
  state.report.notes = mapper.notes();
}

function countsOf(c: { read: number; loaded: number; rejected: number }) {
  return { rows_read: c.read, rows_loaded: c.loaded, rows_rejected: c.rejected };
}
