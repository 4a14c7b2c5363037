/** Milliseconds in a UTC day. */
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO day (its first 10 characters), read in UTC. */
export function dayNumber(isoDay: string): number {
  return Math.round(Date.parse(`${isoDay.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** The ISO day (YYYY-MM-DD) of a day number. */
export function isoDay(day: number): string {
  return new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10);
}
