import { composeStories } from '@storybook/react-vite';
import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';
import { expectNoAxeViolations } from '../test/axe.js';
import { createFakeStripe } from '../test/fake-stripe.js';
import * as stories from './pricing-table.stories.js';

const { FreeUser, ProSubscriber, Trialing, Enterprise, Loading, ServerError, EmbeddedCheckout } =
  composeStories(stories);
const inGerman = composeStories(stories, { initialGlobals: { locale: 'de-DE' } });

async function show(Story: typeof FreeUser, args: Partial<Parameters<typeof FreeUser>[0]> = {}) {
  await Story.load();
  return render(<Story {...args} />);
}

describe('PricingTable', () => {
  test('a free user sees every plan with the right action, and the yearly saving', async () => {
    const { container } = await show(FreeUser);
    const card = async (name: string) => within(await screen.findByRole('listitem', { name }));
    expect((await card('Free')).getByRole('button', { name: 'Current plan' })).toBeDisabled();
    expect((await card('Pro')).getByRole('button', { name: 'Start free trial' })).toBeEnabled();
    expect((await card('Starter')).getByRole('button', { name: 'Subscribe' })).toBeEnabled();
    expect((await card('Enterprise')).getByRole('link', { name: 'Contact sales' })).toHaveAttribute(
      'href',
      'mailto:sales@example.com',
    );
    expect((await card('Pro')).getByText('$39.00')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Yearly — save 17%' })).not.toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: /Yearly/ }));
    expect((await card('Pro')).getByText('$390.00')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Credit packs' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Buy 250 credits' })).toBeEnabled();
    await expectNoAxeViolations(container);
  });

  test('plan cards say the rollover and what each feature priced in credits costs', async () => {
    await show(FreeUser);
    const pro = within(await screen.findByRole('listitem', { name: 'Pro' }));
    expect(pro.getByText('Unused credits roll over (up to 200)')).toBeInTheDocument();
    expect(pro.getByText('Images: 5 credits each')).toBeInTheDocument();
    expect(pro.getByText('Messages: 1 credit each')).toBeInTheDocument();
    const starter = within(screen.getByRole('listitem', { name: 'Starter' }));
    expect(starter.queryByText(/roll over/)).not.toBeInTheDocument();
  });

  test('choosing a trial starts checkout and redirects to Stripe (the story’s play)', async () => {
    const { container } = await show(FreeUser);
    await FreeUser.play?.({ canvasElement: container });
    expect(FreeUser.args.onRedirect).toHaveBeenCalledTimes(1);
  });

  test('an upgrade shows the proration preview and, confirmed, becomes the current plan', async () => {
    const { container } = await show(ProSubscriber);
    await ProSubscriber.play?.({ canvasElement: container });
    const ultimate = within(screen.getByRole('listitem', { name: 'Ultimate' }));
    expect(ultimate.getByRole('button', { name: 'Current plan' })).toBeDisabled();
    expect(
      within(screen.getByRole('listitem', { name: 'Pro' })).getByRole('button', { name: 'Downgrade' }),
    ).toBeEnabled();
  });

  test('the preview dialog is a labelled modal that Escape closes, returning focus', async () => {
    await show(ProSubscriber);
    const upgrade = within(await screen.findByRole('listitem', { name: 'Creator' })).getByRole('button', {
      name: 'Upgrade',
    });
    await userEvent.click(upgrade);
    const dialog = await screen.findByRole('dialog', { name: 'Change to Creator?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(upgrade).toHaveFocus();
  });

  test('downgrading to free explains the period end and cancels at it', async () => {
    await show(ProSubscriber);
    await userEvent.click(
      within(await screen.findByRole('listitem', { name: 'Free' })).getByRole('button', {
        name: 'Downgrade',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Downgrade to Free?' });
    expect(dialog).toHaveTextContent(/canceled at the end of the billing period/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Downgrade to Free' }));
    await expect.poll(() => screen.queryByRole('dialog')).toBeNull();
  });

  test('add-ons already on the subscription are marked added; others are added in place', async () => {
    await show(ProSubscriber);
    expect(await screen.findByRole('button', { name: 'Extra storage added' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Add Priority support' }));
    expect(await screen.findByRole('button', { name: 'Priority support added' })).toBeDisabled();
  });

  test('a trialing account sees its plan as current', async () => {
    await show(Trialing);
    expect(
      within(await screen.findByRole('listitem', { name: 'Pro' })).getByRole('button', {
        name: 'Current plan',
      }),
    ).toBeDisabled();
  });

  test('enterprise is current for an enterprise account', async () => {
    await show(Enterprise);
    expect(
      within(await screen.findByRole('listitem', { name: 'Enterprise' })).getByRole('button', {
        name: 'Current plan',
      }),
    ).toBeDisabled();
  });

  test('loading and error states', async () => {
    await show(Loading);
    expect(screen.getByRole('status')).toHaveTextContent('Loading plans…');
    await show(ServerError);
    expect(await screen.findByRole('alert')).toHaveTextContent('Plans could not be loaded.');
  });

  test('embedded checkout mounts Stripe with the session’s client secret, and closing destroys it', async () => {
    const fake = createFakeStripe();
    await EmbeddedCheckout.load();
    render(<EmbeddedCheckout stripe={fake.stripe} />);
    await userEvent.click(
      within(await screen.findByRole('listitem', { name: 'Pro' })).getByRole('button', {
        name: 'Start free trial',
      }),
    );
    const checkout = await screen.findByRole('region', { name: 'Checkout' });
    await expect.poll(() => fake.mounted.length).toBe(1);
    expect(fake.created[0]?.clientSecret).toMatch(/^cs_/);
    expect(checkout).toContainElement(fake.mounted[0] ?? null);
    await userEvent.click(within(checkout).getByRole('button', { name: 'Close checkout' }));
    expect(screen.queryByRole('region', { name: 'Checkout' })).not.toBeInTheDocument();
    await expect.poll(() => fake.destroyed).toBe(1);
  });

  test('prices follow the locale and currency (de-DE shows euros)', async () => {
    await inGerman.FreeUser.load();
    render(<inGerman.FreeUser />);
    const pro = within(await screen.findByRole('listitem', { name: 'Pro' }));
    expect(pro.getByText((text) => text.replace(/\u00a0/g, ' ') === '36,00 €')).toBeInTheDocument();
  });

  test('embedded mode without a Stripe promise is a setup error, said plainly', async () => {
    await FreeUser.load();
    const quiet = console.error;
    console.error = () => undefined;
    try {
      expect(() => render(<FreeUser checkoutMode="embedded" />)).toThrow(/needs the `stripe` prop/);
    } finally {
      console.error = quiet;
    }
  });
});
