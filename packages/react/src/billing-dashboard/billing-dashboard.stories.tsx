import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { BillingDashboard } from './billing-dashboard.js';

const meta = {
  title: 'Components/BillingDashboard',
  component: BillingDashboard,
  args: {
    returnUrl: 'https://app.example.com/billing',
    onChangePlan: fn(),
    onRedirect: fn(),
    now: Date.parse('2026-11-23T12:00:00.000Z'),
  },
} satisfies Meta<typeof BillingDashboard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Active: Story = { parameters: { billing: { scenario: 'pro_near_quota' } } };
/** Three jobs in flight: held credits beside the balance, the reservations listed, the meters' held segments. */
export const WithReservations: Story = {
  parameters: { billing: { scenario: 'pro_with_reservations' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const reservations = within(await canvas.findByRole('region', { name: 'Reservations in progress' }));
    const table = await reservations.findByRole('table', { name: 'Reservations in progress' });
    await expect(within(table).getAllByRole('row')).toHaveLength(4);
    await expect(within(table).getByRole('row', { name: /^Credits 30 / })).toBeVisible();
    const credits = within(canvas.getByRole('region', { name: 'Credits' }));
    await expect(credits.getByText('· 42 held')).toBeVisible();
  },
};
export const Trialing: Story = { parameters: { billing: { scenario: 'trialing' } } };
export const PastDue: Story = {
  parameters: { billing: { scenario: 'past_due' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const banner = await canvas.findByRole('alert');
    await userEvent.click(within(banner).getByRole('button', { name: 'Fix payment' }));
    await waitFor(() => expect(args.onRedirect).toHaveBeenCalled());
  },
};
export const Canceling: Story = {
  parameters: { billing: { scenario: 'canceling' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Resume subscription' }));
    await expect(await canvas.findByRole('button', { name: 'Cancel subscription' })).toBeVisible();
  },
};
export const Free: Story = { parameters: { billing: { scenario: 'free' } } };
export const Enterprise: Story = { parameters: { billing: { scenario: 'enterprise' } } };
export const Loading: Story = { parameters: { billing: { scenario: 'slow_network' } } };
export const ServerError: Story = { parameters: { billing: { scenario: 'server_errors' } } };
