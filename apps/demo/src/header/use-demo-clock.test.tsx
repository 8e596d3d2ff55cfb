// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import type { DemoSession } from '../session/demo-session.ts';
import { useDemoClock } from './use-demo-clock.ts';

const sessionAt = (mode: DemoSession['mode'], now: string) => ({ mode, now }) as DemoSession;

afterEach(() => {
  vi.useRealTimers();
});

test('live, demo time runs on from the stack’s reading and jumps when time travel says so', () => {
  vi.useFakeTimers({ now: Date.parse('2026-12-02T09:00:00.000Z') });
  const { result } = renderHook(() => useDemoClock(sessionAt('live', '2027-01-10T12:00:00.000Z')));
  expect(result.current[0]).toBe('2027-01-10T12:00:00.000Z');

  act(() => vi.advanceTimersByTime(60_000));
  expect(result.current[0]).toBe('2027-01-10T12:01:00.000Z');

  act(() => result.current[1]('2027-02-10T12:01:00.000Z'));
  expect(result.current[0]).toBe('2027-02-10T12:01:00.000Z');
});

test('offline, the mocks’ clock stands still', () => {
  vi.useFakeTimers({ now: Date.parse('2026-12-02T09:00:00.000Z') });
  const { result } = renderHook(() => useDemoClock(sessionAt('offline', '2026-11-23T12:00:00.000Z')));
  act(() => vi.advanceTimersByTime(3_600_000));
  expect(result.current[0]).toBe('2026-11-23T12:00:00.000Z');
});
