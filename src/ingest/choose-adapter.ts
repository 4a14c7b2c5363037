import type { SourceFile } from './ingest-report.ts';
import type { LineAdapter, TableAdapter } from './adapters/adapter.ts';
import { UnreadableFileError } from './decode.ts';
import { adapterFor, bestTableAdapter, lineAdapterFor } from './registry.ts';

/** Whether a header row is one this file can be read by: the user's chosen format's, or any table format's. */
export function recognises(source: SourceFile, header: string[]): boolean {
  const forced = source.kind ? adapterFor(source.kind) : null;
  if (forced?.shape === 'table') return forced.missing(header) === null;
  return bestTableAdapter(header) !== null;
}

/** The line adapter for a file (the user's choice, or detected from its first lines); null for a table file. */
export function chooseLineAdapter(source: SourceFile, firstChunk: string): LineAdapter | null {
  const forced = source.kind ? adapterFor(source.kind) : null;
  if (forced) return forced.shape === 'lines' ? forced : null;
  return lineAdapterFor(firstChunk.split(/\r\n|\n|\r/, 60));
}

/**
 * The table adapter for a header: the user's choice or the best fit. When none fits, the sentence names the
 * format the header nearly is and the column it lacks, or the formats expected.
 */
export function chooseTableAdapter(source: SourceFile, header: string[]): TableAdapter {
  const found = header.filter((h) => h.trim()).slice(0, 8).map((h) => h.trim()).join(', ') || 'nothing';
  if (source.kind) {
    const forced = adapterFor(source.kind);
    if (!forced || forced.shape !== 'table') throw new UnreadableFileError(`${source.name} cannot be read as ${source.kind}: that kind is not a table of columns.`);
    const missing = forced.missing(header);
    if (missing) throw new UnreadableFileError(`${source.name} does not have the columns of ${forced.label}: missing ${missing} (first line found: ${found}).`);
    return forced;
  }
  const adapter = bestTableAdapter(header);
  if (adapter) return adapter;
  // A header that is clearly of one format but lacks a required column: say which format and which column.
  const near = bestTableAdapter(header, (candidate) => candidate.resemblance(header));
  if (near) {
    throw new UnreadableFileError(`${source.name} looks like ${near.label} but lacks a required column: missing ${near.missing(header)} (first line found: ${found}).`);
  }
  throw new UnreadableFileError(`${source.name} has no header this review recognises (first line found: ${found}): it is not one of the exports or logs that can be loaded.`);
}
