import { useId } from 'react';

/** `warning` from 80% of the limit, `exceeded` at 100%; thresholds reach CSS as `data-state`. */
export type UsageMeterState = 'ok' | 'warning' | 'exceeded' | 'unlimited';

export interface UsageMeterOptions {
  used: number;
  /** `null` means unlimited. */
  limit: number | null;
  /** Fraction of the limit at which the meter warns. */
  warningAt?: number;
  /** How the value is read out, e.g. "120 of 400 credits used". */
  valueText: string;
}

export interface UsageMeterResult {
  state: UsageMeterState;
  /** Used over limit, clamped to 0…1; null when unlimited. */
  ratio: number | null;
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
  warningAt = 0.8,
  valueText,
}: UsageMeterOptions): UsageMeterResult {
  const labelId = useId();
  const state = usageMeterState(used, limit, warningAt);
  if (limit === null) {
    return {
      state,
      ratio: null,
      labelId,
      meterProps: {
        role: 'group',
        'aria-labelledby': labelId,
        'data-state': state,
      },
    };
  }
  const ratio = limit === 0 ? 1 : Math.min(1, Math.max(0, used / limit));
  return {
    state,
    ratio,
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
