import type { Stripe } from '@stripe/stripe-js';

export interface FakeStripe {
  stripe: Stripe;
  /** Options each embedded checkout was created with (its client secret). */
  created: { clientSecret?: string | null }[];
  mounted: HTMLElement[];
  destroyed: number;
}

/**
 * Stripe.js cannot load on these machines, so embedded checkout is shown and tested with a stand-in that
 * has the surface `@stripe/react-stripe-js` checks and calls, and draws a labelled placeholder.
 */
export function createFakeStripe(): FakeStripe {
  const fake: FakeStripe = { stripe: undefined as unknown as Stripe, created: [], mounted: [], destroyed: 0 };
  const unused = () => {
    throw new Error('not used by embedded checkout');
  };
  const stripe = {
    elements: unused,
    createToken: unused,
    createPaymentMethod: unused,
    confirmCardPayment: unused,
    createEmbeddedCheckoutPage: async (options: { clientSecret?: string | null }) => {
      fake.created.push(options);
      return {
        mount(target: HTMLElement | string) {
          const element = typeof target === 'string' ? document.querySelector<HTMLElement>(target) : target;
          if (!element) return;
          fake.mounted.push(element);
          element.textContent = `Stripe embedded checkout (test double) for ${options.clientSecret ?? 'unknown session'}`;
        },
        unmount() {},
        destroy() {
          fake.destroyed += 1;
        },
      };
    },
  };
  fake.stripe = stripe as unknown as Stripe;
  return fake;
}
