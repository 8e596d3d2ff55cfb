'use client';
import { invalidatedBy, type MutationName, type RequestOptions } from '@billing-kit/client';
import type { RouteInput, RouteOutput, Routes } from '@billing-kit/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAccountId, useBillingContext } from '../billing-provider.js';

/** The route's input without the account (the provider's), and optionally the call's Idempotency-Key. */
type AccountInput<Name extends MutationName> = Omit<RouteInput<Routes[Name]>, 'accountId'> & {
  idempotencyKey?: string | undefined;
};

/**
 * One mutation bound to the provider's account; on success it invalidates exactly the queries the
 * mutation changed (see `invalidatedBy`), nothing more.
 */
function useAccountMutation<Name extends MutationName>(name: Name, consumerName: string, accountId?: string) {
  const { client } = useBillingContext(consumerName);
  const resolvedAccountId = useAccountId(consumerName, accountId);
  const queryClient = useQueryClient();
  const call = client[name] as unknown as (
    input: Record<string, unknown>,
    options?: RequestOptions,
  ) => Promise<RouteOutput<Routes[Name]>>;
  return useMutation({
    mutationKey: ['billing', 'account', resolvedAccountId, name],
    mutationFn: ({ idempotencyKey, ...input }: AccountInput<Name>) =>
      call(
        { ...input, accountId: resolvedAccountId },
        idempotencyKey === undefined ? {} : { idempotencyKey },
      ),
    onSuccess: async () => {
      await Promise.all(
        invalidatedBy(name, { accountId: resolvedAccountId }).map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export const useCheckout = (accountId?: string) =>
  useAccountMutation('createCheckoutSession', 'useCheckout', accountId);
export const usePortal = (accountId?: string) =>
  useAccountMutation('createPortalSession', 'usePortal', accountId);
export const usePreviewPlanChange = (accountId?: string) =>
  useAccountMutation('previewPlanChange', 'usePreviewPlanChange', accountId);
export const useChangePlan = (accountId?: string) =>
  useAccountMutation('changePlan', 'useChangePlan', accountId);
export const useCancelSubscription = (accountId?: string) =>
  useAccountMutation('cancelSubscription', 'useCancelSubscription', accountId);
export const useResumeSubscription = (accountId?: string) =>
  useAccountMutation('resumeSubscription', 'useResumeSubscription', accountId);
export const useAddAddOn = (accountId?: string) => useAccountMutation('addAddOn', 'useAddAddOn', accountId);
export const useRemoveAddOn = (accountId?: string) =>
  useAccountMutation('removeAddOn', 'useRemoveAddOn', accountId);
export const useTrack = (accountId?: string) => useAccountMutation('track', 'useTrack', accountId);

/**
 * Holds units of a metered feature for a long job: `mutate({ feature, amount, ttlSeconds?, idempotencyKey? })`.
 * Give the job's id as `idempotencyKey` so a retry holds once. Past the balance it fails with a
 * `BillingApiError` of code `insufficient_credits`.
 */
export const useReserve = (accountId?: string) => useAccountMutation('reserve', 'useReserve', accountId);
/** Records what a reserved job really used: `mutate({ reservationId, amount })`. */
export const useConfirmReservation = (accountId?: string) =>
  useAccountMutation('confirmReservation', 'useConfirmReservation', accountId);
/** Gives a reservation's units back unused: `mutate({ reservationId })`. */
export const useReleaseReservation = (accountId?: string) =>
  useAccountMutation('releaseReservation', 'useReleaseReservation', accountId);

/**
 * Saves the auto top-up of one feature:
 * `mutate({ feature, enabled, packId, quantity?, threshold, maxPerMonth })`. Turning it on without a saved
 * card fails with a `BillingApiError` of code `conflict`; bad input with `validation_failed` naming the field.
 */
export const useSetAutoTopUp = (accountId?: string) =>
  useAccountMutation('setAutoTopUp', 'useSetAutoTopUp', accountId);

/** Admin: grant or remove credits for any account, with a reason. */
export function useGrantCredits() {
  const { client } = useBillingContext('useGrantCredits');
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RouteInput<Routes['adminGrantCredits']>) => client.adminGrantCredits(input),
    onSuccess: async (_entry, input) => {
      await Promise.all(
        invalidatedBy('adminGrantCredits', input).map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}
