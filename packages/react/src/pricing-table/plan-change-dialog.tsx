'use client';
import type { Formatters } from '../format.js';
import { ConfirmDialog } from '../internal/confirm-dialog.js';
import type { PricingTableState } from './use-pricing-table.js';

/** Shows Stripe's proration preview before a paid plan change, or what a downgrade to free means. */
export function PlanChangeDialog({ table, format }: { table: PricingTableState; format: Formatters }) {
  const change = table.pendingChange;
  if (!change) return null;
  const errorMessage = table.confirmError?.message ?? table.preview.error?.message ?? null;
  if (change.kind === 'cancel_to_free') {
    const endsAt = table.subscription?.currentPeriodEnd;
    return (
      <ConfirmDialog
        title={`Downgrade to ${change.plan.name}?`}
        confirmLabel={`Downgrade to ${change.plan.name}`}
        onConfirm={() => void table.confirmChange().catch(() => undefined)}
        onCancel={table.dismissChange}
        busy={table.confirming}
        error={errorMessage}
      >
        <p>
          Your subscription is canceled at the end of the billing period
          {endsAt ? ` (${format.date(endsAt)})` : ''}, then your account moves to {change.plan.name}.
        </p>
      </ConfirmDialog>
    );
  }
  const preview = table.preview.data;
  return (
    <ConfirmDialog
      title={`Change to ${change.plan.name}?`}
      confirmLabel="Confirm change"
      onConfirm={() => void table.confirmChange().catch(() => undefined)}
      onCancel={table.dismissChange}
      busy={table.confirming || table.preview.isPending}
      error={errorMessage}
    >
      {preview ? (
        <>
          <p>
            Due now: <strong>{format.money(preview.amountDueNow)}</strong>. Next invoice:{' '}
            {format.money(preview.nextInvoiceTotal)}.
          </p>
          <ul className="bk-dialog__lines">
            {preview.lines.map((line) => (
              <li key={line.description}>
                {line.description}: {format.money(line.amount)}
              </li>
            ))}
          </ul>
        </>
      ) : table.preview.isPending ? (
        <p role="status">Calculating the prorated amount…</p>
      ) : null}
    </ConfirmDialog>
  );
}
