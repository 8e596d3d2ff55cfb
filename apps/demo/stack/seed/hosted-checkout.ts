import { payHostedCheckout } from '@billing-kit/stripe-emulator';

/** Pays on the emulator's hosted Checkout page as a browser without JavaScript would; throws if refused. */
export async function payOnHostedCheckout(url: string, card = '4242 4242 4242 4242'): Promise<void> {
  const { status } = await payHostedCheckout(url, { card });
  if (status >= 400) throw new Error(`Hosted checkout answered ${status}`);
}
