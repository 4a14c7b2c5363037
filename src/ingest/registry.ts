import type { FileKind } from './ingest-report.ts';
import type { Adapter, LineAdapter, TableAdapter } from './adapters/adapter.ts';
import { KIND_LABELS } from './kinds.ts';
import { lrtSessionsAdapter } from './adapters/lrt-sessions.ts';
import { usageReportAdapter } from './adapters/usage-report.ts';
import { seatUsageAdapter, tokenUsageAdapter } from './adapters/day-usage.ts';
import { subscriptionsAdapter, usersAdapter } from './adapters/accounts.ts';
import { tokenFlexAdapter } from './adapters/token-flex.ts';
import { flexnetLogAdapter } from './adapters/flexnet-log.ts';
import { lmstatAdapter } from './adapters/lmstat.ts';
import { loginMapAdapter } from './adapters/login-map.ts';

/** Every format the analyzer reads. Table formats compete on how well a header fits; logs are told by their lines. */
export const ADAPTERS: readonly Adapter[] = [
  lrtSessionsAdapter, usageReportAdapter, seatUsageAdapter, tokenUsageAdapter, subscriptionsAdapter, usersAdapter, tokenFlexAdapter, flexnetLogAdapter, lmstatAdapter,
  loginMapAdapter,
];

export function adapterFor(kind: FileKind): Adapter | null {
  return ADAPTERS.find((a) => a.kind === kind) ?? null;
}

/** The table format whose columns fit the header best (by `measure`, its score by default); null when none fits. */
export function bestTableAdapter(header: readonly string[], measure = (adapter: TableAdapter) => adapter.score(header)): TableAdapter | null {
  let best: TableAdapter | null = null;
  let bestScore = 0;
  for (const adapter of ADAPTERS) {
    if (adapter.shape !== 'table') continue;
    const score = measure(adapter);
    if (score > bestScore) [best, bestScore] = [adapter, score];
  }
  return best;
}

export function lineAdapterFor(firstLines: readonly string[]): LineAdapter | null {
  return ADAPTERS.find((a): a is LineAdapter => a.shape === 'lines' && a.detect(firstLines)) ?? null;
}

/** The "expected ..." part of an error sentence, naming every readable format. */
export function expectedFormats(): string {
  const phrases = ADAPTERS.map((a) => a.expects);
  return phrases.length === 1 ? phrases[0]! : `${phrases.slice(0, -1).join('; ')}; or ${phrases.at(-1)}`;
}

export function kindLabel(kind: string | null): string {
  return KIND_LABELS[kind as FileKind] ?? 'not recognised';
}
