'use client';
import { EmbeddedCheckout, EmbeddedCheckoutProvider } from '@stripe/react-stripe-js';
import type { Stripe } from '@stripe/stripe-js';

export interface EmbeddedCheckoutFrameProps {
  stripe: Promise<Stripe | null> | Stripe | null;
  clientSecret: string;
}

/** Loaded lazily by PricingTable, so hosts that only redirect never bundle Stripe's React bindings. */
export default function EmbeddedCheckoutFrame({ stripe, clientSecret }: EmbeddedCheckoutFrameProps) {
  return (
    <EmbeddedCheckoutProvider stripe={stripe} options={{ clientSecret }}>
      <EmbeddedCheckout className="bk-embedded-checkout__frame" />
    </EmbeddedCheckoutProvider>
  );
}
