/** The instant every scenario is built around, so stories and screenshots never drift. */
export const DEFAULT_NOW = '2026-11-23T12:00:00.000Z';

/**
 * Named scenarios are written in dates around `DEFAULT_NOW` because they read better that way
 * ("the renewal on 15 November failed"). A store with another clock shifts them all by the same
 * amount, so a trial still has 4 days left.
 */
export function scenarioTime(now: number): (instant: string) => number {
  const shift = now - Date.parse(DEFAULT_NOW);
  return (instant) => Date.parse(instant) + shift;
}
