/**
 * Flex against a named-user seat (rulebook 2): the usage days a year at which both cost the same. Below it,
 * Flex tokens are cheaper than the seat.
 */
export function flexBreakEvenDays(currentPrice: number, tokensPerDay: number, tokenPrice: number): number | null {
  const perDay = tokensPerDay * tokenPrice;
  return perDay > 0 ? Math.round((currentPrice / perDay) * 100) / 100 : null;
}

/** Flex cost a year for a number of usage days a year. */
export function flexCostPerYear(usageDaysPerYear: number, tokensPerDay: number, tokenPrice: number): number {
  return Math.round(usageDaysPerYear * tokensPerDay * tokenPrice * 100) / 100;
}
