'use client';
import { useAccountId, useBillingContext } from '../billing-provider.js';
import { UsageMeters } from '../usage-meter/usage-meters.js';
import { AutoTopUpSection } from './auto-top-up-section.js';
import { CreditBalances } from './credit-balances.js';
import { InvoiceList } from './invoice-list.js';
import { PurchaseList } from './purchase-list.js';
import { ReservationList } from './reservation-list.js';
import { SubscriptionPanel } from './subscription-panel.js';

export type BillingDashboardSlot = 'root' | 'section';

export interface BillingDashboardProps {
  accountId?: string;
  /** Where the Stripe portal sends the user back to. */
  returnUrl: string;
  /** Shows a "Change plan" action; typically navigates to your pricing page. */
  onChangePlan?: () => void;
  onRedirect?: (url: string) => void;
  /** The current instant, for trial countdowns; pass one for stable screenshots. */
  now?: number;
  /** Invoices and purchases per page. */
  pageSize?: number;
  className?: string;
  classNames?: Partial<Record<BillingDashboardSlot, string>>;
}

/**
 * Status, plan and actions, credits with their expiry (rolled-over grants apart) and what running jobs
 * hold, auto top-up of each feature sold in packs, usage, invoices and purchases, in one view.
 */
export function BillingDashboard({
  accountId,
  returnUrl,
  onChangePlan,
  onRedirect,
  now,
  pageSize = 10,
  className,
  classNames = {},
}: BillingDashboardProps) {
  const { theme } = useBillingContext('BillingDashboard');
  const resolvedAccountId = useAccountId('BillingDashboard', accountId);
  const redirect = onRedirect ?? ((url: string) => window.location.assign(url));
  const sectionClass = ['bk-dashboard__section', classNames.section].filter(Boolean).join(' ');
  return (
    <div
      className={['bk-dashboard', className, classNames.root].filter(Boolean).join(' ')}
      data-bk-theme={theme}
    >
      <div className={sectionClass}>
        <SubscriptionPanel
          accountId={resolvedAccountId}
          returnUrl={returnUrl}
          onChangePlan={onChangePlan}
          onRedirect={redirect}
          now={now ?? Date.now()}
        />
      </div>
      <section className={sectionClass} aria-labelledby="bk-credits-heading">
        <h2 id="bk-credits-heading">Credits</h2>
        <CreditBalances accountId={resolvedAccountId} />
        <section className="bk-dashboard__subsection" aria-labelledby="bk-reservations-heading">
          <h3 id="bk-reservations-heading">Reservations in progress</h3>
          <ReservationList accountId={resolvedAccountId} />
        </section>
        <AutoTopUpSection accountId={resolvedAccountId} returnUrl={returnUrl} onRedirect={redirect} />
      </section>
      <section className={sectionClass} aria-labelledby="bk-usage-heading">
        <h2 id="bk-usage-heading">Usage</h2>
        <UsageMeters accountId={resolvedAccountId} />
      </section>
      <section className={sectionClass} aria-labelledby="bk-invoices-heading">
        <h2 id="bk-invoices-heading">Invoices</h2>
        <InvoiceList accountId={resolvedAccountId} pageSize={pageSize} />
      </section>
      <section className={sectionClass} aria-labelledby="bk-purchases-heading">
        <h2 id="bk-purchases-heading">Purchases</h2>
        <PurchaseList accountId={resolvedAccountId} pageSize={pageSize} />
      </section>
    </div>
  );
}
