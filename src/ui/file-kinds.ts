import { FILE_KINDS, type FileKind, type SourceFile } from '../ingest/ingest-report.ts';
import { KIND_LABELS } from '../ingest/kinds.ts';

export { KIND_LABELS };

/** Every format the engine reads, for the "read this file as" choice. */
export const KIND_OPTIONS: readonly { kind: FileKind; label: string }[] = FILE_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind] }));

/** The files of a file input or a drop, as the engine reads them: the name the user sees and the bytes. */
export function pickedFiles(list: FileList | null | undefined): SourceFile[] {
  return Array.from(list ?? [], (f) => ({ name: f.name, blob: f }));
}

export function isFileKind(value: string): value is FileKind {
  return (FILE_KINDS as readonly string[]).includes(value);
}

/** What the drop zone's file picker offers (drops take any file; the engine tells the format from the content). */
export const PICKER_ACCEPT = ['.csv', '.txt', '.tsv', '.xlsx', '.json', '.log', '.gz', '.gzip'].join(',');
