import { describe, expect, test } from 'vitest';
import { usageMeterState } from './use-usage-meter.js';

describe('usage meter thresholds', () => {
  test.each([
    [0, 400, 'ok'],
    [319, 400, 'ok'],
    [320, 400, 'warning'],
    [399, 400, 'warning'],
    [400, 400, 'exceeded'],
    [450, 400, 'exceeded'],
    [0, 0, 'exceeded'],
    [10_000, null, 'unlimited'],
  ] as const)('%i of %s is %s', (used, limit, state) => {
    expect(usageMeterState(used, limit)).toBe(state);
  });

  test('the warning threshold is configurable', () => {
    expect(usageMeterState(50, 100, 0.5)).toBe('warning');
    expect(usageMeterState(49, 100, 0.5)).toBe('ok');
  });
});
