import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { goTo } from '../demo-location.ts';
import type { DemoSession } from '../session/demo-session.ts';

/**
 * Sends the viewer to Stripe. Live, they leave for the emulator's page and come back on the success URL.
 * Offline there is no Stripe: checkout is settled at once, as its webhook would, and the billing page shows it.
 */
export function useStripeRedirect(session: DemoSession) {
  const queryClient = useQueryClient();
  const [unavailable, setUnavailable] = useState(false);
  const follow = (url: string) => {
    const outcome = session.followRedirect(url);
    setUnavailable(outcome === 'unavailable');
    if (outcome === 'checkout_completed') {
      void queryClient.invalidateQueries({ queryKey: ['billing'] });
      goTo('billing', 'paid');
    }
  };
  return { follow, unavailable };
}
