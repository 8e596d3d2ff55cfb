import { PricingTable } from '@billing-kit/react';
import { appUrl } from '../demo-location.ts';
import type { DemoSession, Persona } from '../session/demo-session.ts';
import { OfflineRedirectNotice } from './offline-redirect-notice.tsx';
import { useStripeRedirect } from './use-stripe-redirect.ts';

export function PricingPage({ session, persona }: { session: DemoSession; persona: Persona }) {
  const redirect = useStripeRedirect(session);
  return (
    <div className="demo-panel">
      <h1>Pricing</h1>
      <p className="demo-lede">
        Plans for writers and teams. Credits pay for drafts; packs top them up when a month runs hot.
      </p>
      {redirect.unavailable ? <OfflineRedirectNotice /> : null}
      {/* PricingTable's plans are h3s; this keeps the outline h1 → h2 → h3. */}
      <h2 className="demo-visually-hidden">Plans, credit packs and add-ons</h2>
      <PricingTable
        successUrl={appUrl(persona.id, 'billing', 'paid')}
        cancelUrl={appUrl(persona.id, 'pricing')}
        onRedirect={redirect.follow}
      />
    </div>
  );
}
