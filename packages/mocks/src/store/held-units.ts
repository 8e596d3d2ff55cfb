import type { AccountActivity, HoldRecord } from './store-types.js';

/** A hold keeps its units while held and before its expiry: it expires by the clock alone. */
export const isLiveHold = (hold: HoldRecord, now: number) => hold.status === 'held' && now < hold.expiresAt;

/** Units of a feature the account's live holds keep: counted as spent by every balance. */
export function heldUnits(activity: AccountActivity, feature: string, now: number): number {
  return (activity.holds ?? [])
    .filter((hold) => hold.feature === feature && isLiveHold(hold, now))
    .reduce((sum, hold) => sum + hold.amount, 0);
}
