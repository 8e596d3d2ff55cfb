import type { AccountActivity, HoldRecord } from './store-types.js';

/** A hold keeps its units while held and before its expiry: it expires by the clock alone. */
export const isLiveHold = (hold: HoldRecord, now: number) => hold.status === 'held' && now < hold.expiresAt;

/**
 * Units of a feature's grants the account's live holds keep, counted as spent by every balance. `costs`
 * names the features whose holds count and what a unit of each costs (a pool's include the features
 * priced in it: a hold of 2 images keeps 10 credits).
 */
export function heldUnits(
  activity: AccountActivity,
  now: number,
  costs: ReadonlyMap<string, number>,
): number {
  return (activity.holds ?? [])
    .filter((hold) => costs.has(hold.feature) && isLiveHold(hold, now))
    .reduce((sum, hold) => sum + hold.amount * (costs.get(hold.feature) ?? 1), 0);
}
