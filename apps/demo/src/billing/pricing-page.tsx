import { PricingTable } from '@billing-kit/react';
import { appUrl } from '../demo-location.ts';
import type { DemoSession, Persona } from '../session/demo-session.ts';
import { OfflineRedirectNotice } from './offline-redirect-notice.tsx';
import { useStripeRedirect } from './use-stripe-redirect.ts';

export function PricingPage({ session, persona }: { session: DemoSession; persona: Persona }) {
  const redirect = useStripeRedirect(session);
  return (
    <section className="demo-panel" aria-labelledby="pricing-heading">
      <h1 id="pricing-heading">Pricing</h1>
      <p className="demo-lede">
        Plans for writers and teams. Credits pay for drafts; packs top them up when a month runs hot.
      </p>
      {redirect.unavailable ? <OfflineRedirectNotice /> : null}
      <PricingTable
        successUrl={appUrl(persona.id, 'billing', 'paid')}
        cancelUrl={appUrl(persona.id, 'pricing')}
        onRedirect={redirect.follow}
      />
    </section>
  );
}
