'use client';
import { usePortal } from '../hooks/use-billing-mutations.js';
import { useAutoTopUps, useCredits, usePlans } from '../hooks/use-billing-queries.js';
import { ErrorState, Skeleton } from '../internal/query-states.js';
import { AutoTopUpForm } from './auto-top-up-form.js';

export interface AutoTopUpSectionProps {
  accountId: string;
  /** Where the Stripe portal (to update the card after a decline) sends the user back to. */
  returnUrl: string;
  onRedirect: (url: string) => void;
}

/**
 * An auto top-up form for every feature the catalog sells credit packs of, except those unlimited for the
 * account (they never run low).
 */
export function AutoTopUpSection({ accountId, returnUrl, onRedirect }: AutoTopUpSectionProps) {
  const plans = usePlans();
  const autoTopUps = useAutoTopUps(accountId);
  // The dashboard's credit balances read the same query: it costs no request.
  const credits = useCredits(accountId);
  const portal = usePortal(accountId);
  const updateCard = () =>
    void portal
      .mutateAsync({ returnUrl })
      .then((session) => onRedirect(session.url))
      .catch(() => undefined);
  if (plans.isPending || autoTopUps.isPending || credits.isPending)
    return <Skeleton label="Loading auto top-up…" rows={2} />;
  if (plans.isError || autoTopUps.isError) {
    return (
      <ErrorState
        message="Auto top-up could not be loaded."
        onRetry={() => void (plans.isError ? plans.refetch() : autoTopUps.refetch())}
      />
    );
  }
  const { features, creditPacks } = plans.data;
  return (
    <>
      {features.flatMap((feature) => {
        const packs = creditPacks.filter((pack) => pack.feature === feature.key);
        const unlimited = credits.data?.balances.some(
          (balance) => balance.feature === feature.key && balance.unlimited,
        );
        if (packs.length === 0 || unlimited) return [];
        return [
          <AutoTopUpForm
            key={feature.key}
            accountId={accountId}
            feature={feature}
            packs={packs}
            setting={autoTopUps.data.data.find((setting) => setting.feature === feature.key)}
            attempts={autoTopUps.data.attempts}
            onUpdateCard={updateCard}
          />,
        ];
      })}
    </>
  );
}
