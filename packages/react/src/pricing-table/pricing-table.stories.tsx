import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { createFakeStripe } from '../test/fake-stripe.js';
import { PricingTable } from './pricing-table.js';

const meta = {
  title: 'Components/PricingTable',
  component: PricingTable,
  args: {
    successUrl: 'https://app.example.com/billing?checkout=success',
    cancelUrl: 'https://app.example.com/pricing',
    onRedirect: fn(),
  },
} satisfies Meta<typeof PricingTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const FreeUser: Story = {
  parameters: { billing: { scenario: 'free' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('radio', { name: /yearly/i }));
    const pro = await canvas.findByRole('listitem', { name: 'Pro' });
    await userEvent.click(within(pro).getByRole('button', { name: 'Start free trial' }));
    await waitFor(() => expect(args.onRedirect).toHaveBeenCalledWith(expect.stringContaining('http')));
  },
};

export const ProSubscriber: Story = {
  parameters: { billing: { scenario: 'pro_near_quota' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const ultimate = await canvas.findByRole('listitem', { name: 'Ultimate' });
    await userEvent.click(within(ultimate).getByRole('button', { name: 'Upgrade' }));
    const dialog = await canvas.findByRole('dialog', { name: 'Change to Ultimate?' });
    await within(dialog).findByText(/Due now/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm change' }));
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull(), { timeout: 5_000 });
    await waitFor(() =>
      expect(canvas.getByRole('listitem', { name: 'Ultimate' })).toHaveAttribute('data-current', 'true'),
    );
  },
};

/** Embedded checkout with a stand-in for Stripe.js (it cannot load offline); hosts pass `loadStripe(pk)`. */
export const EmbeddedCheckout: Story = {
  args: { checkoutMode: 'embedded', stripe: createFakeStripe().stripe },
  parameters: { billing: { scenario: 'free' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const pro = await canvas.findByRole('listitem', { name: 'Pro' });
    await userEvent.click(within(pro).getByRole('button', { name: 'Start free trial' }));
    const checkout = await canvas.findByRole('region', { name: 'Checkout' });
    await waitFor(() => expect(checkout).toHaveTextContent(/Stripe embedded checkout/));
  },
};

export const Trialing: Story = { parameters: { billing: { scenario: 'trialing' } } };
export const Enterprise: Story = { parameters: { billing: { scenario: 'enterprise' } } };
export const Loading: Story = { parameters: { billing: { scenario: 'slow_network' } } };
export const ServerError: Story = { parameters: { billing: { scenario: 'server_errors' } } };
