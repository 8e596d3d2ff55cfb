import { BillingDashboard } from '@billing-kit/react';
import { appUrl, goTo } from '../demo-location.ts';
import type { DemoSession, Persona } from '../session/demo-session.ts';
import { OfflineRedirectNotice } from './offline-redirect-notice.tsx';
import { useStripeRedirect } from './use-stripe-redirect.ts';

export interface BillingPageProps {
  session: DemoSession;
  persona: Persona;
  /** The demo clock, so trial countdowns follow time travel. */
  now: string;
  flash: string | null;
}

export function BillingPage({ session, persona, now, flash }: BillingPageProps) {
  const redirect = useStripeRedirect(session);
  return (
    <div className="demo-panel">
      <h1>Billing</h1>
      {flash === 'paid' ? (
        <p role="status" className="demo-notice demo-notice--success">
          Payment received — thank you.
          {session.mode === 'offline' ? ' (Offline, the mocks settled the checkout as Stripe would.)' : ''}
        </p>
      ) : null}
      {redirect.unavailable ? <OfflineRedirectNotice /> : null}
      <BillingDashboard
        returnUrl={appUrl(persona.id, 'billing')}
        onChangePlan={() => goTo('pricing')}
        onRedirect={redirect.follow}
        now={Date.parse(now)}
      />
    </div>
  );
}
