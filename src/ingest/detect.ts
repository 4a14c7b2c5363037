import type { FileKind } from '../engine/api.ts';
import { matchColumns } from './header.ts';
import { LRT_ALIASES, LRT_REQUIRED, LRT_SESSION_COLUMNS } from './formats/lrt-sessions.ts';

export interface FormatSpec {
  kind: FileKind;
  label: string;
  /** What a user must provide, in one phrase, for the "expected ..." part of an error. */
  expects: string;
  /** True when a header row belongs to this format. */
  matches(header: readonly string[]): boolean;
}

export const FORMATS: readonly FormatSpec[] = [
  {
    kind: 'lrt_sessions',
    label: 'LRT session CSV (canonical)',
    expects: `an LRT session CSV whose header names at least ${LRT_REQUIRED.join(', ')}`,
    matches(header) {
      const { positions } = matchColumns(header, LRT_SESSION_COLUMNS, LRT_ALIASES);
      return LRT_REQUIRED.every((c) => positions.has(c));
    },
  },
];

export function detectFormat(header: readonly string[]): FormatSpec | null {
  return FORMATS.find((f) => f.matches(header)) ?? null;
}

/** The "expected ..." sentence part naming every readable format. */
export function expectedFormats(): string {
  return FORMATS.map((f) => f.expects).join('; or ');
}
