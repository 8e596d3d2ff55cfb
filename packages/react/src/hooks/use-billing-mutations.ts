'use client';
import { invalidatedBy, type MutationName, type RequestOptions } from '@billing-kit/client';
import type { RouteInput, RouteOutput, Routes } from '@billing-kit/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAccountId, useBillingContext } from '../billing-provider.js';

type AccountInput<Name extends MutationName> = Omit<RouteInput<Routes[Name]>, 'accountId'>;

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
    mutationFn: (input: AccountInput<Name>) => call({ ...input, accountId: resolvedAccountId }),
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
