/** "1 user", "3 users", "1,204 usage days": a count with its noun. */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** A list in a sentence: every item up to `most`, then "and N more". */
export const listOf = (items: readonly string[], most = 10): string =>
  items.length <= most ? items.join(', ') : `${items.slice(0, most).join(', ')} and ${items.length - most} more`;
