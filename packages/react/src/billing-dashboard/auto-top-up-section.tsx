'use client';
import { usePortal } from '../hooks/use-billing-mutations.js';
import { useAutoTopUps, usePlans } from '../hooks/use-billing-queries.js';
import { ErrorState, Skeleton } from '../internal/query-states.js';
import { AutoTopUpForm } from './auto-top-up-form.js';

export interface AutoTopUpSectionProps {
  accountId: string;
  /** Where the Stripe portal (to update the card after a decline) sends the user back to. */
  returnUrl: string;
  onRedirect: (url: string) => void;
}

/** An auto top-up form for every feature the catalog sells credit packs of. */
export function AutoTopUpSection({ accountId, returnUrl, onRedirect }: AutoTopUpSectionProps) {
  const plans = usePlans();
  const autoTopUps = useAutoTopUps(accountId);
  const portal = usePortal(accountId);
  const updateCard = () =>
    void portal
      .mutateAsync({ returnUrl })
      .then((session) => onRedirect(session.url))
      .catch(() => undefined);
  if (plans.isPending || autoTopUps.isPending) return <Skeleton label="Loading auto top-up…" rows={2} />;
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
        if (packs.length === 0) return [];
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
