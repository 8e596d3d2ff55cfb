import { BillingApiError } from '@billing-kit/client';
import type { ScenarioName } from '@billing-kit/mocks';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { renderHooksOnMocks } from '../test/render-hooks-on-mocks.js';
import { useSetAutoTopUp, useTrack } from './use-billing-mutations.js';
import { useAutoTopUps, useCredits } from './use-billing-queries.js';

function renderAutoTopUps(scenario: ScenarioName) {
  return renderHooksOnMocks(scenario, () => ({
    autoTopUps: useAutoTopUps(),
    credits: useCredits(),
    track: useTrack(),
    save: useSetAutoTopUp(),
  }));
}

const available = (credits: { balances: { feature: string; available: number }[] } | undefined) =>
  credits?.balances.find((balance) => balance.feature === 'credits')?.available;

describe('auto top-up hooks', () => {
  test('a track that crosses the threshold refreshes the attempts and the credits it bought', async () => {
    const { result } = renderAutoTopUps('pro_near_quota');
    await waitFor(() => expect(result.current.autoTopUps.data?.data).toHaveLength(1));
    await waitFor(() => expect(available(result.current.credits.data)).toBe(85));
    await act(() => result.current.track.mutateAsync({ feature: 'credits', amount: 50 }));
    await waitFor(() =>
      expect(result.current.autoTopUps.data?.attempts.map((attempt) => attempt.status)).toEqual(['paid']),
    );
    await waitFor(() => expect(available(result.current.credits.data)).toBe(135));
    expect(result.current.autoTopUps.data?.data[0]).toMatchObject({ usedThisMonth: 1 });
  });

  test('saving it back on refreshes the setting and the credits bought at once', async () => {
    const { result } = renderAutoTopUps('top_up_capped');
    await waitFor(() => expect(result.current.autoTopUps.data?.data[0]?.enabled).toBe(true));
    await act(() =>
      result.current.save.mutateAsync({
        feature: 'credits',
        enabled: false,
        packId: 'credits_50',
        threshold: 25,
        maxPerMonth: 3,
      }),
    );
    await waitFor(() => expect(result.current.autoTopUps.data?.data[0]?.enabled).toBe(false));
    await act(() =>
      result.current.save.mutateAsync({
        feature: 'credits',
        enabled: true,
        packId: 'credits_50',
        threshold: 25,
        maxPerMonth: 3,
      }),
    );
    await waitFor(() => expect(available(result.current.credits.data)).toBe(62));
    expect(result.current.autoTopUps.data?.data[0]).toMatchObject({ enabled: true, usedThisMonth: 3 });
  });

  test('turning it on without a card fails with a conflict, and nothing is cached as saved', async () => {
    const { result } = renderAutoTopUps('free');
    await waitFor(() => expect(result.current.autoTopUps.data).toBeDefined());
    const error = await act(() =>
      result.current.save
        .mutateAsync({
          feature: 'credits',
          enabled: true,
          packId: 'credits_50',
          threshold: 2,
          maxPerMonth: 1,
        })
        .catch((caught: unknown) => caught),
    );
    expect(error).toBeInstanceOf(BillingApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict' });
    expect(result.current.autoTopUps.data?.data).toEqual([]);
  });
});
