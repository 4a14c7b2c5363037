import { getContext, setContext } from 'svelte';
import type { UserTimeline } from '../../engine/api.ts';
import type { TimelineMarks } from '../charts/user-timeline-config.ts';
import type { SeriesDay } from './strip-layout.ts';

/**
 * What an expanded finding needs to show its evidence in place: a user's assignments and usage days, the days a
 * timeline marks, and a product's daily series against its seats. Set once by the page, read by every findings table.
 */
export interface Evidence {
  timeline(userKey: string): Promise<UserTimeline>;
  marks(): TimelineMarks;
  /** The product's daily named users (or, for `network`, its licence server's daily peak) against its seats. */
  series(product: string, network: boolean): SeriesDay[];
}

const KEY = Symbol('evidence');

export const setEvidence = (evidence: Evidence): void => void setContext(KEY, evidence);

/** The page's evidence, or null where no page set it (a table shown on its own). */
export const getEvidence = (): Evidence | null => getContext<Evidence | undefined>(KEY) ?? null;
