'use client';
import { useAutoTopUps, usePlans } from '../hooks/use-billing-queries.js';
import { ErrorState, Skeleton } from '../internal/query-states.js';
import { AutoTopUpForm } from './auto-top-up-form.js';

/** An auto top-up form for every feature the catalog sells credit packs of. */
export function AutoTopUpSection({ accountId }: { accountId: string }) {
  const plans = usePlans();
  const autoTopUps = useAutoTopUps(accountId);
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
          />,
        ];
      })}
    </>
  );
}
