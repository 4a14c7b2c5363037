import { FILE_KINDS, type FileKind } from '../ingest/ingest-report.ts';
import { KIND_LABELS } from '../ingest/kinds.ts';

export { KIND_LABELS };

/** Every format the engine reads, for the "read this file as" choice. */
export const KIND_OPTIONS: readonly { kind: FileKind; label: string }[] = FILE_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind] }));

export function isFileKind(value: string): value is FileKind {
  return (FILE_KINDS as readonly string[]).includes(value);
}

/** What the drop zone's file picker offers (drops take any file; the engine tells the format from the content). */
export const PICKER_ACCEPT = ['.csv', '.txt', '.tsv', '.xlsx', '.json', '.log', '.gz', '.gzip'].join(',');
