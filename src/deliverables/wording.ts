/** "1 user", "3 users", "1,204 usage days": a count with its noun. */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
