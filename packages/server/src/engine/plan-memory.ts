import type { PlanRows } from './account-plan.js';

/**
 * The plan rows an engine last saw per account, so a track group need not read them in a statement of its
 * own. Never trusted on its own: the track function reads the rows again under the lock, and a group whose
 * plan changed since writes nothing and runs again under the new rows (`PlanChanged`), so
 * a webhook applied by another process, or a row written by hand, counts from the next group on, as when
 * every group read its plan first. Bounded: the account seen longest ago is forgotten first.
 */
export interface PlanMemory {
  recall(accountId: string): PlanRows | undefined;
  remember(accountId: string, planRows: PlanRows): void;
}

export function createPlanMemory(max = 10_000): PlanMemory {
  const remembered = new Map<string, PlanRows>();
  return {
    recall(accountId) {
      const planRows = remembered.get(accountId);
      if (planRows) {
        remembered.delete(accountId);
        remembered.set(accountId, planRows);
      }
      return planRows;
    },
    remember(accountId, planRows) {
      remembered.delete(accountId);
      remembered.set(accountId, planRows);
      if (remembered.size > max) remembered.delete(remembered.keys().next().value as string);
    },
  };
}

/** Thrown inside a group's transaction when the plan rows it was given are no longer the account's. */
export class PlanChanged extends Error {
  constructor() {
    super('The account plan changed since it was remembered');
  }
}
