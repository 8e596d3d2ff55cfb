import { type PersonaId, personaDefinition } from '../personas.js';
import { payOnHostedCheckout } from './hosted-checkout.js';
import { type SeedContext, unixSeconds } from './seed-context.js';

/**
 * Opens the persona's account as its first sign-in would, and gives it a Stripe customer on its own test
 * clock starting at `at`. The server creates customers itself on first checkout, without a clock, and has
 * no API to adopt one, so the customer is linked in the accounts table the way the server's own test-clock
 * integration test does (`billing-clock.test.ts`). The customer's metadata names the account as well.
 */
export async function openPersonaCustomer(
  context: SeedContext,
  personaId: PersonaId,
  at: Date,
  paymentMethod?: string,
): Promise<string> {
  const persona = personaDefinition(personaId);
  const accountId = persona.accountId;
  if (!accountId) throw new Error(`${personaId} has no account`);
  context.time.pin(at);
  await context.call({ token: context.tokens[personaId] }, '/me');
  const clock = await context.stripe.testHelpers.testClocks.create({
    frozen_time: unixSeconds(at),
    name: `demo ${personaId}`,
  });
  context.clocks[personaId] = clock.id;
  const customer = await context.stripe.customers.create({
    test_clock: clock.id,
    name: persona.name,
    email: persona.email,
    metadata: { account_id: accountId },
    ...(paymentMethod
      ? { payment_method: paymentMethod, invoice_settings: { default_payment_method: paymentMethod } }
      : {}),
  });
  await context.database.query(
    'UPDATE accounts SET stripe_customer_id = $2, updated_at = now() WHERE id = $1 AND stripe_customer_id IS NULL',
    [accountId, customer.id],
  );
  return customer.id;
}

type CheckoutItem =
  | { kind: 'plan'; planId: string; interval: 'month' | 'year' }
  | { kind: 'credit_pack'; packId: string; quantity: number };

/** Buys through the server's checkout and the emulator's hosted page, as the demo UI does. */
export async function buyThroughCheckout(
  context: SeedContext,
  personaId: PersonaId,
  item: CheckoutItem,
): Promise<void> {
  const { accountId } = personaDefinition(personaId);
  const session = await context.call<{ url: string }>(
    { token: context.tokens[personaId] },
    `/accounts/${accountId}/checkout`,
    {
      json: {
        item,
        successUrl: `${context.origin}/account?checkout=success`,
        cancelUrl: `${context.origin}/pricing?checkout=canceled`,
      },
    },
  );
  await payOnHostedCheckout(session.url);
  await context.emulator.waitForDeliveries();
}

/**
 * Enterprise is "contact sales": the catalog gives it no price, so a signed contract is a custom Stripe
 * price on its own product. The mirror learns which plan a subscription is on from the `prices` table, so
 * the contract price is recorded there as the enterprise plan's (catalog sync later marks it inactive,
 * which only keeps it out of checkout — exactly right for a negotiated price).
 */
export async function signEnterpriseContract(context: SeedContext, customerId: string): Promise<void> {
  const { accountId } = personaDefinition('enterprise');
  const lookupKey = 'demo_enterprise_contract_globex_month_usd';
  const product = await context.stripe.products.create({
    name: 'Enterprise — Globex contract',
    metadata: { demo: 'enterprise_contract' },
  });
  const price = await context.stripe.prices.create({
    product: product.id,
    currency: 'usd',
    unit_amount: 150_000,
    recurring: { interval: 'month' },
    lookup_key: lookupKey,
  });
  await context.database.query(
    `INSERT INTO prices (lookup_key, owner_kind, owner_id, currency, unit_amount, billing_interval, stripe_price_id)
     VALUES ($1, 'plan', 'enterprise', 'USD', 150000, 'month', $2)
     ON CONFLICT (lookup_key) DO UPDATE SET stripe_price_id = $2`,
    [lookupKey, price.id],
  );
  await context.stripe.subscriptions.create({
    customer: customerId,
    items: [{ price: price.id }],
    metadata: { account_id: accountId ?? '' },
  });
  await context.emulator.waitForDeliveries();
}

/** The past-due story: the card on file starts declining (Stripe's `pm_card_chargeCustomerFail`). */
export async function switchToFailingCard(context: SeedContext, customerId: string): Promise<void> {
  const card = await context.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', {
    customer: customerId,
  });
  await context.stripe.customers.update(customerId, {
    invoice_settings: { default_payment_method: card.id },
  });
  for (const subscription of (await context.stripe.subscriptions.list({ customer: customerId })).data) {
    await context.stripe.subscriptions.update(subscription.id, { default_payment_method: card.id });
  }
}
