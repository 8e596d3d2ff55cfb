'use client';
import { useBillingContext } from '../billing-provider.js';
import { useEntitlements, useReservations } from '../hooks/use-billing-queries.js';
import { EmptyState, ErrorState, Skeleton } from '../internal/query-states.js';

/** Live holds, the oldest first: what each running job keeps back, and when it gives it back on its own. */
export function ReservationList({ accountId }: { accountId: string }) {
  const { format } = useBillingContext('BillingDashboard');
  const reservations = useReservations(accountId);
  // Only for feature names; the dashboard's usage meters read the same query, so this costs no request.
  const entitlements = useEntitlements(accountId);
  if (reservations.isPending) return <Skeleton label="Loading reservations…" rows={1} />;
  if (reservations.isError)
    return (
      <ErrorState message="Reservations could not be loaded." onRetry={() => void reservations.refetch()} />
    );
  if (reservations.data.data.length === 0) return <EmptyState>No jobs are holding credits.</EmptyState>;
  const nameOf = (feature: string) =>
    entitlements.data?.entitlements.find((entitlement) => entitlement.feature === feature)?.name ??
    feature.replace(/_/g, ' ');
  return (
    <table className="bk-table bk-reservations">
      <caption className="bk-visually-hidden">Reservations in progress</caption>
      <thead>
        <tr>
          <th scope="col">Feature</th>
          <th scope="col">Held</th>
          <th scope="col">Started</th>
          <th scope="col">Expires</th>
        </tr>
      </thead>
      <tbody>
        {reservations.data.data.map((reservation) => (
          <tr key={reservation.id}>
            <td>{nameOf(reservation.feature)}</td>
            <td>{format.number(reservation.amount)}</td>
            <td>
              <time dateTime={reservation.createdAt}>{format.dateTime(reservation.createdAt)}</time>
            </td>
            <td>
              <time dateTime={reservation.expiresAt}>{format.dateTime(reservation.expiresAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
