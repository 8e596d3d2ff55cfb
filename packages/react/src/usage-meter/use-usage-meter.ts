import { useId } from 'react';

/** `warning` from 80% of the limit, `exceeded` at 100%; thresholds reach CSS as `data-state`. */
export type UsageMeterState = 'ok' | 'warning' | 'exceeded' | 'unlimited';

export interface UsageMeterOptions {
  used: number;
  /** `null` means unlimited. */
  limit: number | null;
  /**
   * Units reserved for jobs in flight: neither used nor available. They count toward `state` (a hold
   * takes what the next job could have used) but not toward `aria-valuenow`, which stays what was used.
   */
  held?: number;
  /** Fraction of the limit at which the meter warns. */
  warningAt?: number;
  /** How the value is read out, e.g. "120 of 400 credits used, 30 held". */
  valueText: string;
}

export interface UsageMeterResult {
  state: UsageMeterState;
  /** Used over limit, clamped to 0…1; null when unlimited. */
  ratio: number | null;
  held: number;
  /** Held over limit, clamped so that `ratio + heldRatio` stays within 1; null when unlimited. */
  heldRatio: number | null;
  labelId: string;
  meterProps: {
    role: 'meter' | 'group';
    'aria-labelledby': string;
    'aria-valuenow'?: number;
    'aria-valuemin'?: number;
    'aria-valuemax'?: number;
    /** Only on a meter; an unlimited feature is a group whose visible value is read as text. */
    'aria-valuetext'?: string;
    'data-state': UsageMeterState;
  };
}

export function usageMeterState(used: number, limit: number | null, warningAt = 0.8): UsageMeterState {
  if (limit === null) return 'unlimited';
  if (used >= limit) return 'exceeded';
  return used / limit >= warningAt ? 'warning' : 'ok';
}

/** ARIA and values for one meter, no markup (react-aria's useMeter in spirit). */
export function useUsageMeter({
  used,
  limit,
  held = 0,
  warningAt = 0.8,
  valueText,
}: UsageMeterOptions): UsageMeterResult {
  const labelId = useId();
  const state = usageMeterState(used + held, limit, warningAt);
  if (limit === null) {
    return {
      state,
      ratio: null,
      held,
      heldRatio: null,
      labelId,
      meterProps: {
        role: 'group',
        'aria-labelledby': labelId,
        'data-state': state,
      },
    };
  }
  const ratio = limit === 0 ? 1 : Math.min(1, Math.max(0, used / limit));
  const heldRatio = limit === 0 ? 0 : Math.min(1 - ratio, Math.max(0, held / limit));
  return {
    state,
    ratio,
    held,
    heldRatio,
    labelId,
    meterProps: {
      role: 'meter',
      'aria-labelledby': labelId,
      'aria-valuenow': Math.min(used, limit),
      'aria-valuemin': 0,
      'aria-valuemax': limit,
      'aria-valuetext': valueText,
      'data-state': state,
    },
  };
}
