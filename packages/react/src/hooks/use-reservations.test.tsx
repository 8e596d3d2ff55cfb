import { BillingApiError } from '@billing-kit/client';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { renderHooksOnMocks } from '../test/render-hooks-on-mocks.js';
import { useConfirmReservation, useReleaseReservation, useReserve } from './use-billing-mutations.js';
import { useCredits, useReservations } from './use-billing-queries.js';

function renderReservations() {
  return renderHooksOnMocks('free', () => ({
    reserve: useReserve(),
    confirm: useConfirmReservation(),
    release: useReleaseReservation(),
    reservations: useReservations(),
    credits: useCredits(),
  }));
}

const scrapingOf = (
  credits: { balances: { feature: string; available: number; held: number }[] } | undefined,
) => credits?.balances.find((balance) => balance.feature === 'scraping_tasks');

describe('reservation hooks', () => {
  test('reserve, confirm and release refresh the reservations and the balances they hold from', async () => {
    const { result } = renderReservations();
    await waitFor(() => expect(result.current.reservations.data?.data).toEqual([]));
    await waitFor(() => expect(scrapingOf(result.current.credits.data)).toBeDefined());
    const before = scrapingOf(result.current.credits.data)?.available ?? 0;

    const hold = await act(() =>
      result.current.reserve.mutateAsync({ feature: 'scraping_tasks', amount: 10, idempotencyKey: 'job-1' }),
    );
    expect(hold).toMatchObject({ status: 'held', remaining: before - 10 });
    const again = await act(() =>
      result.current.reserve.mutateAsync({ feature: 'scraping_tasks', amount: 10, idempotencyKey: 'job-1' }),
    );
    expect(again.id).toBe(hold.id);
    await waitFor(() =>
      expect(result.current.reservations.data?.data.map((item) => item.id)).toEqual([hold.id]),
    );
    await waitFor(() =>
      expect(scrapingOf(result.current.credits.data)).toMatchObject({ available: before - 10, held: 10 }),
    );

    await act(() => result.current.confirm.mutateAsync({ reservationId: hold.id, amount: 4 }));
    await waitFor(() => expect(result.current.reservations.data?.data).toEqual([]));
    await waitFor(() =>
      expect(scrapingOf(result.current.credits.data)).toMatchObject({ available: before - 4, held: 0 }),
    );

    const other = await act(() =>
      result.current.reserve.mutateAsync({ feature: 'scraping_tasks', amount: 3 }),
    );
    await act(() => result.current.release.mutateAsync({ reservationId: other.id }));
    await waitFor(() => expect(scrapingOf(result.current.credits.data)?.available).toBe(before - 4));
  });

  test('a reservation past the balance fails with insufficient_credits', async () => {
    const { result } = renderReservations();
    await act(async () => {
      await expect(
        result.current.reserve.mutateAsync({ feature: 'scraping_tasks', amount: 1_000_000 }),
      ).rejects.toBeInstanceOf(BillingApiError);
    });
    await waitFor(() => expect(result.current.reserve.error).toMatchObject({ code: 'insufficient_credits' }));
  });
});
